"""Person spans, tidied: where a found name starts and ends, and when it is no name at all.

Recognizers find names by different evidence, and each gets the edges wrong in its own
way: spaCy's small model runs a lowercase name into the chat around it ("ya sorry ciaran",
"carlos my landlord"), a dictionary word is half of a building ("Hayes Hall"), and a
surname found alone drops its particles ("van der Berg" found as "Berg").
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from privacy.entities import PERSON
from privacy.recognizers import (
    CALENDAR_WORDS,
    FAMILY_TITLES,
    MILITARY_RANKS,
    census_surnames,
    common_first_names,
    everyday_abroad,
    first_name_dictionary,
    make_result,
    starts_sentence,
    strip_accents,
    surname_dictionary,
    word_zipf,
)

# A name followed by one of these is a place, an organisation or a programme.
INSTITUTION_WORDS = frozenset(
    [
        "hall",
        "center",
        "centre",
        "library",
        "college",
        "university",
        "uni",
        "institute",
        "school",
        "street",
        "st",
        "ave",
        "avenue",
        "road",
        "rd",
        "park",
        "square",
        "building",
        "bldg",
        "tower",
        "lab",
        "labs",
        "inc",
        "llc",
        "ltd",
        "group",
        "bank",
        "capital",
        "engineering",
        "analytics",
        "partners",
        "foundation",
        "fund",
        "hospital",
        "clinic",
        "church",
        "station",
        "line",
        "airport",
        "stadium",
        "gym",
        "arena",
        "cafe",
        "café",
        "residence",
        "residences",
        "dorm",
        "commons",
        "plaza",
        "mall",
        "market",
        "theater",
        "theatre",
        "museum",
        "gallery",
        "club",
        "society",
        "association",
        "program",
        "programme",
        "scholarship",
        "scholars",
        "fellowship",
        "prize",
        "award",
        "grant",
        "tech",
        "technologies",
        "systems",
        "solutions",
        "consulting",
        "studio",
        "studios",
        "media",
        "press",
        "health",
        "medical",
        "motors",
        "airlines",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "sa",
        "cc",
        "mentoring",
        "fellowships",
        "advisor",
        "services",
        "office",
        "auditorium",
        "high",
        "arts",
        "science",
        "sciences",
        "reading",
        "room",
        "memorial",
        "pavilion",
        "annex",
        "quad",
        "chapel",
        "fieldhouse",
        "lecture",
        "seminary",
        "academy",
        "huis",
        "haus",
        "museo",
        "stichting",
    ]
)
# Words that open the name of an institution in other languages, and in English:
# "Universität Heidelberg", "Museo Frida Kahlo", "University of Nairobi".
INSTITUTION_FIRST_WORDS = frozenset(
    [
        "university",
        "universität",
        "universidad",
        "universidade",
        "université",
        "università",
        "universiteit",
        "uniwersytet",
        "hochschule",
        "instituto",
        "institut",
        "istituto",
        "museo",
        "musée",
        "museu",
        "fundación",
        "fundação",
        "fondation",
        "stiftung",
        "colegio",
        "escuela",
        "liceo",
        "lycée",
        "hospital",
        "hôpital",
        "klinikum",
        "banco",
        "banca",
        "parque",
        "fort",
        "camp",
    ]
)
# Jobs and programme roles: "Summer Analyst", "Peer Mentor", "the Werkstudent contract".
# After a possessive they are a person's ("her son Tunde's mentor").
ROLE_WORDS = frozenset(
    [
        "mentor",
        "mentors",
        "analyst",
        "analysts",
        "intern",
        "interns",
        "internship",
        "internships",
        "position",
        "fair",
        "contract",
    ]
)
# Titles and roles written before a name; the labelling rules keep them out of the span.
TITLE_WORDS = frozenset(
    [rank.lower() for rank in MILITARY_RANKS]
    + [
        "dr",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "mx",
        "coach",
        "dean",
        "rabbi",
        "pastor",
        "imam",
        "father",
        "fr",
        "sister",
        "reverend",
        "rev",
        "captain",
        "capt",
        "officer",
        "judge",
        "senator",
        "president",
        "principal",
        "chancellor",
        "mentor",
        "mentee",
        "advisor",
        "adviser",
        "tutor",
        "ta",
        "ra",
        "recruiter",
        "manager",
        "director",
        "mister",
        "miss",
        "madam",
        "sir",
        "aunty",
        "auntie",
        "uncle",
        "pani",
        "pan",
        "dona",
        "don",
        "señora",
        "señor",
        "sra",
        "sr",
        "madame",
        "mme",
        "herr",
        "frau",
        "sri",
        "smt",
        "shri",
        "aunt",
        "dra",
        "mdm",
        "lic",
        "ing",
        *FAMILY_TITLES,
    ]
)
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}.'’-]*")
_PARTICLE_BEFORE = regex.compile(
    r"(?:(?<![\w])(?:van|von|de|da|del|della|di|du|der|den|ter|ten|la|le|bin|ibn|al|el|ní|nic|mac|dos|das)"
    r"[ \t]+){1,3}$",
    regex.IGNORECASE,
)
# "J. Okafor", "H Cole" (a bare capital, but never the words "I" and "A").
_INITIAL_BEFORE = regex.compile(r"(?<![\w.])(?:(?-i:\p{Lu})\.[ \t]?|(?-i:[B-HJ-Z])[ \t])$")
_CAPITALISED_BEFORE = regex.compile(r"(?<![\w.@'’-])((?-i:\p{Lu})[\p{Ll}\p{M}'’-]+)[ \t]+$")
_FOLLOWING_WORD = regex.compile(r"[ \t]+([\p{L}\p{M}][\p{L}\p{M}.'’-]*)")


def known_name(word: str) -> bool:
    """Whether a word is in the first-name or surname dictionaries."""
    lowered = word.lower().strip(".'’")
    if "-" in lowered.strip("-"):
        # "Ortiz-Vega", "Adebayo-Williams": a double-barrelled name is known by its parts.
        return all(known_name(part) for part in lowered.split("-") if part)
    plain = strip_accents(lowered)
    firsts, lasts = first_name_dictionary(), surname_dictionary()
    return lowered in firsts or plain in firsts or lowered in lasts or plain in lasts


# What may continue a name after its last word: a hyphenated part ("Adjei-Mensah"), a
# particle surname ("al-Masri", "van der Berg", "de la Cruz"), or another name word.
_FULL_CALENDAR_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "august", "september", "october", "november", "december"]
)  # fmt: skip
_QUOTED_NICKNAME = regex.compile(
    r"[ \t]+[\"“‘'](?-i:\p{Lu})[\p{L}\p{M}'’-]{0,15}[\"”’'][ \t]+(?-i:\p{Lu})[\p{L}\p{M}'’]+(?:-(?-i:\p{Lu})[\p{L}\p{M}'’]+)?"
)
_HYPHEN_PART = regex.compile(r"-(?-i:\p{Lu})[\p{L}\p{M}'’]+")
# Particles that are also English words ("at", "as") join only by a hyphen: "ash-Shami",
# never "Terrence at Fidelity".
_PARTICLE_SURNAME = regex.compile(
    r"[ \t]+(?:(?:al|el|bin|ibn|ben|abu|bint|van|von|de|da|di|du|del|della|dos|das|"
    r"le|la|ter|ten|der|den|los|las|ní|nic|mac|mc|ó)(?:[ \t]+|[-'’](?=\p{Lu}))"
    r"|(?:ad|as|ash|at|az|o)[-'’](?=\p{Lu}))+"
    r"(?-i:\p{Lu})[\p{L}\p{M}'’-]+",
    regex.IGNORECASE,
)
_NEXT_NAME_WORD = regex.compile(
    r"[ \t]+((?-i:\p{Lu})[\p{L}\p{M}'’]*(?:-(?-i:\p{Lu})[\p{L}\p{M}'’]*)?)(?![\w@.-]\w)"
)
# Possessions that make the name before them a person's, not a place's: "Haile's lab".
_PERSONAL_POSSESSION = regex.compile(
    r"(?:'s|’s)[ \t]+(?:lab|office|class|group|team|course|research|seminar|section|book|paper|"
    r"email|number|mom|dad|son|daughter|wife|husband|sister|brother|kid|kids|students?|advisee|"
    r"lectures?|talk|notes|syllabus|exam|midterm|quiz|homework|feedback|letter|signature|"
    r"interview|voicemail|reply)\b",
    regex.IGNORECASE,
)


def _continues_name(word: str) -> bool:
    lowered = word.lower()
    if lowered in TITLE_WORDS or lowered in INSTITUTION_WORDS or lowered in STOP_WORDS:
        return False
    if lowered in CALENDAR_WORDS or (word.isupper() and len(word) > 1 and len(word) <= 4):
        return False  # "Liang THU", acronyms
    if known_name(word):
        return word_zipf(lowered) < 4.0  # "Thu" and "Hà" go on a name; "Will" and "May" don't
    return word_zipf(lowered) < 3.0 and not everyday_abroad(lowered)


# One capital and a full stop after a name, not starting a sentence ("Faith W. —").
_MIDDLE_INITIAL = regex.compile(r"[ \t](?-i:\p{Lu})\.(?=[ \t]+(?-i:\p{Lu})[\p{Ll}\p{M}'’-])")
_TRAILING_INITIAL = regex.compile(
    r"[ \t](?-i:\p{Lu})\.(?=[ \t]*(?:$|[\n,;)—–-]|[ \t](?-i:\p{Ll})))"
)
# A chat speaker's surname initial: "Riya D: who's driving".
_LABEL_INITIAL = regex.compile(r"[ \t](?-i:\p{Lu}{1,2})\.?(?=[ \t]*:(?!\d))")  # "Ryan OS:"
# Chat-export speakers, "Killa M:" after an optional "[2/9/25, 11:02 PM]": a given name and
# an initial. Two such lines in one message make it a chat log, whatever the names are.
_INITIAL_SPEAKER = regex.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?"
    r"(?P<name>(?-i:\p{Lu})[\p{Ll}\p{M}'’-]+(?:[ \t](?-i:\p{Lu})[\p{Ll}\p{M}'’-]+)?[ \t](?-i:\p{Lu}))"
    r"\.?[ \t]*:(?!\d)"
)


def extend_name_forward(text: str, end: int) -> int:
    """Take in the rest of a name after its first words: "Trần" + " Thu Hà", "K. Adjei" +
    "-Mensah", "Yusuf" + " al-Masri". Ordinary words, titles and places stop it."""
    for _ in range(3):
        nickname = _QUOTED_NICKNAME.match(text, end)
        if nickname:
            end = nickname.end()  # 'Oluwakemi "Kemi" Adeyemi-Hart'
            continue
        hyphen = _HYPHEN_PART.match(text, end)
        if hyphen:
            end = hyphen.end()
            continue
        particle = _PARTICLE_SURNAME.match(text, end)
        if particle:
            end = particle.end()
            continue
        middle = _MIDDLE_INITIAL.match(text, end)
        if middle and _NEXT_NAME_WORD.match(text, middle.end()):
            end = middle.end()  # "Hunter J." + " Boyd": a middle initial, then the surname
            continue
        initial = _TRAILING_INITIAL.match(text, end) or _LABEL_INITIAL.match(text, end)
        if initial:
            end = initial.end()  # "Mwangi, Faith W.": a middle or surname initial
            break
        following = _NEXT_NAME_WORD.match(text, end)
        if following is None:
            break
        if following.group(1).lower() in CALENDAR_WORDS:
            # "Trần Thu Hà", "Liang Jun,": a name that spells a day or month, with no date
            # number after it ("Maria Thu 3pm" is a meeting).
            word = following.group(1)
            dated = regex.match(r"[ \t]*(?:\d|the\b)", text[following.end() :]) is not None
            if dated or not known_name(word) or word.lower() in _FULL_CALENDAR_WORDS:
                break
            end = following.end()
            continue
        if not _continues_name(following.group(1)):
            break
        if is_institution(text, following.end()):
            break  # "Maria Hayes Hall": the second word starts a building's name
        end = following.end()
    return end


_ROOM_NUMBER_AFTER = regex.compile(r"[ \t]+\d{2,4}[a-z]?\b(?![:/.-]\d)(?![ \t]*[-.]?[ \t]*\d)")


def is_institution(text: str, end: int) -> bool:
    """ "Hayes Hall", "King's College", "Hayes 215": the name names a place or body."""
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2  # the span took the possessive in: "Achterberg's"
    if _PERSONAL_POSSESSION.match(text, end):
        return False  # "Dr. Achterberg's lab" is hers
    possessive = text[end : end + 2] in ("'s", "’s")
    if possessive:
        end += 2
    if _ROOM_NUMBER_AFTER.match(text, end):
        return True  # a building and its room number
    following = _FOLLOWING_WORD.match(text, end)
    if not following:
        return False
    word = following.group(1).lower().strip(".")
    return word in INSTITUTION_WORDS or (word in ROLE_WORDS and not possessive)


def trim_statistical_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span the statistical model found to the words that can be a name.

    Lowercase edge words count only when a dictionary knows them as names; titles, roles
    and institution words never do.
    """
    words = list(_WORD.finditer(text, start, end))

    def droppable(word: str) -> bool:
        lowered = word.lower().strip(".'’")
        if lowered in TITLE_WORDS or lowered in INSTITUTION_WORDS or lowered in STOP_WORDS:
            return True
        if lowered in CALENDAR_WORDS:
            return True  # "Fri Sept"
        if word[:1].isupper():
            # "Programa", "Mentoría": everyday words abroad, unless a dictionary knows the name
            return everyday_abroad(lowered) and not known_name(word)
        # Lowercase: only a curated first name or a surname that is no everyday word here
        # or abroad ("tram" and "nada" are names in some lists).
        plain = strip_accents(lowered)
        listed = plain in common_first_names() or plain in surname_dictionary()
        return (
            len(lowered) < 3 or not listed or word_zipf(lowered) >= 4.5 or everyday_abroad(lowered)
        )

    while words and droppable(words[0].group(0)):
        if len(words) > 1 and given_name_first(text, words[0], words[1]):
            break
        words.pop(0)
    while words and droppable(words[-1].group(0)):
        words.pop()
    return (words[0].start(), words[-1].end()) if words else (start, start)


