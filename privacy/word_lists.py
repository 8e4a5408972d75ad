"""Everyday words of other languages, shipped as small lists instead of wordfreq's tables.

Name dictionaries hold words that are everyday words abroad ("nada", "claro", "alle"), and
students chat in many languages. Loading wordfreq's tables for thirteen languages costs
300 MB and a second at the first message; the words that matter fit in two small lists:

* ``everyday_foreign_words.txt``: words at Zipf >= 5.3 in any of the languages (40 kB);
* ``names_that_are_words_abroad.txt``: first names that are also words at Zipf >= 4.0 in
  one of them ("manda", "mija", "nonna", "vale"), so that a lowercase one with no cue is
  taken for the word unless the name is very common (20 kB).

``python -m privacy.word_lists`` writes both again from wordfreq and gender-guesser.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANGUAGES = ("es", "pt", "fr", "de", "it", "nl", "pl", "tr", "vi", "id", "ms", "sv", "ro")
EVERYDAY_ZIPF = 5.3
NAME_WORD_ZIPF = 4.0
LIST_PATH = Path(__file__).with_name("everyday_foreign_words.txt")
NAMES_PATH = Path(__file__).with_name("names_that_are_words_abroad.txt")


@lru_cache(maxsize=1)
def everyday_foreign_words() -> frozenset[str]:
    """Lowercase words at least this common (Zipf 5.3) in one of ``LANGUAGES``."""
    return frozenset(LIST_PATH.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def names_that_are_words_abroad() -> frozenset[str]:
    """First names that are words at Zipf >= 4.0 in one of ``LANGUAGES``."""
    return frozenset(NAMES_PATH.read_text(encoding="utf-8").split())


def _common_words(zipf: float, top: int) -> set[str]:
    from wordfreq import top_n_list, zipf_frequency

    return {
        word
        for language in LANGUAGES
        for word in top_n_list(language, top)
        if word.isalpha() and zipf_frequency(word, language) >= zipf
    }


def build() -> list[str]:
    """The everyday list, from wordfreq: each language's top words at ``EVERYDAY_ZIPF``."""
    return sorted(_common_words(EVERYDAY_ZIPF, 4000))


def build_names() -> list[str]:
    """The names list: gender-guesser's names among each language's words at ``NAME_WORD_ZIPF``."""
    from privacy.recognizers import common_first_names

    names = common_first_names()
    return sorted(w for w in _common_words(NAME_WORD_ZIPF, 30000) if w in names)


if __name__ == "__main__":
    LIST_PATH.write_text("\n".join(build()) + "\n", encoding="utf-8")
    NAMES_PATH.write_text("\n".join(build_names()) + "\n", encoding="utf-8")
    print(f"wrote {LIST_PATH} and {NAMES_PATH}")
