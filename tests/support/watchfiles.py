"""Watch files made in code: a walk-run session with a known pattern, written as FIT, GPX
or TCX, so that what is detected in it can be asserted exactly.

Every file walks at ``WALK_SPEED`` and runs at ``RUN_SPEED`` (cadence ``WALK_CADENCE`` and
``RUN_CADENCE`` steps a minute), one sample a second unless ``every`` says otherwise. With
``pause_after`` the recording stops after that many seconds of moving and starts again
``pause_seconds`` later: a timer stop and start in FIT, a new track segment in GPX, a new
track in TCX.

FIT is written by a minimal encoder (fitdecode only reads): the file header with its CRC,
definition and data messages, and the trailing CRC, as the FIT SDK describes them.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from xml.sax.saxutils import escape

__all__ = [
    "FIT_EPOCH",
    "RUN_CADENCE",
    "RUN_SPEED",
    "WALK_CADENCE",
    "WALK_SPEED",
    "FitWriter",
    "Pattern",
    "walk_run_fit",
    "walk_run_gpx",
    "walk_run_tcx",
]

Pattern = Sequence[tuple[Literal["walk", "run"], int]]

WALK_SPEED = 1.4  # m/s, about 5 km/h
RUN_SPEED = 2.8  # m/s, about 10 km/h
WALK_CADENCE = 110  # steps a minute, both feet
RUN_CADENCE = 164
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
METRES_PER_DEGREE = 111_120.0  # gpxpy's flat-earth degree of latitude

# FIT base types: (code, struct format, invalid value)
UINT8 = (0x02, "B", 0xFF)
ENUM = (0x00, "B", 0xFF)
UINT16 = (0x84, "H", 0xFFFF)
SINT32 = (0x85, "i", 0x7FFFFFFF)
UINT32 = (0x86, "I", 0xFFFFFFFF)
UINT32Z = (0x8C, "I", 0)

SPORTS = {"generic": 0, "running": 1, "cycling": 2, "swimming": 5, "walking": 11, "hiking": 17}


@dataclass(frozen=True)
class Point:
    """One sample: seconds since the start (pauses included), metres, m/s, steps a minute."""

    seconds: int
    distance: float
    speed: float
    cadence: int
    segment: int  # a new segment after each pause


def points(
    pattern: Pattern, *, pause_after: int | None, pause_seconds: int, every: int
) -> list[Point]:
    """The samples of a pattern: one at the start, then one every ``every`` seconds."""
    speeds = [
        (RUN_SPEED, RUN_CADENCE) if activity == "run" else (WALK_SPEED, WALK_CADENCE)
        for activity, seconds in pattern
        for _ in range(seconds)
    ]
    first_speed, first_cadence = speeds[0] if speeds else (WALK_SPEED, WALK_CADENCE)
    result = [Point(0, 0.0, first_speed, first_cadence, 0)]
    distance, clock, segment = 0.0, 0, 0
    for moved, (speed, cadence) in enumerate(speeds, start=1):
        distance += speed
        clock += 1
        if moved % every == 0 or moved == len(speeds):
            result.append(Point(clock, round(distance, 2), speed, cadence, segment))
        if moved == pause_after and moved < len(speeds):
            if result[-1].seconds != clock:
                result.append(Point(clock, round(distance, 2), speed, cadence, segment))
            clock += pause_seconds
            segment += 1
            result.append(Point(clock, round(distance, 2), 0.0, 0, segment))
    return result


def fit_crc(data: bytes, crc: int = 0) -> int:
    """The FIT CRC-16, as given in the FIT SDK."""
    table = (
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
        0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    )  # fmt: skip
    for byte in data:
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]
    return crc


Field = tuple[int, tuple[int, str, int]]  # field number, base type


class FitWriter:
    """Definition and data messages, one local message type per global message."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.defined: dict[tuple[int, tuple[Field, ...]], int] = {}

    def message(self, number: int, fields: Sequence[Field], values: Sequence[int | None]) -> None:
        key = (number, tuple(fields))
        local = self.defined.get(key)
        if local is None:
            local = len(self.defined) % 16
            self.defined = {k: v for k, v in self.defined.items() if v != local}
            self.defined[key] = local
            self.body += struct.pack("<BBBHB", 0x40 | local, 0, 0, number, len(fields))
            for field, (code, fmt, _) in fields:
                self.body += struct.pack("<BBB", field, struct.calcsize(fmt), code)
        self.body.append(local)
        for (_, (_, fmt, invalid)), value in zip(fields, values, strict=True):
            self.body += struct.pack("<" + fmt, invalid if value is None else value)

    def bytes(self) -> bytes:
        header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(self.body), b".FIT")
        header += struct.pack("<H", fit_crc(header))
        whole = header + bytes(self.body)
        return whole + struct.pack("<H", fit_crc(whole))


def _fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


RECORD: tuple[Field, ...] = ((253, UINT32), (5, UINT32), (6, UINT16), (4, UINT8))
RICH_RECORD: tuple[Field, ...] = (
    *RECORD,
    (0, SINT32),  # position_lat
    (1, SINT32),  # position_long
    (3, UINT8),  # heart_rate
    (2, UINT16),  # altitude
    (73, UINT32),  # enhanced_speed
    (78, UINT32),  # enhanced_altitude
)
EVENT: tuple[Field, ...] = ((253, UINT32), (0, ENUM), (1, ENUM))
FILE_ID: tuple[Field, ...] = ((0, ENUM), (1, UINT16), (2, UINT16), (3, UINT32Z), (4, UINT32))
SESSION: tuple[Field, ...] = (
    (253, UINT32),
    (2, UINT32),  # start_time
    (5, ENUM),  # sport
    (7, UINT32),  # total_elapsed_time, ms
    (8, UINT32),  # total_timer_time, ms
    (9, UINT32),  # total_distance, cm
)


