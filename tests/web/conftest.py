"""Web test fixtures: a few named people built in code, and helpers that make a programme
and log sessions through the services (the same path the pages take).

- ``runner``: 14 weeks after birth, no symptoms, every test passed: ready to run.
- ``other_runner``: a second runner with her own programme; she must never see the first's.
- a visitor is simply the anonymous ``client``.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.programmes import services
from strideback.programmes.drafts import VISITOR_ANSWERS, VISITOR_FINISHED
from strideback.programmes.models import Event, Programme
from strideback.tracking import services as tracking
from tests.mailbox import Mailbox, smtp_server

PASSWORD = "a long walk by the sea"


@pytest.fixture(scope="session", autouse=True)
def _static_files() -> None:
    """The manifest static storage needs collected files, as `strideback serve` makes them."""
    call_command("collectstatic", interactive=False, verbosity=0)


def today() -> date:
    return timezone.localdate()


def answers(weeks: float = 14, **fields: Any) -> dict[str, Any]:
    """Intake answers for a runner ``weeks`` after birth, every test passed unless overridden."""
    birth = today() - timedelta(days=round(weeks * 7))
    return {
        "birth_date": birth.isoformat(),
        "tests": {
            "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
            "strength": dict.fromkeys(STRENGTH_TESTS, 20),
        },
        **fields,
    }


@functools.cache
def _hashed_password(hasher: str) -> str:
    """PASSWORD hashed once per password hasher in force (Argon2, as the app does, unless a
    test chose a faster one): hashing it anew for every person a test makes would cost a
    tenth of a second each, on purpose."""
    return make_password(PASSWORD)


def make_user(email: str) -> User:
    """A runner whose address is checked, as after typing the code she was emailed."""
    user = User.objects.create(
        email=email.lower(), password=_hashed_password(django_settings.PASSWORD_HASHERS[0])
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def visitor_who_finished() -> Client:
    """A visitor whose finished answers (ready to run) are kept in her session."""
    client = Client()
    session = client.session
    session[VISITOR_ANSWERS] = answers()
    session[VISITOR_FINISHED] = True
    session.save()
    return client


def mailed_code(address: str) -> str:
    """The code in the newest mail to ``address`` (the tests' mail outbox)."""
    to_her = [message for message in mail.outbox if message.to == [address]]
    assert to_her, f"no mail to {address}"
    found = re.search(r"^\s+(\d{6})\s*$", str(to_her[-1].body), re.MULTILINE)
    assert found, to_her[-1].body
    return found[1]


def sign_up(client: Client, email: str, password: str = PASSWORD) -> Any:
    """Sign up as she does: her email and a password, then the code from the email. Returns
    the page she lands on."""
    response = client.post("/accounts/signup/", {"email": email, "password1": password})
    assert response["Location"] == "/accounts/confirm-email/", response
    code = mailed_code(email.strip().lower())
    return client.post("/accounts/confirm-email/", {"code": code}, follow=True)


def start(user: User, **fields: Any) -> Programme:
    weeks = fields.pop("weeks", 14)
    return services.start_programme(user, answers(weeks, **fields), today(), timezone.now())


def log(user: User, programme: Programme, kind: str = "walk_run", **fields: Any) -> Event:
    entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": [], **fields}
    return tracking.log_session(user, programme, kind, entry, today(), timezone.now())


@pytest.fixture
def runner(db: None) -> User:
    user = make_user("runner@example.com")
    start(user)
    return user


@pytest.fixture
def other_runner(db: None) -> User:
    user = make_user("other@example.com")
    start(user)
    return user


@pytest.fixture
def runner_client(runner: User) -> Client:
    client = Client()
    client.force_login(runner)
    return client


# --- Professionals: a practice's members, with two-factor sign-in set up. ----------------


def totp_code(user: User) -> str:
    """The code her authenticator app shows now."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(decrypt(authenticator.data["secret"]), counter))


def make_professional(
    email: str,
    practice: Any = None,
    *,
    role: str = "owner",
    profession: str = "pelvic_health_physio",
    two_factor: bool = True,
    name: tuple[str, str] = ("Anna", "Lee"),
) -> Any:
    """A professional in ``practice`` (a new one if None), with an authenticator app set up
    unless ``two_factor`` is False. Returns her membership."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from strideback.practice.models import Membership, Practice

    user = make_user(email)
    user.role = User.Role.PROFESSIONAL
    user.profession = profession
    user.first_name, user.last_name = name
    user.save()
    if practice is None:
        practice = Practice.objects.create(name=f"Practice of {email}", country="United Kingdom")
    if two_factor:
        TOTP.activate(user, generate_totp_secret())
    return Membership.objects.create(practice=practice, user=user, role=role)


def share_with(runner: User, practice: Any) -> Any:
    """Her consent to the practice, as after accepting its invitation."""
    from strideback.practice.models import Share

    return Share.objects.create(practice=practice, runner=runner)


@pytest.fixture
def physio(db: None) -> Any:
    """Anna Lee, pelvic health physiotherapist, owner of her practice (membership)."""
    return make_professional("anna@clinic.example")


@pytest.fixture
def physio_client(physio: Any) -> Client:
    client = Client()
    client.force_login(physio.user)
    return client


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    """The SMTP backend the app uses when STRIDEBACK_SMTP_HOST is set, pointed at a local
    server (pytest-django otherwise keeps mail in memory)."""
    with smtp_server() as (box, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        yield box
