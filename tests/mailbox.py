"""A real SMTP server on loopback (aiosmtpd) that keeps every message sent to it, for the
tests that read the code or the link a runner is mailed, as she would."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

CODE = re.compile(r"^\s+(\d{6})\s*$", re.MULTILINE)
LINK = re.compile(r"https?://\S+/accounts/password-reset/\S+/")


class Mailbox:
    """What the server received, newest last; ``handle_DATA`` is aiosmtpd's hook."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 15) -> EmailMessage:
        """The newest message to ``address`` once at least ``count`` have come."""
        deadline = time.monotonic() + timeout
        while len(self.to(address)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"no mail to {address} within {timeout:.0f} s")
            time.sleep(0.05)
        return self.to(address)[-1]


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def code_in(message: EmailMessage) -> str:
    found = CODE.search(body(message))
    assert found, body(message)
    return found[1]


def link_in(message: EmailMessage) -> str:
    found = LINK.search(body(message))
    assert found, body(message)
    return found[0]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server on 127.0.0.1 (no TLS, no login) and its port, for as long as needed."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()
