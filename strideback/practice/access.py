"""Every check on a professional's way to a client's data goes through here.

- ``membership_for``: her active membership of a practice, if any;
- ``needs_two_factor``: whether she must still set up two-factor sign-in;
- ``client_share``: the open share of that runner with her practice, else 404 — a
  revoked share, another practice's client or a made-up id all answer the same;
- ``record_access``: the append-only line in the access log for every read and action.
"""

from __future__ import annotations

from django.http import Http404

from strideback.accounts.models import User
from strideback.practice.models import AccessEntry, Membership, Practice, Share


def membership_for(user: User) -> Membership | None:
    """Her membership of a practice (the first she joined, if more than one)."""
    if not user.is_authenticated or not user.is_professional:
        return None
    return (
        Membership.objects.select_related("practice")
        .filter(user=user, removed_at__isnull=True)
        .order_by("joined_at", "id")
        .first()
    )


def needs_two_factor(user: User) -> bool:
    """A professional sees no client until her account has two-factor sign-in."""
    from allauth.mfa.utils import is_mfa_enabled

    return not is_mfa_enabled(user)


def client_share(membership: Membership, runner_id: int) -> Share:
    """The runner's open share with this practice; 404 for anything else."""
    share = (
        Share.objects.select_related("runner", "practice", "clinician__user")
        .filter(practice=membership.practice, runner_id=runner_id, revoked_at__isnull=True)
        .first()
    )
    if share is None:
        raise Http404("No such client.")
    return share


def record_access(
    actor: User, practice: Practice, runner: User | None, action: str, detail: str = ""
) -> AccessEntry:
    return AccessEntry.objects.create(
        practice=practice,
        actor=actor,
        actor_name=actor.display_name,
        runner=runner,
        action=action,
        detail=detail[:300],
    )
