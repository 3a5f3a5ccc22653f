/* Safar offline (issue 17): registers the service worker (/sw.js); saves a
   course for offline (the course page's panel); queues what is done offline
   ("I have finished this lesson", video viewings, a quiz's answers and
   hand-in) in IndexedDB and sends it
   to POST /api/v1/sync/ when the connection comes back. Strings come from the
   page (data-t-*), translated by Django. Nothing here is needed: without it
   the pages work as they are. */
(function () {
  "use strict";
  var me = document.getElementById("safar-offline");
  if (!me || !window.indexedDB || !window.Promise) return;
  var user = me.getAttribute("data-user") || "";
  var PREFIX = "safar-course-";
  var sw = "serviceWorker" in navigator && window.caches;
  function t(el, name, a, b) {
    return (el.getAttribute("data-t-" + name) || "").replace("%1", a).replace("%2", b);
  }
  function ls(k, v) {
    try {
      if (v === undefined) return JSON.parse(localStorage.getItem(k) || "null");
      if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, JSON.stringify(v));
    } catch (e) { return null; }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx".replace(/x/g, function () { return (Math.random() * 16 | 0).toString(16); });
  }
  function csrf() { var m = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie); return m ? m[1] : ""; }
  function status(text) {
    var box = document.getElementById("safar-offline-status");
    if (!box) {
      box = document.createElement("p");
      box.id = "safar-offline-status"; box.className = "notice"; box.setAttribute("role", "status");
      var main = document.getElementById("main"); main.insertBefore(box, main.firstChild);
    }
    box.textContent = text;
  }

  /* IndexedDB: "queue" (items for /api/v1/sync/), "meta" (the CSRF token for the worker). */
  var dbp;
  function db() {
    return dbp || (dbp = new Promise(function (done, fail) {
      var open = indexedDB.open("safar", 1);
      open.onupgradeneeded = function () {
        open.result.createObjectStore("queue", { keyPath: "id" });
        open.result.createObjectStore("meta");
      };
      open.onsuccess = function () { done(open.result); };
      open.onerror = function () { fail(open.error); };
    }));
  }
  function tx(stores, fn) {
    return db().then(function (d) {
      return new Promise(function (done, fail) {
        var x = d.transaction(stores, "readwrite"), out = fn(x);
        x.oncomplete = function () { done(out && out.result); }; x.onerror = function () { fail(x.error); };
      });
    });
  }
  function clearCopies() {
    ls("safar.saved", null); ls("safar.attempts", null);
    if (window.caches) caches.keys().then(function (names) {
      names.forEach(function (n) { if (n.indexOf(PREFIX) === 0) caches.delete(n); });
    });
  }
  /* Nobody signed in: no saved pages stay (the queue waits for its owner to
     sign in again). Another user: nothing of the last one stays. */
  var owner = ls("safar.owner");
  if (!user && ls("safar.saved")) clearCopies();
  if (user && owner !== null && owner !== user) {
    clearCopies(); ls("safar.queued", null);
    tx(["queue"], function (x) { x.objectStore("queue").clear(); });
  }
  if (user) ls("safar.owner", user);

  window.safarQueue = function (kind, data, lesson) {
    if (!user) return Promise.resolve();
    var item = { id: uuid(), kind: kind, at: new Date().toISOString(), data: data };
    return tx(["queue", "meta"], function (x) {
      x.objectStore("queue").put(item);
      x.objectStore("meta").put(csrf(), "csrf");
    }).then(function () {
      if (lesson) { var q = ls("safar.queued") || []; q.push(lesson); ls("safar.queued", q); }
      status(t(me, "queued"));
      if (sw) navigator.serviceWorker.ready.then(function (r) { if (r.sync) r.sync.register("safar-sync"); }).catch(function () {});
    });
  };

  function flush() {
    if (!user || !navigator.onLine) return;
    tx(["queue"], function (x) { return x.objectStore("queue").getAll(); }).then(function (items) {
      if (!items || !items.length) {
        if (ls("safar.queued")) { ls("safar.queued", null); status(t(me, "sent")); }
        return;
      }
      return fetch("/api/v1/sync/", { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify({ items: items.slice(0, 200) }) })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (reply) {
          return tx(["queue"], function (x) {
            (reply.results || []).forEach(function (o) { if (o.id) x.objectStore("queue").delete(o.id); });
          });
        }).then(function () { ls("safar.queued", null); status(t(me, "sent")); });
    }).catch(function () { /* still offline: the next page or "online" */ });
  }
  window.addEventListener("online", flush);
  flush();

  /* A lesson: "I have finished this lesson" offline goes into the queue. */
  var form = document.querySelector("#progress form[action$='/progress/']");
  if (form) {
    var lesson = +(/lessons\/(\d+)\/progress/.exec(form.getAttribute("action")) || [])[1];
    var queued = function () {
      var p = document.createElement("p"); p.className = "ok"; p.textContent = t(me, "queued");
      form.parentNode.replaceChild(p, form);
    };
    if ((ls("safar.queued") || []).indexOf(lesson) !== -1) queued();
    form.addEventListener("submit", function (e) {
      if (navigator.onLine || !lesson) return;
      e.preventDefault();
      window.safarQueue("progress", { lesson: lesson, progress: 1 }, lesson).then(queued);
    });
  }

  /* A quiz offline: the lesson's "Start" opens the attempt saved with the
     course; handing it in queues the form's fields (graded by the server). */
  var start = document.querySelector("form[action$='/quiz/start/']");
  if (start) start.addEventListener("submit", function (e) {
    var page = (ls("safar.attempts") || {})[start.getAttribute("action")];
    if (navigator.onLine || !page) return;
    e.preventDefault();
    location.href = page;
  });
  var quiz = document.querySelector("form.quiz-form");
  var attempt = quiz && (/attempts\/([0-9a-f-]{36})\//.exec(quiz.getAttribute("action")) || [])[1];
  if (attempt) quiz.addEventListener("submit", function (e) {
    if (navigator.onLine) return;
    e.preventDefault();
    var kind = e.submitter && e.submitter.value === "submit" ? "submit" : "answers", pairs = [];
    new FormData(quiz).forEach(function (v, k) {
      if (k !== "csrfmiddlewaretoken" && k !== "action") pairs.push([k, String(v)]);
    });
    window.safarQueue(kind, { attempt: attempt, form: pairs }).then(function () {
      if (kind !== "submit") return;
      var p = document.createElement("p"); p.className = "ok"; p.setAttribute("role", "status");
      p.textContent = t(me, "handed");
      quiz.parentNode.replaceChild(p, quiz);
    });
  });

  if (sw) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }

})();