def given_name_first(text: str, first: regex.Match[str], second: regex.Match[str]) -> bool:
    """ "I'm Will Hunter": a capitalised given name inside a sentence, before a surname
    ("Will Maria come?" starts a sentence, so "Will" there is the verb)."""
    word, following = first.group(0), second.group(0)
    return (
        word[:1].isupper()
        and not word.isupper()
        and following[:1].isupper()
        and word.lower() in common_first_names()
        and not starts_sentence(text[: first.start()])
    )


def plausible_statistical_name(span: str) -> bool:
    """Whether a span the statistical model called a person could be one.

    A name a dictionary knows, or a word rare enough in English to be a name: spaCy's small
    model calls many capitalised words people ("Registrar", "Spring", "Melbourne").
    """
    words = [w for w in _WORD.findall(span) if len(w) > 1]
    if not words:
        return False
    return any(known_name(w) or word_zipf(w.lower().strip(".")) < 3.0 for w in words)


def trim_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop titles and roles at either edge ("Mentor Ruth", "Rabbi Klein", "... Coach").

    A span that is nothing but a title ("Mrs") becomes empty.
    """
    words = list(_WORD.finditer(text, start, end))
    while words and words[0].group(0).lower().strip(".") in TITLE_WORDS:
        words.pop(0)
    while words and words[-1].group(0).lower().strip(".") in TITLE_WORDS:
        words.pop()
    return (words[0].start(), words[-1].end()) if words else (start, start)


def extend_name(text: str, start: int) -> int:
    """Take in the particles, initial or rare capitalised given name before a surname.

    "van der Berg" from "Berg", "J. Okafor" from "Okafor", "Nguyễn Thị Hoa" from "Thị Hoa".
    """
    window = max(0, start - 30)
    particle = _PARTICLE_BEFORE.search(text, window, start)
    if particle:
        start = particle.start()
    initial = _INITIAL_BEFORE.search(text, window, start)
    if initial:
        return int(initial.start())
    capitalised = _CAPITALISED_BEFORE.search(text, window, start)
    if capitalised:
        word = capitalised.group(1)
        lowered = word.lower()
        sentence_start = capitalised.start() == 0 or text[: capitalised.start()].rstrip()[-1:] in (
            ".!?\n:"
        )
        common = word_zipf(lowered) >= 4.5 or lowered in STOP_WORDS  # "Hey", "Thanks"
        if lowered not in TITLE_WORDS and not common and (known_name(word) or not sentence_start):
            return int(capitalised.start())
    return start


# -- names in structure: speaker labels, form fields, signatures ----------------------
_TIMESTAMP = r"(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\]?[ \t]*(?:[-–][ \t]*)?)"
_NAME_TOKEN = r"[\p{L}\p{M}][\p{L}\p{M}'’.-]*"
_SAID_AFTER_NAME = regex.compile(r"[ \t]+(?:here|again|speaking)$", regex.IGNORECASE)
_SPEAKER = regex.compile(
    rf"(?m)^[ \t]*(?:>>[ \t]*)?{_TIMESTAMP}?(?P<name>{_NAME_TOKEN}(?:,?[ \t]+{_NAME_TOKEN}){{0,3}})"
    rf"(?:[ \t]*\([^)\n]{{1,25}}\))?[ \t]*(?::|[ \t]{{2,}}\d{{1,2}}:\d{{2}}[ \t]*$)"
)
_STRONG_FIELDS = (
    r"full[ \t]+name|name|preferred[ \t]+name|first[ \t]+name|last[ \t]+name|surname|nickname|"
    r"student[ \t]+name|mentee[ \t]+name|mentor[ \t]+name|emergency[ \t]+contact|"
    r"parent(?:/guardian)?|guardian|applicant|(?:full[ \t]+)?legal[ \t]+name|goes[ \t]+by|known[ \t]+as|"
    r"aka|name[ \t]+you[ \t]+use|given[ \t]+name(?:s|\(s\))?|name[ \t]+on[ \t]+(?:card|account)|"
    r"card[ \t]*holder|cardholder|student|family[ \t]+name|middle[ \t]+name|mother|father|"
    r"spouse|roommate|landlord|account[ \t]+holder|payee|payer|beneficiary|next[ \t]+of[ \t]+kin|"
    r"resident|tenant|participant|traveler|traveller|recipient|"
    r"kontoinhaber(?:in)?|titular|name[ \t]*\([^)\n]{1,30}\)|name[ \t]+in[ \t]+[^:\n]{1,30}"
)
_WEAK_FIELDS = (
    r"from|to|cc|attn|attention|guests?|mentee|mentor|contact|references?|referees?|signed|"
    r"submitted[ \t]+by|referred[ \t]+by|prepared[ \t]+by|advisor|adviser|supervisor|host"
)
_FIELD = regex.compile(
    rf"(?mi)^[ \t]*(?:(?P<strong>(?:{_STRONG_FIELDS})(?:'s)?(?:[ \t]+(?:full[ \t]+)?name)?)|(?P<weak>{_WEAK_FIELDS}))"
    r"(?:[ \t]+\d{1,2})?[ \t]*[:：]"
    r"[ \t]*(?P<value>[^\n]+)"
)
# A card or account name written inline, in the capitals it is printed in:
# "exp 11/26, name on card OBINNA EZE, billing zip".
_INLINE_CARD_NAME = regex.compile(
    r"(?i:\b(?:name[ \t]+on[ \t]+(?:the[ \t]+)?(?:card|account)|card[ \t]*holder(?:[ \t]+name)?|"
    r"account[ \t]+holder|payee))[ \t]+(?P<name>(?:\p{Lu}[\p{Lu}\p{M}'’.-]*[ \t]+){1,3}\p{Lu}[\p{Lu}\p{M}'’-]+)\b"
)
_SIGN_OFF = regex.compile(
    r"(?mi)^[ \t]*(?:best|regards|kind[ \t]+regards|best[ \t]+regards|warm[ \t]+regards|thanks|"
    r"thank[ \t]+you|many[ \t]+thanks|cheers|sincerely|warmly|best[ \t]+wishes|all[ \t]+the[ \t]+best|"
    r"take[ \t]+care|viele[ \t]+grüße|pozdrawiam|saludos|abrazos|grazie|merci|signed|respectfully|"
    r"yours[ \t]+truly|sincerely[ \t]+yours|yours[ \t]+sincerely|warmest|warm[ \t]+wishes|love|xoxo|"
    r"atentamente|cordialement|un[ \t]+abrazo|abraço|abraços|beijos|groetjes|hilsen|"
    r"mit[ \t]+freundlichen[ \t]+grüßen|—|--|-)[ \t]*[,!.]?(?:[ \t]*\n|[ \t]+(?=(?-i:\p{Lu})))"
    rf"[ \t]*(?:[—–-][ \t]*)?(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,3}})[ \t]*(?=\n|$|[|,])"
)


def closing_before_name(text: str, line_start: int) -> int | None:
    """Where the name starts after a closing that opens this line ("Viele Grüße\nLaura")."""
    closing = _SIGN_OFF.match(text, line_start)
    return closing.start("name") if closing else None


# Closings written before the name on one line, which "Surname, Given" must not take.
_CLOSING_WORDS = frozenset(["best", "love", "cheers", "thanks", "regards", "warmly", "hugs"])
_LAST_COMMA_FIRST = regex.compile(
    r"(?<![\w,] ?)(?P<last>(?-i:\p{Lu})[\p{Ll}\p{M}'’]+(?:-(?-i:\p{Lu})[\p{Ll}\p{M}'’]+)?),[ \t]"
    r"(?P<first>(?-i:\p{Lu})[\p{Ll}\p{M}'’]+(?:-[\p{L}\p{M}]+)?)(?![\w,])"
)
# Layouts that hold no colon, newline or dash, for the analyzer's gate: capitals before a
# comma, initials closing a note.
LAYOUT_HINT = regex.compile(r"\p{Lu}{2},[ \t]\p{Lu}{3}|[.!?][ \t]+\p{Lu}{2,3}[ \t]*$")
# "HARTIGAN, WILLIAM", "GOMEZ RESTREPO, ANDRES F": a mailroom or roster's capitals.
_CAPITAL_LAST_COMMA_FIRST = regex.compile(
    r"(?<!,[ \t]?)(?<![\w])(?P<last>\p{Lu}{2,}(?:[ \t]\p{Lu}{2,})?),[ \t](?P<first>\p{Lu}{3,})"
    r"(?:[ \t]\p{Lu}\b)?(?![\w,])"
)
# A name spelled out letter by letter: "A-D-E-B-A-Y-O", "z-b-i-g-n-i-e-w".
_SPELLED_LETTERS = regex.compile(r"(?<![\w-])(?:\p{L}-){3,}\p{L}(?![\w-])")
# A case note signed with the writer's initials: "Referred to the housing fund. LK".
_CLOSING_INITIALS = regex.compile(r"(?:[.!?][ \t]+|\n[ \t]*)(?P<initials>\p{Lu}{2,3})[ \t]*$")
_NOT_INITIALS = frozenset({
    "ok", "lol", "fyi", "tbd", "asap", "ty", "thx", "pls", "btw", "imo", "eta", "eod", "eow",
    "omg", "idk", "tba", "rsvp", "nb", "ps", "pps", "usa", "uk", "faq", "ta", "ra", "gpa",
    "sat", "act", "mba", "phd", "bsn", "rn", "dm", "pm", "am",
})  # fmt: skip
_INITIAL_SURNAME = regex.compile(
    r"(?<![\w.])(?-i:\p{Lu})\.[ \t]?(?P<surname>(?-i:\p{Lu})[\p{Ll}\p{M}'’-]{2,})(?![\w])"
)
# A name signed after a dash at the very end of a note: "— kat", "-Jo".
_DASH_SIGNATURE = regex.compile(
    r"(?:^|\s)[—–-]{1,2}[ \t]?(?P<name>[\p{L}][\p{L}\p{M}'’-]{1,20})(?:[ \t]+@[^\n]{0,30})?[ \t.!]*$"
)
_PARTICLES = frozenset(
    ["de", "del", "della", "di", "da", "dos", "das", "do", "du", "la", "le", "los", "las", "van",
     "von", "der", "den", "ter", "ten", "bin", "binti", "ibn", "al", "el", "ní", "nic", "mac", "y"]
)  # fmt: skip
_PIECE_SPLIT = regex.compile(r"[,;/]|\(|<|\||\s+-\s+|\s+–\s+|\s+and\s+|\s+&\s+", regex.IGNORECASE)
_LABEL_WORDS = frozenset(
    [
        "fw",
        "fwd",
        "note",
        "notes",
        "subject",
        "subj",
        "re",
        "from",
        "to",
        "date",
        "time",
        "agenda",
        "action",
        "items",
        "update",
        "ps",
        "mentor",
        "mentee",
        "staff",
        "q",
        "a",
        "reminder",
        "deadline",
        "name",
        "email",
        "phone",
        "address",
        "dob",
        "tel",
        "mobile",
        "office",
        "location",
        "room",
        "zoom",
        "link",
        "status",
        "summary",
        "question",
        "answer",
        "host",
        "moderator",
        "speaker",
        "unknown",
        "chat",
        "system",
        "bot",
        "admin",
        "student",
        "parent",
        "guardian",
        "contact",
        "intake",
        "form",
        "major",
        "minor",
        "gpa",
        "course",
        "year",
        "program",
        "term",
        "n/a",
        "na",
        "none",
        "tbd",
        "tba",
        # Identifier labels typed in capitals at a line's start: "IBAN: DE89...", "SSN: ...".
        "iban",
        "ssn",
        "sin",
        "orcid",
        "swift",
        "bic",
        "itin",
        "tin",
        "ein",
        "visa",
        "languages",
        "language",
        "pronouns",
    ]
)


def _has_common_word(piece: str) -> bool:
    """Whether a word is too common in English to be part of a name, unless it is a name."""
    return any(
        word_zipf(w.lower()) >= 4.5 and strip_accents(w.lower()) not in common_first_names()
        for w in piece.split()
    )


def _everyday_word(word: str) -> bool:
    lowered = strip_accents(word.lower())
    curated = lowered in common_first_names() or lowered in surname_dictionary()
    return word_zipf(lowered) >= 3.0 and not curated


def _caseless(word: str) -> bool:
    """Words in scripts without capitals: "अनन्या", "陈伟", "선희"."""
    return word[:1].isalpha() and not word[:1].isupper() and not word[:1].islower()


_DIGIT = regex.compile(r"\d")


def _name_like(piece: str, strong: bool) -> bool:
    """Whether a short run of words reads as a person's name."""
    words = [w.strip(".'’") for w in piece.split()]
    # Particles belong to the name but say nothing either way: "MARÍA DE LOS ÁNGELES OCHOA".
    words = [w for w in words if w and w.lower() not in TITLE_WORDS and w.lower() not in _PARTICLES]
    if not 1 <= len(words) <= 4 or any(_DIGIT.search(w) for w in words):
        return False
    if strong and all(_caseless(w) for w in words):
        return True  # "Name in home language: अनन्या शर्मा"
    if all(w.lower() in _LABEL_WORDS or w.lower() in STOP_WORDS for w in words):
        return False
    if (
        len(words) == 1
        and word_zipf(words[0].lower()) >= 4.5
        and not (strong and known_name(words[0]))
    ):
        return False  # "Major:", "March:" are labels; "Name: Park, Min-jun" names a Park
    known = [known_name(w) for w in words]
    if not strong and _has_common_word(" ".join(words)):
        return False  # "CASE NOTE:": words a dictionary also lists as names
    if not strong and any(_everyday_word(w) for w in words):
        return False  # "To: Peer Mentoring": "peer" is a name in some list, but a word first
    if any(known):
        # "name: kekoa kamakau": in a name field a rare lowercase word is the surname.
        return all(
            k or w[:1].isupper() or (strong and word_zipf(w.lower()) < 3.5)
            for k, w in zip(known, words, strict=True)
        )
    if not strong:
        return False
    # A strong field ("Name:") takes unknown names that are no words: capitalised, or rare
    # when typed in lowercase ("last name: o'neill-bautista").
    return all(
        (w[:1].isupper() and word_zipf(w.lower()) < 4.0) or word_zipf(w.lower()) < 3.5
        for w in words
    )


