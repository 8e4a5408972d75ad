"""Everyday words of other languages, shipped as small lists instead of wordfreq's tables.

Name dictionaries hold words that are everyday words abroad ("nada", "claro", "alle"), and
students chat in many languages. Loading wordfreq's tables for thirteen languages costs
300 MB and a second at the first message; the words that matter fit in two small lists:

* ``everyday_foreign_words.txt``: words at Zipf >= 5.3 in any of the languages (40 kB),
  read with the hand-kept ``everyday_words_more_languages.txt`` for languages wordfreq has
  no table for (Haitian Creole, Swahili, Tagalog, romanised Hindi and Bengali...);
* ``names_that_are_words_abroad.txt``: first names that are also words at Zipf >= 4.0 in
  one of them ("manda", "mija", "nonna", "vale"), so that a lowercase one with no cue is
  taken for the word unless the name is very common (20 kB).

A third list widens the first-name dictionary beyond gender-guesser's mostly Western
40,000 names ("kemi", "chidi", "haruto", "harjot"):

* ``given_names_worldwide.txt``: Latin-script first names from nomquamgender (Van Buskirk
  et al. 2023, MIT: names pooled from many national and bibliographic sources), each with
  the number of sources that attest it. Only names attested by several sources and rare
  as English words, and not everyday words in a language wordfreq knows, are kept (about
  32,000, 300 kB).

A fourth holds the surnames of the 1990 US census (public domain, via ``names``) that are
rare as English words:

* ``census_surnames.txt``: about 85,000 surnames ("siddiqui", "okafor"), 660 kB, read in
  a few milliseconds where filtering the census by word frequency took a second.

``python -m privacy.word_lists`` writes all four again from wordfreq, gender-guesser,
nomquamgender and names.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANGUAGES = ("es", "pt", "fr", "de", "it", "nl", "pl", "tr", "vi", "id", "ms", "sv", "ro")
EVERYDAY_ZIPF = 5.3
NAME_WORD_ZIPF = 4.0
# A name counts as a word abroad only when it is this much more common there than in
# English: "vale" is a Portuguese word, "bradley" is as common in Malay text as in English.
NAME_ABROAD_MARGIN = 0.5
LIST_PATH = Path(__file__).with_name("everyday_foreign_words.txt")
NAMES_PATH = Path(__file__).with_name("names_that_are_words_abroad.txt")
WORLD_NAMES_PATH = Path(__file__).with_name("given_names_worldwide.txt")
CENSUS_PATH = Path(__file__).with_name("census_surnames.txt")
# Census surnames at least this common as English words are words first ("young", "brown").
CENSUS_WORD_ZIPF = 3.5
MORE_LANGUAGES_PATH = Path(__file__).with_name("everyday_words_more_languages.txt")
# A name must be attested this often to enter the worldwide list: rarer entries are mostly
# brands and words that once stood in a name field ("chevrolet", "lidar").
WORLD_MIN_SOURCES = 4
WORLD_MIN_COUNT = 10
# ... and be rarer than this as an English word ("tray", "dub" are words first), or than
# the lower bound when few sources attest it ("marriott", "marston" are a hotel and a place).
WORLD_MAX_ZIPF = 3.5
WORLD_FEW_SOURCES = 8
WORLD_FEW_SOURCES_MAX_ZIPF = 2.5
# ... and not be a word this common in any language wordfreq knows in Latin script: the
# list pools name fields, which hold "ako", "niya" (Tagalog), "kar" and "eid" too.
WORLD_WORD_ZIPF = 4.3


@lru_cache(maxsize=1)
def everyday_foreign_words() -> frozenset[str]:
    """Lowercase words at least this common (Zipf 5.3) in one of ``LANGUAGES``, and the
    hand-kept everyday words of languages wordfreq has no table for."""
    more = [
        word
        for line in MORE_LANGUAGES_PATH.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for word in line.split()
    ]
    return frozenset(LIST_PATH.read_text(encoding="utf-8").split()) | frozenset(more)


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
    """The names list: trusted first names among each language's words at ``NAME_WORD_ZIPF``,
    less those no more common abroad than in English ("bradley", "ian"): names everywhere."""
    from wordfreq import zipf_frequency

    from privacy.recognizers import common_first_names

    names = common_first_names()
    return sorted(
        word
        for word in _common_words(NAME_WORD_ZIPF, 30000)
        if word in names
        and max(zipf_frequency(word, language) for language in LANGUAGES)
        >= zipf_frequency(word, "en") + NAME_ABROAD_MARGIN
    )


@lru_cache(maxsize=1)
def worldwide_given_names() -> dict[str, int]:
    """Lowercase first names from many countries, each with its number of sources."""
    names: dict[str, int] = {}
    for line in WORLD_NAMES_PATH.read_text(encoding="utf-8").splitlines():
        name, sources = line.rsplit(" ", 1)
        names[name] = int(sources)
    return names


def build_world_names() -> list[str]:
    """``name sources`` lines: nomquamgender's Latin-script names that gender-guesser lacks."""
    import json
    from importlib.resources import files

    from wordfreq import top_n_list, zipf_frequency

    from privacy.recognizers import gender_guesser_popularity, latin_script

    known = gender_guesser_popularity()
    data = json.loads(files("nomquamgender").joinpath("name_data.json").read_text("utf-8"))
    words = {
        word
        for language in _latin_languages()
        for word in top_n_list(language, 20000)
        if zipf_frequency(word, language) >= WORLD_WORD_ZIPF
    }
    lines = []
    for name, row in sorted(data.items()):
        sources, count = int(row[0]), int(row[1])
        if (
            sources < WORLD_MIN_SOURCES
            or count < WORLD_MIN_COUNT
            or len(name) < 3
            or name != name.lower()
            or name in known
            or name in words
            or not all(c.isalpha() or c in "-'" for c in name)
            or not latin_script(name)
        ):
            continue
        english = zipf_frequency(name, "en")
        if english < WORLD_MAX_ZIPF and (
            sources >= WORLD_FEW_SOURCES or english < WORLD_FEW_SOURCES_MAX_ZIPF
        ):
            lines.append(f"{name} {sources}")
    return lines


