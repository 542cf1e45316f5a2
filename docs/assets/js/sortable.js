// Sort any table inside a `.sortable` block by clicking (or pressing Enter on) a heading.
// Plain DOM code so it runs the same online, from disk and under instant navigation.
(function () {
  function cellValue(row, index) {
    const cell = row.children[index];
    if (!cell) return "";
    // data-sort: the value to sort by where the text leads with a word ("Ratification 1970-03-05").
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }
  function compare(a, b) {
    const na = Number(a.replace(/,/g, "")), nb = Number(b.replace(/,/g, ""));
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }
  function makeSortable(table) {
    if (table.dataset.sortable === "ready") return;
    table.dataset.sortable = "ready";
    const headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      const button = document.createElement("button");
      button.className = "sort";
      button.type = "button";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "Sort by " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("scope", "col");
      button.addEventListener("click", function () {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        if (table.tBodies.length > 1) {
          // One tbody per item (a row and its details row, as in participation tables): move whole groups.
          const groups = Array.from(table.tBodies);
          groups.sort(function (g1, g2) {
            const result = compare(cellValue(g1.rows[0], index), cellValue(g2.rows[0], index));
            return ascending ? result : -result;
          });
          groups.forEach(function (group) { table.appendChild(group); });
          return;
        }
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (r1, r2) {
          const result = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  window.makeSortableTable = makeSortable;
  function init() {
    document.querySelectorAll(".sortable table").forEach(makeSortable);
    document.querySelectorAll("table thead th").forEach(function (th) { th.setAttribute("scope", "col"); });
  }
  // Run now (scripts load at the end of the page), and again after each instant-navigation page swap.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$) window.document$.subscribe(init);
})();
