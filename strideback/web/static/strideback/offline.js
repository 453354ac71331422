/* Strideback offline: loaded on every signed-in page.

   - Registers the service worker (/sw.js), which keeps the app shell and Today for when
     the phone is offline.
   - A session log made without a connection is kept on this phone (localStorage, under her
     account) and sent when the connection returns: on the `online` event, on each page
     load and when a new service worker takes over. Logs go one at a time, each with the key
     its form was shown with, so a log sent twice (a lost answer, two tabs) is saved once.
   - A log leaves the phone's queue only when the server has saved it, or has said what
     was wrong with it; then she is shown what was wrong and what she entered, so nothing
     is dropped without her knowing.
   - Once a log is saved she sees what it means for her plan: on Today, the page becomes
     its result (the address the server answered with); on any other page, a note links to
     it until she opens it. The Today the worker keeps becomes that result too, so an
     offline reload never shows the form of a day already logged.
   - Signing out (or a form marked data-forget-phone) first sends what is waiting, then
     drops the stored pages. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var USER = script.getAttribute("data-user") || "";
  var LOGIN = script.getAttribute("data-login") || "";
  var QUEUE = "strideback.queue." + USER;
  var RETURNED = "strideback.returned." + USER;
  var SENT = "strideback.sent." + USER; // saved logs whose result she has not opened yet
  var SENT_DAYS_KEPT = 3;
  var LOG_FORM = "form[data-offline-log]";
  // Forms after which nothing of hers should stay on the phone: signing out, and any form
  // marked data-forget-phone (e.g. deleting her account).
  var LEAVING_FORMS = "form.signout, form[data-forget-phone]";
  var SAVED = "Saved on this phone. It will be sent as soon as you are back online.";
  var FIRST_RETRY = 3000;
  var LAST_RETRY = 60000;

  var retryDelay = FIRST_RETRY;
  var retryTimer = null;
  var sending = null;
  var leaving = false;
  var waitingFor = ""; // why the queue is waiting: "" (no connection), "signin" or "server"

  // --- Storage --------------------------------------------------------------------------

  function read(name) {
    try {
      var list = JSON.parse(window.localStorage.getItem(name) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function write(name, list) {
    try {
      if (list.length) {
        window.localStorage.setItem(name, JSON.stringify(list));
      } else {
        window.localStorage.removeItem(name);
      }
      return true;
    } catch (error) {
      return false;
    }
  }

  function drop(name, key) {
    write(
      name,
      read(name).filter(function (entry) {
        return entry.key !== key;
      })
    );
  }

  // --- Reading and filling the log form --------------------------------------------------

  function valueOf(fields, name) {
    for (var i = 0; i < fields.length; i += 1) {
      if (fields[i][0] === name) {
        return fields[i][1];
      }
    }
    return "";
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 0x100).toString(16).slice(1);
      })
      .join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function words(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* What she entered, in the form's own words: "How much did you do? All of it". */
  function summaryOf(form) {
    var parts = [];
    form.querySelectorAll("fieldset").forEach(function (set) {
      var chosen = [];
      set.querySelectorAll("input:checked").forEach(function (input) {
        chosen.push(words(input.closest("label")));
      });
      if (chosen.length) {
        parts.push(words(set.querySelector("legend")) + " " + chosen.join(", "));
      }
    });
    form.querySelectorAll('input[type="text"], textarea').forEach(function (input) {
      if (input.value.trim()) {
        var label = input.labels && input.labels[0];
        parts.push(words(label) + " " + input.value.trim());
      }
    });
    return parts;
  }

  function fill(form, fields) {
    form.querySelectorAll("input, textarea").forEach(function (input) {
      if (input.type === "hidden" || !input.name) {
        return;
      }
      var mine = fields.filter(function (pair) {
        return pair[0] === input.name;
      });
      if (input.type === "radio" || input.type === "checkbox") {
        input.checked = mine.some(function (pair) {
          return pair[1] === input.value;
        });
      } else {
        input.value = mine.length ? mine[0][1] : "";
      }
    });
  }

  function keyOf(form) {
    var input = form && form.querySelector('input[name="client_key"]');
    return input ? input.value : "";
  }

  function dayOf(form) {
    var input = form && form.querySelector('input[name="day"]');
    return input ? input.value : "";
  }

  /* Has she answered anything in this form since it was shown? */
  function touched(form) {
    return Array.prototype.some.call(form.querySelectorAll("input, textarea"), function (input) {
      if (input.type === "hidden") {
        return false;
      }
      if (input.type === "radio" || input.type === "checkbox") {
        return input.checked !== input.defaultChecked;
      }
      return input.value !== input.defaultValue;
    });
  }

  function note(form, text, kind) {
    var box = form.querySelector("[data-offline-note]");
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("data-offline-note", "");
      box.setAttribute("role", "status");
      var button = form.querySelector('button[type="submit"]');
      form.insertBefore(box, button);
    }
    box.className = text ? kind : "";
    box.textContent = text;
  }

  // --- Keeping a log on the phone ----------------------------------------------------------

  /* Keep the form's log in the queue; false when it was not kept (and she is told why). */
  function keep(form) {
    var completed = form.querySelector('input[name="completed"]');
    if (completed && !form.querySelector('input[name="completed"]:checked')) {
      var question = words(completed.closest("fieldset").querySelector("legend"));
      note(form, "Choose an answer to \u201c" + question + "\u201d, then log it again.", "errors-box");
      completed.focus();
      return false;
    }
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") {
        fields.push([name, value]);
      }
    });
    var key = valueOf(fields, "client_key");
    if (!key) {
      key = newKey();
      fields.push(["client_key", key]);
      var input = form.querySelector('input[name="client_key"]');
      if (input) {
        input.value = key;
      }
    }
    var entry = {
      key: key,
      day: valueOf(fields, "day"),
      action: form.getAttribute("action"),
      fields: fields,
      summary: summaryOf(form),
      savedAt: new Date().toISOString(),
    };
    var queue = read(QUEUE).filter(function (other) {
      return other.key !== key;
    });
    queue.push(entry);
    if (!write(QUEUE, queue)) {
      note(
        form,
        "This phone could not keep your log. Your answers are still in the form: log it again when you are back online.",
        "errors-box"
      );
      return false;
    }
    note(form, SAVED, "answer ready");
    showBanner();
    return true;
  }

  // --- Sending the queue ----------------------------------------------------------------

  function currentToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  /* The server's words for what was wrong with a log it did not save. */
  function problemsIn(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var found = [];
    function add(text) {
      // Leave out what only makes sense beside the form: the box already says it was not saved.
      var beside = /Everything you typed|^Nothing was saved/.test(text);
      if (text && found.indexOf(text) === -1 && !beside) {
        found.push(text);
      }
    }
    page.querySelectorAll("main .errors-box p").forEach(function (p) {
      add(words(p));
    });
    page.querySelectorAll("main .field.has-error").forEach(function (field) {
      var label = words(field.querySelector("legend, label"));
      field.querySelectorAll(".errors li").forEach(function (li) {
        add(label + " " + words(li));
      });
    });
    return found.length ? found : ["The log could not be saved."];
  }

  function send(entry) {
    var body = new URLSearchParams();
    var token = currentToken();
    entry.fields.forEach(function (pair) {
      body.append(pair[0], pair[0] === "csrfmiddlewaretoken" && token ? token : pair[1]);
    });
    return window
      .fetch(entry.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(
        function (response) {
          var address = new URL(response.url);
          if (address.pathname === LOGIN) {
            return { wait: "signin" };
          }
          if (response.ok && address.searchParams.has("logged")) {
            return { url: response.url };
          }
          if (response.status === 400) {
            return response.text().then(function (html) {
              return { problems: problemsIn(html) };
            });
          }
          return { wait: "server" };
        },
        function () {
          return { wait: "" };
        }
      );
  }

  /* Send the queue, oldest first; ``done`` gathers what happened: the logs saved, and
     whether the form on this page was one the server turned down. */
  function sendAll(done) {
    var entry = read(QUEUE)[0];
    if (!entry) {
      return Promise.resolve(done);
    }
    return send(entry).then(function (outcome) {
      if (outcome.wait !== undefined) {
        waitingFor = outcome.wait;
        retryLater();
        return done;
      }
      waitingFor = "";
      retryDelay = FIRST_RETRY;
      drop(QUEUE, entry.key);
      if (outcome.problems) {
        entry.problems = outcome.problems;
        write(RETURNED, read(RETURNED).concat([entry]));
        done.turnedDown = done.turnedDown || entry.key === keyOf(document.querySelector(LOG_FORM));
      } else {
        var saved = { key: entry.key, day: entry.day, url: outcome.url, sentAt: new Date().toISOString() };
        drop(SENT, entry.key);
        write(SENT, read(SENT).concat([saved]));
        done.saved.push(saved);
      }
      return sendAll(done);
    });
  }

  /* The result to show in place of this page, if it is Today and she is not busy on it:
     the one for the form on the page, else the last one saved. */
  function resultToOpen(saved) {
    var last = saved[saved.length - 1];
    if (!last || leaving || window.location.pathname !== pathOf(last.url)) {
      return null;
    }
    if (document.querySelector("dialog[open]")) {
      return null; // the session player is playing: the note will do
    }
    var form = document.querySelector(LOG_FORM);
    var mine = saved.filter(function (entry) {
      return form && (entry.key === keyOf(form) || entry.day === dayOf(form));
    })[0];
    if (mine) {
      return mine.url;
    }
    return form && touched(form) ? null : last.url; // never lose answers she is giving
  }

  function flush() {
    if (sending) {
      return sending;
    }
    if (!navigator.onLine || !read(QUEUE).length) {
      showBanner();
      return Promise.resolve();
    }
    window.clearTimeout(retryTimer);
    var done = { saved: [], turnedDown: false };
    var run = navigator.locks
      ? function () {
          return navigator.locks.request("strideback-log-queue", function () {
            return sendAll(done);
          });
        }
      : function () {
          return sendAll(done);
        };
    sending = run()
      .catch(function () {
        return null;
      })
      .then(function () {
        sending = null;
        var last = done.saved[done.saved.length - 1];
        if (last && !leaving) {
          // The Today the worker keeps becomes the latest result: never the logged day's form.
          tellWorker("refresh", last.url);
        }
        var page = resultToOpen(done.saved);
        if (!page && done.turnedDown && !leaving) {
          page = window.location.pathname; // this page is out of date: show Today as it is
        }
        if (page) {
          window.location.assign(page);
          return;
        }
        if (done.saved.length) {
          hideIfLogged(document.querySelector(LOG_FORM));
        }
        showBanner();
      });
    return sending;
  }

  function retryLater() {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(flush, retryDelay);
    retryDelay = Math.min(retryDelay * 2, LAST_RETRY);
  }

  // --- What she sees ----------------------------------------------------------------------

  function dayWords(day) {
    var when = new Date(day + "T12:00:00");
    if (!day || isNaN(when.getTime())) {
      return "";
    }
    return when.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long" });
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) {
      p.className = className;
    }
    return p;
  }

  function returnedBox(entry) {
    var box = document.createElement("div");
    box.className = "answer not_yet";
    box.setAttribute("role", "alert");
    var heading = document.createElement("strong");
    heading.textContent = "Your log for " + dayWords(entry.day) + " was sent but not saved.";
    box.appendChild(document.createElement("p")).appendChild(heading);
    (entry.problems || []).forEach(function (problem) {
      box.appendChild(paragraph(problem));
    });
    if (entry.summary && entry.summary.length) {
      box.appendChild(paragraph("What you entered:"));
      var list = document.createElement("ul");
      entry.summary.forEach(function (answer) {
        var item = document.createElement("li");
        item.textContent = answer;
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = "I have read this";
    button.addEventListener("click", function () {
      drop(RETURNED, entry.key);
      showBanner();
    });
    box.appendChild(button);
    return box;
  }

  /* A log saved while she was elsewhere: what it means for her plan is one tap away. */
  function sentBox(entry) {
    var box = document.createElement("div");
    box.className = "answer ready sent";
    box.setAttribute("data-testid", "sent-banner");
    var heading = document.createElement("strong");
    heading.textContent = "Your log for " + (dayWords(entry.day) || "your session") + " was saved.";
    box.appendChild(document.createElement("p")).appendChild(heading);
    var link = document.createElement("a");
    link.href = entry.url;
    link.textContent = "See what it means for your plan";
    box.appendChild(document.createElement("p")).appendChild(link);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.textContent = "Hide this note";
    button.addEventListener("click", function () {
      // Kept out of sight a few days more: a copy of Today kept from before may still show it.
      entry.hidden = true;
      replaceSent(entry);
      showBanner();
    });
    box.appendChild(button);
    return box;
  }

  /* Forget saved logs whose result is on screen now, and notes older than a few days. */
  function tidySent() {
    var shown = new URLSearchParams(window.location.search).get("logged");
    var onScreen = shown && navigator.onLine && document.getElementById("result-heading");
    var oldest = Date.now() - SENT_DAYS_KEPT * 86400000;
    write(
      SENT,
      read(SENT).filter(function (entry) {
        var id = new URL(entry.url, window.location.href).searchParams.get("logged");
        return !(onScreen && id === shown) && Date.parse(entry.sentAt) > oldest;
      })
    );
  }

  function replaceSent(entry) {
    write(
      SENT,
      read(SENT).map(function (other) {
        return other.key === entry.key ? entry : other;
      })
    );
  }

  function pathOf(url) {
    return new URL(url, window.location.href).pathname;
  }

  function showBanner() {
    var main = document.getElementById("main");
    if (!main) {
      return;
    }
    var banner = document.getElementById("offline-banner");
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "offline-banner";
      banner.setAttribute("role", "status");
      main.insertBefore(banner, main.firstChild);
    }
    banner.replaceChildren();
    var waiting = read(QUEUE).length;
    if (waiting) {
      var box = document.createElement("div");
      box.className = "answer not_yet";
      box.setAttribute("data-testid", "queue-banner");
      var reason = {
        "": "It will be sent as soon as you are back online.",
        signin: "Sign in again to send it.",
        server: "The app could not take it just now; it will try again shortly.",
      }[navigator.onLine ? waitingFor : ""];
      box.appendChild(paragraph(waiting === 1 ? "1 log waiting to be sent" : waiting + " logs waiting to be sent"));
      box.appendChild(paragraph(reason, "small"));
      banner.appendChild(box);
    }
    read(SENT).forEach(function (entry) {
      if (!entry.hidden) {
        banner.appendChild(sentBox(entry));
      }
    });
    read(RETURNED).forEach(function (entry) {
      banner.appendChild(returnedBox(entry));
    });
  }

  /* On Today, a form whose log is waiting on the phone shows what she entered, even when
     this is another showing of the page (a reload from the phone's copy): there is one log
     a day, so a log waiting for the form's day is this form's, and keeps its own key. */
  function restore() {
    var form = document.querySelector(LOG_FORM);
    var entry = read(QUEUE).filter(ofForm(form))[0];
    if (entry) {
      fill(form, entry.fields);
      form.querySelector('input[name="client_key"]').value = entry.key;
      note(form, SAVED, "answer ready");
    }
    hideIfLogged(form);
  }

  function ofForm(form) {
    var key = keyOf(form);
    var day = dayOf(form);
    return function (entry) {
      return Boolean(key) && (entry.key === key || (Boolean(day) && entry.day === day));
    };
  }

  /* A form for a day whose log is already saved is out of date (a copy of Today kept from
     before): it goes, and the note about that log stays in view until she opens it. */
  function hideIfLogged(form) {
    var saved = read(SENT).filter(ofForm(form))[0];
    if (!saved) {
      return;
    }
    (form.closest("section") || form).hidden = true;
    if (saved.hidden) {
      saved.hidden = false;
      replaceSent(saved);
    }
    tellWorker("refresh", saved.url);
  }

  // --- The service worker -----------------------------------------------------------------

  /* A message for the service worker: the one looking after this page or, if none does
     yet (a page loaded before it took over), the active one. */
  function tellWorker(type, url) {
    var message = { type: type, url: url };
    if (!navigator.serviceWorker) {
      return;
    }
    if (navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage(message);
      return;
    }
    navigator.serviceWorker.getRegistration().then(
      function (registration) {
        if (registration && registration.active) {
          registration.active.postMessage(message);
        }
      },
      function () {
        return null;
      }
    );
  }

  function forgetPages() {
    tellWorker("forget");
    if (!window.caches) {
      return Promise.resolve();
    }
    return window.caches.keys().then(function (names) {
      return Promise.all(
        names
          .filter(function (name) {
            return name.indexOf("strideback-pages-") === 0;
          })
          .map(function (name) {
            return window.caches.delete(name);
          })
      );
    });
  }

  /* Signing out: send what is waiting if she is online (for at most a few seconds), then
     drop the stored pages. A log still waiting stays under her account on this phone and
     goes the next time she signs in here; never under anyone else's. */
  function leave() {
    leaving = true;
    var timeout = new Promise(function (resolve) {
      window.setTimeout(resolve, 4000);
    });
    return Promise.race([flush(), timeout])
      .then(forgetPages)
      .catch(function () {
        return null;
      });
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(script.getAttribute("data-sw"), { scope: "/" }).catch(function () {
      return null; // no worker (e.g. plain http on another host): the app still works online
    });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "flush") {
        flush();
      }
    });
  }

  // --- Events -------------------------------------------------------------------------------

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) {
        return;
      }
      if (form.matches(LOG_FORM)) {
        if (navigator.onLine) {
          note(form, "", "");
          return; // HTMX (or the browser) sends it
        }
        event.preventDefault();
        event.stopPropagation();
        keep(form);
      } else if (form.matches(LEAVING_FORMS) && !leaving) {
        event.preventDefault();
        event.stopPropagation();
        var submitter = event.submitter || null;
        leave().then(function () {
          // Sent again as she sent it (with the button she pressed); this time it goes through.
          if (form.requestSubmit) {
            form.requestSubmit(submitter);
          } else {
            form.submit();
          }
        });
      }
    },
    true
  );

  function logFormOf(event) {
    var element = event.detail && event.detail.elt;
    return element && element.matches && element.matches(LOG_FORM) ? element : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = logFormOf(event);
    if (form && !navigator.onLine) {
      event.preventDefault();
      keep(form);
    }
  });

  // Sent, but no answer came back (the connection dropped, or the server is down): keep it
  // and try again; if the server did save it, its key makes the second send a no-op.
  document.addEventListener("htmx:sendError", function (event) {
    var form = logFormOf(event);
    if (form && keep(form)) {
      retryLater();
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (logFormOf(event) && event.detail.successful) {
      // The stored Today follows what she just logged: its result, when the server saved it.
      var xhr = event.detail.xhr;
      tellWorker("refresh", (xhr && xhr.getResponseHeader("HX-Push-Url")) || undefined);
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    tidySent();
    restore();
    showBanner();
  });

  // Another tab sent, saved or turned down a log: this one says so too.
  window.addEventListener("storage", function (event) {
    if (event.key === QUEUE || event.key === RETURNED || event.key === SENT) {
      showBanner();
    }
  });

  window.addEventListener("online", function () {
    retryDelay = FIRST_RETRY;
    flush();
  });
  window.addEventListener("offline", showBanner);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      flush();
    }
  });

  tidySent();
  restore();
  showBanner();
  flush();
})();