def addressee_before(text: str, address_start: int) -> tuple[int, int] | None:
    """The name line a mailing address opens under: "Nkechi Amadi\nCampus Box 2231"."""
    if address_start == 0 or text[address_start - 1] != "\n":
        return None
    line_start = text.rfind("\n", 0, address_start - 1) + 1
    line = text[line_start : address_start - 1]
    stripped = line.strip()
    words = stripped.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    if any(w.lower().strip(".,") in INSTITUTION_WORDS for w in words):
        return None  # "Hayes Hall", "Student Services"
    # The place says a name goes here, as a form field does: unknown names count too.
    if not _name_like(stripped, strong=True):
        return None
    begin = line_start + len(line) - len(line.lstrip())
    return trim_titles(text, begin, begin + len(stripped))


# "my name is FAITH O'CONNELL", "Hi, I'm Will Hunter": the writer gives their own name.
SELF_NAMED = regex.compile(
    rf"(?i)(?<![\w'’])(?:(?P<strong>my[ \t]+name[ \t]+is|my[ \t]+name'?s|name'?s|call[ \t]+me|calls[ \t]+me"
    rf"|i[ \t]+go[ \t]+by)|i'?m|i’m|i[ \t]+am|this[ \t]+is)[ \t]+(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,3}})"
)


