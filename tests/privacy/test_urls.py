"""Table tests for the profile-URL recognizer: a person's links go, program links stay."""

from __future__ import annotations

import pytest

from privacy.urls import ProfileUrlRecognizer


def found(text: str) -> list[str]:
    results = ProfileUrlRecognizer().analyze(text, ["PROFILE_URL"])
    return [text[r.start : r.end] for r in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("linkedin.com/in/jess-liu", "linkedin.com/in/jess-liu"),
        ("https://www.linkedin.com/in/jess-liu/", "https://www.linkedin.com/in/jess-liu/"),
        ("code: github.com/devp.", "github.com/devp"),
        ("portfolio https://jessliu.dev", "https://jessliu.dev"),
        ("portfolio https://mkim.netlify.app", "https://mkim.netlify.app"),
        ("[https://sites.google.com/view/jordanlee]", "https://sites.google.com/view/jordanlee"),
        ("my page https://northbridge.edu/~okafor", "https://northbridge.edu/~okafor"),
        ("mastodon: https://mastodon.social/@rafa", "https://mastodon.social/@rafa"),
        ("book time w me calendly.com/amara-obi", "calendly.com/amara-obi"),
        ("researchgate.net/profile/Wei-Zhang-12", "researchgate.net/profile/Wei-Zhang-12"),
        ("stackoverflow.com/users/12345/ivan", "stackoverflow.com/users/12345/ivan"),
        ("blog: samuelokoro.wordpress.com", "samuelokoro.wordpress.com"),
        ("my portfolio is janedoe-studio.com if u want", "janedoe-studio.com"),
        ("site: http://tomasz-nowak.net", "http://tomasz-nowak.net"),
        ("priyanair.com has my cv", "priyanair.com"),
        ("orcid.org/0000-0002-1825-0097", "orcid.org/0000-0002-1825-0097"),
    ],
)
def test_person_links_are_found(text: str, expected: str) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "join the zoom https://northbridge.zoom.us/j/93456781234?pwd=abc",
        "form is at https://forms.gle/abc123XYZ",
        "handbook: https://northbridge.edu/mentoring/handbook.pdf",
        "see https://docs.google.com/document/d/1abcDEF/edit",
        "apply at https://careers.northbridge.edu/jobs",
        "github.com/features/actions is cool",
        "youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.linkedin.com/company/acme-example/",
        "the file is notes.md and main.py, e.g. both",
        "our website is www.riverton-tutoring.com",
        "https://www.northbridge.edu/people/staff-directory",
        "https://www.kaggle.com/competitions/titanic",
        "https://www.reddit.com/r/cscareerquestions/",
        "email me at priya.nair@example.com",
    ],
)
def test_program_and_company_links_stay(text: str) -> None:
    assert found(text) == []
