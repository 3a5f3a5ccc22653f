/* Wagtail initialises a few admin widgets with inline <script> tags, which Safar's
   Content-Security-Policy (script-src 'self') blocks. Safar's template overrides
   (cms/templates/wagtailadmin/) emit <span data-safar-init> markers instead; this
   file runs the same initialisers, also for forms added later (InlinePanel). */
(function () {
  "use strict";
  var CONSTRUCTORS = { InlinePanel: true, MultipleChooserPanel: true };

  function run(marker) {
    if (marker.dataset.safarDone) return;
    var name = marker.dataset.safarInit;
    var fn = window[name];
    if (typeof fn !== "function") return;
    marker.dataset.safarDone = "1";
    var config = JSON.parse(marker.dataset.config || "{}");
    if (marker.dataset.safarNew) {
      new fn(marker.dataset.target, config);  // a chooser widget (cms/admin_choosers.py)
    } else if (CONSTRUCTORS[name]) {
      new fn(config);
    } else {
      fn(marker.dataset.target, config);
    }
  }

  function scan(root) {
    if (root.matches && root.matches("[data-safar-init]")) run(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-safar-init]").forEach(run);
  }

  function start() {
    scan(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (m) { m.addedNodes.forEach(scan); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
