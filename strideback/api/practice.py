"""A professional's side: /api/v1/practice/... The same gates as the practice's pages: a
professional in a practice (two-factor sign-in on the web session; an operator's or her own
token is trusted as it is), and a client only while her share is open — a revoked share,
another practice's client or a made-up id all answer 404."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Path, Router, Status

from strideback.api.base import (
    DEFAULT_LIMIT,
    READ_AUTH,
    WRITE_AUTH,
    AnyBody,
    Forbidden,
    Id,
    Key,
    answers,
    caller,
    client_key,
    decode_cursor,
    encode_cursor,
)
from strideback.api.forms import checked, flat_tests, form_data
from strideback.api.render import entry, history_item, intake_version, progress, session
from strideback.api.schemas import (
    ActionOut,
    ClientOut,
    ClientPageOut,
    InvitationOut,
    InviteIn,
    MessageOut,
    NoteOut,
    TextIn,
    page_schema,
)
from strideback.core import InputError, Problem
from strideback.practice import actions, caseload, client, messages, sharing
from strideback.practice.access import client_share, membership_for, needs_two_factor
from strideback.practice.action_forms import FORMS
from strideback.practice.client_forms import TextForm
from strideback.practice.exercises import practice_catalog
from strideback.practice.models import Membership
from strideback.practice.sharing_forms import InviteClientForm

router = Router(tags=["Practice"])

NOT_A_PROFESSIONAL = (
    "Only a professional in a practice can use this. Physiotherapists and coaches start at "
    "/practice/start/ on the site."
)
TWO_FACTOR_FIRST = (
    "Set up two-factor sign-in first (Settings, Signing in on the site): then your clients "
    "are shown."
)


def _membership(request: HttpRequest) -> Membership:
    asking = caller(request)
    membership = membership_for(asking.user)
    if membership is None:
        raise Forbidden(NOT_A_PROFESSIONAL)
    if asking.by_session and needs_two_factor(asking.user):
        raise Forbidden(TWO_FACTOR_FIRST)
    return membership


@router.post(
    "/invitations",
    auth=WRITE_AUTH,
    response=answers(InvitationOut, 200, 201),
    operation_id="practice_invite",
)
def invite(request: HttpRequest, payload: InviteIn) -> Any:
    """A code to read out to a runner (or, with her email, a mailed link): she enters it to
    share her programme with your practice. Asked again within 2 minutes, the same code."""
    membership = _membership(request)
    form = checked(InviteClientForm(form_data(payload.model_dump())), "invitation")
    now = timezone.now()
    site = request.build_absolute_uri("/").rstrip("/")
    invitation = sharing.invite_client(
        membership, email=form.cleaned_data["email"] or "", now=now, site=site
    )
    body = {"code": invitation.code, "email": invitation.email, "expires_at": invitation.expires_at}
    return Status(201 if invitation.created_at == now else 200, body)


ClientPage = page_schema(ClientOut, "ClientPage")


def _client_row(row: caseload.ClientRow) -> dict[str, Any]:
    runner = row.share.runner
    return {
        "id": runner.pk,
        "email": runner.email,
        "name": row.name,
        "status": row.status,
        "week": row.week,
        "next_session": row.next_session,
        "clinician": row.clinician,
        "flags": [
            {"code": f.code, "words": f.words, "day": f.day, "seen": f.seen is not None}
            for f in sorted(row.flags, key=lambda f: caseload.FLAG_ORDER.index(f.code))
        ],
    }


def _page_number(cursor: str | None, limit: int) -> tuple[int, int]:
    """The caseload's cursor: the page after, and its size (the order is by who needs
    attention first, worked out on each read)."""
    if not 1 <= limit <= 100:
        raise InputError("list", [Problem("limit", "give a number from 1 to 100")])
    if not cursor:
        return 1, limit
    found = decode_cursor(cursor)
    if (
        not isinstance(found, list)
        or len(found) != 2
        or not all(isinstance(n, int) and 1 <= n <= 10**6 for n in found)
    ):
        raise InputError("list", [Problem("cursor", "is not a cursor this list gave")])
    return found[0], found[1]


@router.get(
    "/clients", auth=READ_AUTH, response=answers(ClientPage), operation_id="practice_clients"
)
def list_clients(
    request: HttpRequest,
    flag: str = "",
    q: str = "",
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Any:
    """Your practice's clients who share with it, who needs attention first and why; only
    those with ``flag``, or whose name or email holds ``q``, if given."""
    number, size = _page_number(cursor, limit)
    page = caseload.caseload_page(
        _membership(request),
        timezone.localdate(),
        flag=flag[:40],
        q=q.replace("\x00", ""),
        page=str(number),
        per_page=size,
    )
    following = encode_cursor([number + 1, size]) if page.number < page.pages else None
    return {"items": [_client_row(row) for row in page.rows], "next": following}


@router.get(
    "/clients/{runner_id}",
    auth=READ_AUTH,
    response=answers(ClientPageOut),
    operation_id="practice_client",
)
def get_client(request: HttpRequest, runner_id: int = Id) -> Any:
    """Everything about her the practice may see: her answers, her plan as she sees it, her
    entries, her progress, your notes and your messages. The read is in the access log."""
    membership = _membership(request)
    share = client_share(membership, runner_id)
    page = client.client_page(membership, share, timezone.localdate(), timezone.now())
    runner = share.runner
    shown = page.programme
    return {
        "client": {"id": runner.pk, "email": runner.email, "name": runner.display_name},
        "intakes": [intake_version(i.version) for i in page.intakes],
        "verdict": shown.plan.verdict.model_dump(mode="json") if shown else None,
        "upcoming": [session(s) for s in shown.upcoming] if shown else [],
        "entries": [history_item(e) for e in shown.entries] if shown else [],
        "progress": progress(shown.progress) if shown else None,
        "notes": [
            {"id": n.pk, "author": n.author_name, "text": n.text, "written_at": n.written_at}
            for n in page.notes
        ],
        "messages": [
            {
                "id": m.pk,
                "sender": m.sender_name,
                "from_practice": m.from_practice,
                "text": m.text,
                "sent_at": m.sent_at,
                "read_at": m.read_at,
            }
            for m in page.messages
        ],
    }


Kind = Path(..., max_length=20, pattern=r"^[a-z_]+$", description=", ".join(FORMS))


@router.post(
    "/clients/{runner_id}/actions/{kind}",
    auth=WRITE_AUTH,
    response=answers(ActionOut, 200, 201),
    operation_id="practice_act",
)
def act(
    request: HttpRequest,
    payload: dict[str, Any] = AnyBody,
    runner_id: int = Id,
    kind: str = Kind,
    idempotency_key: str | None = Key,
) -> Any:
    """Act for her: clearance, hold, release, stage, dose, swap, add, retest_due, retest or
    baseline, with the fields of the site's form for it (see docs/api.md). The plan then
    says what it changed, or why it refused; only a physiotherapist lifts a referral."""
    if kind not in FORMS:
        raise Http404("No such action: " + ", ".join(FORMS) + ".")
    membership = _membership(request)
    share = client_share(membership, runner_id)
    values = dict(payload)
    if "with" in values:
        values["replacement"] = values.pop("with")
    if kind == "retest" and isinstance(values.get("tests"), dict):
        values = {**flat_tests(values.pop("tests")), **values}
    form = checked(
        FORMS[kind](form_data(values), catalog=practice_catalog(membership.practice)),
        "the action",
        {"replacement": "with"},
    )
    now = timezone.now()
    done = actions.act(
        membership,
        share,
        kind,
        form.event_fields(),  # type: ignore[attr-defined]
        timezone.localdate(),
        now,
        client_key(idempotency_key),
    )
    body = {"entry": entry(done.event), "said_to_her": done.byline}
    return Status(201 if done.event.recorded_at == now else 200, body)


@router.post(
    "/clients/{runner_id}/notes",
    auth=WRITE_AUTH,
    response=answers(NoteOut, 201),
    operation_id="practice_note",
)
def write_note(request: HttpRequest, payload: TextIn, runner_id: int = Id) -> Any:
    """A private clinical note: the practice's, never shown in her app (it is in her export)."""
    membership = _membership(request)
    share = client_share(membership, runner_id)
    form = checked(TextForm(form_data(payload.model_dump())), "note")
    note = client.write_note(membership, share, form.cleaned_data["text"], timezone.now())
    body = {
        "id": note.pk,
        "author": note.author_name,
        "text": note.text,
        "written_at": note.written_at,
    }
    return Status(201, body)


@router.post(
    "/clients/{runner_id}/messages",
    auth=WRITE_AUTH,
    response=answers(MessageOut, 201),
    operation_id="practice_message",
)
def send_message(request: HttpRequest, payload: TextIn, runner_id: int = Id) -> Any:
    """A message to her; she is told by mail (never the message itself)."""
    membership = _membership(request)
    share = client_share(membership, runner_id)
    form = checked(TextForm(form_data(payload.model_dump())), "message")
    message = messages.message_client(membership, share, form.cleaned_data["text"], timezone.now())
    body = {
        "id": message.pk,
        "sender": message.sender_name,
        "from_practice": message.from_practice,
        "text": message.text,
        "sent_at": message.sent_at,
        "read_at": message.read_at,
    }
    return Status(201, body)
