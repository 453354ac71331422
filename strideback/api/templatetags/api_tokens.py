"""``{% api_tokens %}``: the "Apps and scripts" section of her settings (the settings page
belongs to the take-away app, which sits below this one)."""

from __future__ import annotations

from typing import Any

from django import template

from strideback.api import tokens
from strideback.api.web_forms import TokenForm

register = template.Library()


@register.inclusion_tag("api/tokens.html", takes_context=True)
def api_tokens(context: Any) -> dict[str, Any]:
    request = context["request"]
    return {
        "tokens": tokens.tokens_of(request.user),
        "form": context.get("token_form") or TokenForm(),
        "made": context.get("made"),
        "csrf_token": context.get("csrf_token"),
        "now": context.get("now"),
    }
