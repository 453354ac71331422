"""The session player in Chromium at phone size, on Playwright's fake clock: no sleeps, the
clock is moved on by exactly the seconds a step lasts.

Two runners are made once through the pages (sign-up and intake): one eight weeks after the
birth, whose first day is a strength session (a slow squat, then the running-man wall push
held on each side), and one fourteen weeks after it, whose first day is a walk-run (a 5-minute
warm-up walk, seven 1-minute runs with 2-minute walks between, a 5-minute cool-down). Each
test opens a fresh browser context signed in as one of them, with the clock stopped.
Screenshots: out/screenshots/.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from strideback.core.catalog import load_catalog
from tests.e2e.conftest import SCREENSHOTS, phone
from tests.e2e.test_journeys import answer_intake, sign_up

pytestmark = pytest.mark.e2e

FIRST = load_catalog().default_protocol.walk_run.stages[0]  # the first walk-run stage
BOUTS = FIRST.repeats
SQUAT = "Slow-lowering squat with inner-thigh squeeze"
WALL_PUSH = "Running-man wall push with a ball"
LOG_FORM = 'form[action$="/today/log/"]'


# The browser's voice, vibration and wake lock, recorded: a test browser has no speaker,
# no motor and no screen to keep awake, so what the player asked of each is written down.
RECORDER = """
window.said = []; window.buzzed = []; window.locks = 0;
if (window.speechSynthesis) {
  speechSynthesis.speak = (words) => { window.said.push(words.text); };
  Object.defineProperty(speechSynthesis, "speaking", { get: () => false });
}
navigator.vibrate = (pattern) => { window.buzzed.push(pattern); return true; };
if (navigator.wakeLock) {
  navigator.wakeLock.request = () => {
    window.locks += 1;
    const lock = new EventTarget();
    lock.release = () => Promise.resolve();
    return Promise.resolve(lock);
  };
}
"""


# A browser with none of them, nor Web Audio.
BARE = """
for (const name of ["speechSynthesis", "AudioContext", "webkitAudioContext"]) {
  Object.defineProperty(window, name, { value: undefined });
}
Object.defineProperty(Navigator.prototype, "vibrate", { value: undefined });
Object.defineProperty(Navigator.prototype, "wakeLock", { value: undefined });
"""


def _runner(browser: Browser, server: str, weeks: int, path: Path) -> Path:
    context = browser.new_context(base_url=server, **phone())
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/signup/")
    sign_up(page, lambda _: None)
    answer_intake(page, lambda _: None, weeks_after_birth=weeks)
    context.storage_state(path=str(path))
    context.close()
    return path


@pytest.fixture(scope="module")
def strength_runner(
    browser: Browser, server: str, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return _runner(browser, server, 8, tmp_path_factory.mktemp("strength") / "state.json")


@pytest.fixture(scope="module")
def walk_run_runner(
    browser: Browser, server: str, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return _runner(browser, server, 14, tmp_path_factory.mktemp("walk-run") / "state.json")


@pytest.fixture
def own_walk_run_runner(browser: Browser, server: str, tmp_path: Path) -> Path:
    """A walk-run runner for one test alone: the test logs today's session, so her plan
    changes."""
    return _runner(browser, server, 14, tmp_path / "state.json")


@pytest.fixture
def open_today(browser: Browser, server: str) -> Iterator[Callable[..., Page]]:
    """``open_today(runner)``: her today page in a fresh context, the clock stopped at now
    (``bare=True``: in a browser without speech, vibration, Web Audio or wake lock)."""
    contexts: list[Any] = []

    def open_as(state: Path, *, bare: bool = False, viewport: dict[str, int] | None = None) -> Page:
        options = {**phone(), **({"viewport": viewport} if viewport else {})}
        context = browser.new_context(base_url=server, storage_state=str(state), **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        context.add_init_script(BARE if bare else RECORDER)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors  # type: ignore[attr-defined]
        # Installed, the fake clock runs on with real time until paused; pause it a little
        # ahead of now, so it is never asked to go back.
        now = time.time()
        page.clock.install(time=now)
        page.clock.pause_at(now + 5)
        page.goto("/today/")
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def snap(request: pytest.FixtureRequest) -> Callable[[Page, str], None]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(page: Page, step: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{step}.png"))

    return take


class Player:
    """The player as she sees it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialog = page.locator("#player")

    def start(self) -> None:
        self.page.get_by_role("button", name="Start session").click()
        expect(self.dialog).to_be_visible()

    def seconds(self, seconds: float) -> None:
        self.page.clock.run_for(int(seconds * 1000))

    def button(self, name: str) -> Locator:
        return self.dialog.get_by_role("button", name=name, exact=True)

    def shows(self, *, kind: str, title: str, big: str, sub: str | None = None) -> None:
        expect(self.dialog).to_have_attribute("data-kind", kind)
        expect(self.page.locator("#player-title")).to_have_text(title)
        expect(self.page.locator("#player-big")).to_have_text(big)
        if sub is not None:
            expect(self.page.locator("#player-sub")).to_have_text(sub)

    def at(self, where: str) -> None:
        expect(self.page.locator("#player-where")).to_have_text(where)

    def name(self, name: str) -> None:
        expect(self.page.locator("#player-name")).to_have_text(name)

    def to_wall_push(self) -> None:
        """Skip the squat: the wall push's introduction."""
        self.button("Skip exercise").click()
        self.name(WALL_PUSH)
        self.shows(kind="intro", title="Get ready", big="15")


