/* Strideback session player: plays the script the server wrote (strideback/core/player.py).
   Time comes from Date.now() deltas, never from counting timer ticks: a locked phone
   throttles timers, so on every tick the player works out where she is now. State is kept
   in localStorage at every change, so a reload or a locked phone carries on. Sound, voice,
   vibration and wake lock are each used only where the browser has them.
   "Symptoms now" (a run interval) or "Stop for a symptom" (any other step) stops the session
   at once: a run becomes a walk, its clock counts the walk, and she is asked what she noticed
   (rule stop_and_walk, Deering 2024). One tap is her answer: the session ends into the log
   with that symptom ticked (pain: the pain question, no number chosen for her), "Part of it"
   and a note of when she stopped. The player answers nothing else for her. */
(function () {
  "use strict";
  var dataNode = document.getElementById("player-data");
  var dialog = document.getElementById("player");
  if (!dataNode || !dialog) return;
  var data = JSON.parse(dataNode.textContent);
  var script = data.script;
  var steps = script.steps;
  var STORE = "strideback-player";
  var VOICE = "strideback-voice";
  var WORK = { reps: 1, hold: 1, timed: 1, interval: 1 };
  var s = null; // the saved state: {key, day, i, t0, at, paused, got, ended, result, stopped, ask}
  // ask: {at, since} while she is asked what she noticed: the step stopped at ``at`` ms,
  // and she has walked (or rested) since ``since``.
  var RUNNING = script.kind === "walk_run" || script.kind === "run";
  var lastSecond = null;
  var lastPhase = null;
  var ticker = null;
  var lock = null;
  var audio = null;

  function $(id) { return document.getElementById(id); }
  function q(sel) { return document.querySelector(sel); }
  function now() { return Date.now(); }
  function store(value) {
    try {
      if (value) localStorage.setItem(STORE, JSON.stringify(value));
      else localStorage.removeItem(STORE);
    } catch (e) { /* private mode: the session still plays */ }
  }
  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || "null");
      if (saved && saved.key === data.key && saved.day === data.today) return saved;
      if (saved) store(null); // another session or another day: start afresh
    } catch (e) { store(null); }
    return null;
  }
  function voiceOn() {
    try { return localStorage.getItem(VOICE) === "on"; } catch (e) { return false; }
  }

  /* Sound, vibration, voice, wake lock: each only if the browser has it. */
  function beep(notes, length, volume) {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    try {
      audio = audio || new Ctx();
      if (audio.state === "suspended") audio.resume();
      var t = audio.currentTime;
      notes.forEach(function (freq) {
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(volume || 0.3, t);
        gain.gain.exponentialRampToValueAtTime(0.001, t + length);
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.start(t);
        osc.stop(t + length);
        t += length + 0.04;
      });
    } catch (e) { /* no sound */ }
  }
  function buzz(pattern) {
    if (navigator.vibrate) { try { navigator.vibrate(pattern); } catch (e) { /* none */ } }
  }
  function say(text, interrupt) {
    if (!voiceOn() || !window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
    if (interrupt) speechSynthesis.cancel();
    else if (speechSynthesis.speaking) return; // never talk over the step's words
    var words = new SpeechSynthesisUtterance(text);
    words.lang = "en-GB";
    speechSynthesis.speak(words);
  }
  function hush() { if (window.speechSynthesis) speechSynthesis.cancel(); }
  function keepAwake() {
    if (!navigator.wakeLock || document.visibilityState !== "visible" || lock) return;
    navigator.wakeLock.request("screen").then(function (l) {
      lock = l;
      l.addEventListener("release", function () { lock = null; });
    }, function () { lock = null; });
  }
  function letSleep() { if (lock) { lock.release(); lock = null; } }

  /* Where she is. */
  function step() { return steps[s.i]; }
  function elapsed() {
    if (s.ask) return s.ask.at;
    return s.paused ? s.at : now() - s.t0;
  }
  function running(st) { return st.kind === "interval" && st.activity === "run"; }
  function credit(index, ms) {
    var st = steps[index];
    if (!WORK[st.kind]) return;
    var secs = Math.min(st.seconds, Math.floor(ms / 1000));
    s.got[index] = Math.max(s.got[index] || 0, secs);
  }
  function minutes(secs) {
    var m = Math.floor(secs / 60);
    var r = secs % 60;
    return m && r ? m + " min " + r + " s" : (r ? r + " s" : m + " min");
  }
  function clockText(secs) {
    secs = Math.max(0, Math.ceil(secs));
    var m = Math.floor(secs / 60);
    var r = secs % 60;
    return m ? m + ":" + (r < 10 ? "0" : "") + r : String(r);
  }

  /* "Next: Walk, 2:00": what follows the current step. */
  function coming(index) {
    var st = steps[index];
    if (!st) return "";
    if (st.kind === "done") return "Next: the end of the session";
    if (st.kind === "intro") return "Next: " + script.exercises[st.exercise].name;
    if (st.kind === "reps") return "Next: " + st.count + " " + st.title.toLowerCase();
    if (st.kind === "hold") {
      return "Next: " + (st.count > 1 ? st.count + " holds of " + st.hold + " s" : "hold " + st.hold + " s");
    }
    return "Next: " + st.title + ", " + clockText(st.seconds) + (st.seconds < 60 ? " s" : "");
  }

  /* What the screen shows at ``ms`` into the current step. */
  function face(st, ms) {
    var secs = ms / 1000;
    if (st.kind === "reps") {
      var rep = Math.min(st.count, Math.floor(secs / st.pace) + 1);
      return { big: String(rep), sub: "of " + st.count, title: st.title, phase: "rep" + rep };
    }
    if (st.kind === "hold") {
      var cycle = st.hold + st.release;
      var k = Math.min(st.count - 1, Math.floor(secs / cycle));
      var within = secs - k * cycle;
      var n = st.count > 1 ? (k + 1) + " of " + st.count : "";
      if (within < st.hold) return { big: clockText(st.hold - within), sub: n, title: "Hold", phase: "hold" + k };
      return { big: clockText(cycle - within), sub: n, title: "Let go and breathe", phase: "rest" + k };
    }
    var left = st.seconds - secs;
    return { big: clockText(left), sub: left >= 60 ? "min" : "seconds", title: st.title, phase: "" };
  }

  function render() {
    var st = step();
    var ms = elapsed();
    var ex = st.exercise != null ? script.exercises[st.exercise] : null;
    var shown = face(st, ms);
    dialog.dataset.kind = st.kind;
    dialog.dataset.side = st.side || "";
    dialog.dataset.phase = shown.phase.replace(/\d+$/, "");
    dialog.dataset.step = s.i;
    dialog.classList.toggle("paused", s.paused);
    $("player-where").textContent = st.where;
    $("player-name").textContent = ex ? ex.name : script.title;
    $("player-title").textContent = shown.title;
    $("player-big").textContent = shown.big;
    $("player-sub").textContent = s.paused ? "Paused" : shown.sub;
    $("player-text").textContent = st.text;
    $("player-dose").textContent = ex ? ex.plays + (ex.choice ? ". " + ex.choice : "") : "";
    $("player-next").textContent = coming(s.i + 1);
    var pause = $("player-pause");
    pause.textContent = s.paused ? "Resume" : "Pause";
    $("player-back").disabled = s.i === 0;
    $("player-next-exercise").hidden = !ex;
    var before = 0;
    for (var j = 0; j < s.i; j++) before += steps[j].seconds;
    var done = Math.min(1, (before + Math.min(ms / 1000, st.seconds)) / Math.max(1, script.total_seconds));
    $("player-bar").value = Math.round(done * 100);
    var stop = $("player-stop");
    stop.textContent = running(st) ? "Symptoms now" : "Stop for a symptom";
    stop.classList.toggle("player-symptoms-now", running(st));
    showCare(ex);
    if (s.ask) shown = asking(st);
    var figure = $("player-figure");
    var wanted = ex ? ex.id : "";
    if (figure.dataset.id !== wanted) {
      figure.dataset.id = wanted;
      figure.textContent = "";
      var tpl = ex && $("figure-" + ex.id);
      if (tpl) figure.appendChild(tpl.content.cloneNode(true));
      figure.hidden = !tpl;
    }
    return shown;
  }

  /* The exercise's cautions and swaps, as Today and the plan show them. */
  function showCare(ex) {
    var care = $("player-care");
    var lines = ex ? (ex.cautions || []).map(function (c) { return ["caution", "⚠ " + c]; })
      .concat((ex.swaps || []).map(function (w) { return ["swap", w]; })) : [];
    var key = JSON.stringify(lines);
    if (care.dataset.shown === key) return;
    care.dataset.shown = key;
    care.textContent = "";
    lines.forEach(function (line) {
      var p = care.appendChild(document.createElement("p"));
      p.className = "player-" + line[0];
      p.textContent = line[1];
    });
    care.hidden = !lines.length;
  }

  /* Asked what she noticed: a run is now a walk, and the clock counts the walk. */
  function asking(st) {
    var walked = Math.floor((now() - s.ask.since) / 1000);
    var walk = st.activity ? true : RUNNING;
    dialog.dataset.kind = "ask";
    dialog.dataset.phase = "";
    $("player-where").textContent = "Stopped: " + st.where;
    $("player-title").textContent = walk ? "Walk now" : "Stop and rest";
    $("player-big").textContent = clockText(walked);
    $("player-sub").textContent = walk ? "walking" : "resting";
    $("player-text").textContent = "You did the right thing to stop.";
    $("player-next").textContent = "";
    $("player-ask").hidden = false;
    $("player-controls").hidden = true;
    return { big: "", sub: "", title: "", phase: "" };
  }

  function ask() {
    if (s.ask) return;
    s.ask = { at: elapsed(), since: now() };
    s.paused = false;
    store(s);
    run();
    hush();
    beep([660, 440], 0.2);
    buzz([300, 100, 300]);
    var words = (running(step()) || RUNNING ? "Walk now." : "Stop and rest.") + " You did the right thing. What did you notice?";
    announce(words);
    say(words, true);
    render();
    var first = q("#player-ask [data-symptom]");
    if (first) first.focus();
  }

  /* A tap by mistake: back to the step where she was, as if nothing had happened. */
  function carryOn() {
    s.t0 = now() - s.ask.at;
    s.ask = null;
    $("player-ask").hidden = true;
    $("player-controls").hidden = false;
    store(s);
    announce("Back to the session");
    say("Carry on", true);
    render();
    $("player-pause").focus();
  }

  /* Cues within a step: each rep, each hold and let-go, and 3-2-1 before a change. */
  function cues(st, ms, shown) {
    var left = Math.ceil(st.seconds - ms / 1000);
    if (shown.phase && shown.phase !== lastPhase) {
      if (lastPhase !== null) {
        if (st.kind === "reps") { beep([620], 0.05, 0.15); say(shown.big); }
        else if (shown.phase.indexOf("hold") === 0) { beep([880], 0.12); buzz(120); say("Hold"); }
        else { beep([520], 0.12); buzz(60); say("Let go"); }
      }
      lastPhase = shown.phase;
    }
    if (left !== lastSecond) {
      if (left <= 3 && left >= 1 && s.i < steps.length - 1 && st.kind !== "reps") {
        beep([440], 0.06, 0.15);
        say(String(left));
      }
      lastSecond = left;
    }
  }

  function announce(text) { $("player-live").textContent = text; }

  /* A new step begins: tell her, by sound, vibration, voice and for screen readers. */
  function entered(quiet) {
    var st = step();
    lastPhase = null;
    lastSecond = null;
    var ex = st.exercise != null ? script.exercises[st.exercise] : null;
    announce((ex ? ex.name + ". " : "") + st.title + ". " + st.where + ". " + st.text);
    if (quiet) return;
    if (WORK[st.kind]) { beep([660, 880], 0.14); buzz([200, 100, 200]); }
    else { beep([880, 660], 0.14); buzz(200); }
    say(st.say, true);
  }

  function tick() {
    if (!s || s.paused || s.ended) return;
    if (s.ask) { render(); return; }
    var ms = now() - s.t0;
    var moved = false;
    while (step().kind !== "done" && ms >= step().seconds * 1000) {
      credit(s.i, step().seconds * 1000);
      s.t0 += step().seconds * 1000;
      ms -= step().seconds * 1000;
      s.i += 1;
      moved = true;
    }
    if (moved) { store(s); entered(); }
    if (step().kind === "done") { finish(false); return; }
    cues(step(), ms, render());
  }

  function run() {
    clearInterval(ticker);
    ticker = setInterval(tick, 200);
    keepAwake();
  }

  function goTo(index) {
    credit(s.i, elapsed());
    s.i = Math.max(0, Math.min(steps.length - 1, index));
    s.t0 = now();
    s.at = 0;
    store(s);
    if (step().kind === "done") { finish(false); return; }
    entered();
    render();
  }

  function pauseOrResume() {
    if (s.paused) {
      s.paused = false;
      s.t0 = now() - s.at;
      announce("Resumed");
      say("Carry on", true);
      run();
    } else {
      s.at = now() - s.t0;
      s.paused = true;
      clearInterval(ticker);
      hush();
      announce("Paused");
      letSleep();
    }
    store(s);
    render();
  }

  function open() {
    if (!dialog.open) {
      if (dialog.showModal) dialog.showModal();
      else dialog.setAttribute("open", "");
    }
    $("player-pause").focus();
    render();
    if (!s.paused) run();
  }

  function start() {
    var stopped = $("player-stop-note");
    if (stopped) stopped.textContent = ""; // started again: that stop is behind her
    s = { key: data.key, day: data.today, i: 0, t0: now(), at: 0, paused: false, got: {}, ended: false };
    store(s);
    launch(false);
    open();
    entered();
    render();
  }

  /* The end, "End early" or a symptom (``stopped``: leaking, heaviness, dragging or pain):
     close, fill the log form with what she did, take her there. */
  function finish(early, stopped) {
    var where = stopped ? stoppedWhen() : null;
    credit(s.i, elapsed());
    clearInterval(ticker);
    letSleep();
    var work = 0;
    var done = 0;
    var ran = 0;
    steps.forEach(function (st, index) {
      if (!WORK[st.kind]) return;
      var got = s.got[index] || 0;
      work += 1;
      if (got >= (st.least_seconds || st.seconds)) done += 1;
      if (st.activity === "run") ran += got;
    });
    // All the work done is "all"; some of it is "part"; none of it is "skipped".
    var some = Object.keys(s.got).some(function (k) { return s.got[k] > 0; });
    var result = work > 0 && done === work ? "all" : (some ? "part" : "skipped");
    if (stopped) result = "part"; // she began, and a symptom stopped her
    s.ended = true;
    s.stopped = stopped || null;
    s.where = where;
    s.ask = null;
    s.paused = true;
    s.result = result;
    s.ran = ran;
    store(s);
    hush();
    if (!early) { beep([523, 659, 784, 1047], 0.18); buzz([300, 150, 300, 150, 500]); }
    var spoken = early ? "Session ended." : step().say;
    if (stopped) spoken = RUNNING ? "Thank you. Walk home gently." : "Thank you. Rest now.";
    say(spoken, true);
    $("player-ask").hidden = true;
    $("player-controls").hidden = false;
    if (dialog.open) { if (dialog.close) dialog.close(); else dialog.removeAttribute("open"); }
    fill(true);
  }

  /* "in minute 6 of the session (run 1 of 7)": where the script was when she stopped. */
  function stoppedWhen() {
    var secs = Math.floor(elapsed() / 1000);
    for (var j = 0; j < s.i; j++) secs += steps[j].seconds;
    var st = step();
    var ex = st.exercise != null ? script.exercises[st.exercise] : null;
    var what = ex ? ex.name : st.where.toLowerCase();
    return "in minute " + (Math.floor(secs / 60) + 1) + " of the session (" + what + ")";
  }

  function fill(take) {
    var form = q('form[action$="/today/log/"]');
    var summary = q("[data-player-summary]");
    launch(true);
    if (summary) {
      summary.hidden = false;
      summary.textContent = s.result === "all"
        ? "Session finished. Well done! Answer the questions below to log it."
        : "Session ended. We have filled in what you did; answer the rest below to log it.";
    }
    if (!form) return;
    var choice = form.querySelector('input[name="completed"][value="' + s.result + '"]');
    if (choice && !choice.checked) {
      choice.checked = true;
      choice.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var note = form.querySelector('[name="note"]');
    if (note && !note.value) note.value = noteText();
    var ticked = s.stopped && form.querySelector('input[name="pelvic_floor_symptoms"][value="' + s.stopped + '"]');
    if (ticked && !ticked.checked) {
      ticked.checked = true;
      ticked.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var stop = s.stopped ? stopNote(form, true) : null;
    if (!take) return;
    var skip = { completed: 1, csrfmiddlewaretoken: 1, early: 1 };
    var first = stop ? stopQuestion(form).querySelector("input") : Array.prototype.find.call(form.elements, function (el) {
      return el.name && !skip[el.name] && el.type !== "hidden" && !el.disabled;
    });
    (stop || summary || form).scrollIntoView({ block: "start" });
    if (first) first.focus({ preventScroll: true });
  }

  /* What the player writes in the log's note: when she stopped, and how much she ran. */
  function noteText() {
    var words = [];
    if (s.stopped) words.push("Stopped for " + s.stopped + " " + s.where + ".");
    if (script.running_seconds && s.result === "part") {
      words.push("Ran " + minutes(s.ran) + " of the " + minutes(script.running_seconds) + " planned.");
    }
    return words.join(" ");
  }

  /* The log's question her answer belongs to: the pelvic-floor one, or pain. */
  function stopQuestion(form) {
    var name = s && s.stopped === "pain" ? "pain" : "pelvic_floor_symptoms";
    var input = form.querySelector('input[name="' + name + '"]');
    return input ? input.closest("fieldset") : null;
  }

  /* After a stop for a symptom: what to do now, calm and plain, just above the log's
     question about it. The box is there (empty) from the start, so a screen reader says the
     words when they come; the question is described by them. */
  function stopNote(form, show) {
    var group = form && stopQuestion(form);
    if (!group) return null;
    var box = $("player-stop-note");
    if (!box) {
      box = document.createElement("div");
      box.id = "player-stop-note";
      box.className = "player-stop-note";
      box.setAttribute("role", "status");
    }
    var field = group.closest(".field") || group;
    if (box.nextElementSibling !== field) field.parentNode.insertBefore(box, field);
    if (!show || box.childNodes.length) return box;
    var pain = s.stopped === "pain";
    var described = (group.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(box.id) < 0) group.setAttribute("aria-describedby", described.concat([box.id]).join(" "));
    var first = document.createElement("p");
    first.appendChild(document.createElement("strong")).textContent = "You did the right thing to stop.";
    first.appendChild(document.createTextNode(RUNNING ? " Stop running and walk home gently." : " Stop the exercises and rest."));
    box.appendChild(first);
    if (!pain) {
      box.appendChild(document.createElement("p")).textContent =
        (RUNNING ? "Please pause running" : "Please hold off running") +
        " until a pelvic health physiotherapist has seen you. Walking and strength work can go on.";
    }
    box.appendChild(document.createElement("p")).textContent = pain
      ? "How bad was the pain? Pick a number below, say where it was, then log the session."
      : "We have ticked " + s.stopped + ". Tick anything else you noticed, then log the session.";
    return box;
  }

  /* The buttons on the page: start, or resume / start again after a reload while paused. */
  function launch(ended) {
    var startButton = q("[data-player-start]");
    var resume = q("[data-player-resume]");
    if (startButton) {
      startButton.hidden = false;
      startButton.textContent = ended ? "Start the session again" : "Start session";
      startButton.classList.toggle("secondary", ended);
      startButton.classList.toggle("primary", !ended);
    }
    if (resume) resume.hidden = true;
  }
  function offerResume() {
    var resume = q("[data-player-resume]");
    var startButton = q("[data-player-start]");
    if (!resume) return open();
    if (startButton) startButton.hidden = true;
    resume.hidden = false;
    var where = q("[data-player-resume-where]");
    var ex = step().exercise != null ? script.exercises[step().exercise] : null;
    if (where) where.textContent = (ex ? ex.name + ": " : "") + step().where + ".";
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-player-start")) start();
    else if (target.hasAttribute("data-player-continue")) {
      launch(false);
      open();
      entered(true);
      if (s.paused) pauseOrResume();
    }
    else if (target.hasAttribute("data-player-restart")) start();
    else if (!s || !dialog.contains(target)) return;
    else if (target.id === "player-pause") pauseOrResume();
    else if (target.id === "player-back") goTo(s.i - 1);
    else if (target.id === "player-forward") goTo(s.i + 1);
    else if (target.id === "player-next-exercise") {
      var ex = step().exercise;
      var j = s.i;
      while (j < steps.length - 1 && steps[j].exercise === ex) j++;
      goTo(j);
    } else if (target.id === "player-stop") {
      ask(); // at once: the run is a walk before she says what
    } else if (target.hasAttribute("data-symptom")) {
      if (s.ask) finish(true, target.getAttribute("data-symptom"));
    } else if (target.id === "player-mistake") {
      if (s.ask) carryOn();
    } else if (target.id === "player-end") {
      if (!window.confirm || window.confirm("End the session now? We will fill in the log with what you did.")) finish(true);
    } else if (target.id === "player-voice") {
      var on = !voiceOn();
      try { localStorage.setItem(VOICE, on ? "on" : "off"); } catch (e) { /* not kept */ }
      showVoice();
      if (on) say(step().say, true); else hush();
    }
  });
  function offerSound() {
    var button = $("player-sound");
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!button || !Ctx) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      try { audio = audio || new Ctx(); audio.resume(); } catch (e) { /* no sound */ }
      beep([660], 0.08, 0.15);
      button.hidden = true;
      $("player-pause").focus();
    }, { once: true });
  }
  function showVoice() {
    var button = $("player-voice");
    var has = !!window.speechSynthesis;
    button.hidden = !has;
    button.setAttribute("aria-pressed", voiceOn() ? "true" : "false");
  }

  function onAButton(event) {
    var button = event.target.closest && event.target.closest("button");
    return !!button && dialog.contains(button);
  }
  dialog.addEventListener("keydown", function (event) {
    if (!s || s.ask || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === " " && onAButton(event)) return; // the browser presses that button
    if (event.key === " ") { event.preventDefault(); pauseOrResume(); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); goTo(s.i - 1); }
    else if (event.key === "ArrowRight") { event.preventDefault(); goTo(s.i + 1); }
  });
  dialog.addEventListener("keyup", function (event) {
    if (event.key === " " && !onAButton(event)) event.preventDefault(); // space paused
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape pauses rather than losing her place; End early is the way out.
    event.preventDefault();
    if (s && !s.paused && !s.ask) pauseOrResume();
  });
  dialog.addEventListener("close", function () {
    // Closed some other way than the end (the browser may insist on Escape): keep her place.
    if (!s || s.ended) return;
    if (!s.paused && !s.ask) pauseOrResume();
    offerResume();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible" || !s || s.paused || s.ended) return;
    keepAwake();
    tick();
  });
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches('form[action$="/today/log/"]')) {
      store(null);
      s = null;
    }
  }, true);

  document.body.addEventListener("htmx:afterSettle", function () {
    // The page's main part was replaced (a log that needs correcting): put the buttons back.
    stopNote(q('form[action$="/today/log/"]'), false);
    if (s && s.ended) fill(false);
    else if (s && s.paused) offerResume();
    else launch(false);
  });

  showVoice();
  stopNote(q('form[action$="/today/log/"]'), false);
  s = load();
  if (!s) launch(false);
  else if (s.ended) fill(false);
  else if (s.paused) offerResume();
  else { launch(false); open(); entered(true); tick(); offerSound(); }
})();
