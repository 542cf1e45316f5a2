// Participation tables (render/participation_table.py): fold each state's full record into a
// details row opened by a button, and filter the rows by state name and by status. The filter is
// kept in the address (?state=...&status=...) so a reload or a shared link shows the same rows.
// Without this script every row and every record shows, and nothing is lost.
(function () {
  "use strict";

  // "Côte d'Ivoire" matches "cote": compare without accents or case.
  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function statusOf(group) {
    // The status cell is the badge: <td class="status-party"> (render/participation_table.py).
    const badge = group.querySelector('td[class^="status-"]');
    const found = badge && /^status-([a-z-]+)/.exec(badge.className);
    return found ? found[1] : "none";
  }

  // The button column is made here, so a page read without scripts has no empty column.
  function addToggle(group, index) {
    const row = group.rows[0];
    const cell = document.createElement("td");
    cell.className = "pt-x";
    row.appendChild(cell);
    const more = group.rows[1];
    if (!more) return; // the short row says everything there is
    more.cells[0].colSpan += 1; // span the new column too
    const name = row.cells[0].textContent.trim();
    more.id = more.id || "pt-more-" + index;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pt-toggle";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", more.id);
    button.setAttribute("aria-label", "Details for " + name);
    button.title = "Every act in full, with notes and sources";
    button.textContent = "Details";
    button.addEventListener("click", function () {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      group.classList.toggle("pt-open", open);
    });
    cell.appendChild(button);
  }

  // A cell whose text leads with a word ("Ratification 1970-03-05 ... 1970-02-04") sorts by the earliest
  // date it shows. The build writes data-sort only where that is not the right date (render/
  // participation_table.py, _ISO_DATE): two hundred attributes were 4 KB of a page, and only a script sorts.
  function giveSortDates(group) {
    Array.prototype.forEach.call(group.rows[0].cells, function (cell) {
      if (cell.tagName !== "TD" || cell.dataset.sort !== undefined) return;
      const text = cell.textContent.trim();
      if (/^\d/.test(text)) return; // leads with its date: the text sorts right
      const dates = text.match(/\d{4}(?:-\d{2}){0,2}/g);
      if (dates) cell.dataset.sort = dates.sort()[0];
    });
  }

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    return { state: params.get("state") || "", status: params.get("status") || "" };
  }

  // Replace, not push: typing should not fill the history. Some browsers refuse to change the
  // address of a file:// page; the filter still works, it just is not kept.
  function writeAddress(state, status) {
    const params = new URLSearchParams(window.location.search);
    if (state) params.set("state", state); else params.delete("state");
    if (status) params.set("status", status); else params.delete("status");
    const query = params.toString();
    const target = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", target);
    } catch (err) {
      /* file:// in a browser that forbids it */
    }
  }

  function setup(block) {
    if (block.dataset.ready === "yes") return;
    block.dataset.ready = "yes";
    const table = block.querySelector("table.pt-table");
    const groups = Array.from(table.tBodies);
    groups.forEach(giveSortDates);
    // The build leaves out a row's trailing empty cells (render/participation_table.py): put them back,
    // so that the button column lines up and an empty cell shows its dash.
    const columns = table.tHead.rows[0].cells.length;
    groups.forEach(function (group) {
      while (group.rows[0].cells.length < columns) group.rows[0].appendChild(document.createElement("td"));
    });
    const corner = document.createElement("th");
    corner.scope = "col";
    corner.setAttribute("data-nosort", "");
    corner.innerHTML = '<span class="pt-sr">Details</span>';
    table.tHead.rows[0].appendChild(corner);
    groups.forEach(addToggle);
    block.classList.add("pt-ready");

    const form = block.querySelector(".pt-filters");
    if (!form) return;
    const input = form.querySelector("input[name=state]");
    const select = form.querySelector("select[name=status]");
    const count = form.querySelector(".pt-count");
    const rows = groups.map(function (group) {
      const head = group.querySelector("th");
      const link = head.querySelector("a");
      const code = link ? (link.getAttribute("href").split("/").pop() || "").replace(/\.html$/, "") : "";
      return { group: group, name: fold(head.textContent + " " + code), status: statusOf(group) };
    });
    const start = readAddress();
    input.value = start.state;
    if (Array.from(select.options).some(function (o) { return o.value === start.status; })) select.value = start.status;

    function apply(remember) {
      const query = fold(input.value);
      const status = select.value;
      let shown = 0;
      rows.forEach(function (row) {
        const visible = (!query || row.name.indexOf(query) !== -1) && (!status || row.status === status);
        row.group.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " states shown";
      if (remember) writeAddress(input.value.trim(), status);
    }
    input.addEventListener("input", function () { apply(true); });
    select.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // One button opens (or closes) every details row of the rows shown, for reading or printing.
    const toggles = Array.from(table.querySelectorAll(".pt-toggle"));
    if (toggles.length) {
      const all = document.createElement("button");
      all.type = "button";
      all.className = "pt-toggle pt-all";
      all.setAttribute("aria-expanded", "false");
      all.textContent = "All details";
      all.addEventListener("click", function () {
        const open = all.getAttribute("aria-expanded") !== "true";
        all.setAttribute("aria-expanded", String(open));
        toggles.forEach(function (button) {
          if (button.getAttribute("aria-expanded") !== String(open)) button.click();
        });
      });
      form.appendChild(all);
    }
    form.hidden = false;
    apply(false);
  }

  function init() {
    document.querySelectorAll(".pt-block").forEach(setup);
  }
  // Run now (scripts load at the end of the page), and again after each instant-navigation page swap.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$) window.document$.subscribe(init);
})();
