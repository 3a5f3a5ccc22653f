/* wagtail-localize's translation editor reads the chooser URLs from
   window.chooserUrls; the URLs come from this script tag's data attributes
   (moved out of an inline script for Safar's Content-Security-Policy). */
(function () {
  "use strict";
  var data = document.currentScript.dataset;
  if (typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: data.imageChooser,
      documentChooser: data.documentChooser,
      pageChooser: data.pageChooser,
    };
  }
})();
