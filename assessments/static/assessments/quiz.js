/* Autosave for the quiz form: every change is sent to the server at once, so a
   dropped connection loses nothing. The form works the same without it.
   The time left (written by the server in minutes) also ticks here as mm:ss. */
(function () {
  "use strict";
  var timer = document.querySelector("[data-seconds-left]");
  var clock = timer && timer.querySelector("[data-countdown]");
  if (!clock) { return; }
  var end = Date.now() + 1000 * parseInt(timer.getAttribute("data-seconds-left"), 10);
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    clock.textContent = "(" + m + ":" + (s < 10 ? "0" : "") + s + ")";
    if (left > 0) { setTimeout(tick, 1000); }
  }
  tick();
})();
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = form.querySelector(".autosave-status");
  var timer = null;
  function save() {
    var data = new FormData(form);
    data.delete("action");
    fetch(form.getAttribute("data-autosave"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!status) { return; }
        status.textContent = response.ok
          ? (form.getAttribute("data-saved") || "✓") + " " + body.saved
          : body.error || "";
      });
    }).catch(function () {
      if (status) { status.textContent = "…"; }
    });
  }
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 300);
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") {
      clearTimeout(timer);
      timer = setTimeout(save, 1200);
    }
  });
})();
