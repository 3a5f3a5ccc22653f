/* The code to scan renews itself: the page reloads every `data-refresh`
   seconds while it is shown (a code is accepted for five minutes, so a phone
   that sleeps a little still shows a valid one). Without this script the
   trainer taps "Show a new code". No <meta refresh>: a page that reloads on
   its own must be a script's doing, which assistive technology can stop. */
(function () {
  "use strict";
  var code = document.querySelector(".qr[data-refresh]");
  if (!code) { return; }
  var seconds = parseInt(code.getAttribute("data-refresh"), 10);
  if (!(seconds > 0)) { return; }
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
