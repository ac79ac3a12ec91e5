// The admin's autocomplete boxes (select2) name their combobox after the current choice, which is
// empty until one is made, and recreate their search field on every change: name each after its
// field instead, for screen readers, whenever select2 redraws it.
(function () {
  "use strict";
  var CONTROLS = '[role="combobox"], [role="textbox"], .select2-search__field';

  function nameOf(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : select.name;
  }

  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      if (!box || !box.classList.contains("select2")) return;
      var name = nameOf(select);
      box.querySelectorAll(CONTROLS).forEach(function (control) {
        if (control.hasAttribute("aria-labelledby")) control.removeAttribute("aria-labelledby");
        if (control.getAttribute("aria-label") !== name) control.setAttribute("aria-label", name);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameBoxes();
    new MutationObserver(nameBoxes).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["aria-labelledby"],
    });
  });
})();
