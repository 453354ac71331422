"""Practice use cases: becoming a professional, with a practice of her own or by a
colleague's invitation, and the operator's ``strideback practice add-professional``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import transaction

from strideback.accounts.models import User
from strideback.core import InputError, Problem
from strideback.core.vocabulary import PROFESSION
from strideback.practice.models import Invitation, Membership, Practice, Role


def _professional(user: User, first_name: str, last_name: str, profession: str) -> None:
    user.role = User.Role.PROFESSIONAL
    user.profession = profession
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.save(update_fields=["role", "profession", "first_name", "last_name"])


def _member_already(user: User) -> Membership | None:
    return Membership.objects.filter(user=user, removed_at__isnull=True).first()


@transaction.atomic
def start_practice(
    user: User,
    *,
    first_name: str,
    last_name: str,
    profession: str,
    practice_name: str,
    country: str,
    now: datetime,
) -> Membership:
    """She becomes a professional and the owner of a new practice."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one at a time for her
    existing = _member_already(user)
    if existing is not None:
        return existing  # the same form sent twice makes one practice
    _professional(user, first_name, last_name, profession)
    practice = Practice.objects.create(name=practice_name, country=country, created_at=now)
    return Membership.objects.create(practice=practice, user=user, role=Role.OWNER, joined_at=now)


def open_invitation(code: str, kind: str, now: datetime) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("practice", "created_by")
        .filter(code=code.strip().upper(), kind=kind)
        .first()
    )
    return invitation if invitation is not None and invitation.is_open(now) else None


@transaction.atomic
def join_practice(
    user: User,
    *,
    first_name: str,
    last_name: str,
    profession: str,
    code: str,
    now: datetime,
) -> Membership:
    """She joins a colleague's practice by the code of a member invitation."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(code=code.strip().upper(), kind=Invitation.Kind.MEMBER)
        .first()
    )
    if invitation is None or not invitation.is_open(now):
        raise InputError(
            "invitation",
            [Problem("code", "this code is not valid: it may have expired or been used")],
        )
    if invitation.email and invitation.email.lower() != user.email.lower():
        raise InputError(
            "invitation",
            [Problem("code", f"this invitation was sent to {invitation.email}; sign in as that")],
        )
    existing = _member_already(user)
    if existing is not None:
        return existing
    _professional(user, first_name, last_name, profession)
    invitation.used_at = now
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    return Membership.objects.create(
        practice=invitation.practice,
        user=user,
        role=invitation.role or Role.CLINICIAN,
        joined_at=now,
    )


@dataclass(frozen=True)
class AddedProfessional:
    membership: Membership
    created_account: bool
    created_practice: bool
    changed_role: bool


PROFESSIONS = [code for code, _ in PROFESSION]
ROLES = [choice.value for choice in Role]


@transaction.atomic
def add_professional(
    email: str,
    *,
    practice_name: str,
    role: str,
    profession: str,
    country: str | None,
    now: datetime,
) -> AddedProfessional:
    """Create or promote a professional and put her in a practice (made if new, which then
    needs its country). For the first owner and for operators."""
    problems: list[Problem] = []
    if role not in ROLES:
        problems.append(Problem("--role", f"'{role}' is not a role; use {', '.join(ROLES)}"))
    if profession not in PROFESSIONS:
        problems.append(
            Problem("--profession", f"'{profession}' is not known; use {', '.join(PROFESSIONS)}")
        )
    practices = list(Practice.objects.filter(name__iexact=practice_name.strip())[:2])
    if len(practices) > 1:
        problems.append(
            Problem("--practice", f"more than one practice is called '{practice_name}'")
        )
    if not practices and not (country or "").strip():
        problems.append(
            Problem("--country", f"the practice '{practice_name}' is new: give its country")
        )
    if problems:
        raise InputError("practice add-professional", problems)
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created_account = user is None
    if user is None:
        user = User.objects.create_user(email, None)  # she sets her password by a reset
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    changed_role = not user.is_professional
    _professional(user, user.first_name, user.last_name, profession)
    created_practice = not practices
    practice = (
        practices[0]
        if practices
        else Practice.objects.create(
            name=practice_name.strip(), country=(country or "").strip(), created_at=now
        )
    )
    membership = Membership.objects.filter(
        practice=practice, user=user, removed_at__isnull=True
    ).first()
    if membership is None:
        membership = Membership.objects.create(
            practice=practice, user=user, role=role, joined_at=now
        )
    elif membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return AddedProfessional(membership, created_account, created_practice, changed_role)
