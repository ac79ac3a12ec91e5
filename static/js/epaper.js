// The page view: an article's areas on the page image and its entry in the list beside it light
// up together, whichever the reader points at or tabs to.
(function () {
  "use strict";
  var view = document.querySelector(".epaper");
  if (!view) return;
  function mark(id, on) {
    view.querySelectorAll('[data-article="' + id + '"]').forEach(function (el) {
      el.classList.toggle("lit", on);
    });
  }
  ["mouseover", "focusin"].forEach(function (type) {
    view.addEventListener(type, function (event) {
      var el = event.target.closest("[data-article]");
      if (el) mark(el.dataset.article, true);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    view.addEventListener(type, function (event) {
      var el = event.target.closest("[data-article]");
      if (el) mark(el.dataset.article, false);
    });
  });
})();
