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
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import F, Q, QuerySet

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
from strideback.programmes.services import (
    SUMMARY_FIELDS,
    refresh_summary,
    summary_from,
    summary_of,
)

REBUILDS_PER_PAGE = 5
SHARE_FIELDS = (
    "runner__first_name",
    "runner__last_name",
    "runner__email",
    "clinician__removed_at",
    "clinician__user__first_name",
    "clinician__user__last_name",
    "clinician__user__email",
)
PAGE_SIZE = 50  # clients a page, who needs attention first; the rest on the next pages
FLAG_CHOICES = [(code, FLAG_WORDS[code][0]) for code in FLAG_ORDER]


@dataclass(frozen=True)
class ClientFlag:
    flag: Flag
    today: date
    seen: FlagSeen | None

    @property
    def code(self) -> str:
        return self.flag.code

    @property
    def day(self) -> date:
        return self.flag.day

    @property
    def words(self) -> str:
        return flag_words(self.flag, self.today)


@dataclass(frozen=True)
class ClientRow:
    """A client as the caseload lists her; the words are made only for the rows shown."""

    share: Share
    flags: list[ClientFlag]
    summary: Summary | None
    today: date

    @property
    def name(self) -> str:
        return str(self.share.runner.display_name)

    @property
    def status(self) -> str:
        return VERDICT_WORDS.get(self.summary.status, "") if self.summary else "No programme yet"

    @property
    def next_session(self) -> str:
        upcoming = self.summary.next_session(self.today) if self.summary else None
        if upcoming is None:
            return ""
        return f"{KIND_WORDS[upcoming[1]]}, {short_date(upcoming[0], self.today)}"

    @property
    def week(self) -> int | None:
        return self.summary.week(self.today) if self.summary else None

    @property
    def clinician(self) -> str:
        clinician = self.share.clinician
        if clinician is None or clinician.removed_at is not None:
            return ""
        return str(clinician.user.display_name)

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
    rows: list[ClientRow]  # this page's
    flag: str
    q: str
    choices: list[tuple[str, str]]
    clients: int  # with an open share, before the filter and search
    matching: int  # after them
    number: int  # this page's number, from 1
    pages: int

    def _link(self, number: int) -> str:
        """The query string of page ``number`` with the same filter and search."""
        kept = {"flag": self.flag, "q": self.q, "page": str(number) if number > 1 else ""}
        return "?" + urlencode({k: v for k, v in kept.items() if v})

    @property
    def previous(self) -> str | None:
        return self._link(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self._link(self.number + 1) if self.number < self.pages else None


def flag_words(flag: Flag, today: date) -> str:
    what = list_words(words_for({**SIGN_WORDS, **PELVIC_FLOOR_WORDS}, flag.detail))
    done, planned = (*flag.detail, "", "")[:2] if flag.code == "adherence" else ("", "")
    text = FLAG_WORDS[flag.code][1].format(
        what=what, day=short_date(flag.day, today), done=done, planned=planned
    )
    return text[:1].upper() + text[1:]


def _checked_page(page: str) -> int:
    if not page:
        return 1
    if not page.isdigit() or int(page) < 1:
        raise InputError("caseload", [Problem("page", f"'{page[:20]}' is not a page number")])
    return int(page)


def _checked_flag(flag: str, allow_none: bool = True) -> str:
    if flag not in FLAG_WORDS and (flag or not allow_none):
        allowed = ", ".join(FLAG_ORDER)
        raise InputError(
            "caseload", [Problem("flag", f"'{flag[:40]}' is not a flag; use {allowed}")]
        )
    return flag


def _summaries(shares: QuerySet[Share], runners: list[int], today: date) -> dict[int, Summary]:
    """Each runner's summary by runner id; outdated or missing ones rebuilt, a few a page."""
    found = ProgrammeSummary.objects.filter(programme__owner_id__in=shares.values("runner_id"))
    values = found.values(*SUMMARY_FIELDS, runner=F("programme__owner_id"))
    rows: dict[int, Any] = {row["runner"]: row for row in values}
    outdated = [r["runner"] for r in rows.values() if r["engine_version"] != ENGINE_VERSION]
    missing = set(runners) - set(rows)
    rebuild: list[Programme] = []
    if outdated or missing:
        owners = [*outdated, *missing][:REBUILDS_PER_PAGE]
        rebuild = list(Programme.objects.filter(owner_id__in=owners).select_related("intake"))
    for programme in rebuild:
        with transaction.atomic():
            rows[programme.owner_id] = summary_of(refresh_summary(programme, today))
    return {
        owner: row if isinstance(row, Summary) else summary_from(row) for owner, row in rows.items()
    }


Seen = dict[tuple[int, str, date], FlagSeen]


def _row(share: Share, summary: Summary | None, seen: Seen, today: date) -> ClientRow:
    found = flags(summary, today) if summary else []
    marked = [ClientFlag(f, today, seen.get((share.pk, f.code, f.day))) for f in found]
    return ClientRow(share, marked, summary, today)


def caseload_page(
    membership: Membership,
    today: date,
    *,
    flag: str = "",
    q: str = "",
    page: str = "",
    per_page: int | None = None,
) -> CaseloadPage:
    """Her practice's clients who consented, who needs attention first, with the reasons
    in words; only those with ``flag``, or whose name or email holds ``q``, if given.
    Recorded in the access log."""
    flag, q, number = _checked_flag(flag.strip()), q.strip()[:100], _checked_page(page.strip())
    record_access(membership.user, membership.practice, None, "viewed_caseload")
    shares = (
        Share.objects.select_related("runner", "clinician__user")
        .only(*SHARE_FIELDS)
        .filter(practice=membership.practice, revoked_at__isnull=True)
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
    size = per_page or PAGE_SIZE
    pages = max(1, -(-len(rows) // size))
    shown = rows[(number - 1) * size : number * size]
    return CaseloadPage(
        membership.practice, shown, flag, q, FLAG_CHOICES, clients, len(rows), number, pages
    )


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
