"""Benchmark: assess + plan + replay of 60 logged events, as the web app will do per page;
then what the issue-4 pages add: the progress charts, the player's script, the pictures, the
printable handout and its PDF.

Run with `make bench`. Prints the median and spread of each step over repeated runs;
the catalog is loaded once, as a server would at start-up, and timed on its own.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from strideback.core.catalog import load_catalog
from strideback.core.drawing.figures import exercise_figure
from strideback.core.export import plan_html
from strideback.core.export.pdf import forget_pdfs, plan_pdf
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS, Intake, parse_intake
from strideback.core.player import session_script
from strideback.core.programme import Event, PlanInputs, event_from, plan_as_of, plan_for, replay
from strideback.core.progress import progress_page
from strideback.core.readiness import assess

START = date(2026, 11, 21)
REPEATS = 30


def ready_intake() -> Intake:
    data = {
        "birth_date": (START - timedelta(weeks=14)).isoformat(),
        "assessed_on": START.isoformat(),
        "tests": {
            "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
            "strength": dict.fromkeys(STRENGTH_TESTS, 20),
        },
        "days_per_week": 3,
        "equipment": ["resistance_band"],
    }
    return parse_intake(data, "bench", START)


def sixty_events(inputs: PlanInputs) -> list[Event]:
    """Sixty logs on the planned days: mostly good, every seventh hard, every thirteenth red."""
    events: list[Event] = []
    for number, session in enumerate(replay(inputs, []).sessions[:60]):
        log: dict[str, Any] = {
            "type": "session",
            "date": session.date.isoformat(),
            "kind": "strength" if session.kind in ("strength", "mobility") else session.kind,
            "completed": "all",
            "rpe": 9 if number % 7 == 6 else 5,
            "pain": 1,
            "pain_settled": True,
        }
        if number % 13 == 12:
            log["pelvic_floor_symptoms"] = ["heaviness"]
        events.append(event_from(log, "bench"))
    return events


def timed(step: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        step()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    print(
        f"{name:<34} median {statistics.median(samples):8.2f} ms   "
        f"min {ordered[0]:8.2f} ms   p90 {p90:8.2f} ms   (n={len(samples)})"
    )


def main() -> None:
    began = time.perf_counter()
    catalog = load_catalog()
    print(
        f"{'load catalog (once, at start-up)':<34} {(time.perf_counter() - began) * 1000:8.2f} ms"
    )
    intake = ready_intake()
    inputs = PlanInputs(intake=intake, catalog=catalog, start=START)
    events = sixty_events(inputs)
    report("assess", timed(lambda: assess(intake)))
    report("plan (no events)", timed(lambda: plan_for(intake, catalog, START)))
    report("replay of 60 events", timed(lambda: replay(inputs, events)))

    def everything() -> None:
        assess(intake)
        plan_for(intake, catalog, START)
        plan_as_of(inputs, events, events[-1].date)

    report("assess + plan + replay (60 events)", timed(everything))

    plan = replay(inputs, events)
    today = events[-1].date
    report("progress page (60 events)", timed(lambda: progress_page(inputs, events, today)))
    session = next(s for s in plan.sessions if s.kind == "strength")
    report("player script (a strength session)", timed(lambda: session_script(session, catalog)))
    everyone = list(catalog.exercises.values())
    report(
        f"pictures of all {len(everyone)} exercises",
        timed(lambda: [exercise_figure(exercise) for exercise in everyone]),
    )
    report("handout HTML (whole plan)", timed(lambda: plan_html(plan, catalog)))
    report(
        "handout PDF (whole plan, first)", timed(lambda: forget_pdfs() or plan_pdf(plan, catalog))
    )
    report("handout PDF (whole plan, again)", timed(lambda: plan_pdf(plan, catalog)))


if __name__ == "__main__":
    main()
