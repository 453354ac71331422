"""Reading a watch file: FIT, GPX or TCX, told apart by what the bytes hold (a file named
``.gpx`` that is really a FIT file is read as FIT).

Every way a file can fail to be read becomes one plain ``InputError`` naming the file, what
is wrong and what is allowed: a parser's own exception never reaches her.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree.ElementTree import Element

import fitdecode
import gpxpy
from defusedxml import ElementTree

from strideback.core.activities.model import Activity, Pause, Sample, Sport
from strideback.core.errors import InputError, Problem

__all__ = [
    "BREAK_GAP_SECONDS",
    "MAX_ELAPSED_SECONDS",
    "MAX_FILE_BYTES",
    "MIN_SAMPLES",
    "PAUSE_GAP_SECONDS",
    "STILL_SPEED",
    "read_activity",
]

MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB: a day-long recording is a few MB; more is not a run
MAX_ELAPSED_SECONDS = 24 * 3600  # one run or walk, not a week of recording
MIN_SAMPLES = 2  # a run needs a start and an end to have a length
PAUSE_GAP_SECONDS = 30  # a GPX or TCX gap this long without moving is a pause, not a slow patch
BREAK_GAP_SECONDS = 10  # a new track or lap this soon after the last is sampling, not a stop
STILL_SPEED = 0.3  # m/s across a gap: below this she did not move (GPS drift is about this)

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
FIT_STOPS = {"stop", "stop_all", "stop_disable", "stop_disable_all"}
RUNNING_WORDS = ("run", "jog", "trail")
WALKING_WORDS = ("walk", "hik")
# A GPX track's type is free text: these words mean another sport for certain.
OTHER_SPORT_WORDS = (
    "cycl", "bik", "ride", "swim", "ski", "row", "paddl", "kayak", "canoe", "skat",
    "golf", "yoga", "climb", "surf", "board",
)  # fmt: skip
ALLOWED = "only runs and walks can be brought in"


class _Unreadable(Exception):
    """The file is damaged or cut short (caught per format and turned into words)."""


def _problem(file_name: str, message: str, where: str = "file") -> InputError:
    return InputError(file_name, [Problem(where, message)])


def read_activity(file_name: str, data: bytes) -> Activity:
    """Read a watch file's bytes: its sport, start, device, samples and pauses."""
    if len(data) > MAX_FILE_BYTES:
        raise _problem(
            file_name,
            f"the file is {len(data) / 1024 / 1024:.1f} MB, larger than the "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB allowed; export the single run or walk "
            "from your watch's app and try again.",
        )
    fingerprint = hashlib.sha256(data).hexdigest()
    if data[8:12] == b".FIT":
        parsed = _guarded(file_name, "FIT", lambda: _read_fit(data))
    else:
        root = _xml_root(file_name, data)
        name = _local(root.tag)
        if name == "gpx":
            parsed = _guarded(file_name, "GPX", lambda: _read_gpx(data))
        elif name == "TrainingCenterDatabase":
            parsed = _guarded(file_name, "TCX", lambda: _read_tcx(root))
        else:
            raise _unknown(file_name)
    return _activity(file_name, fingerprint, parsed)


def _unknown(file_name: str) -> InputError:
    return _problem(
        file_name,
        "this is not a FIT, GPX or TCX file; export the activity from your watch's app as one of "
        "these and try again.",
    )


def _guarded(file_name: str, kind: str, read: Any) -> _Parsed:
    """Run a parser: any of its exceptions means a damaged or cut-short file."""
    try:
        parsed: _Parsed = read()
    except Exception as error:
        raise _problem(
            file_name,
            f"this {kind} file is damaged or cut short, so it cannot be read; export it from "
            "your watch's app again and try once more.",
        ) from error
    return parsed


