"""Errors are pages in plain words, in the app's own layout; never a bare server message."""

from __future__ import annotations

from django.test import Client

from strideback.accounts.models import User
from tests.web.pages import text


def test_an_unknown_address_is_a_readable_not_found_page(client: Client, db: None) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We can't find that page" in text(response)


def test_another_runners_entry_is_a_readable_not_found_page(runner_client: Client) -> None:
    response = runner_client.get("/history/0123456789abcdef/edit/")
    assert response.status_code == 404
    assert "We can't find that page" in text(response)


def test_a_form_sent_without_its_csrf_token_explains_that_nothing_was_saved(runner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    response = client.post("/today/log/", {"completed": "all", "pain": "0"})
    assert response.status_code == 403
    assert "Nothing was saved" in text(response)