def _self_named_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in SELF_NAMED.finditer(text):
        strong = match.group("strong") is not None
        tokens = list(regex.finditer(_NAME_TOKEN, match.group("name")))
        taken: list[regex.Match[str]] = []
        for token in tokens:
            word = token.group(0).rstrip(".")
            lowered = word.lower()
            if taken and lowered in _PARTICLES:
                continue  # "MARIA DE LA CRUZ"
            named_word = word[:1].isupper() and lowered in common_first_names()  # "I'm Will"
            if lowered in STOP_WORDS and not named_word:
                break
            if lowered in TITLE_WORDS or lowered in INSTITUTION_WORDS:
                break
            if lowered in CALENDAR_WORDS or _caseless(word):
                break
            rare = word_zipf(lowered) < 3.0
            if strong:
                fits = (known_name(word) and not _everyday_word(word)) or rare
            else:  # "I'm Sorry", "this is Amazing": a weak cue takes capitalised names only
                fits = word[:1].isupper() and (known_name(word) or rare)
            if not fits:
                break
            taken.append(token)
        if not taken:
            continue
        if not strong and len(taken) == 1 and word_zipf(taken[0].group(0).lower()) >= 4.0:
            continue  # "this is Rich": a single word-name after a weak cue stays spaCy's call
        base = match.start("name")
        spans.append((base + taken[0].start(), base + taken[-1].end()))
    return spans