def _xml_root(file_name: str, data: bytes) -> Element:
    """The root of an XML file, read safely (no entities, no external references)."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start != b"<":
        raise _unknown(file_name)
    try:
        root: Element = ElementTree.fromstring(data)
    except Exception as error:
        raise _problem(
            file_name,
            "this XML file is damaged or cut short, so it cannot be read; a GPX or TCX file "
            "from your watch's app is needed.",
        ) from error
    return root


def _local(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


@dataclass
class _Parsed:
    """What a format's reader found, before the checks common to every format."""

    sport: str | None = None  # as the file names it; None: the file does not say
    device: str | None = None
    times: list[datetime] = field(default_factory=list)  # each sample's moment
    distances: list[float | None] = field(default_factory=list)
    speeds: list[float | None] = field(default_factory=list)
    cadences: list[float | None] = field(default_factory=list)
    stops: list[tuple[datetime, datetime | None]] = field(default_factory=list)
    segment_starts: set[int] = field(default_factory=set)  # sample indexes after a break
    start: datetime | None = None  # the timer's first start, when the file has one
    end: datetime | None = None  # the timer's last stop
    total_distance_m: float | None = None

    def add(
        self,
        time: datetime,
        distance: float | None,
        speed: float | None,
        cadence: float | None,
    ) -> None:
        self.times.append(time)
        self.distances.append(distance)
        self.speeds.append(speed)
        self.cadences.append(cadence)


# ---------------------------------------------------------------------------------------
# FIT


def _fit_time(value: Any) -> datetime:
    return FIT_EPOCH + timedelta(seconds=int(value))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


CRC_TABLE = _crc_table()  # the FIT CRC-16 (the SDK's nibble table), a byte at a time


def _fit_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc = (crc >> 8) ^ CRC_TABLE[(crc ^ byte) & 0xFF]
    return crc


def _check_fit_crc(data: bytes) -> None:
    """The file's checksums: fitdecode checks them too, but eight times slower."""
    size = data[0]
    if size >= 14 and data[12:14] != b"\0\0" and _fit_crc(data[:12]) != _le16(data[12:14]):
        raise _Unreadable("header checksum")
    end = size + int.from_bytes(data[4:8], "little")
    if len(data) < end + 2 or _fit_crc(data[:end]) != _le16(data[end : end + 2]):
        raise _Unreadable("file checksum")


def _le16(two: bytes) -> int:
    return int.from_bytes(two, "little")


def _read_fit(data: bytes) -> _Parsed:
    _check_fit_crc(data)
    parsed = _Parsed()
    sports: list[Any] = []
    totals: list[float] = []
    stopped: datetime | None = None
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        processor=None,  # raw values: timestamps stay numbers, which is much faster
        check_crc=fitdecode.CrcCheck.DISABLED,  # checked above
        error_handling=fitdecode.ErrorHandling.RAISE,
    )
    with reader:
        for frame in reader:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            name = frame.name
            if name == "record":
                values = {f.name: f.value for f in frame.fields}
                if values.get("timestamp") is None:
                    continue
                speed = values.get("enhanced_speed", values.get("speed"))
                cadence = _number(values.get("cadence"))
                if cadence is not None:
                    # FIT counts one foot's strides a minute; she takes twice as many steps.
                    cadence = (cadence + (_number(values.get("fractional_cadence")) or 0)) * 2
                parsed.add(
                    _fit_time(values["timestamp"]),
                    _number(values.get("distance")),
                    _number(speed),
                    cadence,
                )
            elif name == "event":
                values = {f.name: f.value for f in frame.fields}
                if values.get("event") != "timer" or values.get("timestamp") is None:
                    continue
                moment = _fit_time(values["timestamp"])
                if values.get("event_type") == "start":
                    if parsed.start is None:
                        parsed.start = moment
                    if stopped is not None:
                        parsed.stops.append((stopped, moment))
                        stopped = None
                elif values.get("event_type") in FIT_STOPS:
                    stopped = moment
                    parsed.end = moment
            elif name == "session":
                values = {f.name: f.value for f in frame.fields}
                sports.append(values.get("sport"))
                if _number(values.get("total_distance")) is not None:
                    totals.append(float(values["total_distance"]))
            elif name == "file_id":
                values = {f.name: f.value for f in frame.fields}
                parsed.device = _fit_device(values)
            elif name == "sport":
                values = {f.name: f.value for f in frame.fields}
                sports.append(values.get("sport"))
    parsed.sport = _fit_sport([sport for sport in sports if sport is not None])
    if totals:
        parsed.total_distance_m = sum(totals)
    return parsed


