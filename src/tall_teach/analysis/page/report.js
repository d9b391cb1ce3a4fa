/* Sortable item table: header buttons sort the rows by their data-value. */
(function () {
  "use strict";
  var table = document.getElementById("items");
  if (!table) { return; }
  var body = table.tBodies[0];
  var state = { column: -1, ascending: true };
  Array.prototype.forEach.call(table.querySelectorAll("th button"), function (button) {
    button.addEventListener("click", function () {
      var column = Number(button.dataset.sort);
      var numeric = button.dataset.type === "number";
      state.ascending = state.column === column ? !state.ascending : true;
      state.column = column;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.value, y = b.cells[column].dataset.value;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return state.ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (th) { th.removeAttribute("aria-sort"); });
      button.parentNode.setAttribute("aria-sort", state.ascending ? "ascending" : "descending");
    });
  });
})();