def log_the_rest(page: Page) -> None:
    """Effort 4, no pain, and send the log."""
    page.clock.resume()  # htmx swaps the answer in on timers of its own
    form = page.locator(LOG_FORM)
    form.get_by_role("group", name="How hard did it feel?").get_by_label("4", exact=True).check()
    form.get_by_role("group", name="Any pain?").get_by_label("0", exact=True).check()
    form.get_by_role("button", name="Log this session").click()


def no_errors(page: Page) -> None:
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------
# A strength session.


def test_starting_shows_the_first_exercise_and_counts_its_reps_at_the_tempo(
    open_today: Callable[..., Page], strength_runner: Path, snap: Any
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    expect(player.dialog).to_be_hidden()
    player.start()
    player.name(SQUAT)
    player.at("Exercise 1 of 6 · set 1 of 3")
    player.shows(kind="intro", title="Get ready", big="15", sub="seconds")
    expect(page.locator("#player-text")).to_contain_text("Squeeze the floor together")
    expect(page.locator("#player-dose")).to_contain_text("3 sets of 8 reps")
    expect(page.locator("#player-figure svg")).to_be_visible()
    expect(player.button("Pause")).to_be_focused()
    snap(page, "1-intro")

    player.seconds(5)
    player.shows(kind="intro", title="Get ready", big="10")
    player.seconds(10)
    # "About 3 seconds down, 1 second up": a rep every 4 seconds.
    player.shows(kind="reps", title="Reps", big="1", sub="of 8")
    player.seconds(4)
    player.shows(kind="reps", title="Reps", big="2", sub="of 8")
    player.seconds(7.9)
    player.shows(kind="reps", title="Reps", big="3", sub="of 8")
    snap(page, "2-reps")
    player.seconds(32 - 11.9)
    player.shows(kind="rest", title="Rest", big="1:00")
    player.at("Exercise 1 of 6 · set 2 of 3")
    expect(page.locator("#player-text")).to_have_text("Next: set 2 of 3.")
    snap(page, "3-rest")
    no_errors(page)


def test_holds_count_down_each_side_then_rest_then_the_next_set(
    open_today: Callable[..., Page], strength_runner: Path, snap: Any
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    player.to_wall_push()
    player.at("Exercise 2 of 6 · set 1 of 3 · left side")
    player.seconds(15)
    player.shows(kind="hold", title="Hold", big="5", sub="1 of 5")
    # Her kit has no physio ball: the swap Today shows is on the player's screen too.
    expect(page.locator("#player-care")).to_contain_text("No physio ball:")
    snap(page, "1-hold")
    player.seconds(2)
    player.shows(kind="hold", title="Hold", big="3", sub="1 of 5")
    player.seconds(3)
    player.shows(kind="hold", title="Let go and breathe", big="5", sub="1 of 5")
    snap(page, "2-let-go")
    player.seconds(5)
    player.shows(kind="hold", title="Hold", big="5", sub="2 of 5")
    # Five holds of 5 s with 5 s between them: 45 s a side, then change sides.
    player.seconds(35)
    player.shows(kind="switch", title="Change sides", big="8")
    player.at("Exercise 2 of 6 · set 1 of 3 · right side")
    expect(page.locator("#player-text")).to_have_text("Now your right side.")
    snap(page, "3-switch")
    player.seconds(8)
    player.shows(kind="hold", title="Hold", big="5", sub="1 of 5")
    player.at("Exercise 2 of 6 · set 1 of 3 · right side")
    player.seconds(45)
    player.shows(kind="rest", title="Rest", big="1:00")
    player.at("Exercise 2 of 6 · set 2 of 3 · left side")
    player.seconds(60)
    player.shows(kind="hold", title="Hold", big="5", sub="1 of 5")
    player.at("Exercise 2 of 6 · set 2 of 3 · left side")
    no_errors(page)


def test_pause_stops_the_clock_and_resume_carries_on_by_button_or_keyboard(
    open_today: Callable[..., Page], strength_runner: Path, snap: Any
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    player.seconds(5)
    player.shows(kind="intro", title="Get ready", big="10")
    player.button("Pause").click()
    expect(page.locator("#player-sub")).to_have_text("Paused")
    # One name for what the button does now, and no "pressed" state on top of it.
    assert player.button("Resume").get_attribute("aria-pressed") is None
    expect(page.locator("#player-live")).to_have_text("Paused")
    snap(page, "paused")
    player.seconds(120)
    player.shows(kind="intro", title="Get ready", big="10")
    player.button("Resume").click()
    player.seconds(3)
    player.shows(kind="intro", title="Get ready", big="7", sub="seconds")

    # The keyboard: space pauses and resumes, the arrows go back and skip.
    page.keyboard.press("Space")
    expect(page.locator("#player-sub")).to_have_text("Paused")
    player.seconds(30)
    page.keyboard.press("Space")
    player.seconds(1)
    player.shows(kind="intro", title="Get ready", big="6")
    page.keyboard.press("ArrowRight")
    player.shows(kind="reps", title="Reps", big="1", sub="of 8")
    page.keyboard.press("ArrowRight")
    player.shows(kind="rest", title="Rest", big="1:00")
    page.keyboard.press("ArrowLeft")
    player.shows(kind="reps", title="Reps", big="1")
    player.button("Back").click()
    player.shows(kind="intro", title="Get ready", big="15")
    expect(player.button("Back")).to_be_disabled()
    player.button("Next").click()
    player.shows(kind="reps", title="Reps", big="1")
    # Space on a focused button presses that button; it does not pause.
    player.button("Back").focus()
    page.keyboard.press("Space")
    player.shows(kind="intro", title="Get ready", big="15")
    expect(page.locator("#player-sub")).not_to_have_text("Paused")
    player.button("Next").focus()
    page.keyboard.press("Enter")
    player.shows(kind="reps", title="Reps", big="1")
    # Escape pauses rather than closing the player and losing her place.
    page.keyboard.press("Escape")
    expect(player.dialog).to_be_visible()
    expect(page.locator("#player-sub")).to_have_text("Paused")
    no_errors(page)


def test_a_reload_mid_hold_resumes_at_the_same_hold_and_second(
    open_today: Callable[..., Page], strength_runner: Path, snap: Any
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    player.to_wall_push()
    player.seconds(15 + 10 + 2)  # into the second hold, 3 s of it left
    player.shows(kind="hold", title="Hold", big="3", sub="2 of 5")

    page.reload()
    # Still playing: the player opens by itself where she was, the time still running.
    expect(player.dialog).to_be_visible()
    # The browser keeps sound off after a reload until she taps: the player says so.
    sound = player.button("Tap to turn sound on")
    expect(sound).to_be_visible()
    sound.click()
    expect(sound).to_be_hidden()
    player.name(WALL_PUSH)
    player.shows(kind="hold", title="Hold", big="3", sub="2 of 5")
    player.seconds(3)
    player.shows(kind="hold", title="Let go and breathe", big="5", sub="2 of 5")
    snap(page, "after-reload")

    # A locked phone: the timers stop, the time goes on. On waking it is where she would be.
    page.clock.fast_forward(30_000)
    player.shows(kind="switch", title="Change sides", big="8")

    # Paused, then reloaded: she chooses to resume or start again.
    player.seconds(2)
    player.button("Pause").click()
    page.reload()
    expect(player.dialog).to_be_hidden()
    resume = page.get_by_role("button", name="Resume your session")
    expect(resume).to_be_visible()
    expect(page.get_by_role("button", name="Start again")).to_be_visible()
    expect(page.locator("[data-player-resume]")).to_contain_text(
        f"{WALL_PUSH}: Exercise 2 of 6 · set 1 of 3 · right side."
    )
    snap(page, "resume-choice")
    player.seconds(600)  # a paused session waits for her
    resume.click()
    expect(player.dialog).to_be_visible()
    player.shows(kind="switch", title="Change sides", big="6")
    player.seconds(6)
    player.shows(kind="hold", title="Hold", big="5", sub="1 of 5")
    no_errors(page)


def test_start_again_after_a_reload_starts_from_the_first_exercise(
    open_today: Callable[..., Page], strength_runner: Path
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    player.to_wall_push()
    player.button("Pause").click()
    page.reload()
    page.get_by_role("button", name="Start again").click()
    player.name(SQUAT)
    player.shows(kind="intro", title="Get ready", big="15")


def test_ending_early_fills_the_log_with_part_and_leaves_the_rest_to_her(
    open_today: Callable[..., Page], strength_runner: Path, snap: Any
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    player.seconds(15 + 32)  # the squat's first set
    player.shows(kind="rest", title="Rest", big="1:00")
    page.once("dialog", lambda dialog: dialog.accept())
    player.button("End early").click()
    expect(player.dialog).to_be_hidden()
    form = page.locator(LOG_FORM)
    expect(form.get_by_label("Part of it")).to_be_checked()
    expect(form.get_by_label("All of it")).not_to_be_checked()
    # Effort, pain and symptoms are hers to answer: nothing ticked for her.
    expect(form.locator('input[name="rpe"]:checked')).to_have_count(0)
    expect(form.locator('input[name="pelvic_floor_symptoms"]:checked')).to_have_count(0)
    expect(form.locator('[name="note"]')).to_have_value("")
    expect(form.get_by_label("Leaking")).to_be_focused()
    expect(page.locator("[data-player-summary]")).to_contain_text("Session ended")
    snap(page, "log-form")

    # A reload keeps what the player filled in, until the log is sent.
    page.reload()
    expect(page.locator(LOG_FORM).get_by_label("Part of it")).to_be_checked()
    no_errors(page)


def test_doing_nothing_and_ending_fills_skipped(
    open_today: Callable[..., Page], strength_runner: Path
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    player.seconds(5)
    page.once("dialog", lambda dialog: dialog.accept())
    player.button("End early").click()
    expect(page.locator(LOG_FORM).get_by_label("I skipped it")).to_be_checked()


# ---------------------------------------------------------------------------------------
# A walk-run.


def test_a_walk_run_warms_up_then_runs_then_walks_at_the_right_times(
    open_today: Callable[..., Page], walk_run_runner: Path, snap: Any
) -> None:
    page = open_today(walk_run_runner)
    player = Player(page)
    player.start()
    player.name(f"Walk-run (stage 1 of {len(load_catalog().default_protocol.walk_run.stages)})")
    player.at("Warm-up")
    player.shows(kind="interval", title="Warm-up walk", big="5:00", sub="min")
    expect(page.locator("#player-figure")).to_be_hidden()
    expect(player.button("Skip exercise")).to_be_hidden()
    snap(page, "1-warm-up")
    player.seconds(299)
    player.shows(kind="interval", title="Warm-up walk", big="1")
    player.seconds(1)
    player.at(f"Run 1 of {BOUTS}")
    player.shows(kind="interval", title="Run", big="1:00")
    expect(page.locator("#player-live")).to_contain_text(f"Run. Run 1 of {BOUTS}.")
    snap(page, "2-run")
    player.seconds(60)
    player.at(f"After run 1 of {BOUTS}")
    player.shows(
        kind="interval",
        title="Walk",
        big=f"{FIRST.walk_seconds // 60}:{FIRST.walk_seconds % 60:02d}",
    )
    snap(page, "3-walk")
    player.seconds(FIRST.walk_seconds)
    player.at(f"Run 2 of {BOUTS}")
    player.shows(kind="interval", title="Run", big="1:00")
    no_errors(page)


def test_finishing_a_walk_run_fills_all_and_sending_the_log_clears_the_player(
    open_today: Callable[..., Page], own_walk_run_runner: Path, snap: Any
) -> None:
    page = open_today(own_walk_run_runner)
    player = Player(page)
    player.start()
    # 5 min warm-up, the runs and walks of the first stage, 5 min cool-down.
    bouts = BOUTS * FIRST.run_seconds + (BOUTS - 1) * FIRST.walk_seconds
    page.clock.fast_forward((300 + bouts + 300) * 1000)
    expect(player.dialog).to_be_hidden()
    form = page.locator(LOG_FORM)
    expect(form.get_by_label("All of it")).to_be_checked()
    expect(form.locator('[name="note"]')).to_have_value("")
    expect(page.locator("[data-player-summary]")).to_contain_text("Session finished")
    snap(page, "finished")
    assert page.evaluate("localStorage.getItem('strideback-player')") is not None

    log_the_rest(page)
    expect(page.get_by_test_id("result")).to_be_visible()
    assert page.evaluate("localStorage.getItem('strideback-player')") is None
    no_errors(page)


def test_ending_a_walk_run_part_way_notes_the_minutes_run(
    open_today: Callable[..., Page], walk_run_runner: Path
) -> None:
    page = open_today(walk_run_runner)
    player = Player(page)
    player.start()
    player.seconds(300 + 2 * (60 + FIRST.walk_seconds) + 30)  # two runs and half of a third
    player.at(f"Run 3 of {BOUTS}")
    page.once("dialog", lambda dialog: dialog.accept())
    player.button("End early").click()
    form = page.locator(LOG_FORM)
    expect(form.get_by_label("Part of it")).to_be_checked()
    planned = FIRST.running_seconds // 60
    expect(form.locator('[name="note"]')).to_have_value(
        f"Ran 2 min 30 s of the {planned} min planned."
    )


def test_the_voice_says_the_next_exercise_its_cue_and_counts_down_when_she_turns_it_on(
    open_today: Callable[..., Page], strength_runner: Path
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    voice = player.button("Read aloud")
    expect(voice).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.said") == []  # silent until she turns the voice on
    assert page.evaluate("window.buzzed") == [200]  # but the phone buzzes at each change
    assert page.evaluate("window.locks") == 1  # and the screen stays on
    voice.click()
    expect(player.button("Read aloud")).to_have_attribute("aria-pressed", "true")
    said = page.evaluate("window.said")
    assert said[-1].startswith(f"Next: {SQUAT}. Squeeze the floor together")
    assert said[-1].endswith("3 sets of 8 reps.")
    player.seconds(15)
    assert page.evaluate("window.said")[-4:] == ["3", "2", "1", "Set 1 of 3. 8 reps, with me."]
    player.seconds(4)
    assert page.evaluate("window.said")[-1] == "2"
    assert page.evaluate("window.buzzed")[-1] == [200, 100, 200]

    # Kept for next time.
    page.reload()
    expect(player.button("Read aloud")).to_have_attribute("aria-pressed", "true")
    no_errors(page)


def test_without_voice_vibration_sound_or_wake_lock_the_player_still_plays(
    open_today: Callable[..., Page], strength_runner: Path
) -> None:
    page = open_today(strength_runner, bare=True)
    player = Player(page)
    player.start()
    expect(player.dialog.get_by_role("button", name="Read aloud")).to_be_hidden()
    player.seconds(15)
    player.shows(kind="reps", title="Reps", big="1", sub="of 8")
    player.seconds(32)
    player.shows(kind="rest", title="Rest", big="1:00")
    no_errors(page)


def test_a_session_kept_from_another_day_is_dropped(
    open_today: Callable[..., Page], strength_runner: Path
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    player.to_wall_push()
    player.button("Pause").click()
    page.evaluate(
        """() => {
        const kept = JSON.parse(localStorage.getItem("strideback-player"));
        kept.day = "2000-01-01";
        localStorage.setItem("strideback-player", JSON.stringify(kept));
    }"""
    )
    page.reload()
    expect(page.get_by_role("button", name="Start session")).to_be_visible()
    expect(page.get_by_role("button", name="Resume your session")).to_be_hidden()
    expect(player.dialog).to_be_hidden()
    assert page.evaluate("localStorage.getItem('strideback-player')") is None


# ---------------------------------------------------------------------------------------
# Symptoms now (rule stop_and_walk, Deering 2024: stop and walk, do not finish the interval):
# the run becomes a walk at once, and one tap says what she noticed. On the phone the issue
# names, 390 by 844.

SYMPTOMS_NOW = "Symptoms now"
STOP = "Stop for a symptom"
PHONE_390 = {"width": 390, "height": 844}


def thumb_sized(button: Locator, least: int = 44) -> None:
    box = button.bounding_box()
    assert box is not None
    assert box["width"] >= least, box
    assert box["height"] >= least, box


def asked_what_she_noticed(page: Page) -> Locator:
    """The player walking (or resting) and the four answers, big, on one screen."""
    ask = page.locator("#player-ask")
    expect(ask).to_be_visible()
    expect(ask.get_by_role("heading", name="What did you notice?")).to_be_visible()
    for name in ("Leaking", "Heaviness", "Dragging", "Pain"):
        answer = ask.get_by_role("button", name=name, exact=True)
        expect(answer).to_be_in_viewport()
        thumb_sized(answer, 64)
    expect(ask).to_contain_text("Deering et al. 2024")
    expect(page.locator("#player-controls")).to_be_hidden()
    return ask


def stopped_at_the_log(page: Page, *, what_now: str, question: str) -> Locator:
    """The player closed, "Part of it" filled in, the calm words just above the question her
    answer belongs to, and her focus on it; returns the words' box."""
    expect(page.locator("#player")).to_be_hidden()
    form = page.locator(LOG_FORM)
    expect(form.get_by_label("Part of it")).to_be_checked()
    words = form.locator("#player-stop-note")
    expect(words).to_have_attribute("role", "status")
    expect(words).to_contain_text("You did the right thing to stop.")
    expect(words).to_contain_text(what_now)
    expect(words).to_be_in_viewport()
    group = form.get_by_role("group", name=question)
    expect(group.locator("input").first).to_be_focused()
    described = group.get_attribute("aria-describedby") or ""
    assert "player-stop-note" in described.split()
    return words


def at_the_first_run(page: Page, player: Player) -> Locator:
    player.start()
    expect(player.button(STOP)).to_be_visible()  # from the warm-up on
    player.seconds(300 + 30)
    player.at(f"Run 1 of {BOUTS}")
    player.shows(kind="interval", title="Run", big="30")
    now = player.button(SYMPTOMS_NOW)
    expect(now).to_be_visible()
    thumb_sized(now, 80)
    return now


def test_symptoms_now_turns_the_run_into_a_walk_and_one_tap_ends_into_the_log(
    open_today: Callable[..., Page], own_walk_run_runner: Path, snap: Any
) -> None:
    page = open_today(own_walk_run_runner, viewport=PHONE_390)
    player = Player(page)
    now = at_the_first_run(page, player)
    snap(page, "1-run")

    now.click()  # no "are you sure?": the run stops at once
    expect(player.dialog).to_have_attribute("data-kind", "ask")
    expect(page.locator("#player-title")).to_have_text("Walk now")
    expect(page.locator("#player-big")).to_have_text("0")
    expect(page.locator("#player-live")).to_have_text(
        "Walk now. You did the right thing. What did you notice?"
    )
    asked_what_she_noticed(page)
    # The clock counts the walk, and the session goes no further.
    player.seconds(75)
    expect(page.locator("#player-big")).to_have_text("1:15")
    expect(page.locator("#player-sub")).to_have_text("walking")
    expect(page.locator("#player-where")).to_have_text(f"Stopped: Run 1 of {BOUTS}")
    snap(page, "2-asked")

    page.locator("#player-ask").get_by_role("button", name="Leaking", exact=True).click()
    words = stopped_at_the_log(
        page,
        what_now="Stop running and walk home gently.",
        question="Did you notice any of these, during or after?",
    )
    expect(words).to_contain_text("until a pelvic health physiotherapist has seen you.")
    expect(words).to_contain_text("We have ticked leaking.")
    form = page.locator(LOG_FORM)
    expect(form.get_by_label("Leaking")).to_be_checked()
    expect(form.get_by_label("Heaviness")).not_to_be_checked()
    expect(form.locator('input[name="pain"]:checked')).to_have_count(0)
    expect(form.locator('input[name="rpe"]:checked')).to_have_count(0)
    expect(form.locator('[name="note"]')).to_have_value(
        f"Stopped for leaking in minute 6 of the session (run 1 of {BOUTS}). "
        f"Ran 30 s of the {FIRST.running_seconds // 60} min planned."
    )
    snap(page, "3-log-form")
    # The run does not carry on behind her back.
    player.seconds(60)
    expect(player.dialog).to_be_hidden()

    # A reload keeps the words and what was filled in, until the log is sent.
    page.reload()
    expect(page.locator("#player-stop-note")).to_contain_text("walk home gently")
    expect(page.locator(LOG_FORM).get_by_label("Leaking")).to_be_checked()

    log_the_rest(page)
    expect(page.locator('[data-decision="pause_and_refer"]')).to_be_visible()
    expect(page.get_by_test_id("decision")).to_contain_text("pelvic health physiotherapist")
    page.evaluate("window.scrollTo(0, 0)")
    snap(page, "4-decision")
    assert page.evaluate("localStorage.getItem('strideback-player')") is None
    no_errors(page)


def test_pain_as_the_answer_opens_the_pain_question_with_no_number_chosen(
    open_today: Callable[..., Page], walk_run_runner: Path
) -> None:
    page = open_today(walk_run_runner, viewport=PHONE_390)
    player = Player(page)
    at_the_first_run(page, player).click()
    page.locator("#player-ask").get_by_role("button", name="Pain", exact=True).click()
    words = stopped_at_the_log(
        page, what_now="Stop running and walk home gently.", question="Any pain?"
    )
    expect(words).to_contain_text("How bad was the pain? Pick a number below")
    expect(words).not_to_contain_text("physiotherapist")
    form = page.locator(LOG_FORM)
    expect(form.locator('input[name="pain"]:checked')).to_have_count(0)
    expect(form.locator('input[name="pelvic_floor_symptoms"]:checked')).to_have_count(0)
    expect(form.locator('[name="note"]')).to_have_value(
        f"Stopped for pain in minute 6 of the session (run 1 of {BOUTS}). "
        f"Ran 30 s of the {FIRST.running_seconds // 60} min planned."
    )
    no_errors(page)


def test_a_tap_by_mistake_goes_back_to_the_run_where_she_was(
    open_today: Callable[..., Page], walk_run_runner: Path
) -> None:
    page = open_today(walk_run_runner, viewport=PHONE_390)
    player = Player(page)
    at_the_first_run(page, player).click()
    asked_what_she_noticed(page)
    player.seconds(20)
    page.get_by_role("button", name="I tapped it by mistake: carry on").click()
    expect(page.locator("#player-ask")).to_be_hidden()
    player.shows(kind="interval", title="Run", big="30")
    player.seconds(30)
    player.at(f"After run 1 of {BOUTS}")
    no_errors(page)


def test_outside_a_run_she_can_stop_for_a_symptom_too_by_keyboard(
    open_today: Callable[..., Page], strength_runner: Path, snap: Any
) -> None:
    page = open_today(strength_runner)
    player = Player(page)
    player.start()
    stop = player.button(STOP)
    expect(player.button(SYMPTOMS_NOW)).to_have_count(0)
    player.seconds(15 + 4)
    player.shows(kind="reps", title="Reps", big="2", sub="of 8")
    thumb_sized(stop)
    # From Pause, back through the buttons to Stop; Enter presses it.
    for _ in range(6):
        if page.evaluate("document.activeElement.id") == "player-stop":
            break
        page.keyboard.press("Shift+Tab")
    expect(stop).to_be_focused()
    page.keyboard.press("Enter")
    asked_what_she_noticed(page)
    expect(page.locator("#player-title")).to_have_text("Stop and rest")
    heaviness = page.locator("#player-ask").get_by_role("button", name="Heaviness", exact=True)
    page.keyboard.press("Tab")
    expect(heaviness).to_be_focused()
    snap(page, "1-asked")
    page.keyboard.press("Enter")
    words = stopped_at_the_log(
        page,
        what_now="Stop the exercises and rest.",
        question="Did you notice any of these, during or after?",
    )
    expect(words).to_contain_text("Please hold off running")
    expect(page.locator(LOG_FORM).get_by_label("Heaviness")).to_be_checked()
    snap(page, "2-log-form")
    no_errors(page)


@pytest.mark.parametrize("size", [(320, 568), (360, 640), (390, 844)])
def test_on_a_small_phone_the_picture_keeps_a_useful_size_and_the_controls_stay_on_screen(
    open_today: Callable[..., Page], strength_runner: Path, size: tuple[int, int], snap: Any
) -> None:
    page = open_today(strength_runner)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    player = Player(page)
    player.start()
    player.to_wall_push()
    snap(page, f"{size[0]}x{size[1]}")
    picture = page.locator("#player-figure svg").bounding_box()
    assert picture is not None
    assert picture["height"] >= 80, picture
    for control in ("Pause", "Back", "Next", "Skip exercise", "End early", "Stop for a symptom"):
        box = player.button(control).bounding_box()
        assert box is not None, control
        assert box["y"] >= 0, (control, box)
        assert box["y"] + box["height"] <= size[1], (control, box)