def structured_name_spans(text: str) -> list[tuple[int, int]]:
    """Names given away by layout: "KWAME MENSAH (mentor):", "Name: Olumide Adeyemi",
    a signature under "Best,"."""
    spans: list[tuple[int, int]] = []
    for match in _SPEAKER.finditer(text):
        label = match.group("name").replace(",", " ")
        start, end = match.span("name")
        said = _SAID_AFTER_NAME.search(label)
        if said:  # "liam here: <link>": the name, not the word after it
            label, end = label[: said.start()], start + said.start()
        if _name_like(label, strong=False) or (
            label.isupper() and not _has_common_word(label) and _name_like(label, strong=True)
        ):
            spans.append((start, end))
    speakers = list(_INITIAL_SPEAKER.finditer(text))
    if len({m.group("name") for m in speakers}) >= 2 or len(speakers) >= 3:
        spans.extend(
            m.span("name")
            for m in speakers
            if m.group("name").split()[0].lower() not in _LABEL_WORDS
            and not _everyday_word(m.group("name").split()[0])
        )
    for match in _FIELD.finditer(text):
        value_start = match.start("value")
        value = match.group("value")
        strong = match.group("strong") is not None
        # "From: ADEBAYO, OLUWASEUN <seun@...>": a header with an address names a person,
        # in capitals or by a name a dictionary knows ("To: Peer Mentoring <...>" names none).
        header = not strong and bool(regex.search(r"<[^>\s]+@", value))
        position = 0
        for piece in _PIECE_SPLIT.split(value):
            offset = value.index(piece, position)
            position = offset + len(piece)
            stripped = piece.strip()
            if stripped and (
                _name_like(stripped, strong)
                or (header and stripped.isupper() and _name_like(stripped, strong=True))
            ):
                begin = value_start + offset + (len(piece) - len(piece.lstrip()))
                begin, end = trim_titles(text, begin, begin + len(stripped))
                spans.append((begin, end))
    for match in _INLINE_CARD_NAME.finditer(text):
        if _name_like(match.group("name"), strong=True):
            spans.append(match.span("name"))
    for match in _SIGN_OFF.finditer(text):
        if _name_like(match.group("name"), strong=False):
            spans.append(match.span("name"))
    for match in _LAST_COMMA_FIRST.finditer(text):
        last, first = match.group("last"), match.group("first")
        if (
            strip_accents(first.lower()) in common_first_names()
            and (
                word_zipf(last.lower()) < 3.5 or strip_accents(last.lower()) in surname_dictionary()
            )
            and last.lower() not in INSTITUTION_WORDS | TITLE_WORDS | CALENDAR_WORDS
            and last.lower() not in _CLOSING_WORDS  # "Best, Ngozi": a sign-off
        ):
            # "Ortiz-Vega, Camila disclosed ...": two names, so each span stays one run.
            spans.extend([match.span("last"), match.span("first")])
    for match in _INITIAL_SURNAME.finditer(text):
        surname = match.group("surname").lower()
        if word_zipf(surname) < 4.5 and surname not in INSTITUTION_WORDS | TITLE_WORDS:
            spans.append(match.span())  # "staff: M. Albright"
    for match in _CAPITAL_LAST_COMMA_FIRST.finditer(text):
        last, first = match.group("last").lower(), match.group("first").lower()
        if (
            strip_accents(first) in common_first_names()
            and all(
                strip_accents(part) in surname_dictionary()
                or strip_accents(part) in census_surnames()
                for part in last.split()
            )
            and first not in STOP_WORDS
        ):
            # "package for GOMEZ RESTREPO, ANDRES F received": each part a run of its own
            spans.extend([match.span("last"), (match.start("first"), match.end())])
    spans.extend(m.span() for m in _SPELLED_LETTERS.finditer(text))
    initials = _CLOSING_INITIALS.search(text)
    if initials and initials.group("initials").lower() not in _NOT_INITIALS:
        spans.append(initials.span("initials"))  # "... Follow-up 4/16. RM"
    spans.extend(_self_named_spans(text))
    dashed = _DASH_SIGNATURE.search(text)
    if dashed and known_name(dashed.group("name")) and not _everyday_word(dashed.group("name")):
        spans.append(dashed.span("name"))  # "... f/u 10/14. — kat"
    return spans


