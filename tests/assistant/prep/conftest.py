"""A tiny imported program (one pair, planted personal data, a crisis message) and a small
resource library, built through the real container with recording fake models."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from settings import Settings
from tests.conftest import RecordingEmbedder

ROOT = Path(__file__).resolve().parents[3]
RESOURCES = [
    "wellbeing/crisis-resources.md",
    "wellbeing/counseling-services.md",
    "careers/internship-guide.md",
    "mentor-guides/when-a-mentee-goes-quiet.md",
    "academics/exam-preparation.md",
]
PLANTED = ("jordan.test@example.com", "617-555-0199", "Alicia", "Jordan", "Maya")

PROGRAM_YAML = """
program: {id: testprog, name: Test Program, timezone: America/New_York}
participants:
  - {id: maya-chen, role: mentor, name: Maya Chen, aliases: [maya], email: maya@example.edu}
  - {id: jordan-reyes, role: mentee, name: Jordan Reyes, aliases: [jordan], email: jordan@example.edu}
  - {id: luis-herrera, role: coordinator, name: Luis Herrera, aliases: [luis]}
pairs:
  - id: maya-jordan
    mentor: maya-chen
    mentee: jordan-reyes
    started: 2026-10-01
    profile_names: [Alicia Reyes]
    goals:
      - {id: g1, text: "Apply to two summer internships", status: in_progress, due: 2026-12-01}
    meetings:
      - {date: 2026-10-02, status: held}
      - {date: 2026-11-10, status: held}
      - {date: 2026-12-01, status: scheduled}
"""

MESSAGES: list[tuple[str, str, str]] = [
    ("maya-chen", "2026-10-01T18:00:00-04:00", "Hi Jordan! Looking forward to working together."),
    (
        "jordan-reyes",
        "2026-10-01T19:00:00-04:00",
        "Hi Maya, thanks! my email is jordan.test@example.com and you can call me at 617-555-0199.",
    ),
    ("maya-chen", "2026-10-03T10:00:00-04:00", "What are you hoping to get out of this semester?"),
    (
        "jordan-reyes",
        "2026-10-03T11:00:00-04:00",
        "I'll apply to two internships at Acme Analytics by Oct 20. my mom alicia wants me to.",
    ),
    ("maya-chen", "2026-10-04T09:00:00-04:00", "Great plan. I'll send you my resume template."),
    (
        "jordan-reyes",
        "2026-11-12T23:30:00-05:00",
        "honestly i feel hopeless, whats even the point of trying. the chem exam went badly and i'm stressed about money",
    ),
    (
        "maya-chen",
        "2026-11-13T08:00:00-05:00",
        "Thank you for telling me. Are you safe right now? Can we talk today?",
    ),
    ("jordan-reyes", "2026-11-13T12:00:00-05:00", "i'm ok, just tired. the final is on Dec 9."),
    ("maya-chen", "2026-11-14T09:00:00-05:00", "Glad to hear. How is the internship search going?"),
    (
        "jordan-reyes",
        "2026-11-15T10:00:00-05:00",
        "slow. do you think i should email the recruiter?",
    ),
]


def write_program(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "program.yaml").write_text(PROGRAM_YAML)
    with (folder / "maya-jordan.jsonl").open("w") as out:
        for i, (sender, ts, text) in enumerate(MESSAGES, start=1):
            record = {
                "id": f"t-{i:03d}",
                "pair": "maya-jordan",
                "sender": sender,
                "timestamp": ts,
                "text": text,
            }
            out.write(json.dumps(record) + "\n")
    return folder


def copy_resources(folder: Path) -> Path:
    for rel in RESOURCES:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "examples" / "resources" / rel, target)
    return folder


def build(tmp: Path, generator: Any = None) -> Any:
    from assistant.container import Container

    container = Container(
        Settings(data_dir=tmp / "data"), embedder=RecordingEmbedder(), generator=generator
    )
    container.resource_ingestor.ingest([copy_resources(tmp / "resources")])
    summary = container.importer.import_paths([write_program(tmp / "program")], None)
    assert not summary.failed, [f.error for f in summary.failed]
    return container


@pytest.fixture(scope="module")
def prep_container(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    container = build(tmp_path_factory.mktemp("prep"))
    yield container
    container.store.close()
