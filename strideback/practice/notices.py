"""Short mail notices from a practice's work: who at the practice is told, and the notice
itself. A notice says that something is waiting and links to it; it never carries the
clinical content (a mailbox is not a clinical record)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from strideback.practice.models import Membership, Role, Share


def practice_recipients(share: Share) -> list[str]:
    """Her assigned clinician, if she has one still in the practice; else every clinician
    and owner of the practice."""
    clinician = share.clinician
    if clinician is not None and clinician.removed_at is None:
        return [clinician.user.email]
    members = Membership.objects.select_related("user").filter(
        practice=share.practice, removed_at__isnull=True, role__in=[Role.OWNER, Role.CLINICIAN]
    )
    return sorted(member.user.email for member in members)


def site_link(path: str) -> str:
    """The address of ``path`` on this Strideback (STRIDEBACK_SITE_URL, when set)."""
    return settings.SITE_URL.rstrip("/") + path


def send_notice(to: list[str], subject: str, lines: list[str]) -> None:
    if to:
        send_mail(subject, "\n\n".join(lines) + "\n", None, to)
