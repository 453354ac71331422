"""The practice's team: its members, inviting a colleague, removing one, handing over
ownership; assigning a client to a clinician and discharging or archiving her; the
practice's access log. Owner things raise PermissionDenied for anyone else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404

from strideback.core import InputError, Problem
from strideback.practice.access import client_share, record_access
from strideback.practice.models import AccessEntry, Invitation, Membership, Practice, Role, Share
from strideback.practice.sharing import INVITATION_LIFETIME, describe, new_invitation

OWNER_ONLY = "Only the practice's owner can do this."


def require_owner(membership: Membership) -> None:
    """Owner things are refused to anyone else (a 403 that says why)."""
    if not membership.is_owner:
        raise PermissionDenied(OWNER_ONLY)


def _member(membership: Membership, member_id: int) -> Membership:
    """An active member of her own practice; 404 for anyone else."""
    member = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=member_id, practice=membership.practice, removed_at__isnull=True)
        .first()
    )
    if member is None:
        raise Http404("No such member.")
    return member


def _lock(practice: Practice) -> None:
    Practice.objects.select_for_update().filter(pk=practice.pk).first()


@dataclass(frozen=True)
class TeamPage:
    practice: Practice
    members: list[Membership]
    invitations: list[Invitation]
    clients: list[Share]
    clinicians: list[Membership]


def team_page(membership: Membership, now: datetime) -> TeamPage:
    practice = membership.practice
    members = list(
        Membership.objects.select_related("user").filter(practice=practice, removed_at__isnull=True)
    )
    invitations = list(
        Invitation.objects.filter(
            practice=practice,
            kind=Invitation.Kind.MEMBER,
            used_at__isnull=True,
            expires_at__gt=now,
        )
    )
    clients = list(
        Share.objects.select_related("runner", "clinician__user")
        .filter(practice=practice, revoked_at__isnull=True)
        .order_by("runner__first_name", "runner__email")
    )
    clinicians = [member for member in members if member.role != Role.COACH]
    return TeamPage(practice, members, invitations, clients, clinicians)


def invite_member(
    membership: Membership, *, email: str, role: str, now: datetime, site: str
) -> Invitation:
    """A colleague's invitation with her role (the owner's to give): a code, emailed when
    there is an address. Sent twice, it makes one invitation."""
    require_owner(membership)
    if role not in Role.values:
        raise InputError("invitation", [Problem("role", "Choose owner, clinician or coach.")])
    email = email.strip().lower()
    practice, sender = membership.practice, membership.user
    with transaction.atomic():
        _lock(practice)
        same = Invitation.objects.filter(
            practice=practice,
            kind=Invitation.Kind.MEMBER,
            email=email,
            role=role,
            used_at__isnull=True,
            expires_at__gt=now,
            created_at__gte=now - INVITATION_LIFETIME,
        )
        if email and same.exists():
            return same.first()  # type: ignore[return-value]
        invitation = new_invitation(membership, Invitation.Kind.MEMBER, email, now, role=role)
        record_access(sender, practice, None, "invited_member", f"{email or 'a code'} as {role}")
    if email:
        send_mail(
            f"{sender.display_name} invites you to join {practice.name} on Strideback",
            f"{sender.display_name} invites you to join {practice.name} as a {role}.\n\n"
            f"Sign in or create an account, then set up as a professional at {site}/practice/start/ "
            f"and choose to join a colleague's practice with this code:\n{invitation.code}\n\n"
            "The code works for 7 days and only once.\n",
            None,
            [email],
        )
    return invitation


def remove_member(membership: Membership, member_id: int, now: datetime) -> Membership:
    """She leaves the practice and sees none of its clients; the log still names her. The
    only owner cannot remove herself."""
    require_owner(membership)
    with transaction.atomic():
        _lock(membership.practice)
        member = _member(membership, member_id)
        owners = Membership.objects.filter(
            practice=membership.practice, role=Role.OWNER, removed_at__isnull=True
        )
        if member.is_owner and owners.count() == 1:
            raise InputError(
                "team",
                [
                    Problem(
                        "member",
                        "You are the practice's only owner: hand ownership to a colleague first.",
                    )
                ],
            )
        member.removed_at = now
        member.save(update_fields=["removed_at"])
        Share.objects.filter(clinician=member).update(clinician=None)
        record_access(
            membership.user, membership.practice, None, "removed_member", str(member.user)
        )
        return member


def hand_over(membership: Membership, member_id: int) -> Membership:
    """The colleague becomes the owner, and she a clinician."""
    require_owner(membership)
    with transaction.atomic():
        _lock(membership.practice)
        member = _member(membership, member_id)
        if member.pk == membership.pk:
            return member
        member.role = Role.OWNER
        member.save(update_fields=["role"])
        Membership.objects.filter(pk=membership.pk).update(role=Role.CLINICIAN)
        record_access(membership.user, membership.practice, None, "handed_over", str(member.user))
        return member


def assign_clinician(membership: Membership, runner_id: int, member_id: int | None) -> Share:
    """Who at the practice looks after her (None: no one in particular)."""
    require_owner(membership)
    with transaction.atomic():
        share = client_share(membership, runner_id)
        clinician = _member(membership, member_id) if member_id else None
        if clinician is not None and clinician.role == Role.COACH:
            raise InputError(
                "assign", [Problem("clinician", "Choose a clinician or the owner, not a coach.")]
            )
        Share.objects.filter(pk=share.pk).update(clinician=clinician)
        who = clinician.user.display_name if clinician else "no one in particular"
        record_access(membership.user, membership.practice, share.runner, "assigned_clinician", who)
        share.clinician = clinician
        return share


def change_client_status(
    membership: Membership, runner_id: int, status: str, now: datetime
) -> Share:
    """Active, discharged or archived: her plan and her consent stay as they are."""
    if status not in Share.Status.values:
        raise InputError("status", [Problem("status", "Choose active, discharged or archived.")])
    with transaction.atomic():
        share = client_share(membership, runner_id)
        if share.status != status:
            Share.objects.filter(pk=share.pk).update(status=status, status_changed_at=now)
            label = Share.Status(status).label.lower()
            record_access(
                membership.user, membership.practice, share.runner, "changed_status", label
            )
            share.status, share.status_changed_at = status, now
        return share


@dataclass(frozen=True)
class AuditPage:
    practice: Practice
    lines: list[tuple[AccessEntry, str]]


def audit_page(membership: Membership, limit: int = 500) -> AuditPage:
    """The practice's access log, newest first: the owner's to read."""
    require_owner(membership)
    entries = AccessEntry.objects.select_related("runner").filter(practice=membership.practice)
    return AuditPage(membership.practice, [(entry, describe(entry)) for entry in entries[:limit]])
