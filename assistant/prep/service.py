"""Session prep: 3-7 talking points for a mentor's next meeting, each with why and evidence.

It reads the pair's redacted record (messages and their stored features, goals, meetings),
the engagement report, and resources retrieved for what came up; turns what it finds into
talking points (extractive, or drafted by an LLM through the gateway and then checked by
:mod:`assistant.grounding`); and restores real names only for roles allowed to see them.

A crisis or self-harm signal anywhere in the mentee's messages is always the first point,
with the program's crisis resources, whatever the backend.

Example::

    result = container.session_prep.prep("maya-jordan", viewer_role="mentor")
    for point in result.points:
        print(point.text, point.evidence)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from assistant.composer import Passage, pick_sentences, quote
from assistant.engagement import EngagementReport, analyze_pair, compute_message_features
from assistant.engagement.features import MessageFeatures
from assistant.grounding import Evidence, GroundingStats, check_fields
from assistant.prep.models import PrepGrounding, PrepResult, TalkingPoint
from assistant.prep.topics import CRISIS_RE, TOPICS, crisis_signal_from_person, normalise
from assistant.store import ConversationStore, StoredMessage
from privacy.gateway import GenerationUnavailable, ModelGateway
from privacy.pseudonyms import PseudonymMap
from privacy.vault import ROLES_THAT_SEE_IDENTITIES

if TYPE_CHECKING:
    from retrieval.documents import Hit
    from retrieval.search import ResourceSearch

EXTRACTIVE = "extractive"
MIN_POINTS, MAX_POINTS = 3, 7
RECENT_DAYS = 30
COMMITMENT_DAYS = 45
SILENCE_DAYS = 14
MISSED = ("cancelled", "no_show")
CRISIS_QUERY = "mentee in crisis thinking about suicide 988 lifeline crisis resources"


class PrepError(LookupError):
    """The pair or program cannot be found, or the program is ambiguous."""


@dataclass
class Draft:
    text: str
    why: str
    evidence: list[str]
    kind: str
    priority: float
    must: bool = False
    anchors: set[str] = field(default_factory=set)

    def point(self) -> TalkingPoint:
        return TalkingPoint(
            text=self.text,
            why=self.why,
            evidence=list(dict.fromkeys(self.evidence)),
            kind=self.kind,
            must_raise=self.must,
        )


@dataclass
class _Context:
    program_id: str
    pair_id: str
    today: dt.date
    tz: ZoneInfo
    messages: list[StoredMessage]
    features: dict[str, MessageFeatures]
    mentee: str
    report: EngagementReport
    evidence: dict[str, Evidence]
    next_meeting: dt.date | None
    meetings: list[tuple[dt.date, str]]

    def day(self, msg: StoredMessage) -> dt.date | None:
        return msg.timestamp.astimezone(self.tz).date() if msg.timestamp else None

    def recent(self, msg: StoredMessage, days: int) -> bool:
        d = self.day(msg)
        return d is not None and (self.today - d).days <= days


def short(d: dt.date) -> str:
    """'Oct 3'."""
    return f"{d:%b} {d.day}"


class SessionPrep:
    """Builds a :class:`PrepResult` for one pair from the store, retrieval and the gateway."""

    def __init__(
        self,
        store: ConversationStore,
        gateway: ModelGateway,
        search: ResourceSearch | None = None,
        *,
        use_llm: bool = False,
        max_new_tokens: int = 384,
    ) -> None:
        self.store = store
        self.gateway = gateway
        self.search = search
        self.use_llm = use_llm and gateway.generator_name is not None
        self.max_new_tokens = max_new_tokens

    # -- public API ----------------------------------------------------------------------
    def prep(
        self,
        pair_id: str,
        *,
        next_meeting: dt.date | None = None,
        agenda: str | None = None,
        viewer_role: str = "mentor",
        program_id: str | None = None,
        today: dt.date | None = None,
    ) -> PrepResult:
        """Talking points for ``pair_id``'s next meeting, as ``viewer_role`` may see them."""
        program = self._program(program_id)
        ctx = self._context(program, pair_id, next_meeting, today or dt.date.today())
        drafts = self._drafts(ctx, agenda)
        chosen = _select(drafts)
        grounding = PrepGrounding()
        backend = EXTRACTIVE
        if self.use_llm:
            llm_points, stats = self._llm_points(ctx, chosen)
            grounding = PrepGrounding(
                llm_backend=self.gateway.generator_name,
                drafts=stats.drafts,
                rejected=stats.rejected,
                fallback=llm_points is None,
                reasons=stats.reasons[:10],
            )
            if llm_points is not None:
                chosen = llm_points
                backend = self.gateway.generator_name or EXTRACTIVE
        restore = viewer_role in ROLES_THAT_SEE_IDENTITIES
        mapping = self.store.pseudonyms(program, pair_id) if restore else PseudonymMap()

        def show(text: str) -> str:
            return self.store.vault.restore(text, mapping, viewer_role) if restore else text

        points = [
            TalkingPoint(
                text=show(d.text),
                why=show(d.why),
                evidence=list(dict.fromkeys(d.evidence)),
                kind=d.kind,
                must_raise=d.must,
            )
            for d in chosen
        ]
        return PrepResult(
            program_id=program,
            pair_id=pair_id,
            viewer_role=viewer_role,
            names_restored=restore,
            next_meeting=ctx.next_meeting,
            since_last_time=show(_since_last_time(ctx)),
            engagement_band=ctx.report.band,
            engagement_score=ctx.report.score,
            points=points,
            backend=backend,
            grounding=grounding,
        )

    def evidence_for(
        self, pair_id: str, *, program_id: str | None = None, today: dt.date | None = None
    ) -> dict[str, Evidence]:
        """Every evidence id prep could cite for the pair (evaluations check points against it)."""
        program = self._program(program_id)
        ctx = self._context(program, pair_id, None, today or dt.date.today())
        self._drafts(ctx, None)  # adds the retrieved resources to the evidence
        return ctx.evidence

    # -- gathering -----------------------------------------------------------------------
    def _program(self, program_id: str | None) -> str:
        if program_id is not None:
            return self.store.program(program_id).id
        programs = self.store.programs()
        if len(programs) != 1:
            raise PrepError(
                "no program in the store" if not programs else "several programs: pass one"
            )
        return programs[0].id

    def _context(
        self, program: str, pair_id: str, next_meeting: dt.date | None, today: dt.date
    ) -> _Context:
        info = self.store.pair(program, pair_id)
        tz = ZoneInfo(self.store.program(program).timezone)
        end = dt.datetime.combine(today, dt.time.max, tzinfo=tz)
        messages = [
            m
            for m in self.store.messages(program, pair_id, thread=None)
            if m.timestamp is None or m.timestamp <= end
        ]
        messages.sort(key=lambda m: (m.timestamp is None, m.timestamp or end))
        chat = [m for m in messages if m.thread == "chat" and m.role in ("mentor", "mentee")]
        features = _features(messages)
        meetings = [(m.date, m.status) for m in self.store.meetings(program, pair_id)]
        report = analyze_pair(
            [m.to_chat() for m in chat],
            [features[m.id] for m in chat],
            [
                mt.to_event()
                for mt in self.store.meetings(program, pair_id)
                if mt.date <= today and mt.status != "scheduled"
            ],
            now=end.astimezone(dt.UTC),
        )
        if next_meeting is None:
            upcoming = [d for d, s in meetings if s == "scheduled" and d >= today]
            next_meeting = min(upcoming) if upcoming else None
        mapping = self.store.pseudonyms(program, pair_id)
        names = {p.key: p.display_name for p in self.store.participants(program)}
        by_name = {v: k for k, v in mapping.values.items()}
        mentee = by_name.get(names.get(info.mentee, ""), "your mentee")
        mentor = by_name.get(names.get(info.mentor, ""), "the mentor")
        ctx = _Context(
            program_id=program,
            pair_id=pair_id,
            today=today,
            tz=tz,
            messages=messages,
            features=features,
            mentee=mentee,
            report=report,
            evidence={},
            next_meeting=next_meeting,
            meetings=meetings,
        )
        for m in messages:
            day = ctx.day(m)
            when = f"{short(day)} ({day.isoformat()})" if day else "undated"
            speaker = mentee if m.role == "mentee" else mentor if m.role == "mentor" else "staff"
            where = "" if m.thread == "chat" else " in the meeting"
            ctx.evidence[f"m:{m.id}"] = Evidence(f"m:{m.id}", f"{when}{where} {speaker}: {m.text}")
        for g in self.store.goals(program, pair_id):
            due = f" Due {short(g.due)} ({g.due.isoformat()})." if g.due else ""
            ctx.evidence[f"g:{g.id}"] = Evidence(
                f"g:{g.id}", f"Goal: {g.text}. Status: {g.status}.{due}", "goal"
            )
        for d, status in meetings:
            ctx.evidence[f"mt:{d.isoformat()}"] = Evidence(
                f"mt:{d.isoformat()}",
                f"Meeting on {short(d)} ({d.isoformat()}): {status}",
                "meeting",
            )
        ctx.evidence["e:engagement"] = Evidence(
            "e:engagement",
            f"Engagement {report.band} (score {report.score:g}). " + "; ".join(report.reasons),
            "engagement",
        )
        return ctx

    def _resource(self, ctx: _Context, query: str) -> Hit | None:
        if self.search is None:
            return None
        hits = self.search.search(query, k=1, audience="mentor")
        if not hits:
            return None
        hit = hits[0]
        ctx.evidence[f"r:{hit.chunk_id}"] = Evidence(
            f"r:{hit.chunk_id}", f"{hit.citation}\n{hit.text}", "resource"
        )
        return hit

    # -- drafting ------------------------------------------------------------------------
    def _drafts(self, ctx: _Context, agenda: str | None) -> list[Draft]:
        drafts: list[Draft] = []
        drafts += self._crisis(ctx)
        drafts += self._contact(ctx)
        drafts += self._commitments(ctx)
        drafts += self._questions(ctx)
        drafts += self._goals(ctx)
        drafts += self._topics(ctx)
        if agenda and agenda.strip():
            drafts += self._agenda(ctx, agenda)
        drafts += self._fillers(ctx)
        return drafts

    def _crisis(self, ctx: _Context) -> list[Draft]:
        flagged = [
            m for m in ctx.messages if m.role == "mentee" and crisis_signal_from_person(m.text)
        ]
        if not flagged:
            return []
        latest = flagged[-1]
        match = CRISIS_RE.search(normalise(latest.text))
        said = quote(latest.text, around=match.group(0) if match else None, limit=110)
        day = ctx.day(latest)
        evidence = [f"m:{latest.id}"]
        resources = ""
        hit = None
        if self.search is not None:
            hits = self.search.search(
                CRISIS_QUERY, k=1, audience="mentor", topics=("crisis",), min_relevance=-1.0
            ) or self.search.search(CRISIS_QUERY, k=1, audience="mentor", min_relevance=-1.0)
            hit = hits[0] if hits else None
        if hit is not None:
            ctx.evidence[f"r:{hit.chunk_id}"] = Evidence(
                f"r:{hit.chunk_id}", f"{hit.citation}\n{hit.text}", "resource"
            )
            evidence.append(f"r:{hit.chunk_id}")
            picked = pick_sentences(
                "call or text 988 any phone",
                [Passage(hit.chunk_id, hit.text)],
                limit=1,
            )
            line = picked[0].text if picked else hit.snippet
            resources = f' ({hit.title}: "{line}")'
        when = f"On {short(day)} " if day else ""
        return [
            Draft(
                text=(
                    f"Before anything else, ask {ctx.mentee} directly how they are feeling and "
                    f"whether they are safe, and share the crisis resources{resources}."
                ),
                why=(
                    f'{when}{ctx.mentee} wrote "{said}". A possible crisis signal always comes '
                    "first, even if they later said they were fine."
                ),
                evidence=evidence,
                kind="crisis",
                priority=10_000,
                must=True,
                anchors={latest.id},
            )
        ]

    def _contact(self, ctx: _Context) -> list[Draft]:
        mentee_msgs = [m for m in ctx.messages if m.role == "mentee" and m.thread == "chat"]
        last = mentee_msgs[-1] if mentee_msgs else None
        last_day = ctx.day(last) if last else None
        silent = last_day is None or (ctx.today - last_day).days >= SILENCE_DAYS
        missed = [
            (d, s)
            for d, s in ctx.meetings
            if s in MISSED and d <= ctx.today and (ctx.today - d).days <= 60
        ]
        band = ctx.report.band
        evidence = ["e:engagement", *(f"mt:{d.isoformat()}" for d, _ in missed[-3:])]
        missed_text = ", ".join(short(d) for d, _ in missed[-3:])
        if silent and (band != "healthy" or len(missed) >= 2):
            if last is not None:
                evidence.insert(0, f"m:{last.id}")
            guide = self._resource(ctx, "mentee goes quiet not responding re-engage reach out")
            if guide is not None:
                evidence.append(f"r:{guide.chunk_id}")
            since = f"since {short(last_day)}" if last_day else "on record"
            why = f"No message from {ctx.mentee} {since}"
            if missed_text:
                why += f"; meetings cancelled or missed: {missed_text}"
            return [
                Draft(
                    text=(
                        f"Reach out to {ctx.mentee} on another channel (a call or a text) to "
                        "re-establish contact, say you'd like to hear how they are doing, and "
                        "let the program coordinator know if there is still no reply."
                    ),
                    why=why + ".",
                    evidence=evidence,
                    kind="contact",
                    priority=9_000,
                    must=True,
                    anchors={last.id} if last else set(),
                )
            ]
        if band == "healthy" and len(missed) < 2:
            return []
        if last is not None:
            evidence.append(f"m:{last.id}")
        reasons = "; ".join(ctx.report.reasons[:2])
        why = f"Engagement is {band}" + (f": {reasons}" if reasons else "")
        text = (
            f"Check in on how {ctx.mentee} is coping, and ask whether the meeting time and "
            "format still work for them"
        )
        if missed_text:
            text += f" (meetings on {missed_text} were cancelled or missed)"
        return [
            Draft(
                text=text + ".",
                why=why + ".",
                evidence=evidence,
                kind="engagement",
                priority=800 if band == "at_risk" else 500,
            )
        ]

    def _commitments(self, ctx: _Context) -> list[Draft]:
        drafts: list[Draft] = []
        for m in reversed(ctx.messages):
            f = ctx.features.get(m.id)
            if f is None or not f.commitment_spans or f.followed_up_by is not None:
                continue
            if m.role not in ("mentor", "mentee") or not ctx.recent(m, COMMITMENT_DAYS):
                continue
            start, end = f.commitment_spans[0]
            span = " ".join(m.text[start:end].split()).rstrip(" ,;:")
            if len(span.split()) < 3:
                continue
            span = span if len(span) <= 140 else quote(span, limit=140)
            day = ctx.day(m)
            when = f" on {short(day)}" if day else ""
            age = (ctx.today - day).days if day else COMMITMENT_DAYS
            if m.role == "mentee":
                drafts.append(
                    Draft(
                        text=f'Follow up on what {ctx.mentee} planned: "{span}". How did it go?',
                        why=f'{ctx.mentee} said{when}: "{span}", and no later message reports it done.',
                        evidence=[f"m:{m.id}"],
                        kind="commitment",
                        priority=420 - age,
                        anchors={m.id},
                    )
                )
            else:
                drafts.append(
                    Draft(
                        text=f'Close the loop on your own promise: "{span}".',
                        why=f'You said{when}: "{span}", and no later message reports it done.',
                        evidence=[f"m:{m.id}"],
                        kind="commitment",
                        priority=380 - age,
                        anchors={m.id},
                    )
                )
        return drafts

    def _questions(self, ctx: _Context) -> list[Draft]:
        chat = [m for m in ctx.messages if m.thread == "chat" and m.role in ("mentor", "mentee")]
        drafts: list[Draft] = []
        for i, m in enumerate(chat):
            f = ctx.features.get(m.id)
            if f is None or not f.is_question or not ctx.recent(m, RECENT_DAYS):
                continue
            if any(later.role != m.role for later in chat[i + 1 :]):
                continue
            q = quote(m.text, around="?", limit=140)
            day = ctx.day(m)
            when = f" on {short(day)}" if day else ""
            if m.role == "mentee":
                drafts.append(
                    Draft(
                        text=f'Answer the question {ctx.mentee} asked{when}: "{q}"',
                        why=f"{ctx.mentee}'s question{when} has had no reply yet.",
                        evidence=[f"m:{m.id}"],
                        kind="question",
                        priority=450,
                        anchors={m.id},
                    )
                )
            else:
                from_mentee = [x for x in chat[:i] if x.role == "mentee"]
                evidence = [f"m:{m.id}"] + ([f"m:{from_mentee[-1].id}"] if from_mentee else [])
                drafts.append(
                    Draft(
                        text=f'Ask again what you asked{when}: "{q}"',
                        why=f"Your question{when} has had no reply from {ctx.mentee}.",
                        evidence=evidence,
                        kind="question",
                        priority=300,
                        anchors={m.id},
                    )
                )
        return drafts[-2:]

    def _goals(self, ctx: _Context) -> list[Draft]:
        drafts: list[Draft] = []
        horizon = (ctx.next_meeting or ctx.today) + dt.timedelta(days=14)
        for eid, ev in ctx.evidence.items():
            if ev.kind != "goal":
                continue
            m = re.match(r"Goal: (?P<text>.*)\. Status: (?P<status>[a-z_]+)\.", ev.text)
            if m is None or m["status"] in ("done", "dropped"):
                continue
            due = re.search(r"Due (?P<short>[A-Z][a-z]{2} \d{1,2}) \((?P<iso>[\d-]+)\)", ev.text)
            due_date = dt.date.fromisoformat(due["iso"]) if due else None
            soon = due_date is not None and due_date <= horizon
            status = m["status"].replace("_", " ")
            text = f'Check progress on the goal "{m["text"]}"'
            why = f"The goal is {status}"
            if due:
                text += f" (due {due['short']})"
                why += f" and due {due['short']}"
            drafts.append(
                Draft(
                    text=text + ": what is done, and what is the next step?",
                    why=why + ".",
                    evidence=[eid],
                    kind="goal",
                    priority=(360 if soon else 240) + (40 if status == "missed" else 0),
                )
            )
        return drafts

    def _topics(self, ctx: _Context) -> list[Draft]:
        mentee = [m for m in ctx.messages if m.role == "mentee"]
        drafts: list[Draft] = []
        for topic in TOPICS:
            hits = [m for m in mentee if topic.pattern.search(normalise(m.text))]
            recent = [m for m in hits if ctx.recent(m, RECENT_DAYS)]
            if not recent:
                continue
            latest = recent[-1]
            match = topic.pattern.search(normalise(latest.text))
            said = quote(latest.text, around=match.group(0) if match else None, limit=120)
            day = ctx.day(latest)
            when = f" on {short(day)}" if day else ""
            new = len(recent) == len(hits)
            evidence = [f"m:{latest.id}"]
            text = f'Ask how things are going with {topic.label}; {ctx.mentee} mentioned "{said}"{when}.'
            guide = self._resource(ctx, f"{topic.query} {said}")
            if guide is not None:
                evidence.append(f"r:{guide.chunk_id}")
                text += f' The guide "{guide.title}" has ideas to share.'
            dates = sorted({d for m in recent[-3:] if (d := ctx.day(m)) is not None})
            why = (
                f"{ctx.mentee} brought up {topic.label}"
                + (" for the first time" if new else "")
                + (f" on {', '.join(short(d) for d in dates)}" if dates else "")
                + "."
            )
            evidence += [f"m:{m.id}" for m in recent[-3:-1]]
            drafts.append(
                Draft(
                    text=text,
                    why=why,
                    evidence=evidence,
                    kind="topic",
                    priority=200 + 15 * min(len(recent), 6) + (20 if new else 0),
                    anchors={latest.id},
                )
            )
        return drafts

    def _agenda(self, ctx: _Context, agenda: str) -> list[Draft]:
        redacted = self.gateway.redactor.redact(agenda.strip()[:1000]).redacted
        ctx.evidence["a:agenda"] = Evidence("a:agenda", f"Your agenda: {redacted}", "agenda")
        evidence = ["a:agenda"]
        text = f"On your agenda: {redacted}"
        guide = self._resource(ctx, redacted)
        if guide is not None:
            evidence.append(f"r:{guide.chunk_id}")
            text += f' (see "{guide.title}")'
        return [
            Draft(
                text=text.rstrip(".") + ".",
                why="You added this to the agenda for the meeting.",
                evidence=evidence,
                kind="agenda",
                priority=600,
            )
        ]

    def _fillers(self, ctx: _Context) -> list[Draft]:
        drafts: list[Draft] = []
        mentee = [m for m in ctx.messages if m.role == "mentee"]
        if mentee:
            last = mentee[-1]
            day = ctx.day(last)
            when = f" on {short(day)}" if day else ""
            said = quote(last.text, limit=120)
            drafts.append(
                Draft(
                    text=f'Pick up where you left off: {ctx.mentee} last wrote "{said}"{when}.',
                    why=f"This is {ctx.mentee}'s latest message{when}.",
                    evidence=[f"m:{last.id}"],
                    kind="recap",
                    priority=50,
                    anchors={last.id},
                )
            )
        for eid, ev in ctx.evidence.items():
            if ev.kind == "goal" and "Status: done." in ev.text:
                goal = ev.text.split(". Status:")[0].removeprefix("Goal: ")
                drafts.append(
                    Draft(
                        text=f'Celebrate the goal you finished together: "{goal}".',
                        why="The goal is marked done.",
                        evidence=[eid],
                        kind="goal",
                        priority=40,
                    )
                )
        drafts.append(
            Draft(
                text="Ask what would make the next few weeks go well, and agree on one next step.",
                why=f"Engagement is {ctx.report.band}.",
                evidence=["e:engagement"],
                kind="general",
                priority=10,
            )
        )
        return drafts

    # -- LLM drafting --------------------------------------------------------------------
    def _llm_points(
        self, ctx: _Context, chosen: Sequence[Draft]
    ) -> tuple[list[Draft] | None, GroundingStats]:
        from prompts import load_prompt

        stats = GroundingStats()
        ids = list(dict.fromkeys(i for d in chosen for i in d.evidence))
        lines = [f"{i}: {' '.join(ctx.evidence[i].text.split())[:300]}" for i in ids]
        prompt = load_prompt("session_prep").format(evidence="\n".join(lines))
        try:
            generation = self.gateway.generate(
                [("user", prompt)],
                caller="session_prep",
                purpose="talking_points",
                max_new_tokens=self.max_new_tokens,
            )
        except GenerationUnavailable as exc:
            stats.drafts += 1
            stats.rejected += 1
            stats.reasons.append(str(exc))
            return None, stats
        kept: list[Draft] = []
        raw = _json_objects(generation.text)
        if not raw:
            stats.drafts += 1
            stats.rejected += 1
            stats.reasons.append("no talking points could be parsed")
        for item in raw:
            text, why, cited = item.get("text"), item.get("why", ""), item.get("evidence", [])
            if not isinstance(text, str) or not isinstance(why, str) or not isinstance(cited, list):
                stats.drafts += 1
                stats.rejected += 1
                stats.reasons.append("malformed talking point")
                continue
            cited_ids = [str(c) for c in cited]
            verdict = check_fields([text, why], cited_ids, ctx.evidence)
            stats.add(verdict)
            if verdict.ok:
                kept.append(Draft(text, why, cited_ids, "llm", 0))
        must = [d for d in chosen if d.must]
        points = must + kept[: MAX_POINTS - len(must)]
        if len(kept) == 0 or len(points) < MIN_POINTS:
            return None, stats
        return points, stats


