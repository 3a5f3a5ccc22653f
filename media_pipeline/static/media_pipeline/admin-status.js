/* Wagtail admin: live status of a video while it is uploaded/processing. */
(function () {
  "use strict";
  var box = document.querySelector("[data-video-status]");
  if (!box) return;
  var label = box.querySelector("[data-status-label]");
  var bar = box.querySelector("[data-status-progress]");
  var message = box.querySelector("[data-status-message]");
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        label.textContent = data.label;
        bar.value = data.progress;
        bar.textContent = data.progress + "%";
        bar.hidden = data.status !== "processing";
        message.textContent = data.message;
        message.hidden = !data.message;
        if (data.status === "uploaded" || data.status === "processing") setTimeout(poll, 2000);
        else if (data.status !== box.getAttribute("data-status")) window.location.reload();
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  var status = box.getAttribute("data-status");
  if (status === "uploaded" || status === "processing") setTimeout(poll, 2000);
})();
