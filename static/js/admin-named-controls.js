// The admin's autocomplete boxes (select2) name their combobox after the current choice, which is
// empty until one is made: name each after its field instead, for screen readers.
(function () {
  "use strict";
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
      box.querySelectorAll('[role="combobox"], .select2-search__field').forEach(function (control) {
        control.removeAttribute("aria-labelledby");
        control.setAttribute("aria-label", name);
      });
    });
  }
  window.addEventListener("load", nameBoxes);
  document.addEventListener("formset:added", function () { setTimeout(nameBoxes, 0); });
  document.addEventListener("select2:close", nameBoxes);
})();
