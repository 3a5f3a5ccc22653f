/* Safar: "Save this course for offline" on the course page (issue 17).
   Asks the server which files the course has (/learn/courses/<id>/offline/,
   the pages this learner is served, the images at the width this phone
   shows, the chosen video rendition or sound only, captions, posters), shows
   the total before starting, checks the storage quota, downloads them into
   the Cache API ("safar-course-<id>", which the service worker answers from
   offline) with a progress bar; "Remove from this phone" deletes it. */
(function () {
  "use strict";
  var me = document.getElementById("safar-offline");
  if (!me) return;
  var PREFIX = "safar-course-";
  function t(el, name, a, b) {
    return (el.getAttribute("data-t-" + name) || "").replace("%1", a).replace("%2", b);
  }
  function ls(k, v) {
    try {
      if (v === undefined) return JSON.parse(localStorage.getItem(k) || "null");
      if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, JSON.stringify(v));
    } catch (e) { return null; }
  }
  function mb(n) { return t(me, "mb", (Math.max(n, 0) / 1048576).toFixed(1)); }
  /* The course page's panel: save for offline, remove. */
  var panel = document.querySelector("[data-offline-course]");
  if (!panel || !window.caches || !("serviceWorker" in navigator)) return;
  var id = panel.getAttribute("data-offline-course"), name = PREFIX + id;
  var info = panel.querySelector("[data-offline-info]"), bar = panel.querySelector("progress");
  var save = panel.querySelector("[data-offline-save]"), remove = panel.querySelector("[data-offline-remove]");
  var choices = panel.querySelector("[data-offline-choices]"), files = null;
  var say = function (text) { info.textContent = text; };
  function plan(choice) {
    var want = 328 * (window.devicePixelRatio || 1), list = [];
    files.pages.forEach(function (f) { list.push({ url: f.url, bytes: f.bytes, page: true }); });
    files["static"].forEach(function (f) { list.push(f); });
    files.images.forEach(function (img) {
      var r = img.renditions.slice().sort(function (a, b) { return (a.width || 0) - (b.width || 0); });
      var pick = r.filter(function (x) { return !x.width || x.width >= want; })[0] || r[r.length - 1];
      if (pick) list.push(pick);
    });
    files.videos.forEach(function (v) {
      if (v[choice]) list.push({ url: v[choice].url, bytes: v[choice].bytes, media: true });
      v.common.forEach(function (c) { list.push(c); });
    });
    return list;
  }
  function total(list) { return list.reduce(function (s, f) { return s + (f.bytes || 0); }, 0); }
  function choice() { var c = panel.querySelector("input[name=offline-choice]:checked"); return c ? c.value : "audio"; }
  function show() {
    var saved = (ls("safar.saved") || {})[id];
    remove.hidden = !saved; save.hidden = !!saved; choices.hidden = !!saved || !files;
    if (saved) say(t(panel, "saved", mb(saved.bytes)));
    else if (files) say(t(panel, "total", mb(total(plan(choice())))));
  }
  panel.hidden = false;
  show();
  caches.has(name).then(function (kept) {  /* the browser may have evicted it */
    var s = ls("safar.saved") || {};
    if (!kept && s[id]) { delete s[id]; ls("safar.saved", s); show(); }
  });
  fetch(panel.getAttribute("data-offline-url"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (f) {
      files = f;
      ["240p", "audio"].forEach(function (c) {
        var label = panel.querySelector("[data-size=\"" + c + "\"]");
        if (label) label.textContent = mb(total(plan(c)));
      });
      save.disabled = false; show();
    }).catch(function () { if (!(ls("safar.saved") || {})[id]) say(t(panel, "failed")); });
  choices.addEventListener("change", show);
  
  function get(f, done, cache) {
    var url = f.media ? f.url + (f.url.indexOf("?") === -1 ? "?" : "&") + "player=1" : f.url;
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok || (f.page && (r.redirected || (r.headers.get("Content-Type") || "").indexOf("text/html") !== 0))) throw new Error(url);
      var type = r.headers.get("Content-Type") || "application/octet-stream";
      var reader = r.body && r.body.getReader ? r.body.getReader() : null;
      var parts = [];
      var pump = reader ? function () {
        return reader.read().then(function (c) {
          if (c.done) return new Blob(parts, { type: type });
          parts.push(c.value); done(c.value.length); return pump();
        });
      } : function () { return r.blob().then(function (b) { done(b.size); return b; }); };
      return pump().then(function (blob) {
        return cache.put(new URL(f.url, location.href).href, new Response(blob, { headers: {
          "Content-Type": type, "Content-Length": String(blob.size) } })).then(function () { return blob.size; });
      });
    });
  }
  /* Quizzes without a time limit: start (or resume) each attempt, as the
     lesson's "Start" button does, and keep its page with every question on
     it; offline.js opens it from the lesson and queues the hand-in. */
  function csrf() { var m = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie); return m ? m[1] : ""; }
  function quizzes(cache, step) {
    var kept = {}, list = files.quizzes || [], i = 0;
    var next = function () {
      if (i >= list.length) return Promise.resolve(kept);
      var q = list[i++], body = new FormData();
      body.append("csrfmiddlewaretoken", csrf());
      return fetch(q.start, { method: "POST", body: body, credentials: "same-origin" }).then(function (r) {
        if (!r.ok || !r.redirected || !/\/attempts\//.test(r.url)) return;
        var page = r.url.split("?")[0];
        return get({ url: page, page: true }, step, cache).then(function () { kept[q.start] = page; });
      }).catch(function () {}).then(next);
    };
    return next();
  }
  save.addEventListener("click", function () {
    if (!files) return;
    var c = choice(), list = plan(c), need = total(list), got = 0;
    var estimate = navigator.storage && navigator.storage.estimate ? navigator.storage.estimate() : Promise.resolve(null);
    estimate.then(function (q) {
      if (q && q.quota && q.quota - (q.usage || 0) < need * 1.1) { say(t(panel, "nospace", mb(need), mb(q.quota - (q.usage || 0)))); return; }
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      save.disabled = true; choices.hidden = true; bar.hidden = false; bar.max = need; bar.value = 0;
      var step = function (n) { got += n; bar.value = Math.min(got, need); say(t(panel, "progress", mb(got), mb(need))); };
      return caches.open(name).then(function (cache) {
        var i = 0, bytes = 0;
        var next = function () {
          if (i >= list.length) return bytes;
          return get(list[i++], step, cache).then(function (n) { bytes += n; return next(); });
        };
        return next();
      }).then(function (bytes) {
        return caches.open(name).then(function (cache) { return quizzes(cache, step); })
          .then(function (attempts) { return [bytes, attempts]; });
      }).then(function (got) {
        var s = ls("safar.saved") || {}, a = ls("safar.attempts") || {};
        s[id] = { bytes: got[0], choice: c, at: new Date().toISOString(), attempts: got[1] };
        Object.keys(got[1]).forEach(function (k) { a[k] = got[1][k]; });
        ls("safar.saved", s); ls("safar.attempts", a); bar.hidden = true; save.disabled = false; show();
      }).catch(function () {
        caches.delete(name); bar.hidden = true; save.disabled = false; say(t(panel, "failed")); choices.hidden = false;
      });
    });
  });
  remove.addEventListener("click", function () {
    caches.delete(name).then(function () {
      var s = ls("safar.saved") || {}, a = ls("safar.attempts") || {};
      Object.keys((s[id] || {}).attempts || {}).forEach(function (k) { delete a[k]; });
      delete s[id]; ls("safar.saved", s); ls("safar.attempts", a); show(); say(t(panel, "removed"));
    });
  });
})();
