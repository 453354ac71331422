"""Watch files: reading a run or a walk from a FIT, GPX or TCX file, finding its walk and
run bouts, comparing them with the session planned and matching the file to a session.

- ``reading``: ``read_activity(file_name, data)``, every format's checks and their words;
- ``model``: the ``Activity`` read, its samples and the pauses of the recording;
- ``bouts``: ``find_bouts`` and ``to_watch_run`` (what is kept with her entry);
- ``comparison``: ``compare(watch, session)`` and its sentences for the page;
- ``matching``: ``match(day, sessions, …)``: the session a file belongs to, or why none;
- ``entry``: ``read_watch_run`` and ``entry_for``: the entry a file makes on her programme,
  the one way the web, the API and the command line bring a file in.
"""

from strideback.core.activities.bouts import Bout, find_bouts, timed_bouts, to_watch_run
from strideback.core.activities.comparison import Comparison, compare, duration_words
from strideback.core.activities.entry import Entry, entry_for, read_watch_run, same_activity
from strideback.core.activities.matching import (
    KEEP_UNMATCHED_AFTER_DAYS,
    MATCH_WINDOW_DAYS,
    Match,
    Unmatched,
    is_walk,
    match,
)
from strideback.core.activities.model import Activity, Pause, Sample, Sport
from strideback.core.activities.reading import MAX_FILE_BYTES, read_activity

__all__ = [
    "KEEP_UNMATCHED_AFTER_DAYS",
    "MATCH_WINDOW_DAYS",
    "MAX_FILE_BYTES",
    "Activity",
    "Bout",
    "Comparison",
    "Entry",
    "Match",
    "Pause",
    "Sample",
    "Sport",
    "Unmatched",
    "compare",
    "duration_words",
    "entry_for",
    "find_bouts",
    "is_walk",
    "match",
    "read_activity",
    "read_watch_run",
    "same_activity",
    "timed_bouts",
    "to_watch_run",
]