@lru_cache(maxsize=1)
def census_surname_list() -> frozenset[str]:
    """The 1990 US census surnames rarer than ``CENSUS_WORD_ZIPF`` as English words."""
    return frozenset(CENSUS_PATH.read_text(encoding="ascii").split())


def build_census() -> list[str]:
    """The census list, from the ``names`` package's 88,799 surnames (public domain)."""
    from importlib.resources import files

    from wordfreq import zipf_frequency

    census = files("names").joinpath("dist.all.last").read_text(encoding="ascii")
    surnames = {line.split(" ", 1)[0].lower() for line in census.splitlines()}
    return sorted(s for s in surnames if zipf_frequency(s, "en") < CENSUS_WORD_ZIPF)


def _latin_languages() -> list[str]:
    """wordfreq's languages, less those whose words are never Latin-script tokens."""
    from wordfreq import available_languages

    return sorted(set(available_languages()) - {"ja", "zh", "ko"})


if __name__ == "__main__":
    LIST_PATH.write_text("\n".join(build()) + "\n", encoding="utf-8")
    # The worldwide list first: the names list draws on the trusted names it adds.
    WORLD_NAMES_PATH.write_text("\n".join(build_world_names()) + "\n", encoding="utf-8")
    NAMES_PATH.write_text("\n".join(build_names()) + "\n", encoding="utf-8")
    CENSUS_PATH.write_text("\n".join(build_census()) + "\n", encoding="ascii")
    print(f"wrote {LIST_PATH}, {NAMES_PATH}, {WORLD_NAMES_PATH} and {CENSUS_PATH}")
