"""Offline by construction: switch off every library habit of fetching from the network.

Imported by :mod:`privacy` before Presidio, transformers or Chroma load, because some of
them read these variables at import time (tldextract builds its extractor on import).
"""

from __future__ import annotations

import os

OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    # Set and empty: tldextract then uses its bundled snapshot instead of downloading.
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def enforce_offline() -> None:
    """Set the offline switches. Idempotent; an explicit HF offline opt-out is overridden."""
    for name, value in OFFLINE_ENV.items():
        os.environ[name] = value