# -- helpers ------------------------------------------------------------------------------
def _features(messages: Sequence[StoredMessage]) -> dict[str, MessageFeatures]:
    """Stored features where the importer computed them; computed here (lexically) otherwise."""
    out: dict[str, MessageFeatures] = {}
    missing_threads: set[str] = set()
    for m in messages:
        if m.features:
            out[m.id] = MessageFeatures.from_dict(m.features)
        else:
            missing_threads.add(m.thread)
    for thread in missing_threads:
        part = [m for m in messages if m.thread == thread]
        for m, f in zip(
            part, compute_message_features([m.to_chat() for m in part], None), strict=True
        ):
            out.setdefault(m.id, f)
    return out


def _select(drafts: Sequence[Draft]) -> list[Draft]:
    """Highest priority first, at most two of a kind, no message anchoring two points."""
    limits = {"commitment": 3, "topic": 3, "question": 1, "goal": 2, "recap": 1, "general": 1}
    chosen: list[Draft] = []
    used: set[str] = set()
    per_kind: dict[str, int] = {}
    ordered = sorted(drafts, key=lambda d: -d.priority)
    for strict in (True, False):
        for d in ordered:
            if len(chosen) >= MAX_POINTS or d in chosen:
                continue
            if strict and d.priority < 100:
                continue
            if d.anchors & used:
                continue
            if per_kind.get(d.kind, 0) >= limits.get(d.kind, 2):
                continue
            chosen.append(d)
            used |= d.anchors
            per_kind[d.kind] = per_kind.get(d.kind, 0) + 1
        if len(chosen) >= MIN_POINTS:
            break
    chosen.sort(key=lambda d: -d.priority)
    return chosen


