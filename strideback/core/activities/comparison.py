"""How a run the watch recorded compares with the session planned: worked out when shown,
never stored (the plan it is compared with may change)."""

from __future__ import annotations

from dataclasses import dataclass

from strideback.core.programme.events import WatchRun
from strideback.core.programme.model import Session

__all__ = ["Comparison", "compare", "duration_words"]


@dataclass(frozen=True)
class Comparison:
    runs: int  # run bouts the watch found
    runs_planned: int
    longest_run_seconds: int
    longest_planned_seconds: int
    run_seconds: int
    planned_seconds: int

    @property
    def beyond_seconds(self) -> int:
        """How much more running than planned (0 when she ran no more than the plan)."""
        return max(0, self.run_seconds - self.planned_seconds)

    @property
    def beyond_fraction(self) -> float:
        """The same as a share of the plan: 0.25 is a quarter more than planned."""
        return self.beyond_seconds / self.planned_seconds if self.planned_seconds else 0.0

    @property
    def longest_beyond_seconds(self) -> int:
        """How much longer her longest run was than the longest planned."""
        return max(0, self.longest_run_seconds - self.longest_planned_seconds)

    def words(self) -> list[str]:
        """Short sentences for the page."""
        if self.runs == 0:
            return [
                "The watch found no running in this recording, only walking. "
                f"{duration_words(self.planned_seconds)} of running was planned."
            ]
        runs = "run interval" if self.runs_planned == 1 else "run intervals"
        first = (
            f"You ran {self.runs} of the {self.runs_planned} {runs} planned"
            if self.runs <= self.runs_planned
            else f"You ran {self.runs} times; {self.runs_planned} {runs} were planned"
        )
        lines = [
            f"{first}; your longest run was {duration_words(self.longest_run_seconds)} "
            f"(planned {duration_words(self.longest_planned_seconds)}); "
            f"{duration_words(self.run_seconds)} running in all "
            f"(planned {duration_words(self.planned_seconds)})."
        ]
        if self.beyond_seconds:
            lines.append(
                f"That is {duration_words(self.beyond_seconds)} more running than planned "
                f"({round(self.beyond_fraction * 100)}% more). Keeping to the plan lets your "
                "body catch up with the running."
            )
        return lines


def compare(watch: WatchRun, session: Session) -> Comparison:
    """The watch's run bouts against the session's run intervals."""
    planned = [interval.seconds for interval in session.intervals if interval.activity == "run"]
    return Comparison(
        runs=sum(1 for bout in watch.bouts if bout.activity == "run"),
        runs_planned=len(planned),
        longest_run_seconds=watch.longest_run_seconds,
        longest_planned_seconds=max(planned, default=0),
        run_seconds=watch.run_seconds,
        planned_seconds=session.running_seconds or sum(planned),
    )


def duration_words(seconds: int) -> str:
    """'2 min 10 s', '14 min', '45 s', '1 h 5 min'."""
    minutes, rest = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"
