"""Street addresses in the forms a program's people write them, in many countries.

spaCy's small model tags no addresses, and a number-street-suffix regex finds only the US
form. An address here is found in three steps: an *anchor* (the street line: "14 Albion
Road", "Hauptstraße 12", "Calle Mayor 5", "PO Box 4417"), then a *backward* extension over
units and building names written before it ("Flat 3, ", "Unit 2, Kelham Works, "), then a
*forward* extension over the units, places, states and postcodes that follow it (", Leeds
LS6 1AB", ", apto 42, São Paulo - SP, 01304-001"). The gold rule counts the whole
contiguous address, so a street line alone is not enough.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.entities import STREET_ADDRESS
from privacy.recognizers import make_result, word_zipf

_FLAGS = regex.IGNORECASE | regex.UNICODE
_CAP = r"(?-i:\p{Lu})"
# A capitalised word: "Ballyvaughan", "O'Connell", "Saint-Denis", "TP.".
_WORD_CAP = rf"{_CAP}[\p{{L}}\p{{M}}'’.-]*"
_PARTICLE = r"(?:de|del|dela|de la|da|do|dos|das|di|dei|es|y|degli|della|delle|dello|du|des|la|le|el|al|ibn|bin|van|von|der|den|on|upon|the|of|na)"
# House numbers: 42, 42b, 5/22, 8-2-293/82, 2-14-5, 418-III.
_NUM = r"\d{1,6}[a-z]?(?:(?:[-/]\d{1,5}[a-z]?){1,3}|-(?-i:[IVX]{1,4}))?(?:-?\d?(?:hoog|hg|huis))?(?:[ \t]1/2|½)?(?!\d)"
# Suffixes that are also ordinary words need a capitalised street name before them.
_SUFFIX_PLAIN = (
    r"(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|ter|terr|terrace|"
    r"pkwy|parkway|hwy|highway|sq|cir|trl|cres|crescent|gdns|pde|esplanade|parade|expy|fwy|marg|"
    # Typed in a hurry: "640 Beacon stree".
    r"salai|stree|stret|strt|avenu|raod)"
)
_SUFFIX_WORDLIKE = (
    r"(?:way|court|pl|place|square|circle|row|trail|close|gardens|grove|mews|walk|green|hill|"
    r"quay|wharf|rise|view|heights|hts|alley|loop|pike|plaza|path|crossing|cross|trace|meadows)"
)
_POSTDIR = r"(?:\s+(?-i:NE|NW|SE|SW|N|S|E|W)\b\.?)"
_ROAD_NUMBER = r"(?:\s+(?:no\.?\s*)?\d{1,4}(?![\w/:.-]))"  # "County Road 14", "Ave 3"
# A long word with a full stop ends a sentence, not a street name ("Kedzie. no ave").
_NAME_WORDS = (
    r"(?!(?:on|at|in|of|to|for|by|from|min|mins|minutes|hrs|hours|miles|mi|km|blocks)\s)"
    r"(?:(?:[nsew]\.?|north|south|east|west)\s+)?(?:(?!\p{L}{4,}\.\s)[\p{L}\p{M}\d'’.-]+[ \t]+){0,4}?"
)
_CAP_NAME_WORDS = rf"(?:[\p{{L}}\p{{M}}\d'’.-]+\s+){{0,3}}?{_WORD_CAP}\s+"
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|oh|zero)"
)
# The street name in a spoken address: one or two words, none of them a plain word of
# direction ("two blocks down the street").
_SPOKEN_STREET = (
    r"(?:(?!(?:the|a|an|more|blocks?|down|up|on|of|to|from|this|that|other|same|next|one|way|"
    r"side|across|cross|doors?|houses?|miles?|minutes?|mins?|streets?|roads?)\b)[\p{L}'’.-]+\s+){1,3}"
)
_SUFFIX_CAPITAL = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Terrace|Court|Place|Way|Boulevard|Blvd)"
)
_TYPE_FIRST = (
    r"(?:calle|c/|avenida|avda\.?|av\.|av|via|viale|piazza|corso|largo|rua|travessa|alameda|"
    r"jirón|jr\.|ul\.|ulica|aleja|al\.|plac|strada|bulevardul|chemin|allée|quai|impasse|"
    r"cours|rue|praça|estrada|rodovia|paseo|camino|ronda|calzada|avenue|boulevard|bd\.?|"
    r"jalan|jln\.?|jl\.?|rehov|rechov|sderot|derech|pasaje|passage|carrer|passeig|rambla|str\.|strada)"
)
_VIETNAMESE_LANE = r"(?:ngõ|ngo|ngách|hẻm|hem|kiệt)"
_VIETNAMESE_STREET = r"(?:phố|pho|đường|duong)"
_TYPE_AFTER_NUMBER = (
    r"(?:rue|avenue|boulevard|bd|chemin|allée|place|quai|impasse|cours|route|calle|rua|"
    r"avenida|strada|jalan|jln|jl|ffordd|heol|stryd)"
)
_NUMBERED_WAY = r"(?:sector|street|road|block|phase|pocket|cross|main)"
_INDIAN_WAY = r"(?:cross|main|block|stage|phase|sector|street|road|avenue|lane)"
_ROUTE_WORD = r"(?:route|rte|road|rd|highway|hwy|sr|cr|fm)"
_WARD_WORD = r"(?:phường|quận|ward|district|barangay|brgy|col\.|colonia|sector|block)"
_TYPE_FIRST_NAME = rf"(?:{_PARTICLE}\s+)*{_WORD_CAP}(?:\s+(?:{_PARTICLE}|{_WORD_CAP}|(?-i:[IVX]{{1,4}})\b)){{0,5}}?"
_COMPOUND = (
    r"(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|gracht|straat|laan|plein|"
    r"kade|singel|steeg|dijk|vej|gade|gatan|vägen|veien|kai|markt)"
)
_UNIT_WORD = (
    r"(?:flat|apt|apartment|unit|suite|ste|room|rm|house|hse|h\.\s?no|plot|block|blk|lot|door|"
    r"bldg|building|tower|level|rd|rr|box|villa|bât|bat|esc|escalier|app|appt|door\s+no|cpo|msc|"
    r"campus\s+box|mailbox|psc|cmr|office|shop|imm|immeuble|bloco|bloque)"
)
# A unit's number holds a digit, or is one capital letter ("Flat B"): "box is" is no unit.
# Units with no unit word: Hong Kong floors ("2/F"), Singapore units ("#08-12"), floors.
_BARE_UNIT = (
    r"\d{1,2}/(?-i:F)\b|#\d{1,3}-\d{1,4}\b|\d{1,2}(?:st|nd|rd|th)\s+floor\b"
    r"|\d{1,2}(?:e|er|ème)\s+étage\b"
)
_UNIT_PREFIX = rf"(?:{_BARE_UNIT}|{_UNIT_WORD}\.?\s*(?:no\.?\s*)?#?(?:(?=[\w/-]{{0,15}}\d)[\w/-]{{1,16}}|(?-i:[A-Z])\b)|\d[A-Z]\d|(?-i:[A-Z]{{1,2}})(?:-?\d{{1,4}}(?:-\d{{1,4}}){{0,2}}(?:/\d+)?|\s\d{{1,4}}/\d+))"
_POSTCODE = (
    r"(?:\d{5}(?:-\d{4})?"  # US ZIP
    r"|(?-i:[A-Z]\d[A-Z])\s?\d(?-i:[A-Z])\d"  # Canada
    r"|(?-i:[A-Z]{1,2}\d[A-Z\d]?)\s*\d(?-i:[A-Z]{2})"  # UK
    r"|(?-i:[A-Z])\d{2}\s?(?-i:[A-Z\d]{4})"  # Irish Eircode
    r"|\d{4}\s?(?-i:[A-Z]{2})"  # Netherlands
    r"|\d{5}-\d{3}|\d{3}-\d{4}|\d{2}-\d{3}|\d{4}-\d{3}"  # Brazil, Japan, Poland, Portugal
    r"|(?-i:[A-Z])\d{4}(?-i:[A-Z]{3})"  # Argentina
    r"|\d{4,7})(?![\w-])"
)

_BUILDING = (
    rf"(?:{_WORD_CAP}\s+){{1,3}}(?-i:Hall|House|Tower|Towers|Building|Bldg|Court|Residence|"
    r"Residences|Apartments|Centre|Center|Plaza|Complex|Lodge|Villa|Cottage|Manor|Mansions|"
    r"Block|Estate|Commons|Village|Works|Chambers|Arcade|Rectory|Vicarage|Farm|Barn|Mill|Heights|"
    r"Haitsu|Mansion|Residency|Enclave|Society|CHS)(?:\s+\d{1,4}(?-i:[A-Z])?)?"
)
# "Am Markt 3", "Zur Mühle 2": a preposition leads some German street names.
_GERMAN_PREPOSITION = r"(?:Am|An der|Auf der|Auf dem|Im|In der|Zum|Zur)"
# Directions written as part of an address where streets have no numbers to speak of.
_LANDMARK = r"(?:off|opp\.?|opposite|behind|beside|near|next\s+to)[ \t]+"
_ANCHORS: list[tuple[str, str]] = [
    (
        "number, street, suffix",
        rf"(?<![\w/-])(?:(?:new\s+)?no\.?\s*{_NUM},?|{_NUM})[ \t]+(?:{_NAME_WORDS}{_SUFFIX_PLAIN}|{_CAP_NAME_WORDS}{_SUFFIX_WORDLIKE}"
        rf"|(?:[nsew]\.?\s+)?\d{{1,3}}(?:st|nd|rd|th)\s+{_SUFFIX_WORDLIKE})"
        # "540 sq ft" is a size, not a square.
        rf"\b\.?(?!\s*(?:ft|feet|m|meters|metres|mi|km|yd)\b){_ROAD_NUMBER}?{_POSTDIR}?",
    ),
    (
        "spoken number, street, suffix",
        rf"(?<![\w-])(?:{_NUMBER_WORD}[\s-]+){{1,3}}{_NUMBER_WORD}\s+{_SPOKEN_STREET}(?:{_SUFFIX_PLAIN}|{_SUFFIX_WORDLIKE})\b"
        rf"|(?<![\w-]){_NUMBER_WORD}\s+(?:{_WORD_CAP}\s+){{1,2}}(?-i:{_SUFFIX_CAPITAL})\b",
    ),
    (
        "number, street with a romanised Korean suffix",
        rf"(?<![\w/-]){_NUM},?\s+{_WORD_CAP}-(?:ro|gil|daero)\b(?:\s+\d{{1,3}}(?:beon)?-?(?:gil|ro)\b)?",
    ),
    (
        "Turkish street, then No:",
        rf"(?<![\w]){_WORD_CAP}(?:\s+{_WORD_CAP}){{0,2}}\s+(?:cad(?:desi)?|sok(?:ak|ağı)?|sk|bulvarı|blv|mah(?:allesi)?)\.?,?"
        r"\s+no\s*[:.]?\s*\d{1,4}(?:/\d{1,3})?(?:\s+(?:d|daire|kat)\s*[:.]?\s*\d{1,3})?",
    ),
    (
        "Vietnamese house number and street",
        rf"(?<![\w])(?:(?:(?:số|so|{_VIETNAMESE_LANE})\s+\d{{1,4}}(?:/\d{{1,4}})*,?\s+)+|{_NUM}\s+)"
        rf"{_VIETNAMESE_STREET}\s+{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,3}}"
        rf"|(?<![\w]){_VIETNAMESE_LANE}\s+\d{{1,4}}(?:/\d{{1,4}})*\s+{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,3}}",
    ),
    (
        "number, capitalised name, then a unit or box",
        rf"(?<![\w/-])\d{{1,6}}\s+{_WORD_CAP}(?:\s+{_WORD_CAP})?,?\s+"
        r"(?:(?:apt|apartment|unit|suite|ste|box)\.?\s*#?\s*[\w-]{1,5}|#\d{1,3}-\d{1,4}\b|#\s?\d{1,4}[a-z]?\b)",
    ),
    (
        "street type, name, then number",
        rf"(?<![\w])(?:{_TYPE_FIRST})\s+(?:\d{{1,2}}\s+(?={_PARTICLE}\s))?{_TYPE_FIRST_NAME},?\s+(?:n[º°o]\.?\s*|nr\.?\s*|#\s*)?{_NUM}"
        # Ecuador's cross street: "Av. 9 de Octubre 1215 y Rumichaca".
        rf"(?:\s+y\s+{_WORD_CAP}(?:\s+{_WORD_CAP})?)?",
    ),
    (
        "number, then street type and name",
        rf"(?<![\w/-]){_NUM}(?:\s?(?:bis|ter))?,?\s+{_TYPE_AFTER_NUMBER}\s+{_TYPE_FIRST_NAME}"
        r"(?:\s+(?-i:[IVX]{1,4})\b)?(?=[\s,.;:!?)]|$)",
    ),
    (
        "street, suffix, then the number",
        rf"(?<![\w])(?:(?!(?:is|it|its|on|at|the|a|in|to|of|and|near|by|off)\b)[\p{{L}}'’.-]+\s+){{1,3}}?"
        rf"{_SUFFIX_PLAIN}\.?,?\s+(?:number|no\.?|#)?\s*\d{{1,5}}(?![\w/:.-])",
    ),
    (
        "number, name, then a ward or district",
        rf"(?<![\w/-]){_NUM}\s+{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,3}}"
        rf"(?=,\s*(?:{_WARD_WORD}\b|(?-i:[PQ])\.\s?\d))",
    ),
    (
        "grid address: Colombian, or Yucatán with its cross streets",
        r"(?<![\w])(?:carrera|cra\.?|calle|cl\.?|avenida|diagonal|transversal|kr\.?)\s+\d{1,3}[a-z]?"
        r"(?:\s+(?:sur|norte|este|oeste|bis))?\s*(?:#|no\.?|n[º°])\s*\d{1,4}[a-z]?(?:-\d{1,3}|-(?-i:[A-Z])\b)"
        r"(?:\s+(?:x|por|entre)\s+\d{1,3}[a-z]?(?:\s+(?:y|e)\s+\d{1,3}[a-z]?)?)?",
    ),
    (
        "Utah grid address",
        r"(?<![\w/-])\d{1,6}\s+(?-i:[NSEW])\.?\s+\d{2,5}\s+(?-i:[NSEW])\b\.?",
    ),
    (
        "Germanic compound street name, then number",
        rf"(?<![\w-]){_CAP}[\p{{L}}-]*{_COMPOUND}\s+\d{{1,4}}[a-z]?(?:[-/][\dIVX]{{1,4}}){{0,3}}(?:-?(?:bis|ter)\b)?(?:-?\d?(?:hoog|hg|huis))?(?:\s+bus\s+\d{{1,3}})?(?!\d)",
    ),
    (
        "Germanic two-word street, then number",
        rf"(?<![\w-])(?:{_WORD_CAP}\s+(?-i:Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer)|"
        rf"(?-i:{_GERMAN_PREPOSITION})\s+{_WORD_CAP})\s+\d{{1,4}}[a-z]?(?:[-/]\d{{1,4}}){{0,3}}(?!\d)",
    ),
    (
        "unit, then a street without a number",
        rf"(?<![\w])(?:{_UNIT_PREFIX},?\s+)+(?:{_BUILDING},\s+)?"
        rf"(?:\d{{1,2}}(?:st|nd|rd|th)\s+(?:{_WORD_CAP}\s+){{0,3}}|(?:{_WORD_CAP}\s+){{1,5}})"
        rf"(?:{_SUFFIX_PLAIN}|{_SUFFIX_WORDLIKE})\b\.?",
    ),
    (
        "unit, then a numbered sector, street or road",
        rf"(?<![\w])(?:{_UNIT_PREFIX},?\s+)+{_NUMBERED_WAY}\s+(?:no\.?\s*)?\d{{1,3}}[a-z]?\b(?:-?(?-i:[A-Z])\b)?",
    ),
    (
        "unit, then named places ending in a postcode",
        rf"(?<![\w]){_UNIT_PREFIX}"
        rf"(?:,\s+(?:\d{{1,2}}(?:st|nd|rd|th)\s+)?{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,3}}){{1,5}}(?:,|\s+-)?\s+\d{{4,6}}(?!\d)"
        rf"(?:[ \t]+{_WORD_CAP}(?:[ \t]+{_WORD_CAP}){{0,2}})?",
    ),
    (
        "Philippine block and lot",
        r"(?<![\w])(?:blk|block)\.?\s*\d{1,4}[a-z]?,?\s+lot\.?\s*\d{1,4}[a-z]?\b",
    ),
    (
        "plot or stand, then places",
        rf"(?<![\w])(?:plot|stand|erf|lot|villa|maison)\s+(?:no\.?\s*|n[º°]\.?\s*)?\d{{1,6}}[a-z]?(?:\s+block\s+\w{{1,3}})?"
        rf"(?=,\s*(?:{_WORD_CAP}|{_LANDMARK})[^\n,]*,\s*{_WORD_CAP})",
    ),
    (
        "romanised Japanese address, prefecture first",
        rf"(?<![\w-])(?:〒\s?\d{{3}}-\d{{4}}\s+)?(?:{_WORD_CAP}-(?:to|ken|fu|do|shi|ku|cho|machi|gun)\b,?\s+){{1,4}}"
        rf"(?:{_WORD_CAP}\s+)?\d{{1,2}}-\d{{1,2}}(?:-\d{{1,3}})?",
    ),
    (
        "romanised Korean address, city first",
        rf"(?<![\w-])(?:{_WORD_CAP}(?:-(?:si|gu|do|gun|eup|myeon))?,?\s+){{1,3}}{_WORD_CAP}(?:\s+\d{{1,2}})?-(?:ro|gil|daero)"
        r"(?:\s+\d{1,3}(?:beon)?-?(?:gil|ro))?\s+\d{1,4}(?:-\d{1,3})?\b",
    ),
    (
        "pinyin address, ending in its number",
        rf"(?<![\w])(?:{_WORD_CAP}\s+){{1,7}}?\d{{1,5}}\s+(?-i:Hao)\b(?:\s+\d{{1,3}}\s+(?-i:Haolou|Dong|Zhuang)\b)?"
        r"(?:\s+\d{1,5}\s+(?-i:Shi)\b)?",
    ),
    (
        "numbered calle with a block",
        r"(?<![\w])calle\s+\d{1,4}\s+(?:(?:bloque|blq\.?)\s+\d{1,4}[a-z]{0,3}\s+)?#\s?\d{1,4}\b",
    ),
    (
        "Japanese chome address",
        rf"(?<![\w-])\d{{1,2}}[ -]?chome-\d{{1,3}}(?:-\d{{1,3}})?,?\s+{_WORD_CAP}",
    ),
    (
        "number on a numbered route",
        rf"(?<![\w/-])(?-i:[NSEW])?\d{{1,6}}\s+(?:state\s+|county\s+|us\s+|farm\s+)?{_ROUTE_WORD}"
        r"\s+(?:\d{1,4}(?-i:[A-Z]{0,2})|(?-i:[A-Z]{1,2}))\b",
    ),
    (
        "Indian house number, then numbered cross or main",
        rf"(?<![\w])(?:(?:no|door\s+no|h\.?\s?no|plot\s+no)\.?|#)\s*{_NUM},?\s+\d{{1,2}}(?:st|nd|rd|th)\s+"
        rf"{_INDIAN_WAY}\b",
    ),
    (
        "Japanese block-number address",
        rf"(?<![\w-])\d{{1,2}}-\d{{1,2}}-\d{{1,3}}[ \t]+{_WORD_CAP}(?:[ \t]+{_WORD_CAP}){{0,2}}",
    ),
    (
        "Guatemalan numbered avenue or street",
        r"(?<![\w])\d{1,2}a\.?\s+(?:avenida|calle|av\.)\s+\d{1,3}-\d{1,3}\b",
    ),
    (
        "Ethiopian sub-city and woreda",
        rf"(?<![\w]){_WORD_CAP}\s+sub-?city,\s+woreda\s+\d{{1,2}}(?:,\s+(?:kebele\s+\d{{1,2}}|house\s+no\.?\s*\d{{1,5}}))*",
    ),
    (
        "Arabic script address",
        r"(?:(?:عمارة|مبنى|بناية)\s*[\d٠-٩]+[،,]\s*)?(?:[\d٠-٩]+\s+)?شارع\s+[\p{Arabic}\p{M}]+(?:\s[\p{Arabic}\p{M}]+){0,4}"
        r"(?:[،,]\s*[\p{Arabic}\p{M}]+(?:\s[\p{Arabic}\p{M}]+)?){0,3}",
    ),
    (
        "Hebrew script address",
        r"(?:רחוב|רח'|שדרות|שד')\s+\p{Hebrew}+(?:\s\p{Hebrew}+){0,3}\s+\d{1,4}"
        r"(?:,\s*(?:דירה|קומה)\s*\d{1,3})*(?:,\s*\p{Hebrew}+(?:[\s-]\p{Hebrew}+)?)?",
    ),
    (
        "Devanagari script address",
        r"(?:मकान|फ्लैट|प्लॉट|घर)\s*(?:नं|नंबर|सं)\.?\s*[\d०-९]+[\p{Devanagari}\p{M}\d०-९\s.,/-]{0,80}?[\d०-९]{6}",
    ),
    (
        "Thai script address",
        r"\d{1,4}(?:/\d{1,4})?\s+(?:ซอย|ถนน|หมู่)[\p{Thai}\d\s.]{2,80}?\d{5}",
    ),
    (
        # Chicago and other grid cities drop the suffix: "2604 S Kedzie", "1402 W Fullerton".
        "number, direction, name",
        rf"(?<![\w/-])\d{{1,6}}\s+(?-i:[NSEW])\.?\s+{_WORD_CAP}",
    ),
    (
        "military address",
        r"(?<![\w])(?:(?:unit|psc|cmr)\s+\d{1,5},?\s+box\s+\d{1,5}|(?:apo|fpo|dpo)\s+(?:ae|ap|aa)\s+\d{5}(?:-\d{4})?)\b",
    ),
    (
        # "45-B, Block J, Gulberg III, Lahore": Pakistani and Indian house, block and sector.
        "house number with a letter, then a block or sector",
        r"(?<![\w/-])\d{1,4}-?(?-i:[A-Z]),\s+(?:block|sector|phase)\s+(?:\d{1,3}|(?-i:[A-Z]{1,2}))\b",
    ),
    (
        "Taiwanese floor, number, section and road",
        rf"(?<![\w])(?:\d{{1,2}}F\.?(?:-\d)?,\s+)?No\.\s*\d{{1,5}}(?:-\d{{1,4}})?,\s+(?:(?:Aly|Ln)\.\s*\d{{1,4}},\s+)*"
        rf"(?:Sec\.\s*\d,\s+)?{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,3}}\s+(?:Rd|St|Road|Street|Blvd|Ave)\b\.?",
    ),
    (
        "Thai house number, then soi or moo",
        rf"(?<![\w/-]){_NUM}\s+(?:soi|moo|thanon)\s+{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,2}}(?:\s+\d{{1,3}}(?![\w/]))?",
    ),
    (
        "Persian script address",
        r"(?:\p{Arabic}+[،,]\s*){0,2}(?:خیابان|بلوار|کوچه)\s[^\n.]{1,60}?پلاک\s*[\d۰-۹]+"
        r"(?:[،,]\s*(?:واحد|طبقه)\s*[\d۰-۹]+)*",
    ),
    (
        "Cyrillic street, then number",
        rf"(?<![\w])(?:вул|вулиця|ул|улица|просп|проспект|пр-т|бульв|пер|провулок|переулок)\.?\s+"
        rf"{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,2}},?\s+(?:буд\.?\s*|д\.?\s*)?\d{{1,4}}(?:-?\p{{Ll}})?(?!\d)",
    ),
    (
        "po box or rural route",
        r"(?<![\w])(?:(?:cpo|msc|campus\s+box|campus\s+mailbox)\s*#?\s*\d{2,6}|p\.?\s?o\.?\s+box\s+(?:(?-i:[A-Z]{1,3})\s?)?\d{1,6}(?:\s?[-–]\s?\d{3,5})?|(?:rr|r\.r\.|rural route|hc)\s*\d{1,3},?\s+box\s+\d{1,5})\b",
    ),
    (
        "Japanese or Chinese script address",
        r"(?:〒\s?\d{3}-?\d{4}\s*)?[\p{Han}\p{Hiragana}\p{Katakana}]{2,}[都道府県市区]"
        r"[\p{Han}\p{Hiragana}\p{Katakana}\d\-−ー－]*\d[\p{Han}\p{Hiragana}\p{Katakana}\d\-−ー－号]*"
        r"(?:\s*[\p{Katakana}\p{Han}ー]+\s?\d+(?:号室?)?)?",
    ),
    (
        "Korean script address",
        r"\p{Hangul}+(?:시|도)\s+\p{Hangul}+(?:구|군)\s+[\p{Hangul}\d]+(?:로|길)\s*\d+(?:-\d+)?"
        r"(?:,?\s*\d+동)?(?:,?\s*\d+호)?",
    ),
]

_LETTER_RUN = regex.compile(r"[\p{L}\p{M}]+")
_SCRIPT_ANCHORS = frozenset(
    {
        "Japanese or Chinese script address",
        "Korean script address",
        "Persian script address",
        "Cyrillic street, then number",
        "Arabic script address",
        "Hebrew script address",
        "Devanagari script address",
        "Thai script address",
    }
)


def _first_words(alternation: str) -> frozenset[str]:
    """The word each choice of a flat ``(?:st|av\\.|c/)`` pattern starts with: "st", "av", "c"."""
    choices = alternation.removeprefix("(?:").removesuffix(")")
    if "(" in choices:
        raise ValueError(f"not a flat alternation: {alternation}")
    return frozenset(regex.match(r"\p{L}+", choice)[0] for choice in choices.split("|"))


_SUFFIXES = _first_words(_SUFFIX_PLAIN) | _first_words(_SUFFIX_WORDLIKE)
_KOREAN_ROAD_WORDS = frozenset({"ro", "gil", "daero"})
# Words an anchor cannot match without, each set read as "one of these": an anchor whose
# words are all absent is skipped. Each word stands alone in the anchor (a space or the
# start before it, no letter after it), so a message's letter runs always hold it when the
# anchor could match. The word-led anchors are most of the scan time, and most messages
# hold no street word at all.
_ANCHOR_NEEDS: dict[str, tuple[frozenset[str], ...]] = {
    "number, street, suffix": (_SUFFIXES,),
    "spoken number, street, suffix": (_first_words(_NUMBER_WORD), _SUFFIXES),
    "Vietnamese house number and street": (
        _first_words(_VIETNAMESE_LANE) | _first_words(_VIETNAMESE_STREET),
    ),
    "street type, name, then number": (_first_words(_TYPE_FIRST),),
    "number, then street type and name": (_first_words(_TYPE_AFTER_NUMBER),),
    "street, suffix, then the number": (_first_words(_SUFFIX_PLAIN),),
    "unit, then a street without a number": (_SUFFIXES,),
    "unit, then a numbered sector, street or road": (_first_words(_NUMBERED_WAY),),
    "number, name, then a ward or district": (_first_words(_WARD_WORD) | {"p", "q"},),
    "number on a numbered route": (_first_words(_ROUTE_WORD),),
    "Indian house number, then numbered cross or main": (_first_words(_INDIAN_WAY),),
    "Philippine block and lot": (frozenset({"blk", "block"}), frozenset({"lot"})),
    "plot or stand, then places": (frozenset({"plot", "stand", "erf", "lot", "villa", "maison"}),),
    # Every such address names a ward, city or prefecture ("Shibuya-ku", "Osaka-fu"); "-to"
    # and "-do" alone are left out of the gate, being English words.
    "romanised Japanese address, prefecture first": (
        frozenset({"ken", "fu", "shi", "ku", "cho", "machi", "gun"}),
    ),
    "romanised Korean address, city first": (_KOREAN_ROAD_WORDS,),
    "number, street with a romanised Korean suffix": (_KOREAN_ROAD_WORDS,),
    "Turkish street, then No:": (
        frozenset(
            {"cad", "caddesi", "sok", "sokak", "sokağı", "sk", "bulvarı", "blv", "mah", "mahallesi"}
        ),
        frozenset({"no"}),
    ),
    "grid address: Colombian, or Yucatán with its cross streets": (
        frozenset({"carrera", "cra", "calle", "cl", "avenida", "diagonal", "transversal", "kr"}),
    ),
    "Japanese chome address": (frozenset({"chome"}),),
    "pinyin address, ending in its number": (frozenset({"hao"}),),
    "numbered calle with a block": (frozenset({"calle"}),),
    # "PO Box 12", "CPO 4417", "campus mailbox 88", "RR 2, Box 9": each holds one of these.
    "po box or rural route": (frozenset({"box", "cpo", "msc", "campus"}),),
    "number, direction, name": (frozenset({"n", "s", "e", "w"}),),
    "Guatemalan numbered avenue or street": (frozenset({"avenida", "calle", "av"}),),
    "Ethiopian sub-city and woreda": (frozenset({"woreda"}),),
    "military address": (frozenset({"box", "apo", "fpo", "dpo"}),),
    "house number with a letter, then a block or sector": (
        frozenset({"block", "sector", "phase"}),
    ),
    "Taiwanese floor, number, section and road": (frozenset({"no"}),),
    "Thai house number, then soi or moo": (frozenset({"soi", "moo", "thanon"}),),
    "Persian script address": (frozenset({"پلاک"}),),
    "Cyrillic street, then number": (
        frozenset({"вул", "вулиця", "ул", "улица", "просп", "проспект", "пр", "бульв", "пер"}),
        frozenset({"провулок", "переулок"})
        | frozenset({"вул", "вулиця", "ул", "улица", "просп", "проспект", "пр", "бульв", "пер"}),
    ),
}

# Units and building names written before the street line.
_BEFORE = regex.compile(
    rf"(?:(?<![\w]){_UNIT_PREFIX},?\s+(?:{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,3}},\s+)?"
    rf"|(?<![\w]){_BUILDING}(?:,\s+|[ \t]*\n[ \t]*|[ \t]+(?={_UNIT_PREFIX}))"
    r"|(?<![\w])no\.?\s*\d{1,5}[a-z]?,\s+"
    r"|(?<![\w])old[ \t]+no\.?[ \t]*\d{1,5}[a-z]?,[ \t]+(?:new[ \t]+)?"  # "Old No. 12, New No. 27"
    r"|(?<![\w/-])\d{1,4}[-/]\d{1,4},\s+"  # a Glasgow flat "2/1, ", a Korean "302-1104, "
    r"|(?<![\w])(?:near|opp\.?|opposite|behind|beside)[ \t]+[^,\n]{2,40},\s+"
    rf"|(?<![\w])(?:urb\.?|urbanización)\s+{_WORD_CAP}(?:\s+{_WORD_CAP}){{0,3}},\s+)+$",
    _FLAGS,
)
# What may follow the street line, one segment at a time.
_UNIT_AFTER = regex.compile(
    r"\G,?[ \t]*(?:(?:apartment|apt|unit|suite)\s+(?:"
    + _NUMBER_WORD
    + r"[ \t-]+){0,4}"
    + _NUMBER_WORD
    + r"(?:[ \t]+[a-z]\b)?"  # said aloud: "unit twenty three oh four", "apartment two b"
    r"|(?:(?:apartment|apto|apt|depto|dto|suite|stock|ste|unit|floor|fl|level|lvl|room|rm|flat|"
    r"box|bus|piso|int|lok|tür|esq|app|appt|bureau|étage|puerta|pta|daire|kat|dorm|bloco|bloque|"
    r"scala|piano|torre|lt|no|bajo|bj|entlo|ático|atico|ppal|кв|квартира|spc|space|dock|bl|sc|ap|"
    r"et|zona)\b|#)\.?\s*(?:no\.?\s*)?#?[\w/º°ª.-]{1,8}"
    r"|(?:rear|bsmt|basement|upstairs|downstairs)\b"  # "33 Linwood St Rear"
    r"|(?-i:m)\.\s*\d{1,4}|rt\.?\s*\d{1,3}\s*/\s*rw\.?\s*\d{1,3}"
    r"|\d{1,3}(?:st|nd|rd|th)\s+(?:floor|fl)\b"
    # European floors and doors: "3.º Esq.", "2. OG links", "Rgb.", "4t 2a", "3e étage".
    r"|\d{1,2}\.?\s?[ºª°]\.?(?:\s*(?:esq|dto|dta|dir|drt|izq|izda|dcha|der|frente|[a-z])\b\.?)?"
    r"|\d{1,2}\.\s*(?:og|stock|etage|eg|dg)\b(?:\s+(?:links|rechts|mitte|li|re)\b)?"
    r"|(?:rgb|vh|hh|hinterhaus|vorderhaus|seitenflügel)\b\.?"
    r"|\d{1,2}(?:r|n|t|è|a)\s+\d{1,2}(?:a|è)?\b"
    r"|\d{1,2}(?:e|er|ème|eme)\s+étage\b"
    r"|\d{1,4}-dong(?:\s+\d{1,5}-ho)?\b|\(\d{5}\))",
    _FLAGS,
)
_UNIT_AFTER_COMMA = regex.compile(
    rf"\G,\s*(?:\d{{1,3}}(?:º|°|ª|n)\s*(?:[\p{{L}}]{{1,4}}\b\.?|\d?[a-z]{{1,2}}\b)?|level\s+\d{{1,3}}"
    rf"|\d{{1,5}}\s+{_WORD_CAP}(?=,)"  # "360 Huntington Ave, 105 Forsyth, Boston"
    r"|(?-i:[A-Z]{1,2})-?\d{1,4}(?:/\d{1,3})?(?![\w/-])"  # "Street 27, F-7/2, Islamabad"
    r"|(?-i:[PQ])\.\s?\d{1,2}\b"  # Vietnamese wards and districts: "P.22", "Q. 3"
    r"|(?:sector|zona|zone)\s+\d{1,2}\b)",  # Bucharest sectors, Guatemalan zonas
    _FLAGS,
)
# A place word is never the letters of a postcode ("York YO1 6AB").
_PLACE_WORD = rf"(?>{_WORD_CAP})(?![\d])"
_PLACE_AFTER = regex.compile(
    rf"\G(?:,\s*|\s+-\s+|/)(?:co\.\s+|(?:phường|quận|huyện|xã|thành\s+phố|tp\.|p\.|q\.)\s+)?"
    # A full stop after a long word ends the sentence ("Lahore. DHL"); "St. Louis" goes on.
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)\s+)?(?P<first>{_PLACE_WORD})"
    rf"(?:(?<!\p{{L}}{{5}}\.)[ -]+(?:{_PARTICLE}\s+|\d{{1,2}}(?:st|nd|rd|th)\s+)?{_PLACE_WORD}){{0,3}}"
    # A district number, but not the inward half of a UK postcode ("Glasgow G12 8LL").
    rf"(?:\s+(?-i:[A-Z])?\d{{1,3}}(?-i:[A-Z])?(?![\w/-])(?![ \t]\d(?-i:[A-Z]{{2}})\b|[ \t](?-i:[A-Z\d]{{4}})\b))?(?:\s*\({_WORD_CAP}(?:\s+{_WORD_CAP})?\))?",
    _FLAGS,
)
# A state or province code; "HSR Layout" is a place name, not the state "HSR".
_STATE_AFTER = regex.compile(
    r"\G,?\s+(?-i:[A-Z]{2,3})\b\.?(?!\w|\.\p{L})(?![ \t]+(?-i:\p{Lu}\p{Ll}))", _FLAGS
)
_CITY = rf"(?P<first>{_WORD_CAP})(?:[ -]+(?:{_PARTICLE}\s+)?{_WORD_CAP}){{0,2}}"
_CITY_STATE_ZIP = regex.compile(
    rf"\G[ \t]+{_CITY}(?:[ \t]+(?-i:[A-Z]{{2}}))?[ \t]+\d{{5}}(?:-\d{{4}})?(?![\w-])", _FLAGS
)
# "95 Brighton ave appt 12, allston.": a lowercase neighbourhood or city that ends the
# sentence; its words must be rare as English words ("..., lol." is no place).
_LOWER_CITY_END = regex.compile(
    r"\G,[ \t]+(?P<city>(?P<first>(?-i:[a-z]{3,}))(?:[ \t](?-i:[a-z]{3,}))?)"
    r"(?:,?[ \t](?P<state>(?-i:ma|ny|nj|ct|ri|nh|vt|ca|tx|il|fl|ga|nc|va|md|pa|wa|az|mn|oh|mi)))?"
    r"(?=[ \t]*(?:[.!?;]|$))",
    _FLAGS,
)
# A postcode, and the city written after it ("10115 Berlin", "75002 Paris").
_POSTCODE_AFTER = regex.compile(
    rf"\G,?[ \t]*(?:-[ \t]*|(?:c\.?p\.?|pin(?:code)?|plz|zip|postcode)[ \t]*:?[ \t]*)?{_POSTCODE}(?:[ \t]+{_CITY})?",
    _FLAGS,
)
_NEXT_LINE_POSTCODE = regex.compile(
    rf"\G[ \t]*\n[ \t]*(?:{_POSTCODE}[ \t]+{_CITY}"
    rf"|{_CITY}(?:,[ \t]*{_WORD_CAP}(?:[ \t]+{_WORD_CAP})?)?,?[ \t]+(?:(?-i:[A-Z]{{2,3}})[ \t]+)?{_POSTCODE})",
    _FLAGS,
)
# A city after a postcode the unit step took ("Avenida 9 de Julio 1925, C1073 Buenos Aires"),
# when punctuation or the end of the text closes it.
_CITY_AFTER_CODE = regex.compile(
    rf"\G(?<=\d)[ \t]+(?P<first>{_WORD_CAP})(?:[ -]+(?:{_PARTICLE}\s+)?{_WORD_CAP}){{0,2}}"
    r"(?=[ \t]*(?:$|[,.;!?)\n]))",
    _FLAGS,
)
# Directions to the street, written where there are no house numbers to speak of:
# "House 7, Olorunsogo Close, off Ikorodu Road, Ketu".
_LANDMARK_AFTER = regex.compile(
    rf"\G,?[ \t]+{_LANDMARK}(?:(?:{_WORD_CAP}[ \t]+){{1,3}}(?:{_SUFFIX_PLAIN}|{_SUFFIX_WORDLIKE})\b\.?"
    r"|[^,\n]{2,40}(?=,[ \t]*(?-i:\p{Lu}|\d)))",  # "near Ganesh Temple, Indiranagar"
    _FLAGS,
)
# A spoken address goes on to its city, state and spoken ZIP: "... kedzie avenue chicago
# illinois six oh six two nine".
_SPOKEN_PLACE_ZIP = regex.compile(
    r"\G,?[ \t]+(?:(?!(?:and|or|at|to|me|call|then|is|my|her|his|phone|number|please|the)\b)"
    rf"[\p{{L}}'’.-]+[ \t]+){{1,4}}?(?:{_NUMBER_WORD}[ \t-]+){{4,8}}{_NUMBER_WORD}\b",
    _FLAGS,
)
# Lowercase chat: "1187 beacon st apt 3, brookline ma 02446", "12a high st, oxford OX1 4AA".
_LOWER_CITY_ZIP = regex.compile(
    rf"\G,?\s+(?P<first>(?-i:[a-z]+))(?-i:[a-z .]){{0,25}}?,?\s+(?:(?-i:[a-z]{{2}})\.?\s+)?{_POSTCODE}"
    rf"(?:[ \t]+(?-i:\p{{Lu}})[\p{{L}}\p{{M}}'’.-]+)?",
    _FLAGS,
)
# "77 Lakeview Dr in Columbus, OH 43215": the city after "in", when a state and ZIP close it.
_IN_CITY_STATE_ZIP = regex.compile(
    rf"\G[ \t]+in[ \t]+{_CITY},?[ \t]+(?-i:[A-Z]{{2}})[ \t]+\d{{5}}(?:-\d{{4}})?(?![\w-])", _FLAGS
)
_TAIL_STEPS = (
    _IN_CITY_STATE_ZIP,
    _CITY_STATE_ZIP,
    _LOWER_CITY_END,
    _UNIT_AFTER,
    _UNIT_AFTER_COMMA,
    _LOWER_CITY_ZIP,
    _POSTCODE_AFTER,
    _STATE_AFTER,
    _PLACE_AFTER,
    _NEXT_LINE_POSTCODE,
    _LANDMARK_AFTER,
    _SPOKEN_PLACE_ZIP,
    _CITY_AFTER_CODE,
)
# Words that start chat, not a place, after a comma ("42 Elm St, Thanks!").
_NOT_PLACES = frozenset(
    [
        "thanks",
        "thx",
        "cheers",
        "best",
        "regards",
        "see",
        "call",
        "text",
        "please",
        "pls",
        "also",
        "and",
        "but",
        "so",
        "if",
        "i",
        "im",
        "my",
        "the",
        "ok",
        "okay",
        "let",
        "hope",
        "sent",
        "from",
        "tel",
        "phone",
        "mobile",
        "cell",
        "whatsapp",
        "email",
        "direct",
        "fax",
        "dear",
        "hi",
        "hey",
        "yes",
        "no",
        "not",
        "just",
        "can",
        "could",
        "will",
        "would",
        "should",
        "we",
        "you",
        "he",
        "she",
        "they",
        "it",
        "this",
        "that",
        "there",
        "then",
        "when",
        "before",
        "after",
        "because",
        "see",
        "come",
        "pick",
        "ring",
        "drop",
        "meet",
        "mobile",
        "landline",
        "gsm",
        "ph",
        "tel",
        "mob",
        "cell",
        "call",
        "text",
        "whatsapp",
        "festnetz",
        "handy",
        "fone",
    ]
)
_MAX_TAIL = 160
# "3625 S. Figueroa st. apt #310": a unit may follow a suffix's full stop.
_SUFFIX_ABBREVIATION_END = regex.compile(
    r"(?<![\w])(?:st|ave|rd|dr|blvd|ln|ct|pl|hwy|pkwy|ter|cir|sq)\.$", _FLAGS
)
# Words of a lowercase place that ends a sentence must be rarer than this.
_LOWER_PLACE_ZIPF = 3.0
_TEL_AVIV = regex.compile(r"tel[ -]aviv", regex.IGNORECASE)
# A street with no house number ("Church Lane, Little Snoring, Norfolk NR21 0AA") is an
# address only when its tail runs to a postcode; a house name may come before it.
_NUMBERLESS_STREET = regex.compile(
    rf"(?<![\w])(?:{_WORD_CAP}\s+){{1,3}}(?-i:{_SUFFIX_CAPITAL}|Grove|Close|Gardens|Crescent|Row|"
    r"Hill|Mews|Green|Walk|Rise|Square|Parade|Highway|Hwy)\b\.?",
    _FLAGS,
)
# Postcodes no other number looks like (UK, Irish, Canadian): the places written before one
# are the address even with no street or house number ("Cnoc na Gaoithe, Bearna, Co. Galway
# H91 X2K7").
_STRONG_POSTCODE = regex.compile(
    r"(?<![\w])(?:(?-i:[A-Z]{1,2}\d[A-Z\d]?)[ \t]\d(?-i:[A-Z]{2})|(?-i:[A-Z])\d{2}[ \t](?-i:[A-Z\d]{4})"
    r"|(?-i:[A-Z]\d[A-Z])[ \t]\d(?-i:[A-Z])\d)(?![\w-])",
    _FLAGS,
)
_PLACE_CHUNK = rf"(?:{_WORD_CAP}|{_PARTICLE})(?:[ \t]+(?:{_WORD_CAP}|{_PARTICLE})){{0,4}}"
_PLACES_BEFORE_POSTCODE = regex.compile(
    rf"(?<![\w,.])(?:(?:{_PLACE_CHUNK},[ \t]*){{1,4}}(?:{_PLACE_CHUNK}[ \t]+)?|{_PLACE_CHUNK}[ \t]+)$",
    _FLAGS,
)
# Said or typed in one lowercase run, a flat's address still opens with its unit and ends in
# its postcode: "apartment 5 block C grand canal quay dublin 2 D02 XK61".
_UNIT_RUN_BEFORE_POSTCODE = regex.compile(
    r"(?<![\w])(?:apartment|apt|flat|unit)[ \t]+\w{1,4}(?:[ \t]+[\p{L}\p{M}\d'’-]+){1,10}[ \t]+$",
    _FLAGS,
)
_ENDS_IN_POSTCODE = regex.compile(rf"(?<![\w]){_POSTCODE}$", _FLAGS)
_HOUSE_NAME_BEFORE = regex.compile(
    rf"(?<![\w])(?:(?-i:The)\s+)?(?:{_WORD_CAP}\s+){{0,2}}(?P<first>{_WORD_CAP}),\s+$", _FLAGS
)


# A form line that says it holds an address: "Home address: Knockbrack, Ballyvourney",
# "City, state, ZIP: MERRILL WI 54452", "Town/State/Postcode: Gympie QLD 4570".
_ADDRESS_FIELD = regex.compile(
    r"(?mi)^[ \t]*(?:\d+[ \t]+)?(?:(?:(?:home|mailing|permanent|current|local|postal|street|billing|"
    r"shipping|residential|campus|family|parents'?|new|old|forwarding|return)[ \t]+)?(?:address|addr|domicilio|"
    r"dirección|endereço|adresse|anschrift)(?:[ \t]+line[ \t]*\d)?"
    # "City, state, ZIP", "City or town, state, and ZIP code", "City, town or post office,
    # state, country, and ZIP or foreign postal code" (the W-9 and 1099 boxes).
    r"|city[ \t]*(?:[,/]|or\b)[^\n:]{0,80}?(?:state|zip|postal|province)[^\n:]{0,30}|town[ \t]*/[ \t]*state"
    r"(?:[ \t]*/[ \t]*postcode)?)[ \t]*[:：][ \t]*(?P<value>[^\n]{4,160})"
)
# Values that are no address: "same as above", "n/a", an email or a link.
_NOT_AN_ADDRESS = regex.compile(r"(?i)^(?:same|n/?a|none|tbd|see|as[ \t]+above)\b|@|https?:|www\.")


# "Line 1: ...", "Line 2: ..." of a form that says elsewhere it is a mailing address.
_LINE_FIELD = regex.compile(r"(?mi)^[ \t]*line[ \t]*[1-3][ \t]*[:：][ \t]*(?P<value>[^\n]{4,160})")
_ADDRESS_FORM = regex.compile(r"(?i)address|mailing|shipping|ship[ \t]+to|dirección|adresse")


def _address_fields(text: str) -> list[tuple[int, int]]:
    spans = []
    matches = list(_ADDRESS_FIELD.finditer(text))
    if _ADDRESS_FORM.search(text):
        matches.extend(_LINE_FIELD.finditer(text))
    for match in matches:
        value = match.group("value").rstrip(" \t.")
        if _NOT_AN_ADDRESS.search(value) or not (_DIGIT.search(value) or "," in value):
            continue
        start = match.start("value")
        spans.append((start, start + len(value)))
    return spans


_DIGIT = regex.compile(r"\d")


class StreetAddressRecognizer(EntityRecognizer):
    """Postal addresses from the house, flat or box number to the postcode.

    >>> r = StreetAddressRecognizer()
    >>> text = "my new addy is Flat 3, 14 Albion Road, Leeds LS6 1AB"
    >>> [text[x.start : x.end] for x in r.analyze(text, ["STREET_ADDRESS"])]
    ['Flat 3, 14 Albion Road, Leeds LS6 1AB']
    """

    SCORE = 0.6
    # Without a digit, only a spoken house number can start an address.
    SPOKEN_GATE = regex.compile(
        rf"\b{_NUMBER_WORD}\b[^\n]{{0,40}}?\b(?:{_SUFFIX_CAPITAL})\b", regex.IGNORECASE
    )

    def __init__(self) -> None:
        # (name, pattern, the words it needs, whether it needs a non-ASCII script)
        self._anchors = [
            (name, regex.compile(p, _FLAGS), _ANCHOR_NEEDS.get(name, ()), name in _SCRIPT_ANCHORS)
            for name, p in _ANCHORS
        ]
        # No context words: every anchor scores above the threshold on its own.
        super().__init__(supported_entities=[STREET_ADDRESS], name="StreetAddressRecognizer")

    def load(self) -> None:
        """The patterns are compiled in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        spans: list[tuple[int, int]] = []
        words = set(_LETTER_RUN.findall(text.lower()))
        plain = text.isascii()
        for name, pattern, needs, script in self._anchors:
            if needs and any(words.isdisjoint(one_of) for one_of in needs):
                continue
            if plain and script:
                continue  # written in Han, kana or Hangul: no ASCII text holds them
            for match in pattern.finditer(text):
                start, end = match.span()
                if end - start < 4 or (
                    name.startswith("Germanic")
                    and _english_word(match[0])
                    and not _GERMAN_LEAD.match(match[0])
                ):
                    continue
                spans.append((self._extend_back(text, start), self._extend_forward(text, end)))
        if _DIGIT.search(text):
            spans.extend(self._numberless(text))
            spans.extend(self._before_postcode(text, spans))
        if ":" in text:
            spans.extend(_address_fields(text))
        return [
            make_result(
                self, STREET_ADDRESS, start, _without_full_stop(text, start, end), self.SCORE
            )
            for start, end in _merge(spans)
        ]

    def _numberless(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for match in _NUMBERLESS_STREET.finditer(text):
            end = self._extend_forward(text, match.end())
            if end == match.end() or _ENDS_IN_POSTCODE.search(text, match.end(), end) is None:
                continue
            start = self._extend_back(text, match.start())
            house = _HOUSE_NAME_BEFORE.search(text, max(0, start - 40), start)
            if start == match.start() and house and house.group("first").lower() not in _NOT_PLACES:
                start = house.start()
            spans.append((start, end))
        return spans

    @staticmethod
    def _before_postcode(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        found = []
        for code in _STRONG_POSTCODE.finditer(text):
            if any(start <= code.start() < end for start, end in spans):
                continue
            places = _PLACES_BEFORE_POSTCODE.search(text, max(0, code.start() - 120), code.start())
            if places is None:
                places = _UNIT_RUN_BEFORE_POSTCODE.search(
                    text, max(0, code.start() - 90), code.start()
                )
            if places is None:
                continue
            first = regex.match(r"[\p{L}\p{M}'’.-]+", places.group(0))
            if first and first.group(0).lower().strip(".") not in _NOT_PLACES:
                found.append((places.start(), code.end()))
        return found

    @staticmethod
    def _extend_back(text: str, start: int) -> int:
        window_start = max(0, start - 70)
        found = _BEFORE.search(text, window_start, start)
        return found.start() if found else start

    @staticmethod
    def _extend_forward(text: str, end: int) -> int:
        limit = min(len(text), end + _MAX_TAIL)
        moved = True
        while moved:
            moved = False
            for step in _TAIL_STEPS:
                found = step.match(text, end, limit)
                if found is None or found.end() <= end:
                    continue
                zip_after = regex.match(r"[ \t]+\d{5}\b", found.group(0)) is not None
                unit_after_suffix = step is _UNIT_AFTER and _SUFFIX_ABBREVIATION_END.search(
                    text, max(0, end - 6), end
                )
                if (
                    text[end - 1] == "."
                    and not found.group(0).startswith(",")
                    and not zip_after
                    and not unit_after_suffix
                ):
                    continue  # "... Leuven. gsm 0470": a full stop ends the address
                # "canton ma": a state after it lets the town be a commoner word
                if step is _LOWER_CITY_END and any(
                    word_zipf(w) >= (_LOWER_PLACE_ZIPF + (1.0 if found.group("state") else 0.0))
                    for w in found.group("city").split()
                ):
                    continue
                first = found.groupdict().get("first")
                if (
                    first
                    and first.lower().strip(".") in _NOT_PLACES
                    and not _TEL_AVIV.match(text, found.start("first"))
                ):
                    continue
                end = found.end()
                moved = True
                break
        return end


def _without_full_stop(text: str, start: int, end: int) -> int:
    """ "..., 10115 Berlin." ends before the full stop; "42 Elm St." keeps its abbreviation."""
    if text[end - 1] != ".":
        return end
    last = regex.search(r"([\p{L}]+)\.$", text[start:end])
    return end - 1 if last and len(last.group(1)) > 3 else end


_GERMAN_LEAD = regex.compile(rf"{_GERMAN_PREPOSITION}\s")


def _english_word(street_line: str) -> bool:
    """ "Spring 2025", "Offering 3" and "Mentoring 2024" end like German streets but are
    English words."""
    first = street_line.split()[0].lower()
    return word_zipf(first) >= 2.5


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
