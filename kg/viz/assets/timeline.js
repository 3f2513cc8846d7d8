// The timeline page: the evidence of the cell under the pointer (or last clicked) is shown in
// full below the table, as well as in the cell's own tooltip. Text goes in as textContent.
(function () {
  "use strict";
  var box = document.getElementById("evidence");
  var table = document.getElementById("timeline");
  if (!box || !table) return;
  function show(ev) {
    var cell = ev.target.closest("td.cell, th.name");
    if (!cell) return;
    box.replaceChildren();
    var lines = cell.getAttribute("title").split("\n");
    var head = document.createElement("strong");
    head.textContent = lines[0];
    box.appendChild(head);
    if (lines.length > 1) {
      var quote = document.createElement("blockquote");
      quote.textContent = lines.slice(1).join("\n");
      box.appendChild(quote);
    }
  }
  table.addEventListener("mouseover", show);
  table.addEventListener("click", show);
})();
