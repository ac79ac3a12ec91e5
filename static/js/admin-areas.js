// The areas (热区) editor: rectangles over the page image in page-relative units (0..1).
// Draw on empty space for the chosen article, drag a box to move it, its corner to resize it,
// arrow keys to nudge the selected box; the form posts them all as JSON.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("areas-data").textContent);
  var canvas = document.getElementById("areas-canvas");
  var select = document.getElementById("area-article");
  var form = document.getElementById("areas-form");
  var labels = {};
  data.articles.forEach(function (article) {
    var option = document.createElement("option");
    option.value = article.id;
    option.textContent = (article.own ? "" : "（转版）") + article.label;
    select.appendChild(option);
    labels[article.id] = article.label;
  });
  var areas = data.areas.map(function (a) { return {article: a.article, x: a.x, y: a.y, width: a.width, height: a.height}; });
  var selected = null;

  function clamp(v, lo, hi) { return Math.min(Math.max(v, lo), hi); }
  function point(event) {
    var r = canvas.getBoundingClientRect();
    return {x: clamp((event.clientX - r.left) / r.width, 0, 1), y: clamp((event.clientY - r.top) / r.height, 0, 1)};
  }
  function render() {
    canvas.querySelectorAll(".box").forEach(function (el) { el.remove(); });
    areas.forEach(function (area, index) {
      var box = document.createElement("div");
      box.className = "box" + (area === selected ? " selected" : "");
      box.style.left = area.x * 100 + "%";
      box.style.top = area.y * 100 + "%";
      box.style.width = area.width * 100 + "%";
      box.style.height = area.height * 100 + "%";
      box.dataset.index = index;
      box.tabIndex = 0;
      box.setAttribute("role", "button");
      box.setAttribute("aria-label", "热区：" + (labels[area.article] || area.article));
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = labels[area.article] || area.article;
      var grip = document.createElement("span");
      grip.className = "grip";
      box.appendChild(label);
      box.appendChild(grip);
      canvas.appendChild(box);
    });
  }
  function choose(area) {
    selected = area;
    if (area) select.value = area.article;
    render();
    if (area) canvas.querySelector('.box[data-index="' + areas.indexOf(area) + '"]').focus();
  }

  var drag = null;
  canvas.addEventListener("pointerdown", function (event) {
    var p = point(event);
    var box = event.target.closest(".box");
    if (box) {
      var area = areas[+box.dataset.index];
      drag = {area: area, mode: event.target.classList.contains("grip") ? "size" : "move", start: p,
              from: {x: area.x, y: area.y, width: area.width, height: area.height}};
      choose(area);
    } else {
      var fresh = {article: +select.value, x: p.x, y: p.y, width: 0.001, height: 0.001};
      areas.push(fresh);
      drag = {area: fresh, mode: "draw", start: p};
      choose(fresh);
    }
    canvas.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var p = point(event), a = drag.area;
    if (drag.mode === "draw") {
      a.x = Math.min(p.x, drag.start.x); a.y = Math.min(p.y, drag.start.y);
      a.width = Math.max(Math.abs(p.x - drag.start.x), 0.001); a.height = Math.max(Math.abs(p.y - drag.start.y), 0.001);
    } else if (drag.mode === "move") {
      a.x = clamp(drag.from.x + p.x - drag.start.x, 0, 1 - a.width);
      a.y = clamp(drag.from.y + p.y - drag.start.y, 0, 1 - a.height);
    } else {
      a.width = clamp(drag.from.width + p.x - drag.start.x, 0.005, 1 - a.x);
      a.height = clamp(drag.from.height + p.y - drag.start.y, 0.005, 1 - a.y);
    }
    render();
  });
  canvas.addEventListener("pointerup", function () {
    if (drag && drag.mode === "draw" && (drag.area.width < 0.005 || drag.area.height < 0.005)) {
      areas.splice(areas.indexOf(drag.area), 1);  // a click, not a rectangle
      selected = null;
    }
    drag = null;
    render();
  });
  canvas.addEventListener("keydown", function (event) {
    var box = event.target.closest(".box");
    if (!box) return;
    var a = areas[+box.dataset.index], step = event.shiftKey ? 0.01 : 0.002;
    var moves = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step]};
    if (moves[event.key]) {
      a.x = clamp(a.x + moves[event.key][0], 0, 1 - a.width);
      a.y = clamp(a.y + moves[event.key][1], 0, 1 - a.height);
      choose(a);
      event.preventDefault();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      areas.splice(areas.indexOf(a), 1);
      choose(null);
      event.preventDefault();
    }
  });
  select.addEventListener("change", function () {
    if (selected) { selected.article = +select.value; render(); }
  });
  document.getElementById("area-delete").addEventListener("click", function () {
    if (selected) { areas.splice(areas.indexOf(selected), 1); choose(null); }
  });
  form.addEventListener("submit", function () {
    document.getElementById("areas-json").value = JSON.stringify(areas);
  });
  render();
})();