class _SpanRecognizer(EntityRecognizer):
    """A recognizer whose finding is a function from text to person spans."""

    SCORE: float

    def __init__(self) -> None:
        super().__init__(supported_entities=[PERSON], name=type(self).__name__)

    def load(self) -> None:
        """Nothing to load."""

    @staticmethod
    def spans(text: str) -> list[tuple[int, int]]:
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            make_result(self, PERSON, start, end, self.SCORE)
            for start, end in self.spans(text)
            if end > start
        ]


class StructuredNameRecognizer(_SpanRecognizer):
    """People named by the shape of the text: transcript speakers, form fields, signatures."""

    SCORE = 0.7
    spans = staticmethod(structured_name_spans)


# Names written in their own script inside English text: "my mom Наталья", "my dad 陈建国",
# "calls me 선희", "Chen Wei 陈伟", "마츠모토 선생님".
_SCRIPT_RUN = regex.compile(
    r"(?:\p{Cyrillic}|\p{Greek}|\p{Han}|\p{Hangul}|\p{Devanagari}|\p{Arabic}|\p{Hebrew}|\p{Thai}"
    r"|\p{Katakana}|\p{Bengali}|\p{Tamil}|\p{Telugu}|\p{Gujarati}|\p{Gurmukhi})"
    r"[\p{L}\p{M}ー・]*(?:[ \t]+(?:\p{Cyrillic}|\p{Greek}|\p{Devanagari}|\p{Arabic}|\p{Hebrew}"
    r"|\p{Bengali}|\p{Tamil})[\p{L}\p{M}]*){0,2}"
)
_SCRIPT_NAME_CUE = regex.compile(
    r"(?:\b(?:my|her|his|their|your|ur)[ \t]+(?:mom|mum|mother|dad|father|mama|papa|baba|"
    r"grandma|grandpa|granny|halmeoni|harabeoji|lola|lolo|nani|nana|dadi|abuela|abuelo|aunt|"
    r"auntie|aunty|uncle|tita|tito|sister|brother|cousin|son|daughter|wife|husband|friend|"
    r"roommate|name)|\bcalls?[ \t]+me|\bcalled|\bnamed|\bname(?:[ \t]+is)?|\bi'?m)"
    r"[ \t:,]*$",
    regex.IGNORECASE,
)
# Honorifics and particles written after a name in its own script.
_SCRIPT_NAME_AFTER = regex.compile(
    r"^[ \t]?(?:선생님|씨|님|야|아|先生|老师|老師|さん|様|くん|ちゃん|господин)"
)
_LATIN_NAME_BEFORE = regex.compile(r"(?-i:\p{Lu})[\p{Ll}\p{M}'’-]+[ \t]*[(（]?[ \t]*$")


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    return bool(letters) and latin >= 0.6 * len(letters)


