"""The privacy layer: Presidio redaction, pseudonyms, the encrypted vault and the model gateway.

Importing the package switches on offline mode before any model library is loaded.
"""

from privacy.offline import enforce_offline

enforce_offline()
