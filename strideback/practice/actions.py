"""A professional acting for her client: every action is an event in the client's replay,
signed by its author, dated the day it is recorded, and in the access log.

The core decides what each action does and refuses what the safety rules forbid (no
running before 12 weeks, no advance through a red flag, a hold or a pause; her cautions
bind every exercise change). Here: who may do what — only a physiotherapist lifts a
pelvic-floor referral — and recording it once, however often the form is sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import transaction

from strideback.accounts.models import User
from strideback.core import InputError, Problem
from strideback.core.programme import Plan, parse_events
from strideback.core.programme.professional import decision_byline
from strideback.practice.access import record_access
from strideback.practice.models import Membership, Share
from strideback.programmes import services as programmes
from strideback.programmes.lookups import current_programme_for, events_for
from strideback.programmes.models import Event, Programme
from strideback.tracking import services as tracking

PRACTICE_ID = re.compile(r"^p[0-9]+_")

# The actions, by the name in the address, and the access log's words for each.
ACTIONS: dict[str, str] = {
    "clearance": "recorded a clearance",
    "hold": "held her progression",
    "release": "lifted the hold",
    "stage": "moved her stage",
    "dose": "changed an exercise's dose",
    "swap": "swapped an exercise",
    "add": "added an exercise",
    "retest_due": "set the re-test day",
    "retest": "recorded the tests in clinic",
    "baseline": "recorded a pelvic-floor baseline",
}


def author_of(membership: Membership) -> dict[str, str]:
    user = membership.user
    return {
        "name": user.display_name[:120],
        "profession": user.profession or "physiotherapist",
        "practice": membership.practice.name[:120],
    }


def client_programme(share: Share) -> Programme:
    programme = current_programme_for(share.runner)
    if programme is None:
        raise InputError(
            "client",
            [
                Problem(
                    "", "She has no programme yet: her plan starts when she answers the questions."
                )
            ],
        )
    return programme


def _refuse_lifting_by_non_physio(membership: Membership, plan: Plan) -> None:
    """A referral sends her to a pelvic health physiotherapist: only a physiotherapist
    records the clearance that lifts one (rule clearance_by_profession; the core ignores a
    coach's clearance for a pelvic-floor referral as well)."""
    referral = plan.referral
    if membership.user.is_physiotherapist or referral is None:
        return
    raise InputError(
        "clearance",
        [
            Problem(
                "",
                "Only a physiotherapist can lift a referral: she has been referred to a "
                "pelvic health physiotherapist. Ask a physiotherapist in your practice to "
                "assess her and record it.",
            )
        ],
    )


def _refuse_another_practices_exercise(membership: Membership, data: dict[str, Any]) -> None:
    """A practice prescribes its own exercises (ids with its prefix), never another's."""
    own = f"p{membership.practice.pk}_"
    for field in ("exercise", "with"):
        named = data.get(field)
        if isinstance(named, str) and PRACTICE_ID.match(named) and not named.startswith(own):
            raise InputError(
                "the action", [Problem(field, f"{named!r} is another practice's exercise")]
            )


@dataclass(frozen=True)
class Done:
    event: Event
    byline: str | None  # what she is told, in her words


@transaction.atomic
def act(
    membership: Membership,
    share: Share,
    kind: str,
    fields: dict[str, Any],
    today: date,
    now: datetime,
    client_key: UUID | None = None,
) -> Done:
    """Record the action ``kind`` for her, once per form sent; the plan then says what it
    changed (or why it refused)."""
    if kind not in ACTIONS:
        raise InputError("action", [Problem("kind", f"'{kind}' is not an action")])
    programme = client_programme(share)
    User.objects.select_for_update().filter(pk=share.runner_id).first()  # one at a time
    earlier = tracking.already_logged(programme, client_key)
    if earlier is None:
        plan = programmes.programme_as_of(programme, today)
        if kind == "clearance":
            _refuse_lifting_by_non_physio(membership, plan)
        data = {**fields, "type": kind, "date": today.isoformat(), "author": author_of(membership)}
        if kind == "clearance":
            data.setdefault("by", data["author"]["name"])
        _refuse_another_practices_exercise(membership, data)
        stored = [*events_for(programme), Event(type=kind, data=data)]
        inputs = programmes.plan_inputs(programme, today, stored)
        parse_events([data], "the action", inputs)  # every field checked, the catalog too
        earlier = tracking.save_once(membership.user, programme, data, now, client_key)
        record_access(
            membership.user, membership.practice, share.runner, f"action:{kind}", ACTIONS[kind]
        )
    plan = programmes.programme_as_of(programme, today)
    made = [d for d in plan.decisions if d.event == earlier.public_id]
    return Done(earlier, decision_byline(made[-1]) if made else None)
