"""One programme per runner: answering the questions again used to start a new programme,
leaving her earlier entries behind. Each runner's programmes become one story: the first
programme keeps its start, every later one becomes an "answers" entry on it (dated the day
it started, recorded when it was made), and their entries move onto it, each keeping when it
was recorded. Nothing is lost; the replay reads them all in the order they were recorded."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import migrations
from django.db.models import Count


def merge_programmes(apps: Any, schema_editor: Any) -> None:
    programme_model = apps.get_model("programmes", "Programme")
    event_model = apps.get_model("programmes", "Event")
    owners = (
        programme_model.objects.values("owner")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .values_list("owner", flat=True)
    )
    for owner in owners:
        programmes = list(
            programme_model.objects.filter(owner=owner)
            .select_related("intake")
            .order_by("created_at", "id")
        )
        first = programmes[0]
        for later in programmes[1:]:
            event_model.objects.create(
                programme=first,
                public_id=secrets.token_hex(8),
                type="answers",
                day=max(later.start, first.start),
                data={"intake": later.intake.answers},
                recorded_at=later.created_at,
                recorded_by_id=owner,
                slot=f"answers:{later.intake.version}",
            )
            event_model.objects.filter(programme=later).update(programme=first)
            later.delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_one_entry_per_slot")]

    operations = [migrations.RunPython(merge_programmes, migrations.RunPython.noop)]
