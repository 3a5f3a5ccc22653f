/* wagtail-localize's "Translate" form: the "select all" box ticks every language.
   (Moved out of an inline script for Safar's Content-Security-Policy.) */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var selectAll = document.querySelector('[name="select_all"]');
  var locales = document.querySelectorAll('[name="locales"]');
  if (!selectAll) return;
  selectAll.addEventListener("change", function () {
    locales.forEach(function (box) { box.checked = selectAll.checked; });
  });
});
