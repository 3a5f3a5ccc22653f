/* Accessibility mends for parts of Wagtail's admin built in JavaScript (checked
   by axe-core in tests/e2e, journey 4), also for parts added later:
   - the chooser modal (`.modal[role=dialog]`) is named after the heading its
     content brings, or "Choose an item" while it has none;
   - wagtail-localize's "upload a PO file" field gets a label.
   The words come translated from the script tag's data attributes. */
(function () {
  "use strict";
  var script = document.currentScript;
  var words = script ? script.dataset : {};

  function nameDialog(dialog) {
    var heading = dialog.querySelector(".modal-body h1, .modal-body h2");
    var name = (heading && heading.textContent.trim()) || words.dialogName;
    if (name && dialog.getAttribute("aria-label") !== name) {
      dialog.setAttribute("aria-label", name);
    }
  }

  function labelUploads(root) {
    root.querySelectorAll(".js-translation-editor input[type=file]:not([aria-label])")
      .forEach(function (input) {
        if (!input.labels || !input.labels.length) input.setAttribute("aria-label", words.poUpload || "PO");
      });
  }

  function mend() {
    document.querySelectorAll(".modal[role=dialog]").forEach(nameDialog);
    labelUploads(document);
  }

  function start() {
    mend();
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; mend(); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
