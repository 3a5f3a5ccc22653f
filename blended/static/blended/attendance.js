/* Offline-tolerant attendance on the trainer's session page (no framework).
   Without this script the page's form posts the ticked boxes as it is.
   With it, each tick becomes a mark with an id made on the phone, kept in
   localStorage until the server has answered it (POST JSON to the sync URL,
   idempotent by id), so marks taken without a connection are sent later. */
(function () {
  "use strict";
  var form = document.getElementById("attendance-form");
  if (!form || !window.fetch || !window.localStorage || !window.JSON) { return; }
  var KEY = "safar-attendance-marks";
  var statusBox = document.getElementById("offline-status");
  var texts = {};
  var template = document.getElementById("offline-messages");
  if (template && template.content) {
    Array.prototype.forEach.call(template.content.querySelectorAll("[data-key]"), function (el) {
      texts[el.getAttribute("data-key")] = el.textContent;
    });
  }
  function say(text) { if (statusBox) { statusBox.textContent = text; } }
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(marks) { localStorage.setItem(KEY, JSON.stringify(marks)); }
  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function showPending() {
    load().forEach(function (mark) {
      var box = form.querySelector('input[name="present"][value="' + mark.registration + '"]');
      if (box) { box.checked = true; box.disabled = true; }
    });
  }
  var sending = false;
  function flush() {
    var marks = load();
    if (!marks.length || sending) { return; }
    if (navigator.onLine === false) { say(texts.saved || ""); return; }
    sending = true;
    var token = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
    fetch(form.getAttribute("data-sync-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ marks: marks })
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      var answered = {}, refused = [];
      (data.results || []).forEach(function (r) {
        answered[r.id] = true;
        if (!r.ok) { refused.push(r.message); }
      });
      save(load().filter(function (m) { return !answered[m.id]; }));
      sending = false;
      if (refused.length) { say((texts.refused || "") + " " + refused.join(" ")); }
      else { say(texts.sent || ""); window.location.reload(); }
    }).catch(function () {
      sending = false;
      say(texts.saved || "");
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var marks = load();
    var now = new Date().toISOString();
    var session = form.getAttribute("data-session");
    Array.prototype.forEach.call(form.querySelectorAll('input[name="present"]:checked:not(:disabled)'), function (box) {
      marks.push({ id: newId(), registration: parseInt(box.value, 10), session: session, at: now });
      box.disabled = true;
    });
    save(marks);
    say(texts.saved || "");
    flush();
  });
  window.addEventListener("online", flush);
  showPending();
  flush();
})();
