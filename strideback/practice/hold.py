"""A hold her professional put on her progression, lifted by herself once she no longer
shares with that practice: after a plain warning, and recorded as hers
(``after_revocation``). While she still shares with the practice, only a professional's
release lifts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db import transaction

from strideback.accounts.models import User
from strideback.core import InputError, Plan, Problem
from strideback.core.programme.model import Hold
from strideback.practice.models import Share
from strideback.programmes import services as programmes
from strideback.programmes.models import Event, Programme
from strideback.tracking import services as tracking


@dataclass(frozen=True)
class HoldPage:
    hold: Hold | None
    still_shared: bool  # she still shares with the practice that set it

    @property
    def can_lift(self) -> bool:
        return self.hold is not None and not self.still_shared


def _still_shared(user: User, plan: Plan) -> bool:
    if plan.hold is None:
        return False
    return Share.objects.filter(
        runner=user, revoked_at__isnull=True, practice__name=plan.hold.by.practice
    ).exists()


def hold_page(user: User, programme: Programme, today: date) -> HoldPage:
    plan = programmes.programme_as_of(programme, today)
    return HoldPage(plan.hold, _still_shared(user, plan))


@transaction.atomic
def lift_hold_myself(
    user: User, programme: Programme, today: date, now: datetime, client_key: UUID | None
) -> Event:
    """Her own release of a hold set by a practice she no longer shares with."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    earlier = tracking.already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    plan = programmes.programme_as_of(programme, today)
    if plan.hold is None:
        raise InputError("hold", [Problem("", "Your progression is not on hold.")])
    if _still_shared(user, plan):
        raise InputError(
            "hold",
            [
                Problem(
                    "",
                    f"{plan.hold.by.name} at {plan.hold.by.practice} still looks after your "
                    "plan: ask them to lift the hold, or stop sharing with them first.",
                )
            ],
        )
    data = {"type": "release", "date": today.isoformat(), "after_revocation": True}
    return tracking.save_once(user, programme, data, now, client_key, slot=f"release:{today}")