def script_name_spans(text: str) -> list[tuple[int, int]]:
    """Names in a non-Latin script, inside text that is mostly in Latin letters."""
    if text.isascii() or not _mostly_latin(text):
        return []  # a message written in the script is not what this is for
    spans = []
    for match in _SCRIPT_RUN.finditer(text):
        value = match.group(0)
        start, end = match.span()
        vocative = regex.fullmatch(r"\p{Hangul}{2,3}[야아]", value) is not None
        if vocative:
            end -= 1  # "지우야": the name and the particle used to call someone
        letters = len(regex.findall(r"\p{L}", value))
        if letters < 2 or letters > 12:
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        capitalised_cyrillic = bool(
            regex.match(r"(?:\p{Lu}[\p{Ll}\p{M}]+[ \t]*){1,3}$", value)
        ) and bool(regex.match(r"\p{Cyrillic}|\p{Greek}", value))
        in_place = regex.search(
            r"\b(?:in|at|to|from|near|via|visit(?:ing)?)[ \t]+$", before, regex.I
        )
        if (
            vocative
            or (capitalised_cyrillic and not in_place)
            or _SCRIPT_NAME_CUE.search(before)
            or _SCRIPT_NAME_AFTER.match(text[match.end() : match.end() + 4])
            or _LATIN_NAME_BEFORE.search(before)
        ):
            spans.append((start, end))
    return spans


class ScriptNameRecognizer(_SpanRecognizer):
    """People's names written in Cyrillic, Han, Hangul, Devanagari... among English words."""

    SCORE = 0.6
    spans = staticmethod(script_name_spans)