def _since_last_time(ctx: _Context) -> str:
    held = [d for d, s in ctx.meetings if s == "held" and d <= ctx.today]
    last = max(held) if held else None
    after = [
        m
        for m in ctx.messages
        if m.thread == "chat"
        and m.role in ("mentor", "mentee")
        and (last is None or ((d := ctx.day(m)) is not None and d > last))
    ]
    mentee = [m for m in after if m.role == "mentee"]
    head = f"Since the meeting on {short(last)}" if last else "So far"
    parts = [
        f"{head}: {len(after)} messages ({len(mentee)} from {ctx.mentee}, "
        f"{len(after) - len(mentee)} from you)"
    ]
    topics = [t.label for t in TOPICS if any(t.pattern.search(normalise(m.text)) for m in mentee)]
    if topics:
        parts.append(f"{ctx.mentee} mentioned {', '.join(topics)}")
    made = sum(1 for m in after if (f := ctx.features.get(m.id)) is not None and f.commitment)
    done = sum(1 for m in after if (f := ctx.features.get(m.id)) is not None and f.follows_up)
    if made or done:
        parts.append(f"{made} commitments made, {done} reported done")
    missed = [d for d, s in ctx.meetings if s in MISSED and (last is None or d > last)]
    if missed:
        parts.append("meetings cancelled or missed: " + ", ".join(short(d) for d in missed))
    trend = ctx.report.trend
    parts.append(f"engagement is {ctx.report.band} (trend {trend.direction})")
    return "; ".join(parts) + "."


def _json_objects(text: str) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for m in re.finditer(r"\{[^{}]*\}", text):
        try:
            value = json.loads(m.group(0))
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            out.append(value)
    return out
