/* Strideback's service worker: the app keeps working when the phone loses its connection.

   The server writes the first line, `const STRIDEBACK = {...}`: the hashed addresses of the
   app shell, the paths of Today, sign-in and sign-out, the offline page and a version.

   - The app shell (styles, scripts, icon) is stored when the worker installs, in a cache
     named after the version; a new version deletes the old caches when it takes over.
   - Today (/today/) comes from the network first, so it is always fresh online; the last
     good copy is kept for when the phone is offline. When a log kept on the phone has been
     saved, the page asks for the copy to be made again from its result (/today/?logged=),
     so the kept Today shows what the log changed, never the form of a day already logged.
   - Hashed static files come from the cache first: their names change when they do.
   - Any other page, when the network fails, gets a plain offline page pointing to Today.
   - Nothing sent (POST) is ever stored, and nothing but her own Today page: the stored page
     is dropped when she signs out, when a sign-in page is opened and when Today answers
     with a redirect (signed out, or no programme). */
"use strict";

const SHELL_CACHE = "strideback-shell-" + STRIDEBACK.version;
const PAGES_CACHE = "strideback-pages-" + STRIDEBACK.version;
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
const STATIC_IN_PAGE = /(?:src|href)="(\/static\/[^"?#]+)"/g;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      await shell.addAll(STRIDEBACK.shell);
      await refreshToday();
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = [SHELL_CACHE, PAGES_CACHE];
      for (const name of await caches.keys()) {
        if (name.startsWith("strideback-") && !keep.includes(name)) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
      // A log saved on the phone may be waiting: the pages send it now.
      for (const client of await self.clients.matchAll({ type: "window" })) {
        client.postMessage({ type: "flush" });
      }
    })()
  );
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "refresh") {
    event.waitUntil(refreshToday(todayAddress(event.data.url)));
  } else if (type === "forget") {
    event.waitUntil(forgetPages());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method !== "GET") {
    // Sent forms go straight to the server and are never stored.
    if (url.pathname === STRIDEBACK.logout) {
      event.waitUntil(forgetPages());
    }
    return;
  }
  if (url.pathname.startsWith(STRIDEBACK.static) && HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (request.mode !== "navigate") {
    return; // HTMX and other requests from a page: the network, as usual
  }
  if (url.pathname === STRIDEBACK.login) {
    event.waitUntil(forgetPages());
  }
  if (url.pathname === STRIDEBACK.today) {
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(fetch(request).catch(() => offlinePage()));
});

async function cacheFirst(request) {
  const shell = await caches.open(SHELL_CACHE);
  const stored = await shell.match(request);
  if (stored) {
    return stored;
  }
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await shell.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const pages = await caches.open(PAGES_CACHE);
    return (await pages.match(STRIDEBACK.today)) || offlinePage();
  }
  if (isHerPage(response)) {
    // One copy: the newest answer of Today, whatever its query (after a log, done early).
    const pages = await caches.open(PAGES_CACHE);
    await pages.put(STRIDEBACK.today, response.clone());
    await keepStaticOf(response.clone());
  } else if (response.type === "opaqueredirect" || response.redirected) {
    await forgetPages(); // signed out, or no programme: nothing of hers to keep
  }
  return response;
}

/* Today's address, or the address of one of its answers (after a log), if that is what
   was asked for; anything else is Today itself. */
function todayAddress(asked) {
  try {
    const url = new URL(asked, self.location.origin);
    const today = url.origin === self.location.origin && url.pathname === STRIDEBACK.today;
    if (typeof asked === "string" && today) {
      return url.pathname + url.search;
    }
  } catch (error) {
    // Not an address: Today itself.
  }
  return STRIDEBACK.today;
}

/* Fetch Today (or one of its answers) and keep it as Today, with the files it loads (the
   session player's among them). */
async function refreshToday(address = STRIDEBACK.today) {
  let response;
  try {
    response = await fetch(address, { credentials: "same-origin" });
  } catch (error) {
    return;
  }
  if (!isHerPage(response)) {
    await forgetPages();
    return;
  }
  const pages = await caches.open(PAGES_CACHE);
  await pages.put(STRIDEBACK.today, response.clone());
  await keepStaticOf(response);
}

async function keepStaticOf(response) {
  const html = await response.text();
  const shell = await caches.open(SHELL_CACHE);
  const wanted = new Set();
  for (const match of html.matchAll(STATIC_IN_PAGE)) {
    if (HASHED.test(match[1])) {
      wanted.add(match[1]);
    }
  }
  for (const address of wanted) {
    if (!(await shell.match(address))) {
      try {
        await shell.add(address);
      } catch (error) {
        // Not there any more: the next page load fetches what it needs.
      }
    }
  }
}

function isHerPage(response) {
  const type = response.headers.get("Content-Type") || "";
  return (
    response.status === 200 &&
    response.type === "basic" &&
    !response.redirected &&
    type.startsWith("text/html")
  );
}

async function forgetPages() {
  for (const name of await caches.keys()) {
    if (name.startsWith("strideback-pages-")) {
      await caches.delete(name);
    }
  }
}

function offlinePage() {
  return new Response(STRIDEBACK.offlinePage, {
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
}