def _fit_sport(sports: list[Any]) -> str | None:
    """The file's sport: a multisport file is refused if any part is not a run or a walk."""
    named = [
        {"hiking": "walking"}.get(sport, sport) if isinstance(sport, str) else f"sport {sport}"
        for sport in sports
    ]
    other = [sport for sport in named if sport not in ("running", "walking", "generic")]
    if other:
        return other[0]
    if named and all(sport == "walking" for sport in named):
        return "walking"
    return "running" if named else None


def _fit_device(values: dict[str, Any]) -> str | None:
    maker = values.get("manufacturer")
    product = values.get("garmin_product") or values.get("product_name") or values.get("product")
    words = [str(maker).replace("_", " ").capitalize()] if isinstance(maker, str) else []
    if isinstance(product, str):
        words.append(product.replace("_", " "))
    return " ".join(words) or None


# ---------------------------------------------------------------------------------------
# GPX


def _read_gpx(data: bytes) -> _Parsed:
    gpx = gpxpy.parse(data.decode("utf-8-sig"))
    parsed = _Parsed(device=gpx.creator or None)
    kinds = {(track.type or "").strip().lower() for track in gpx.tracks if track.type}
    parsed.sport = _gpx_sport(kinds)
    distance = 0.0
    for track in gpx.tracks:
        for segment in track.segments:
            previous = None
            first = True
            for point in segment.points:
                if point.time is None:
                    continue
                if previous is not None:
                    distance += point.distance_2d(previous) or 0.0
                if first and parsed.times:
                    parsed.segment_starts.add(len(parsed.times))
                first = False
                parsed.add(_utc(point.time), distance, None, None)
                previous = point
    parsed.total_distance_m = gpx.length_2d() or None
    return parsed


def _gpx_sport(kinds: Iterable[str]) -> str | None:
    """The sport a GPX track's free-text type names; None when it names none we know."""
    found: list[str] = []
    for kind in kinds:
        if any(word in kind for word in RUNNING_WORDS):
            found.append("running")
        elif any(word in kind for word in WALKING_WORDS):
            found.append("walking")
        elif any(word in kind for word in OTHER_SPORT_WORDS):
            return kind
    if found and all(kind == "walking" for kind in found):
        return "walking"
    return "running" if found else None


# ---------------------------------------------------------------------------------------
# TCX


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: Element, *path: str) -> str | None:
    current: Element | None = element
    for name in path:
        found = _children(current, name) if current is not None else []
        current = found[0] if found else None
    return current.text.strip() if current is not None and current.text else None


def _read_tcx(root: Element) -> _Parsed:
    parsed = _Parsed()
    activities = [
        a for group in _children(root, "Activities") for a in _children(group, "Activity")
    ]
    if not activities:
        return parsed
    activity = activities[0]
    sport = (activity.get("Sport") or "").strip().lower()
    parsed.sport = None if sport in ("", "other") else sport
    parsed.device = _child_text(activity, "Creator", "Name")
    totals: list[float] = []
    for lap in _children(activity, "Lap"):
        lap_distance = _child_text(lap, "DistanceMeters")
        if lap_distance is not None:
            totals.append(float(lap_distance))
        for track in _children(lap, "Track"):
            first = True
            for point in _children(track, "Trackpoint"):
                time = _child_text(point, "Time")
                if time is None:
                    continue
                if first and parsed.times:
                    parsed.segment_starts.add(len(parsed.times))
                first = False
                speed = _float(_child_text(point, "Extensions", "TPX", "Speed"))
                cadence = _float(_child_text(point, "Extensions", "TPX", "RunCadence"))
                parsed.add(
                    _utc(datetime.fromisoformat(time)),
                    _float(_child_text(point, "DistanceMeters")),
                    speed,
                    None if cadence is None else cadence * 2,  # one foot's strides, as in FIT
                )
    parsed.total_distance_m = sum(totals) if totals else None
    return parsed


