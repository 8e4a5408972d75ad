"""Profile URLs: links that lead to one person, told apart from program and company links.

A URL identifies a person when it is a profile on a platform (``github.com/kwame-a``), a site
on a personal-site host (``mkim.netlify.app``), a person's page on any site (``/~okafor``,
``/people/wei-zhang``), a domain made of a person's name (``priyanair.com``), or a link the
writer calls their own ("my portfolio is ..."). Zoom, forms and handbook links are none of
these, and stay.
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.entities import PROFILE_URL
from privacy.recognizers import (
    common_first_names,
    make_result,
    surname_dictionary,
    word_zipf,
)

_CANDIDATE = regex.compile(
    r"(?<![\w@.+%-])"
    r"(?P<url>(?:https?://)?(?:www\.)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,12}))"
    r"(?::\d{2,5})?(?P<path>[/?#][^\s<>\"'`|]*)?)",
    regex.IGNORECASE,
)
_TRAILING = ".,;:!?)]}*'\"’”"

# Platforms whose first path segment names the account: github.com/<user>.
_ACCOUNT_FIRST = frozenset(
    {
        "github.com", "gitlab.com", "bitbucket.org", "instagram.com", "twitter.com", "x.com",
        "tiktok.com", "facebook.com", "fb.com", "behance.net", "dribbble.com", "linktr.ee",
        "about.me", "kaggle.com", "calendly.com", "paypal.me", "cash.app", "twitch.tv",
        "soundcloud.com", "pinterest.com", "threads.net", "replit.com", "huggingface.co",
        "codepen.io", "medium.com", "vimeo.com", "patreon.com", "ko-fi.com", "buymeacoffee.com",
        "deviantart.com", "artstation.com", "vsco.co", "t.me", "wa.me", "letterboxd.com",
        "dev.to", "hashnode.com", "tumblr.com", "gist.github.com", "bandcamp.com", "mixcloud.com",
        "goodreads.com", "strava.com", "chess.com", "lichess.org", "venmo.com", "keybase.io",
        "ravelry.com", "observablehq.com", "figma.com", "leetcode.com", "hackerrank.com",
        "codeforces.com", "steamcommunity.com", "reddit.com", "youtube.com", "snapchat.com",
        "mastodon.social", "bsky.app", "substack.com", "flickr.com", "quora.com", "500px.com",
        "open.spotify.com", "orcid.org", "researchgate.net", "academia.edu", "wellfound.com",
        "angel.co", "handshake.com", "joinhandshake.com", "scholar.google.com", "zoom.us",
    }
)  # fmt: skip
# Only these paths are profiles on these hosts (linkedin.com/company/... is not).
_PROFILE_PATHS = {
    "linkedin.com": regex.compile(r"^/(?:in|pub)/[^/?#]+", regex.I),
    "zoom.us": regex.compile(r"^/my/[^/?#]+", regex.I),
    "scholar.google.com": regex.compile(r"^/citations\?(?:[^#]*&)?user=", regex.I),
    "sites.google.com": regex.compile(r"^/(?:view|site)/[^/?#]+", regex.I),
    "orcid.org": regex.compile(r"^/\d{4}-\d{4}-\d{4}-\d{3}[\dx]", regex.I),
    "stackoverflow.com": regex.compile(r"^/users/\d+", regex.I),
}
# First segments that are a platform's own pages, not an account.
_PLATFORM_PAGES = frozenset(
    {
        "about", "explore", "features", "pricing", "login", "signin", "signup", "join", "settings",
        "search", "watch", "topics", "trending", "help", "events", "groups", "company", "school",
        "pulse", "feed", "jobs", "marketplace", "hashtag", "p", "reel", "reels", "stories",
        "share", "sharing", "intent", "home", "i", "web", "docs", "blog", "orgs", "sponsors",
        "notifications", "pulls", "issues", "apps", "collections", "results", "embed", "shorts",
        "playlist", "legal", "privacy", "terms", "policies", "careers", "press", "contact",
        "support", "download", "discover", "learn", "courses", "competitions", "datasets",
        "models", "spaces", "store", "shop", "business", "ads", "developers", "api", "status",
        "security", "enterprise", "team", "pages", "j", "s", "d", "w", "forms", "en", "tag",
        "tags", "new", "posts", "post", "messages", "compose", "categories", "r", "track",
        "album", "episode", "show", "gallery", "invite", "e", "meeting", "webinar",
        "problems", "contest", "discuss", "book", "books", "series", "live", "video",
        "videos", "photo", "photos", "channel", "c", "user", "users", "u", "profile", "add",
    }
)  # fmt: skip
# Segments after which the next segment names a person, on any site.
_PERSON_SEGMENT = regex.compile(
    r"/(?:~[\w.-]+|@[\w.-]+|(?:in|u|user|users|profile|profiles|people|person|faculty|staff|"
    r"directory|add|athletes|channel|c|member|members|author|authors|artist)/[\w%.~@-]*[a-z][\w%.~@-]*)",
    regex.I,
)
# Hosts of personal sites: a subdomain there is someone's site (mkim.netlify.app).
_PERSONAL_HOST_SUFFIXES = (
    "github.io", "gitlab.io", "netlify.app", "vercel.app", "pages.dev", "wixsite.com",
    "wordpress.com", "blogspot.com", "substack.com", "carrd.co", "squarespace.com",
    "notion.site", "bsky.social", "weebly.com", "webflow.io", "framer.website", "framer.ai",
    "tumblr.com", "medium.com", "super.site", "godaddysites.com", "myportfolio.com",
    "format.com", "crevado.com", "journoportfolio.com", "glitch.me", "academia.edu",
    "itch.io", "hashnode.dev", "ghost.io", "mystrikingly.com", "strikingly.com",
    "jimdosite.com", "site123.me", "typepad.com", "livejournal.com", "neocities.org",
    "straw.page", "cargo.site", "readthedocs.io", "wix.com", "mailchimpsites.com",
)  # fmt: skip
_SERVICE_SUBDOMAINS = frozenset(
    {"www", "blog", "docs", "help", "support", "status", "app", "api", "en", "community",
     "developer", "developers", "careers", "about", "news", "mail", "shop", "store"}
)  # fmt: skip
# Top-level domains a person's own site is found under. File names ("notes.md",
# "main.py") and institutions (.edu, .gov) are not among them.
_PERSONAL_TLDS = frozenset(
    {
        "com", "net", "org", "me", "dev", "io", "co", "name", "site", "page", "xyz", "info",
        "blog", "art", "design", "studio", "online", "tech", "app", "website", "space", "live",
        "photography", "portfolio", "work", "codes", "ninja", "ca", "uk", "au", "nz", "ie",
        "in", "ng", "ke", "za", "de", "fr", "es", "it", "nl", "br", "mx", "ph", "jp", "kr",
    }
)  # fmt: skip
_ALWAYS_PERSONAL_TLDS = frozenset({"dev", "me", "page", "site", "blog", "name", "portfolio"})
_NOT_PERSONAL_HOSTS = regex.compile(
    r"(?:^|\.)(?:google|zoom|dropbox|box|microsoft|office|live|sharepoint|onedrive|apple|"
    r"amazon|canva|typeform|surveymonkey|qualtrics|eventbrite|meetup|northbridge|slack|"
    r"discord|teams|webex|gotomeeting|docusign|wikipedia|youtu)\.",
    regex.I,
)
# "my portfolio is ...", "portfolio: ...", "check out my site".
_OWN_LINK_CUE = regex.compile(
    r"\b(?:(?:my|his|her|their)\s+(?:personal\s+|new\s+|own\s+|art\s+|photo\s+|design\s+)?"
    r"(?:site|website|web\s?site|portfolio|blog|homepage|home\s?page|page|cv|resume|résumé|"
    r"portfolio\s+site|work)|portfolio|personal\s+(?:site|website|page))\b[^\n]{0,30}$",
    regex.I,
)
_LISTING = regex.compile(r"directory|search|index|list|all$", regex.I)
_LABEL_PARTS = regex.compile(r"[-_.]")


def _personal_subdomain(host: str) -> bool:
    for suffix in _PERSONAL_HOST_SUFFIXES:
        if host.endswith("." + suffix):
            label = host[: -len(suffix) - 1].rsplit(".", 1)[-1]
            return label not in _SERVICE_SUBDOMAINS
    return False


def _split_name(label: str) -> bool:
    """Whether a domain label is a first name and a surname: "priyanair", "tomasz-nowak"."""
    parts = [p for p in _LABEL_PARTS.split(label) if p]
    if len(parts) >= 2:
        return (
            len(parts) <= 3
            and all(p.isalpha() for p in parts)
            and parts[0] in common_first_names()
            and parts[-1] in surname_dictionary()
        )
    if not label.isalpha() or word_zipf(label) >= 2.5:
        return False
    surnames = surname_dictionary()
    first_names = common_first_names()
    return any(
        label[:cut] in first_names and label[cut:] in surnames for cut in range(3, len(label) - 2)
    )


def _registrable_label(host: str) -> str:
    labels = host.split(".")
    # "priya.co.uk" -> "priya": skip a second-level public suffix of a country.
    if len(labels) >= 3 and labels[-2] in {"co", "com", "org", "net", "ac"}:
        return labels[-3]
    return labels[-2]


class ProfileUrlRecognizer(EntityRecognizer):
    """URLs that lead to one person's profile, page or site."""

    SCORES: ClassVar[dict[str, float]] = {
        "platform": 0.85,
        "personal host": 0.8,
        "person page": 0.7,
        "own link": 0.65,
        "name domain": 0.6,
        "personal tld": 0.6,
    }

    def __init__(self) -> None:
        super().__init__(supported_entities=[PROFILE_URL], name="ProfileUrlRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in _CANDIDATE.finditer(text):
            url = match.group("url").rstrip(_TRAILING)
            host = match.group("host").lower()
            if host.startswith("www."):
                host = host[4:]
            path = (match.group("path") or "").rstrip(_TRAILING)
            reason = self.reason(text[: match.start()], host, match.group("tld").lower(), path)
            if reason is not None:
                start = match.start("url")
                results.append(
                    make_result(self, PROFILE_URL, start, start + len(url), self.SCORES[reason])
                )
        return results

    @staticmethod
    def reason(before: str, host: str, tld: str, path: str) -> str | None:
        """Why a URL leads to a person (a key of ``SCORES``), or None when it does not."""
        segments = [s for s in path.split("?")[0].split("/") if s]
        pattern = _PROFILE_PATHS.get(host)
        if pattern is not None:
            return "platform" if pattern.match(path) else None
        if host in _ACCOUNT_FIRST and segments:
            first = segments[0].lower()
            if first.startswith("@") or (first not in _PLATFORM_PAGES and not first.isdigit()):
                return "platform"
        if _personal_subdomain(host):
            return "personal host"
        people = [m.group() for m in _PERSON_SEGMENT.finditer(path)]
        if not host.endswith("google.com") and any(not _LISTING.search(p) for p in people):
            return "person page"
        if tld not in _PERSONAL_TLDS or _NOT_PERSONAL_HOSTS.search(host):
            return None
        if tld in _ALWAYS_PERSONAL_TLDS and host.count(".") == 1:
            return "personal tld"
        if _OWN_LINK_CUE.search(before):
            return "own link"
        if _split_name(_registrable_label(host)):
            return "name domain"
        return None
