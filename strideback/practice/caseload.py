"""The caseload: her practice's clients with an open share, who needs attention first, and
why, in words. It reads each programme's stored summary (never a replay per client), so a
page costs the same few queries for 3 clients or 500; what needs attention is decided on
the day it is read, from the days the summary keeps.

A summary made by an earlier version of the rules (or missing, for a programme from before
summaries) is rebuilt here, at most ``REBUILDS_PER_PAGE`` a page; ``strideback rebuild``
rebuilds them all after an upgrade."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q, QuerySet

from strideback.accounts.models import User
from strideback.core import InputError, Problem
from strideback.core.programme.summary import ENGINE_VERSION, FLAG_ORDER, Flag, Summary, flags
from strideback.core.vocabulary import (
    FLAG_WORDS,
    KIND_WORDS,
    PELVIC_FLOOR_WORDS,
    SIGN_WORDS,
    VERDICT_WORDS,
    words_for,
)
from strideback.core.words import list_words, short_date
from strideback.practice.access import client_share, record_access
from strideback.practice.models import FlagSeen, Membership, Practice, Share
from strideback.programmes.models import Programme, ProgrammeSummary
from strideback.programmes.services import refresh_summary, summary_of

REBUILDS_PER_PAGE = 5
FLAG_CHOICES = [(code, FLAG_WORDS[code][0]) for code in FLAG_ORDER]


@dataclass(frozen=True)
class ClientFlag:
    code: str
    day: date
    words: str
    seen: FlagSeen | None


@dataclass(frozen=True)
class ClientRow:
    share: Share
    name: str
    flags: list[ClientFlag]
    status: str
    next_session: str
    week: int | None
    clinician: str

    def order(self) -> tuple[int, int, int, str]:
        """Unseen flags first, the most urgent first; then seen ones; then the rest."""
        unseen = [f for f in self.flags if f.seen is None]
        shown = unseen or self.flags
        rank = min((FLAG_ORDER.index(f.code) for f in shown), default=len(FLAG_ORDER))
        group = 0 if unseen else 1 if self.flags else 2
        newest = max((f.day.toordinal() for f in shown), default=0)
        return group, rank, -newest, self.name.lower()


@dataclass(frozen=True)
class CaseloadPage:
    practice: Practice
    rows: list[ClientRow]
    flag: str
    q: str
    choices: list[tuple[str, str]]
    clients: int  # with an open share, before the filter and search


def flag_words(flag: Flag, today: date) -> str:
    what = list_words(words_for({**SIGN_WORDS, **PELVIC_FLOOR_WORDS}, flag.detail))
    done, planned = (*flag.detail, "", "")[:2] if flag.code == "adherence" else ("", "")
    text = FLAG_WORDS[flag.code][1].format(
        what=what, day=short_date(flag.day, today), done=done, planned=planned
    )
    return text[:1].upper() + text[1:]


def _checked_flag(flag: str, allow_none: bool = True) -> str:
    if flag not in FLAG_WORDS and (flag or not allow_none):
        allowed = ", ".join(FLAG_ORDER)
        raise InputError(
            "caseload", [Problem("flag", f"'{flag[:40]}' is not a flag; use {allowed}")]
        )
    return flag


def _summaries(shares: QuerySet[Share], runners: list[int], today: date) -> dict[int, Summary]:
    """Each runner's summary by runner id; outdated or missing ones rebuilt, a few a page."""
    rows = {
        row.programme.owner_id: row
        for row in ProgrammeSummary.objects.select_related("programme").filter(
            programme__owner_id__in=shares.values("runner_id")
        )
    }
    rebuild = [r.programme for r in rows.values() if r.engine_version != ENGINE_VERSION]
    if len(rows) < len(runners):
        missing = Programme.objects.filter(owner_id__in=set(runners) - set(rows))
        rebuild += list(missing.select_related("intake")[:REBUILDS_PER_PAGE])
    for programme in rebuild[:REBUILDS_PER_PAGE]:
        with transaction.atomic():
            rows[programme.owner_id] = refresh_summary(programme, today)
    return {owner: summary_of(row) for owner, row in rows.items()}


Seen = dict[tuple[int, str, date], FlagSeen]


def _row(share: Share, summary: Summary | None, seen: Seen, today: date) -> ClientRow:
    found = flags(summary, today) if summary else []
    nxt = summary.next_session(today) if summary else None
    clinician = share.clinician
    return ClientRow(
        share=share,
        name=share.runner.display_name,
        flags=[
            ClientFlag(f.code, f.day, flag_words(f, today), seen.get((share.pk, f.code, f.day)))
            for f in found
        ],
        status=VERDICT_WORDS.get(summary.status, "") if summary else "No programme yet",
        next_session=f"{KIND_WORDS[nxt[1]]}, {short_date(nxt[0], today)}" if nxt else "",
        week=summary.week(today) if summary else None,
        clinician=clinician.user.display_name if clinician and clinician.removed_at is None else "",
    )


def caseload_page(
    membership: Membership, today: date, *, flag: str = "", q: str = ""
) -> CaseloadPage:
    """Her practice's clients who consented, who needs attention first, with the reasons
    in words; only those with ``flag``, or whose name or email holds ``q``, if given.
    Recorded in the access log."""
    flag, q = _checked_flag(flag.strip()), q.strip()[:100]
    record_access(membership.user, membership.practice, None, "viewed_caseload")
    shares = Share.objects.select_related("runner", "clinician__user").filter(
        practice=membership.practice, revoked_at__isnull=True
    )
    clients = shares.count()
    if q:
        shares = shares.filter(
            Q(runner__first_name__icontains=q)
            | Q(runner__last_name__icontains=q)
            | Q(runner__email__icontains=q)
        )
    shares_list = list(shares)
    summaries = _summaries(shares, [s.runner_id for s in shares_list], today)
    seen = {(s.share_id, s.code, s.day): s for s in FlagSeen.objects.filter(share__in=shares)}
    rows = [_row(s, summaries.get(s.runner_id), seen, today) for s in shares_list]
    if flag:
        rows = [r for r in rows if any(f.code == flag for f in r.flags)]
    rows.sort(key=ClientRow.order)
    return CaseloadPage(membership.practice, rows, flag, q, FLAG_CHOICES, clients)


def mark_seen(
    membership: Membership, runner_id: int, code: str, day: date, now: datetime
) -> FlagSeen:
    """She has seen this flag of her client's (of that day): it drops in priority, and a
    later one shows again. Recorded in the access log."""
    _checked_flag(code, allow_none=False)
    share = client_share(membership, runner_id)
    user: User = membership.user
    seen, _ = FlagSeen.objects.get_or_create(
        share=share,
        code=code,
        day=day,
        defaults={"seen_by": user, "seen_by_name": user.display_name, "seen_at": now},
    )
    record_access(user, membership.practice, share.runner, "marked_flag_seen", f"{code} {day}")
    return seen
