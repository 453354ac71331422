"""Messages between a runner and the practices she shares with. Each new message sends the
other side a short notice with a link (never the message itself). A revoked share ends the
conversation: the practice's lookups answer 404 and her inbox no longer lists it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.http import Http404
from django.urls import reverse

from strideback.accounts.models import User
from strideback.core import InputError, Problem
from strideback.practice.access import record_access
from strideback.practice.models import Membership, Message, Share
from strideback.practice.notices import practice_recipients, send_notice, site_link

MAX_LENGTH = 5000


def _checked(text: str) -> str:
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        raise InputError(
            "message", [Problem("text", f"write a message of 1 to {MAX_LENGTH} characters")]
        )
    return text


def message_client(membership: Membership, share: Share, text: str, now: datetime) -> Message:
    """The professional writes to her client; the client is told by mail."""
    message = Message.objects.create(
        share=share,
        sender=membership.user,
        sender_name=membership.user.display_name,
        from_practice=True,
        text=_checked(text),
        sent_at=now,
    )
    record_access(membership.user, share.practice, share.runner, "message_sent")
    practice = share.practice.name
    transaction.on_commit(
        lambda: send_notice(
            [share.runner.email],
            f"A new message from {practice}",
            [
                f"{practice} has sent you a message in Strideback.",
                f"Read it and reply: {site_link(reverse('practice:messages'))}",
            ],
        )
    )
    return message


def open_share_of(runner: User, share_id: int) -> Share:
    """Her own open share; anything else (revoked, someone else's, made up) is a 404."""
    share = (
        Share.objects.select_related("practice", "clinician__user")
        .filter(pk=share_id, runner=runner, revoked_at__isnull=True)
        .first()
    )
    if share is None:
        raise Http404("No such practice.")
    return share


def message_practice(runner: User, share_id: int, text: str, now: datetime) -> Message:
    """The runner replies to a practice she shares with; its professionals are told."""
    share = open_share_of(runner, share_id)
    message = Message.objects.create(
        share=share,
        sender=runner,
        sender_name=runner.display_name,
        from_practice=False,
        text=_checked(text),
        sent_at=now,
    )
    link = site_link(reverse("practice:client", args=[runner.pk]))
    recipients = practice_recipients(share)
    transaction.on_commit(
        lambda: send_notice(
            recipients,
            "A new message from a client",
            ["A client has sent your practice a message in Strideback.", f"Read it: {link}"],
        )
    )
    return message


@dataclass(frozen=True)
class Conversation:
    share: Share
    messages: list[Message]  # oldest first
    unread: int


def inbox(runner: User, now: datetime) -> list[Conversation]:
    """Her conversation with each practice she shares with; opening it reads them."""
    shares = list(
        Share.objects.select_related("practice")
        .filter(runner=runner, revoked_at__isnull=True)
        .order_by("practice__name", "id")
    )
    by_share: dict[int, list[Message]] = {share.pk: [] for share in shares}
    for message in Message.objects.filter(share__in=shares).order_by("sent_at", "id"):
        by_share[message.share_id].append(message)
    conversations = [
        Conversation(
            share,
            by_share[share.pk],
            sum(1 for m in by_share[share.pk] if m.from_practice and m.read_at is None),
        )
        for share in shares
    ]
    Message.objects.filter(share__in=shares, from_practice=True, read_at__isnull=True).update(
        read_at=now
    )
    return conversations


def unread_from(runner: User) -> list[str]:
    """The practices with a message she has not read yet."""
    names = Message.objects.filter(
        share__runner=runner,
        share__revoked_at__isnull=True,
        from_practice=True,
        read_at__isnull=True,
    ).values_list("share__practice__name", flat=True)
    return sorted(set(names))
