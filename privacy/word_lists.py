"""Everyday words of other languages, shipped as a small list instead of wordfreq's tables.

Name dictionaries hold words that are everyday words abroad ("nada", "claro", "alle"), and
students chat in many languages. Loading wordfreq's tables for thirteen languages costs
300 MB and a second at the first message; the words that matter (Zipf >= 5.3 in any of
them) fit in a 40 kB list. ``python -m privacy.word_lists`` writes it again from wordfreq.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANGUAGES = ("es", "pt", "fr", "de", "it", "nl", "pl", "tr", "vi", "id", "ms", "sv", "ro")
EVERYDAY_ZIPF = 5.3
LIST_PATH = Path(__file__).with_name("everyday_foreign_words.txt")


@lru_cache(maxsize=1)
def everyday_foreign_words() -> frozenset[str]:
    """Lowercase words at least this common (Zipf 5.3) in one of ``LANGUAGES``."""
    return frozenset(LIST_PATH.read_text(encoding="utf-8").split())


def build() -> list[str]:
    """The list, from wordfreq: each language's top words at or above ``EVERYDAY_ZIPF``."""
    from wordfreq import top_n_list, zipf_frequency

    words = {
        word
        for language in LANGUAGES
        for word in top_n_list(language, 4000)
        if word.isalpha() and zipf_frequency(word, language) >= EVERYDAY_ZIPF
    }
    return sorted(words)


if __name__ == "__main__":
    LIST_PATH.write_text("\n".join(build()) + "\n", encoding="utf-8")
    print(f"wrote {LIST_PATH}")
