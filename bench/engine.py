"""Benchmark: assess + plan + replay of 60 logged events, as the web app will do per page;
then what the issue-4 pages add: the progress charts, the player's script, the pictures, the
printable handout and its PDF.

Run with `make bench`. Prints the median and spread of each step over repeated runs, the sum
of the three engine medians (against its target), how the replay grows with the events logged (it should grow in
step with them) and what a plan of the next four weeks costs beside the whole projection;
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
TARGET_MS = 1.5  # the sum of the three engine medians, on a small shared machine


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
    return logged_events(inputs, 60)


def logged_events(inputs: PlanInputs, count: int) -> list[Event]:
    """``count`` logs on the planned days (past the plan's end, its weeks again): mostly good,
    every seventh hard, every thirteenth red."""
    planned = replay(inputs, []).sessions
    weeks = (planned[-1].date - planned[0].date).days // 7 + 1
    events: list[Event] = []
    for number in range(count):
        lap, session = divmod(number, len(planned))
        day = planned[session].date + timedelta(weeks=weeks * lap)
        kind = planned[session].kind
        log: dict[str, Any] = {
            "type": "session",
            "date": day.isoformat(),
            "kind": "strength" if kind in ("strength", "mobility") else kind,
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


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def main() -> None:
    began = time.perf_counter()
    catalog = load_catalog()
    print(
        f"{'load catalog (once, at start-up)':<34} {(time.perf_counter() - began) * 1000:8.2f} ms"
    )
    intake = ready_intake()
    inputs = PlanInputs(intake=intake, catalog=catalog, start=START)
    events = sixty_events(inputs)
    assessing = timed(lambda: assess(intake))
    planning = timed(lambda: plan_for(intake, catalog, START))
    replaying = timed(lambda: replay(inputs, events))
    report("assess", assessing)
    report("plan (no events)", planning)
    report("replay of 60 events", replaying)

    def everything() -> None:
        assess(intake)
        plan_for(intake, catalog, START)
        plan_as_of(inputs, events, events[-1].date)

    report("assess + plan + replay (60 events)", timed(everything))
    total = median(assessing) + median(planning) + median(replaying)
    print(
        f"{'sum of the three medians':<34} median {total:8.2f} ms   "
        f"(assess {median(assessing):.2f} + plan {median(planning):.2f} + "
        f"replay {median(replaying):.2f})"
    )
    print(
        f"engine (assess + plan + replay of 60 events): {total:.2f} ms median — "
        f"target ≤ {TARGET_MS} ms"
    )
    growth = []
    for count in (30, 60, 120):
        logged = logged_events(inputs, count)
        growth.append((count, median(timed(lambda logged=logged: replay(inputs, logged)))))
    print(
        f"{'replay of 30 / 60 / 120 events':<34} "
        + " / ".join(f"{ms:.2f}" for _, ms in growth)
        + " ms   per event "
        + " / ".join(f"{ms / count * 1000:.0f}" for count, ms in growth)
        + " µs"
    )
    soon = plan_as_of(inputs, [], START, until=START + timedelta(weeks=4))
    whole = plan_for(intake, catalog, START)
    four_weeks = median(
        timed(lambda: plan_as_of(inputs, [], START, until=START + timedelta(weeks=4)))
    )
    print(
        f"{'plan: next 4 weeks / whole':<34} {four_weeks:.2f} / {median(planning):.2f} ms   "
        f"({len(soon.sessions)} / {len(whole.sessions)} sessions; per session "
        f"{four_weeks / len(soon.sessions) * 1000:.0f} / "
        f"{median(planning) / len(whole.sessions) * 1000:.0f} µs)"
    )

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
