"""Red-flag alerts: a pelvic-floor symptom or a red session mails the practice a notice
(never the clinical detail), once per flag and entry."""

from __future__ import annotations

from typing import Any

import pytest

from strideback.practice.models import AlertSent
from strideback.programmes.models import Programme
from strideback.programmes.signals import event_recorded
from tests.mailbox import Mailbox, body
from tests.web.conftest import log, make_professional
from tests.web.practice.clients import client_of


def recorded(runner: Any, **fields: Any) -> Any:
    """Log a session and send the signal as the service does once it is committed."""
    programme = runner.programmes.get()
    event = log(runner, programme, **fields)
    event_recorded.send(sender=Programme, programme=programme, event=event)
    return event


def test_a_pelvic_floor_symptom_mails_the_practice_once_per_flag(
    mailbox: Mailbox, physio: Any
) -> None:
    runner = client_of(physio)
    event = recorded(runner, pelvic_floor_symptoms=["leaking"])  # a symptom, and so red
    mailbox.wait_for(physio.user.email, count=2)
    texts = " ".join(body(m) for m in mailbox.to(physio.user.email))
    assert "reported a pelvic-floor symptom" in texts
    assert f"/practice/clients/{runner.pk}/" in texts
    assert "leaking" not in texts
    event_recorded.send(sender=Programme, programme=runner.programmes.get(), event=event)
    assert sorted(AlertSent.objects.values_list("flag", flat=True)) == [
        "pelvic_floor_symptom",
        "red_session",
    ]
    assert len(mailbox.to(physio.user.email)) == 2


def test_a_red_session_mails_the_practice(mailbox: Mailbox, physio: Any) -> None:
    runner = client_of(physio)
    recorded(runner, pain=7)
    assert "logged a session that went red" in body(mailbox.wait_for(physio.user.email))
    assert AlertSent.objects.get().flag == "red_session"


def test_a_good_session_mails_no_one(mailbox: Mailbox, physio: Any) -> None:
    runner = client_of(physio)
    recorded(runner)
    assert not AlertSent.objects.exists()
    assert mailbox.to(physio.user.email) == []


def test_the_assigned_clinician_alone_is_alerted(mailbox: Mailbox, physio: Any) -> None:
    runner = client_of(physio)
    colleague = make_professional("cara@clinic.example", physio.practice, role="clinician")
    runner.shares.update(clinician=colleague)
    recorded(runner, pelvic_floor_symptoms=["heaviness"])
    mailbox.wait_for(colleague.user.email)
    assert mailbox.to(physio.user.email) == []


def test_a_practice_she_no_longer_shares_with_is_not_alerted(mailbox: Mailbox, physio: Any) -> None:
    runner = client_of(physio)
    runner.shares.update(revoked_at=runner.date_joined)
    recorded(runner, pelvic_floor_symptoms=["leaking"])
    assert not AlertSent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_log_alerts_the_practice(mailbox: Mailbox, physio: Any) -> None:
    runner = client_of(physio)
    log(runner, runner.programmes.get(), pelvic_floor_symptoms=["leaking"])
    mailbox.wait_for(physio.user.email, timeout=3)
