"""``{% her_sharing %}``: the section of her settings that says who can see her programme
and who looked (the settings page belongs to the take-away app, which sits below this one)."""

from __future__ import annotations

from typing import Any

from django import template

from strideback.practice import sharing

register = template.Library()


@register.inclusion_tag("practice/sharing/her_sharing.html", takes_context=True)
def her_sharing(context: dict[str, Any]) -> dict[str, Any]:
    return {"sharing": sharing.her_sharing(context["request"].user)}
