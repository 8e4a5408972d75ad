"""mentorlens assistant package."""

from privacy.offline import enforce_offline

# Before any model library is imported below this package: they read these at import time.
enforce_offline()
