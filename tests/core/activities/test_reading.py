"""Reading watch files: the real files recorded by watches, files made in code in each
format, and every way a file can fail to be read (each a plain error naming the file)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from strideback.core.activities import MAX_FILE_BYTES, find_bouts, read_activity
from strideback.core.activities.reading import MAX_ELAPSED_SECONDS, _fit_crc
from strideback.core.errors import InputError
from tests.support.watchfiles import (
    ENUM,
    FIT_EPOCH,
    UINT16,
    UINT32,
    FitWriter,
    fit_crc,
    walk_run_fit,
    walk_run_gpx,
    walk_run_tcx,
)

FILES = Path(__file__).parents[2] / "files" / "watch"
START = datetime(2026, 3, 14, 7, 30, tzinfo=UTC)
PATTERN = [("walk", 120), ("run", 60), ("walk", 90)]


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def error_of(name: str, data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_activity(name, data)
    assert caught.value.source == name
    return str(caught.value)


def test_the_fenix_run() -> None:
    activity = read_activity("garmin-fenix-5-run.fit", read("garmin-fenix-5-run.fit"))
    assert activity.sport == "running"
    assert activity.duration_seconds == 57
    assert round(activity.distance_m or 0) == 158
    assert activity.device == "Garmin fenix5"
    assert activity.started_at == datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)
    assert activity.fingerprint == hashlib.sha256(read("garmin-fenix-5-run.fit")).hexdigest()
    assert len(activity.samples) == 21
    assert activity.pauses == ()
    assert [b.activity for b in find_bouts(activity)] == ["run"]


def test_the_fenix_walk() -> None:
    activity = read_activity("walk.fit", read("garmin-fenix-5-walk.fit"))
    assert activity.sport == "walking"
    # The watch's timer says 45.4 s; its records are stamped in whole seconds: 46.
    assert activity.duration_seconds == 46
    assert round(activity.distance_m or 0) == 68
    assert [(b.activity, b.seconds) for b in find_bouts(activity)] == [("walk", 46)]


def test_a_fit_file_cut_short_is_a_clear_error() -> None:
    message = error_of("cut.fit", read("invalid_activity-unexpected-eof.fit"))
    assert "cut.fit" in message
    assert "damaged or cut short" in message


def test_the_gpx_of_four_tracks() -> None:
    activity = read_activity("korita-zbevnica.gpx", read("korita-zbevnica.gpx"))
    assert activity.sport == "running"  # the track's type names no sport: the bouts decide
    assert round((activity.distance_m or 0) / 100) == 149  # 14.9 km, untimed points too
    assert activity.device == "GPSBabel - http://www.gpsbabel.org"
    assert activity.elapsed_seconds == 13381  # 3 h 43 min from first to last timed point
    assert activity.pauses  # long stops without moving
    assert activity.duration_seconds < activity.elapsed_seconds
    bouts = find_bouts(activity)
    assert sum(b.seconds for b in bouts) == activity.duration_seconds
    assert {b.activity for b in bouts} == {"walk"}  # 4 km/h: a long walk


def test_the_tcx_run() -> None:
    activity = read_activity("no_hr.tcx", read("no_hr.tcx"))
    assert activity.sport == "running"
    assert activity.device == "Forerunner 410 Software Version 2.20"
    assert activity.started_at == datetime(2012, 12, 26, 21, 29, 53, tzinfo=UTC)
    assert len(activity.samples) == 384
    assert round(activity.distance_m or 0) == 4689  # the laps' total
    bouts = find_bouts(activity)
    assert sum(b.seconds for b in bouts) == activity.duration_seconds
    assert sum(b.seconds for b in bouts if b.activity == "run") > 600


@pytest.mark.parametrize(
    "make", [walk_run_fit, walk_run_gpx, walk_run_tcx], ids=["fit", "gpx", "tcx"]
)
def test_each_format_made_in_code(make) -> None:  # type: ignore[no-untyped-def]
    activity = read_activity("made", make(START, PATTERN))
    assert activity.sport == "running"
    assert activity.started_at == START
    assert activity.duration_seconds == 270
    assert activity.distance_m == pytest.approx(120 * 1.4 + 60 * 2.8 + 90 * 1.4, abs=1)
    assert [(b.activity, b.seconds) for b in find_bouts(activity)] == PATTERN


@pytest.mark.parametrize(
    "make", [walk_run_fit, walk_run_gpx, walk_run_tcx], ids=["fit", "gpx", "tcx"]
)
def test_a_pause_in_each_format(make) -> None:  # type: ignore[no-untyped-def]
    activity = read_activity("made", make(START, PATTERN, pause_after=150, pause_seconds=90))
    assert activity.elapsed_seconds == 270 + 90
    assert activity.duration_seconds == 270
    assert [(p.start, p.end) for p in activity.pauses] == [(150, 240)]
    assert [(b.activity, b.seconds) for b in find_bouts(activity)] == [
        ("walk", 120),
        ("run", 30),
        ("run", 30),
        ("walk", 90),
    ]


def test_a_format_is_told_by_its_content_not_its_name() -> None:
    activity = read_activity("run.gpx", walk_run_fit(START, PATTERN))
    assert activity.duration_seconds == 270


def test_the_device_and_sport_words() -> None:
    gpx = read_activity("w.gpx", walk_run_gpx(START, PATTERN, kind="Walking", creator=""))
    assert (gpx.sport, gpx.device) == ("walking", None)
    assert read_activity("r.gpx", walk_run_gpx(START, PATTERN, kind="trail running")).sport == (
        "running"
    )
    assert read_activity("h.gpx", walk_run_gpx(START, PATTERN, kind="9")).sport == "running"
    tcx = read_activity("o.tcx", walk_run_tcx(START, PATTERN, sport="Other", creator=None))
    assert (tcx.sport, tcx.device) == ("running", None)
    hike = read_activity("hike.fit", walk_run_fit(START, PATTERN, sport="hiking"))
    assert hike.sport == "walking"
    plain = read_activity("plain.fit", walk_run_fit(START, PATTERN, session=False))
    assert (plain.sport, plain.total_distance_m) == ("running", None)
    assert plain.distance_m == pytest.approx(462)  # the last sample's distance


def test_a_generic_fit_is_taken_as_a_run() -> None:
    assert read_activity("g.fit", walk_run_fit(START, PATTERN, sport="generic")).sport == (
        "running"
    )


@pytest.mark.parametrize(
    ("name", "data", "sport"),
    [
        ("ride.fit", walk_run_fit(START, PATTERN, sport="cycling"), "a cycling"),
        ("swim.fit", walk_run_fit(START, PATTERN, sport="swimming"), "a swimming"),
        ("ride.tcx", walk_run_tcx(START, PATTERN, sport="Biking"), "a biking"),
        ("ride.gpx", walk_run_gpx(START, PATTERN, kind="cycling"), "a cycling"),
        ("row.gpx", walk_run_gpx(START, PATTERN, kind="open_water rowing"), "an open water"),
    ],
)
def test_another_sport_is_refused(name: str, data: bytes, sport: str) -> None:
    message = error_of(name, data)
    assert f"is {sport}" in message
    assert "only runs and walks can be brought in" in message


def test_a_multisport_gpx_with_a_ride_is_refused() -> None:
    data = walk_run_gpx(START, PATTERN, kind="running").replace(
        b"<trk>", b"<trk><type>cycling</type></trk><trk>"
    )
    assert "cycling" in error_of("multi.gpx", data)


def test_a_gpx_without_times() -> None:
    message = error_of("untimed.gpx", walk_run_gpx(START, PATTERN, timestamps=False))
    assert "has no times in it" in message


def test_an_empty_track() -> None:
    assert "fewer than two timed points" in error_of("one.gpx", walk_run_gpx(START, []))
    assert "fewer than two timed points" in error_of("one.fit", walk_run_fit(START, []))


def test_a_tcx_without_activities() -> None:
    data = b'<TrainingCenterDatabase xmlns="x"><Activities/></TrainingCenterDatabase>'
    assert "has no times in it" in error_of("empty.tcx", data)


def test_a_tcx_without_a_time_in_a_point() -> None:
    data = walk_run_tcx(START, PATTERN).replace(b"<Trackpoint><Time>", b"<Trackpoint><Tim>", 1)
    data = data.replace(b"</Time><DistanceMeters>0.0", b"</Tim><DistanceMeters>0.0", 1)
    activity = read_activity("t.tcx", data)
    assert len(activity.samples) == 270  # the point without a time is left out


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"\x00" * 64, b"<html><body>not a run</body></html>", b"PK\x03\x04"],
)
def test_an_unknown_format(data: bytes) -> None:
    assert "is not a FIT, GPX or TCX file" in error_of("what.fit", data)


def test_damaged_xml() -> None:
    data = walk_run_gpx(START, PATTERN)[:-40]
    assert "damaged or cut short" in error_of("cut.gpx", data)


def test_xml_entities_are_refused_safely() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx>&a;</gpx>'
    assert "damaged or cut short" in error_of("bomb.gpx", bomb)


def test_a_gpx_the_parser_refuses() -> None:
    data = b'<gpx version="1.1"><trk><trkseg><trkpt lat="x" lon="1"/></trkseg></trk></gpx>'
    assert "this GPX file is damaged" in error_of("bad.gpx", data)


def test_a_tcx_with_a_bad_number() -> None:
    data = walk_run_tcx(START, PATTERN).replace(b"<ns3:Speed>1.4<", b"<ns3:Speed>fast<", 1)
    assert "this TCX file is damaged" in error_of("bad.tcx", data)


def test_a_fit_with_a_wrong_checksum() -> None:
    data = bytearray(walk_run_fit(START, PATTERN))
    data[40] ^= 0xFF
    assert "this FIT file is damaged" in error_of("flipped.fit", bytes(data))


def test_a_fit_with_a_wrong_header_checksum() -> None:
    data = bytearray(walk_run_fit(START, PATTERN))
    data[12] ^= 0xFF
    assert "this FIT file is damaged" in error_of("header.fit", bytes(data))


def test_a_fit_cut_short() -> None:
    assert "damaged or cut short" in error_of("cut.fit", walk_run_fit(START, PATTERN)[:-100])


def test_the_checksum_matches_the_sdk() -> None:
    data = walk_run_fit(START, PATTERN)
    assert _fit_crc(data) == fit_crc(data) == 0  # a whole file, its checksum included


def test_a_file_over_the_limit_is_refused_before_reading() -> None:
    message = error_of("huge.fit", b"\0" * (MAX_FILE_BYTES + 1))
    assert "larger than the 20 MB allowed" in message


def test_a_recording_over_a_day() -> None:
    data = walk_run_gpx(START, [("walk", 10)], pause_after=5, pause_seconds=MAX_ELAPSED_SECONDS)
    assert "lasts more than 24 hours" in error_of("long.gpx", data)


def test_gpx_times_without_an_offset_are_utc() -> None:
    data = walk_run_gpx(START, PATTERN).replace(b"Z</time>", b"</time>")
    assert read_activity("naive.gpx", data).started_at == START


def test_a_long_still_gap_in_one_segment_is_a_pause() -> None:
    data = walk_run_gpx(START, [("walk", 10)])
    still = read_activity("gap.gpx", data.replace(b"07:30:10Z", b"07:31:10Z"))  # 1.4 m in 61 s
    assert [(p.start, p.end) for p in still.pauses] == [(9, 70)]
    assert still.duration_seconds == 9


def test_a_long_gap_while_moving_is_no_pause() -> None:
    sparse = read_activity("sparse.gpx", walk_run_gpx(START, [("run", 40)], every=40))
    assert sparse.pauses == ()
    assert [(b.activity, b.seconds) for b in find_bouts(sparse)] == [("run", 40)]


def test_a_fit_file_with_odd_messages() -> None:
    """A development device, a marker event, a record without a time, a session without a
    distance: what is usable is read, the rest left out."""
    writer = FitWriter()
    began = int((START - FIT_EPOCH).total_seconds())
    writer.message(0, ((0, ENUM), (1, UINT16), (2, UINT16)), [4, 255, 7])
    writer.message(21, ((253, UINT32), (0, ENUM), (1, ENUM)), [began, 0, 3])  # a marker
    writer.message(20, ((5, UINT32),), [100])  # a record without a time
    for second in range(31):
        writer.message(20, ((253, UINT32), (6, UINT16)), [began + second, 2800])
    writer.message(18, ((253, UINT32), (5, ENUM)), [began + 30, 1])
    activity = read_activity("odd.fit", writer.bytes())
    assert activity.device == "Development"
    assert activity.total_distance_m is None
    assert activity.distance_m is None
    assert len(activity.samples) == 31
    assert [(b.activity, b.seconds) for b in find_bouts(activity)] == [("run", 30)]


def test_a_tcx_lap_without_its_distance() -> None:
    activity = read_activity("nolap.tcx", walk_run_tcx(START, PATTERN, lap_distance=False))
    assert activity.total_distance_m is None
    assert activity.distance_m == pytest.approx(462)
