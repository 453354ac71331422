"""Her consent: a practice invites a runner (by email, or a code read out in clinic), she
sees who and what, and accepts or declines; she sees who has access and who looked, and
revokes at once. A professional may also start a runner in clinic: the runner then claims
the account made for her by the link she is emailed.

Every action here is written to the access log (``record_access``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404

from strideback.accounts.models import User
from strideback.core import InputError, Problem
from strideback.practice.access import record_access
from strideback.practice.models import AccessEntry, Invitation, Membership, Practice, Share
from strideback.programmes import services as programmes

INVITATION_LIFETIME = timedelta(days=7)
# A second press of "Create a code" within this time gets the same code, not a second one.
SAME_CODE_WITHIN = timedelta(minutes=2)

# What each line of the access log says, in the words she reads it in ("Anna Lee ...").
# Add the action you record here; an unknown one is shown with its underscores as spaces.
ACTION_WORDS = {
    "shared": "shared the programme with the practice",
    "revoked": "ended the practice's access",
    "invited_client": "invited a runner to share her programme",
    "started_in_clinic": "started the programme in clinic",
    "invited_to_claim": "emailed the link to claim the account",
    "assigned_clinician": "chose who at the practice looks after her",
    "changed_status": "changed her status at the practice",
    "viewed_client": "looked at the programme",
    "invited_member": "invited a colleague",
    "removed_member": "removed a member",
    "handed_over": "handed over ownership",
}


def describe(entry: AccessEntry) -> str:
    return ACTION_WORDS.get(entry.action, entry.action.replace("_", " "))


def _code(text: str) -> str:
    return text.strip().upper().replace(" ", "").replace("-", "")


def _problem(source: str, message: str) -> InputError:
    return InputError(source, [Problem("code", message)])


def _closed_because(invitation: Invitation, now: datetime) -> str:
    """Why an invitation can no longer be answered, in plain words; '' while it is open."""
    practice = invitation.practice.name
    if invitation.used_at is not None:
        return f"This code has already been used. Ask {practice} for a new one if you need it."
    if invitation.declined_at is not None:
        return (
            f"This invitation was declined. Ask {practice} for a new one if you changed your mind."
        )
    if now >= invitation.expires_at:
        return (
            f"This code expired on {invitation.expires_at:%d %B %Y}. Ask {practice} for a new one."
        )
    return ""


def new_invitation(
    membership: Membership, kind: str, email: str, now: datetime, **more: Any
) -> Invitation:
    """An invitation from her practice, open for ``INVITATION_LIFETIME``."""
    return Invitation.objects.create(
        practice=membership.practice,
        kind=kind,
        email=email,
        created_by=membership.user,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
        **more,
    )


def _send(email: str, subject: str, lines: list[str]) -> None:
    send_mail(subject, "\n\n".join(lines) + "\n", None, [email])


# --- A professional invites a runner ---------------------------------------------------


def invite_client(membership: Membership, *, email: str, now: datetime, site: str) -> Invitation:
    """A client invitation from her practice: emailed with its link when ``email`` is given,
    else a code to read out. Sent twice, it makes one invitation."""
    email = email.strip().lower()
    practice, sender = membership.practice, membership.user
    with transaction.atomic():
        Practice.objects.select_for_update().filter(pk=practice.pk).first()
        reusable = Invitation.objects.filter(
            practice=practice,
            kind=Invitation.Kind.CLIENT,
            email=email,
            used_at__isnull=True,
            declined_at__isnull=True,
            expires_at__gt=now,
        )
        if not email:
            reusable = reusable.filter(created_by=sender, created_at__gte=now - SAME_CODE_WITHIN)
        invitation = reusable.first()
        if invitation is not None:
            return invitation
        invitation = new_invitation(membership, Invitation.Kind.CLIENT, email, now)
        record_access(sender, practice, None, "invited_client", email or "a code to read out")
    if email:
        _send(
            email,
            f"{sender.display_name} invites you to share your Strideback programme",
            [
                f"{sender.display_name} of {practice.name} invites you to share your "
                "return-to-running programme with the practice.",
                f"See what they would see, and accept or decline:\n{site}/share/{invitation.code}/",
                f"Or enter this code at {site}/share/ :\n{invitation.code}",
                "The invitation works for 7 days and only once. If you were not expecting it, "
                "ignore this email: nothing is shared until you accept.",
            ],
        )
    return invitation


# --- She answers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """What she is asked to agree to: the practice, who asked (None for the practice's own
    code), and why she no longer can ('' while she can)."""

    code: str
    practice: Practice
    invited_by: User | None
    closed_because: str
    already_shared: bool


def offer_for(runner: User, code: str, now: datetime) -> Offer:
    """The invitation or practice behind a code; 404 for a code that is neither."""
    code = _code(code)
    invitation = (
        Invitation.objects.select_related("practice", "created_by")
        .filter(code=code, kind=Invitation.Kind.CLIENT)
        .first()
    )
    if invitation is not None:
        practice, invited_by = invitation.practice, invitation.created_by
        closed = _closed_because(invitation, now)
    else:
        practice = Practice.objects.filter(code=code).first()  # type: ignore[assignment]
        if practice is None:
            raise Http404("No invitation has this code.")
        invited_by, closed = None, ""
    shared = Share.objects.filter(practice=practice, runner=runner, revoked_at__isnull=True)
    return Offer(code, practice, invited_by, closed, shared.exists())


def check_code(code: str) -> str:
    """The code as typed, made tidy; a code that is no one's says so."""
    tidy = _code(code)
    known = Invitation.objects.filter(code=tidy, kind=Invitation.Kind.CLIENT).exists()
    if not known and not Practice.objects.filter(code=tidy).exists():
        raise _problem(
            "code",
            "No invitation has this code. Check it with your physio or coach: codes use "
            "letters and the numbers 2 to 9.",
        )
    return tidy


