/* Safar's service worker (issue 17). It only adds: pages work without it.
   - Offline, a GET for a page or file saved by "Save this course for offline"
     (the page's script fills the "safar-course-<id>" caches) comes from the
     cache; online, everything comes from the network (nothing is cached as
     it passes: no admin, no API, no POST is ever stored).
   - Video and sound: Range requests are answered from the saved file (206).
   - Background Sync "safar-sync": the queue recorded offline (IndexedDB
     "safar", store "queue") is sent to POST /api/v1/sync/.
   - A "clear" message deletes every Safar cache (sign-out, another user). */
"use strict";
var PREFIX = "safar-course-";
var NEVER = /^\/(admin|django-admin|api|accounts|xapi)\//;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (e) { e.waitUntil(self.clients.claim()); });

function key(url) {
  var u = new URL(url);
  u.searchParams.delete("player");  /* the player marks its requests */
  u.hash = "";
  return u.href;
}

function saved(request) {
  var k = key(request.url);
  return caches.keys().then(function (names) {
    names = names.filter(function (n) { return n.indexOf(PREFIX) === 0; });
    var i = 0;
    function next() {
      if (i >= names.length) return Promise.resolve(undefined);
      return caches.open(names[i++]).then(function (c) { return c.match(k); })
        .then(function (r) { return r || next(); });
    }
    return next();
  });
}

function ranged(request, response) {
  var range = request.headers.get("range");
  if (!range) return response;
  return response.blob().then(function (blob) {
    var m = /bytes=(\d*)-(\d*)/.exec(range) || [];
    var start = m[1] ? +m[1] : 0, end = m[2] ? Math.min(+m[2], blob.size - 1) : blob.size - 1;
    if (!m[1] && m[2]) { start = Math.max(0, blob.size - +m[2]); end = blob.size - 1; }
    if (start >= blob.size) return new Response("", { status: 416, headers: { "Content-Range": "bytes */" + blob.size } });
    return new Response(blob.slice(start, end + 1), { status: 206, headers: {
      "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
      "Content-Range": "bytes " + start + "-" + end + "/" + blob.size,
      "Content-Length": String(end - start + 1), "Accept-Ranges": "bytes" } });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || NEVER.test(url.pathname)) return;
  event.respondWith(fetch(request).catch(function (error) {
    return saved(request).then(function (response) {
      if (!response) throw error;
      return ranged(request, response);
    });
  }));
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "clear") {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0; })
        .map(function (n) { return caches.delete(n); }));
    }));
  }
});

/* The queue, as the page's script keeps it (safar/offline.js). */
function db() {
  return new Promise(function (done, fail) {
    var open = indexedDB.open("safar", 1);
    open.onupgradeneeded = function () {
      open.result.createObjectStore("queue", { keyPath: "id" });
      open.result.createObjectStore("meta");
    };
    open.onsuccess = function () { done(open.result); };
    open.onerror = function () { fail(open.error); };
  });
}
function all(d, store) {
  return new Promise(function (done, fail) {
    var r = d.transaction(store).objectStore(store).getAll();
    r.onsuccess = function () { done(r.result); }; r.onerror = function () { fail(r.error); };
  });
}
function send() {
  return db().then(function (d) {
    return Promise.all([all(d, "queue"), new Promise(function (done) {
      var r = d.transaction("meta").objectStore("meta").get("csrf");
      r.onsuccess = function () { done(r.result); }; r.onerror = function () { done(null); };
    })]).then(function (got) {
      var items = got[0];
      if (!items.length) return;
      return fetch("/api/v1/sync/", { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": got[1] || "" },
        body: JSON.stringify({ items: items.slice(0, 200) }) })
        .then(function (r) { if (!r.ok) throw new Error("sync " + r.status); return r.json(); })
        .then(function (reply) {
          var t = d.transaction(["queue", "meta"], "readwrite");
          (reply.results || []).forEach(function (o) { if (o.id) t.objectStore("queue").delete(o.id); });
          t.objectStore("meta").put(new Date().toISOString(), "sent");
          return new Promise(function (done) { t.oncomplete = done; t.onerror = done; });
        });
    });
  });
}
self.addEventListener("sync", function (event) {
  if (event.tag === "safar-sync") event.waitUntil(send());
});