def walk_run_fit(
    start: datetime,
    pattern: Pattern,
    *,
    pause_after: int | None = None,
    pause_seconds: int = 60,
    sport: str = "running",
    every: int = 1,
    cadence: bool = True,
    session: bool = True,
    rich: bool = False,
) -> bytes:
    """A FIT activity file of ``pattern``. ``sport`` is a FIT sport name (see ``SPORTS``);
    without ``session`` the file has no session message (so no sport and no total distance);
    ``rich`` adds position, heart rate and altitude to every record, as a watch does."""
    samples = points(pattern, pause_after=pause_after, pause_seconds=pause_seconds, every=every)
    began = _fit_time(start)
    writer = FitWriter()
    writer.message(0, FILE_ID, [4, 1, 2697, 1234567, began])  # an activity by a Fenix 5
    writer.message(21, EVENT, [began, 0, 0])  # timer start
    fields = RICH_RECORD if rich else RECORD
    previous_segment = 0
    for point in samples:
        if point.segment != previous_segment:
            writer.message(21, EVENT, [began + samples[samples.index(point) - 1].seconds, 0, 1])
            writer.message(21, EVENT, [began + point.seconds, 0, 0])
            previous_segment = point.segment
        values: list[int | None] = [
            began + point.seconds,
            round(point.distance * 100),
            round(point.speed * 1000),
            point.cadence // 2 if cadence else None,  # FIT counts one foot's strides
        ]
        if rich:
            latitude = round((51.5 + point.distance / METRES_PER_DEGREE) * 2**31 / 180)
            values += [latitude, round(-0.12 * 2**31 / 180), 120, 2600, values[2], 2600]
        writer.message(20, fields, values)
    end = began + samples[-1].seconds
    writer.message(21, EVENT, [end, 0, 4])  # timer stop_all
    if session:
        moving = sum(seconds for _, seconds in pattern)
        writer.message(
            18,
            SESSION,
            [
                end,
                began,
                SPORTS[sport],
                samples[-1].seconds * 1000,
                moving * 1000,
                round(samples[-1].distance * 100),
            ],
        )
    return writer.bytes()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def walk_run_gpx(
    start: datetime,
    pattern: Pattern,
    *,
    pause_after: int | None = None,
    pause_seconds: int = 60,
    kind: str | None = "running",
    every: int = 1,
    timestamps: bool = True,
    creator: str = "Strideback tests",
) -> bytes:
    """A GPX 1.1 track of ``pattern``, running north; ``kind`` is the track's ``type``."""
    samples = points(pattern, pause_after=pause_after, pause_seconds=pause_seconds, every=every)
    segments: list[list[str]] = [[] for _ in range(samples[-1].segment + 1)]
    for point in samples:
        latitude = 51.5 + point.distance / METRES_PER_DEGREE
        when = (
            f"<time>{_iso(start + timedelta(seconds=point.seconds))}</time>" if timestamps else ""
        )
        segments[point.segment].append(f'<trkpt lat="{latitude:.7f}" lon="-0.12">{when}</trkpt>')
    kind_element = f"<type>{escape(kind)}</type>" if kind is not None else ""
    body = "".join(f"<trkseg>{''.join(segment)}</trkseg>" for segment in segments)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<gpx version="1.1" creator="{escape(creator)}" '
        'xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Walk-run</name>{kind_element}{body}</trk></gpx>"
    ).encode()


def walk_run_tcx(
    start: datetime,
    pattern: Pattern,
    *,
    pause_after: int | None = None,
    pause_seconds: int = 60,
    sport: str = "Running",
    every: int = 1,
    creator: str | None = "Forerunner 245",
    lap_distance: bool = True,
) -> bytes:
    """A TCX activity of ``pattern``: one lap, a track for each stretch between pauses, with
    distance, speed and cadence (TCX counts one foot's strides, as FIT does)."""
    samples = points(pattern, pause_after=pause_after, pause_seconds=pause_seconds, every=every)
    tracks: list[list[str]] = [[] for _ in range(samples[-1].segment + 1)]
    for point in samples:
        tracks[point.segment].append(
            "<Trackpoint>"
            f"<Time>{_iso(start + timedelta(seconds=point.seconds))}</Time>"
            f"<DistanceMeters>{point.distance}</DistanceMeters>"
            "<Extensions><ns3:TPX>"
            f"<ns3:Speed>{point.speed}</ns3:Speed>"
            f"<ns3:RunCadence>{point.cadence // 2}</ns3:RunCadence>"
            "</ns3:TPX></Extensions>"
            "</Trackpoint>"
        )
    moving = sum(seconds for _, seconds in pattern)
    distance = f"<DistanceMeters>{samples[-1].distance}</DistanceMeters>" if lap_distance else ""
    device = f"<Creator><Name>{escape(creator)}</Name></Creator>" if creator else ""
    body = "".join(f"<Track>{''.join(track)}</Track>" for track in tracks)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
        'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
        f'<Activities><Activity Sport="{escape(sport)}"><Id>{_iso(start)}</Id>'
        f'<Lap StartTime="{_iso(start)}"><TotalTimeSeconds>{moving}</TotalTimeSeconds>'
        f"{distance}{body}</Lap>{device}</Activity></Activities></TrainingCenterDatabase>"
    ).encode()