def _invitation_for_update(code: str) -> Invitation | None:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("practice")
        .filter(code=code, kind=Invitation.Kind.CLIENT)
        .first()
    )


def accept_share(runner: User, code: str, now: datetime) -> Share:
    """Her consent: one open share with the practice, however often she accepts."""
    code = _code(code)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=runner.pk).first()  # one at a time for her
        invitation = _invitation_for_update(code)
        practice = invitation.practice if invitation else Practice.objects.filter(code=code).first()
        if practice is None:
            raise Http404("No invitation has this code.")
        existing = Share.objects.filter(practice=practice, runner=runner, revoked_at__isnull=True)
        if existing.exists():
            return existing.get()
        if invitation is not None:
            closed = _closed_because(invitation, now)
            if closed:
                raise _problem("invitation", closed)
            invitation.used_at, invitation.used_by = now, runner
            invitation.save(update_fields=["used_at", "used_by"])
        share = Share.objects.create(
            practice=practice, runner=runner, invitation=invitation, granted_at=now
        )
        record_access(runner, practice, runner, "shared")
        return share


def decline_share(runner: User, code: str, now: datetime) -> Practice:
    """She says no: the invitation closes; nothing is shared. The practice's own code has
    nothing to close."""
    code = _code(code)
    with transaction.atomic():
        invitation = _invitation_for_update(code)
        if invitation is not None:
            if invitation.is_open(now):
                invitation.declined_at = now
                invitation.save(update_fields=["declined_at"])
            return invitation.practice
        practice = Practice.objects.filter(code=code).first()
        if practice is None:
            raise Http404("No invitation has this code.")
        return practice


# --- Her settings: who has access, who looked, revoking ---------------------------------


@dataclass(frozen=True)
class HerSharing:
    shares: list[Share]
    log: list[tuple[AccessEntry, str]]  # each line and what it says


def her_sharing(runner: User, limit: int = 100) -> HerSharing:
    shares = list(
        Share.objects.select_related("practice")
        .filter(runner=runner, revoked_at__isnull=True)
        .order_by("granted_at", "id")
    )
    entries = AccessEntry.objects.select_related("practice").filter(runner=runner)[:limit]
    return HerSharing(shares, [(entry, describe(entry)) for entry in entries])


def her_share(runner: User, share_id: int) -> Share:
    """Her open share (to confirm revoking it); 404 for anyone else's or a closed one."""
    share = (
        Share.objects.select_related("practice")
        .filter(pk=share_id, runner=runner, revoked_at__isnull=True)
        .first()
    )
    if share is None:
        raise Http404("No such share.")
    return share


