"""The practices' notes about her, for her data export (a data-protection access request
gives her every record about her, the private clinical notes included)."""

from __future__ import annotations

from typing import Any

from strideback.accounts.models import User
from strideback.practice.models import ClinicalNote, Message


def clinical_notes(user: User) -> list[dict[str, Any]]:
    notes = ClinicalNote.objects.filter(share__runner=user).select_related("share__practice")
    return [
        {
            "date": note.written_at.date().isoformat(),
            "type": "clinical_note",
            "practice": note.share.practice.name,
            "recorded_by": note.author_name,
            "recorded_at": note.written_at.isoformat(),
            "note": note.text,
        }
        for note in notes.order_by("written_at", "id")
    ]


def messages(user: User) -> list[dict[str, Any]]:
    """Every message between her and a practice, both ways."""
    sent = Message.objects.filter(share__runner=user).select_related("share__practice")
    return [
        {
            "date": message.sent_at.date().isoformat(),
            "type": "message",
            "practice": message.share.practice.name,
            "recorded_by": message.sender_name,
            "recorded_at": message.sent_at.isoformat(),
            "note": message.text,
        }
        for message in sent.order_by("sent_at", "id")
    ]