def _float(text: str | None) -> float | None:
    if text is None:
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _utc(moment: datetime) -> datetime:
    """A moment in UTC; one written without an offset is taken as UTC, as GPX says."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# ---------------------------------------------------------------------------------------
# The checks every format shares


def _sport(file_name: str, named: str | None) -> Sport:
    if named in (None, "running", "generic"):
        return "running"
    if named == "walking":
        return "walking"
    words = re.sub(r"[_\s]+", " ", str(named)).strip()
    article = "an" if words[:1] in tuple("aeiou") else "a"
    raise _problem(
        file_name,
        f"is {article} {words} activity; {ALLOWED}.",
        "sport",
    )


def _activity(file_name: str, fingerprint: str, parsed: _Parsed) -> Activity:
    sport = _sport(file_name, parsed.sport)
    if not parsed.times:
        raise _problem(
            file_name,
            "has no times in it, so the run's length cannot be known; export it from your "
            "watch's app with its times and try again.",
        )
    order = sorted(range(len(parsed.times)), key=parsed.times.__getitem__)
    times = [parsed.times[i] for i in order]
    if len(times) < MIN_SAMPLES or times[-1] == times[0]:
        raise _problem(
            file_name,
            "holds no track: fewer than two timed points were recorded. Check that the watch "
            "recorded the activity and export it again.",
        )
    started = min(times[0], parsed.start or times[0])
    ended = max(times[-1], parsed.end or times[-1])
    elapsed = (ended - started).total_seconds()
    if elapsed > MAX_ELAPSED_SECONDS:
        raise _problem(
            file_name,
            f"lasts more than {MAX_ELAPSED_SECONDS // 3600} hours; bring in one run or walk "
            "at a time.",
        )
    samples = tuple(
        Sample(
            (parsed.times[i] - started).total_seconds(),
            parsed.distances[i],
            parsed.speeds[i],
            parsed.cadences[i],
        )
        for i in order
    )
    pauses = [
        Pause((stop - started).total_seconds(), ((start or ended) - started).total_seconds())
        for stop, start in parsed.stops
    ]
    # A gap the timer's own stops already explain is not counted twice.
    pauses += [
        gap
        for gap in _gaps(samples, {order.index(i) for i in parsed.segment_starts})
        if not any(gap.start < p.end and p.start < gap.end for p in pauses)
    ]
    return Activity(
        file_name=file_name,
        sport=sport,
        started_at=started,
        device=parsed.device,
        fingerprint=fingerprint,
        samples=samples,
        pauses=tuple(sorted((p for p in pauses if p.end > p.start), key=lambda p: p.start)),
        elapsed_seconds=elapsed,
        total_distance_m=parsed.total_distance_m,
    )


def _gaps(samples: tuple[Sample, ...], breaks: set[int]) -> list[Pause]:
    """Pauses a GPX or TCX file shows only by its times: a new track or segment, or a long
    gap in which she did not move."""
    pauses = []
    for index in range(1, len(samples)):
        before, after = samples[index - 1], samples[index]
        gap = after.seconds - before.seconds
        if index in breaks and gap > BREAK_GAP_SECONDS:
            pauses.append(Pause(before.seconds, after.seconds))
        elif gap > PAUSE_GAP_SECONDS and before.distance_m is not None:
            moved = (after.distance_m or before.distance_m) - before.distance_m
            if moved / gap < STILL_SPEED:
                pauses.append(Pause(before.seconds, after.seconds))
    return pauses