def revoke_share(runner: User, share_id: int, now: datetime) -> Practice:
    """The practice loses access at once; her plan keeps everything. Revoking twice is
    revoking once."""
    with transaction.atomic():
        share = (
            Share.objects.select_for_update(of=("self",))
            .select_related("practice")
            .filter(pk=share_id, runner=runner)
            .first()
        )
        if share is None:
            raise Http404("No such share.")
        if share.revoked_at is None:
            share.revoked_at = now
            share.save(update_fields=["revoked_at"])
            record_access(runner, share.practice, runner, "revoked")
        return share.practice


# --- Started in clinic -----------------------------------------------------------------


def _new_runner(email: str, first_name: str, last_name: str) -> User:
    if User.objects.filter(email__iexact=email).exists():
        raise InputError(
            "clinic start",
            [
                Problem(
                    "email",
                    "This address already has a Strideback account: invite her to share "
                    "instead, and she accepts from her own account.",
                )
            ],
        )
    user = User.objects.create_user(email, None, first_name=first_name, last_name=last_name)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


def _repeated_clinic_start(membership: Membership, email: str) -> Share | None:
    """The same clinic start sent again: the share it made, if she has not claimed yet."""
    return (
        Share.objects.filter(
            practice=membership.practice,
            runner__email__iexact=email,
            revoked_at__isnull=True,
            invitation__kind=Invitation.Kind.CLAIM,
            invitation__used_at__isnull=True,
        )
        .select_related("runner")
        .first()
    )


def start_in_clinic(
    membership: Membership,
    *,
    email: str,
    first_name: str,
    last_name: str,
    answers: dict[str, Any],
    today: Any,
    now: datetime,
    site: str,
) -> Share:
    """A professional starts a runner with her in clinic: her account (no password yet),
    her programme from the intake answers, the practice's share, and the emailed link by
    which she claims the account. Bad answers raise InputError and nothing is kept."""
    email = email.strip().lower()
    practice, professional = membership.practice, membership.user
    with transaction.atomic():
        Practice.objects.select_for_update().filter(pk=practice.pk).first()
        repeated = _repeated_clinic_start(membership, email)
        if repeated is not None:
            return repeated
        programmes.intake_from(answers, today)  # refuse bad answers before making anything
        runner = _new_runner(email, first_name.strip(), last_name.strip())
        programmes.start_programme(runner, answers, today, now)
        invitation = new_invitation(membership, Invitation.Kind.CLAIM, email, now, runner=runner)
        share = Share.objects.create(
            practice=practice, runner=runner, invitation=invitation, granted_at=now
        )
        record_access(professional, practice, runner, "started_in_clinic")
        _send(
            email,
            "Your Strideback programme is ready",
            [
                f"{professional.display_name} of {practice.name} started your "
                "return-to-running programme with you.",
                f"Set your password to open it:\n{site}/claim/{invitation.code}/",
                "The link works for 7 days and only once. Your programme is shared with "
                f"{practice.name}; you can end that at any time in your settings.",
            ],
        )
        record_access(professional, practice, runner, "invited_to_claim", email)
        return share


def claim_offer(code: str, now: datetime) -> Invitation:
    """The claim invitation behind a link, open or not; 404 for a made-up one."""
    invitation = (
        Invitation.objects.select_related("practice", "runner", "created_by")
        .filter(code=_code(code), kind=Invitation.Kind.CLAIM)
        .first()
    )
    if invitation is None:
        raise Http404("No such link.")
    return invitation


def claim_closed_because(invitation: Invitation, now: datetime) -> str:
    if invitation.used_at is not None:
        return "This link has already been used: sign in with your email and password."
    return _closed_because(invitation, now)


def claim_account(code: str, password: str, now: datetime) -> User:
    """She sets her password and her account is hers; her address is proven by the link."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("runner", "practice")
            .filter(code=_code(code), kind=Invitation.Kind.CLAIM)
            .first()
        )
        if invitation is None or invitation.runner is None:
            raise Http404("No such link.")
        closed = claim_closed_because(invitation, now)
        if closed:
            raise _problem("link", closed)
        runner = invitation.runner
        try:
            validate_password(password, runner)
        except ValidationError as error:
            raise InputError(
                "password", [Problem("password", message) for message in error.messages]
            ) from error
        runner.set_password(password)
        runner.save(update_fields=["password"])
        EmailAddress.objects.filter(user=runner).update(verified=True)
        invitation.used_at, invitation.used_by = now, runner
        invitation.save(update_fields=["used_at", "used_by"])
        return runner
