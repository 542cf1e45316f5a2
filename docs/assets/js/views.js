// Matrix and compare views. Their data is one shared script, assets/data/treaty-data.js, that sets
// window.treatyData (see src/treatylib/render/view_data.py for its compact form). It is loaded with
// <script src>, not fetch(), so both views work from disk (file://) with no network.
// Every view's state (filters, year, selection) lives in the address's #fragment, so a view can be
// shared and survives a reload. It is written with history.replaceState: assigning location.hash
// fires popstate, on which Material's instant navigation reloads the page and loses focus.
(function () {
  "use strict";

  // ---- the data -------------------------------------------------------------------------------
  let model = null;
  function decode(raw) {
    const instruments = raw.instruments.map(function ([id, short, name, kind, domains, opened]) {
      return { id: id, short: short, name: name, kind: kind, domains: domains, opened: opened };
    });
    const states = raw.states.map(function ([code, name, region, groups, former, cells]) {
      return { code: code, name: name, region: raw.regions[region], groups: groups.map(function (g) { return raw.groups[g]; }),
        former: !!former, cells: cells };
    });
    return { raw: raw, instruments: instruments, states: states, kinds: raw.kinds, first: raw.years[0], last: raw.years[1] };
  }
  // A cell is a kind index, or [kind, date], or [kind, date, changes]; a change is [year, kind, date]
  // from the end of that year on, or [year] for "as today". See view_data.py.
  // A fourth field, 1, flags an undated act behind the cell: standing() counts it from the start,
  // so a past year may show it too early, and the year view says so.
  // Before the year an instrument opened, no state had acted on it, dated act or not.
  function statusAt(cell, year, opened) {
    if (opened && year < opened) return { k: model.raw.noAct, date: "", notYet: true };
    const today = typeof cell === "number" ? { k: cell, date: "" } : { k: cell[0], date: cell[1] || "" };
    if (year >= model.last || typeof cell === "number" || cell.length < 3) return today;
    let found = null;
    cell[2].forEach(function (change) { if (change[0] <= year) found = change; });
    const status = !found || found.length === 1 ? today : { k: found[1], date: found[2] || "" };
    return cell[3] === 1 ? { k: status.k, date: status.date, undated: true } : status;
  }
  function kindOf(status) {
    const [value, label, icon, css] = model.kinds[status.k];
    return { value: value, label: label, icon: icon, css: css };
  }
  function describe(status) {
    const kind = kindOf(status);
    return kind.label + (status.date ? ", " + status.date : "");
  }

  // ---- small DOM helpers ----------------------------------------------------------------------
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([k, v]) {
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v; else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function select(id, label, options) {
    const node = el("select", { id: id });
    options.forEach(function ([value, text]) { node.appendChild(el("option", { value: value, text: text })); });
    return el("label", { for: id }, [label + " ", node]);
  }
  function checkbox(id, label) {
    return el("label", { for: id, class: "switch" }, [el("input", { id: id, type: "checkbox" }), " " + label]);
  }
  function stateLink(state) {
    return el("a", { href: "states/" + state.code.toLowerCase() + ".html", text: state.name });
  }
  function instrumentLink(inst) {
    return el("a", { href: "instruments/" + inst.id + ".html", title: inst.name, text: inst.short });
  }
  // The status as an icon and words, for the compare table: readable without colour.
  function statusText(status) {
    const kind = kindOf(status);
    return el("span", { class: "status status-" + kind.css }, [
      el("span", { "aria-hidden": "true", text: kind.icon }), " " + kind.label,
      status.date ? el("span", { class: "status-date", text: " " + status.date }) : null]);
  }

  // ---- the address ----------------------------------------------------------------------------
  // `#key=value&key=value`; a part without `=` is a list of state codes (compare: `#IND,PAK`).
  function readHash() {
    const found = { codes: [] };
    location.hash.replace(/^#/, "").split("&").filter(Boolean).forEach(function (part) {
      const at = part.indexOf("=");
      if (at < 0) found.codes = decodeURIComponent(part).split(",");
      else found[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1).replace(/\+/g, " "));
    });
    return found;
  }
  function writeHash(parts) {
    const text = parts.filter(Boolean).join("&");
    const target = location.pathname + location.search + (text ? "#" + text : "");
    if (target !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", target);
  }
  function param(key, value) {
    return value ? encodeURIComponent(key) + "=" + encodeURIComponent(value) : "";
  }

  // ---- matrix ---------------------------------------------------------------------------------
  function initMatrix(root) {
    const regions = model.raw.regions.slice();
    const groups = model.raw.groups.slice();
    const kinds = Array.from(new Set(model.instruments.map(function (i) { return i.kind; })));
    const plain = model.kinds.slice(0, model.raw.plain);
    const yearRange = el("input", { id: "mx-year-range", type: "range", min: model.first, max: model.last, step: 1,
      "aria-label": "Year (slider)" });
    const yearNumber = el("input", { id: "mx-year", type: "number", min: model.first, max: model.last, step: 1 });
    const yearSays = el("output", { id: "mx-year-says", for: "mx-year" });
    const today = el("button", { type: "button", id: "mx-today", class: "md-button", text: "Today" });
    const time = el("fieldset", { class: "mx-time" }, [
      el("legend", { text: "Status at the end of the year" }),
      yearRange, el("label", { for: "mx-year" }, ["Year ", yearNumber]), today, yearSays]);
    const controls = el("fieldset", { class: "mx-filters" }, [
      el("legend", { text: "Filters" }),
      select("mx-domain", "Domain", [["", "All domains"]].concat(Object.entries(model.raw.domains))),
      select("mx-kind", "Kind", [["", "All kinds"]].concat(kinds.map(function (k) { return [k, model.raw.kindLabels[k]]; }))),
      select("mx-region", "Region", [["", "All regions"]].concat(regions.map(function (r) { return [r, r]; }))),
      select("mx-group", "Group", [["", "All states"]].concat(groups.map(function (g) { return [g, g]; }))),
      el("label", { for: "mx-state" }, ["State ", el("input", { id: "mx-state", type: "search", placeholder: "name or code" })]),
      select("mx-status", "Status", [["", "Any status"]].concat(plain.map(function (k) { return [k[0], k[2] + " " + k[1]]; }))),
      checkbox("mx-open", "Hide instruments not open to these states"),
    ]);
    const summary = el("p", { id: "mx-summary", "aria-live": "polite" });
    const detail = el("p", { id: "mx-detail", class: "mx-detail", text: "Hover over a cell, or move to it with the arrow keys, for its status." });
    const legend = el("ul", { class: "mx-legend", "aria-label": "Legend" }, plain.map(function (k) {
      return el("li", {}, [el("span", { class: "mx-i mx-" + k[3], "aria-hidden": "true", text: k[2] }), " " + k[1]]);
    }));
    const wrap = el("div", { class: "matrix-wrap" });
    root.replaceChildren(time, controls, legend, summary, detail, wrap);
    const $ = function (id) { return root.querySelector("#" + id); };
    const FIELDS = { domain: "mx-domain", kind: "mx-kind", region: "mx-region", group: "mx-group", q: "mx-state", status: "mx-status" };

    function fromHash() {
      const h = readHash();
      Object.entries(FIELDS).forEach(function ([key, id]) {
        const node = $(id);
        node.value = h[key] || "";
        if (node.tagName === "SELECT" && node.selectedIndex < 0) node.value = "";
      });
      $("mx-open").checked = h.open === "hide";
      const year = parseInt(h.year, 10);
      setYear(isNaN(year) ? model.last : year);
    }
    function toHash() {
      const year = currentYear();
      writeHash(Object.entries(FIELDS).map(function ([key, id]) { return param(key, $(id).value.trim()); })
        .concat([param("open", $("mx-open").checked ? "hide" : ""), param("year", year < model.last ? String(year) : "")]));
    }
    function setYear(year) {
      year = Math.min(model.last, Math.max(model.first, year));
      yearRange.value = year;
      yearNumber.value = year;
    }
    function currentYear() {
      const year = parseInt(yearNumber.value, 10);
      return isNaN(year) ? model.last : Math.min(model.last, Math.max(model.first, year));
    }

    let focusAt = [0, 0]; // the roving cell: [row, column]
    function render() {
      const domain = $("mx-domain").value, kind = $("mx-kind").value, region = $("mx-region").value;
      const group = $("mx-group").value, query = $("mx-state").value.trim().toLowerCase();
      const wanted = $("mx-status").value, hideClosed = $("mx-open").checked;
      const year = currentYear();
      yearSays.textContent = year >= model.last ? "Today (data as of " + model.raw.asOf + ")" :
        "As it stood on 31 December " + year + " (* an undated act, shown for every year)";
      let rows = model.states.filter(function (s) {
        return (!region || s.region === region) && (!group || s.groups.includes(group)) &&
          (!query || s.name.toLowerCase().includes(query) || s.code.toLowerCase() === query);
      });
      let cols = model.instruments.map(function (inst, index) { return { inst: inst, index: index }; }).filter(function (c) {
        return (!domain || c.inst.domains.includes(domain)) && (!kind || c.inst.kind === kind);
      });
      const at = function (s, c) { return statusAt(s.cells[c.index], year, c.inst.opened); };
      if (hideClosed) {
        cols = cols.filter(function (c) { return rows.some(function (s) { return kindOf(at(s, c)).value !== "not-open"; }); });
      }
      if (wanted) {
        rows = rows.filter(function (s) { return cols.some(function (c) { return kindOf(at(s, c)).value === wanted; }); });
      }
      const head = el("tr", {}, [el("th", { scope: "col", class: "mx-state", text: "State" })].concat(cols.map(function (c) {
        return el("th", { scope: "col", title: c.inst.name, class: "mx-inst" }, [c.inst.short]);
      })));
      const body = el("tbody");
      rows.forEach(function (s, r) {
        body.appendChild(el("tr", {}, [el("th", { scope: "row" }, [stateLink(s)])].concat(cols.map(function (c, n) {
          const status = at(s, c);
          const k = kindOf(status);
          const words = s.name + ", " + c.inst.short + ": " + describe(status) +
            (status.undated ? " (an act's date is not recorded: the year it took effect is unknown)" : "") +
            (status.notYet ? " (not yet open: opened in " + c.inst.opened + ")" : "");
          const icon = el("span", { class: "mx-i", role: "img", "aria-label": words, title: words, tabindex: "-1",
            "data-r": r, "data-c": n, text: k.icon + (status.undated ? "*" : "") });
          return el("td", { class: "mx-" + k.css + (wanted && k.value !== wanted ? " mx-dim" : "") }, [icon]);
        }))));
      });
      const caption = el("caption", { class: "mx-hidden", text: "Participation: states by instrument" +
        (year < model.last ? ", at the end of " + year : "") });
      const table = el("table", { class: "matrix-table" }, [caption, el("thead", {}, [head]), body]);
      wrap.replaceChildren(table);
      summary.textContent = rows.length + " states × " + cols.length + " instruments" +
        (year < model.last ? ", at the end of " + year : "");
      focusAt = [Math.min(focusAt[0], rows.length - 1), Math.min(focusAt[1], cols.length - 1)];
      const first = cellAt(focusAt[0], focusAt[1]);
      if (first) first.tabIndex = 0;
      if (window.makeSortableTable) window.makeSortableTable(table);
    }
    // Visual row order may change by sorting: move through the rows as displayed.
    function cellAt(r, c) {
      const row = wrap.querySelectorAll("tbody tr")[r];
      return row ? row.querySelectorAll(".mx-i")[c] : null;
    }
    function show(cell) { detail.textContent = cell.getAttribute("aria-label"); }
    wrap.addEventListener("mouseover", function (e) { if (e.target.classList.contains("mx-i")) show(e.target); });
    wrap.addEventListener("focusin", function (e) { if (e.target.classList.contains("mx-i")) show(e.target); });
    wrap.addEventListener("keydown", function (e) {
      const cell = e.target;
      if (!cell.classList || !cell.classList.contains("mx-i")) return;
      const row = cell.closest("tr");
      const rowsShown = Array.from(wrap.querySelectorAll("tbody tr"));
      let r = rowsShown.indexOf(row), c = Array.from(row.querySelectorAll(".mx-i")).indexOf(cell);
      const lastCol = row.querySelectorAll(".mx-i").length - 1;
      const moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0], PageDown: [10, 0], PageUp: [-10, 0] };
      if (moves[e.key]) { r += moves[e.key][0]; c += moves[e.key][1]; }
      else if (e.key === "Home") c = 0;
      else if (e.key === "End") c = lastCol;
      else return;
      e.preventDefault();
      r = Math.max(0, Math.min(rowsShown.length - 1, r));
      c = Math.max(0, Math.min(lastCol, c));
      const next = cellAt(r, c);
      if (!next) return;
      cell.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
      focusAt = [r, c];
    });

    function changed() { toHash(); render(); }
    Object.values(FIELDS).forEach(function (id) { $(id).addEventListener("input", changed); });
    $("mx-open").addEventListener("change", changed);
    yearRange.addEventListener("input", function () { yearNumber.value = yearRange.value; changed(); });
    yearNumber.addEventListener("input", function () {
      if (yearNumber.value.length === 4) { setYear(parseInt(yearNumber.value, 10)); changed(); }
    });
    yearNumber.addEventListener("change", function () { setYear(currentYear()); changed(); });
    today.addEventListener("click", function () { setYear(model.last); changed(); });
    window.addEventListener("hashchange", function () { if (root.isConnected) { fromHash(); render(); } });
    fromHash();
    render();
  }

  // ---- compare --------------------------------------------------------------------------------
  const MAX_STATES = 4;
  function initCompare(root) {
    const byCode = Object.fromEntries(model.states.map(function (s) { return [s.code, s]; }));
    const list = el("datalist", { id: "cmp-states" });
    model.states.forEach(function (s) { list.appendChild(el("option", { value: s.code, label: s.name })); });
    const input = el("input", { id: "cmp-input", list: "cmp-states", placeholder: "e.g. IND or India" });
    const add = el("button", { type: "button", id: "cmp-add", class: "md-button", text: "Add state" });
    // Examples rather than group presets: groups such as the P5 have more than MAX_STATES members.
    const presets = [["IND", "PAK"], ["USA", "RUS"], ["PRK", "KOR"]].filter(function (codes) {
      return codes.every(function (c) { return byCode[c]; });
    }).map(function (codes) {
      const button = el("button", { type: "button", class: "md-button",
        text: codes.map(function (c) { return byCode[c].name; }).join(" and ") });
      button.addEventListener("click", function () { setSelected(codes); });
      return button;
    });
    const note = el("p", { id: "cmp-note", "aria-live": "polite" });
    const chips = el("p", { id: "cmp-chips" });
    const diff = checkbox("cmp-diff", "Differences only");
    const out = el("div", { id: "cmp-table", "aria-live": "polite" });
    root.replaceChildren(el("fieldset", {}, [el("legend", { text: "States to compare (two to four)" }),
      el("label", { for: "cmp-input" }, ["State ", input]), list, add,
      el("span", { class: "cmp-examples" }, ["Examples: "].concat(presets)), note, chips, diff]), out);
    const diffBox = root.querySelector("#cmp-diff");

    function selected() {
      return Array.from(new Set(readHash().codes.map(function (c) { return c.trim().toUpperCase(); })))
        .filter(function (c) { return byCode[c]; }).slice(0, MAX_STATES);
    }
    function setSelected(codes) {
      const unique = Array.from(new Set(codes));
      note.textContent = unique.length > MAX_STATES ? "At most " + MAX_STATES + " states: the first " + MAX_STATES + " are shown." : "";
      writeHash([unique.slice(0, MAX_STATES).join(","), param("diff", diffBox.checked ? "1" : "")]);
      render();
    }
    function resolve(text) {
      const t = text.trim().toLowerCase();
      if (!t) return null;
      const hit = model.states.find(function (s) { return s.code.toLowerCase() === t || s.name.toLowerCase() === t; }) ||
        model.states.find(function (s) { return s.name.toLowerCase().startsWith(t); });
      return hit && hit.code;
    }
    add.addEventListener("click", function () {
      const code = resolve(input.value);
      if (!code) { note.textContent = "No state found for “" + input.value + "”."; return; }
      setSelected(selected().concat([code]));
      input.value = "";
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); add.click(); } });
    diffBox.addEventListener("change", function () { setSelected(selected()); });

    function render() {
      const codes = selected();
      diffBox.checked = readHash().diff === "1";
      chips.replaceChildren(codes.length ? "Selected (press to remove): " : "");
      codes.forEach(function (code) {
        const remove = el("button", { type: "button", class: "md-button", "aria-label": "Remove " + byCode[code].name,
          text: byCode[code].name + " ✕" });
        remove.addEventListener("click", function () { setSelected(codes.filter(function (c) { return c !== code; })); });
        chips.appendChild(remove);
        chips.appendChild(document.createTextNode(" "));
      });
      add.disabled = codes.length >= MAX_STATES;
      if (codes.length < 2) { out.replaceChildren(el("p", { text: "Choose at least two states." })); return; }
      const head = el("tr", {}, [el("th", { scope: "col", text: "Instrument" })].concat(codes.map(function (c) {
        return el("th", { scope: "col" }, [stateLink(byCode[c])]);
      })));
      const body = el("tbody");
      let differing = 0;
      model.instruments.forEach(function (inst, index) {
        const statuses = codes.map(function (c) { return statusAt(byCode[c].cells[index], model.last); });
        const differs = new Set(statuses.map(function (s) { return kindOf(s).value; })).size > 1;
        if (differs) differing++;
        if (diffBox.checked && !differs) return;
        const name = el("th", { scope: "row" }, [instrumentLink(inst),
          differs ? el("span", { class: "cmp-differs" }, [el("span", { "aria-hidden": "true", text: " ≠ " }), "Differs"]) : null]);
        body.appendChild(el("tr", differs ? { class: "differs" } : {}, [name].concat(statuses.map(function (s) {
          return el("td", differs ? { class: "differs" } : {}, [statusText(s)]);
        }))));
      });
      out.replaceChildren(
        el("p", { text: differing + " of " + model.instruments.length + " instruments differ" +
          (diffBox.checked ? "; only those are shown." : ".") }),
        el("div", { class: "cmp-wrap" }, [el("table", { class: "compare-table" }, [el("thead", {}, [head]), body])]));
    }
    window.addEventListener("hashchange", function () { if (root.isConnected) render(); });
    render();
  }

  function init() {
    if (!window.treatyData) return; // the data file calls init again once it has loaded
    if (!model || model.raw !== window.treatyData) model = decode(window.treatyData);
    const matrix = document.getElementById("matrix-app");
    const compare = document.getElementById("compare-app");
    // Guard: init runs on load, when the data arrives, and on every instant-navigation page swap.
    if (matrix && !matrix.dataset.ready) { matrix.dataset.ready = "1"; initMatrix(matrix); }
    if (compare && !compare.dataset.ready) { compare.dataset.ready = "1"; initCompare(compare); }
  }
  window.treatyViews = init;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$) window.document$.subscribe(init);
})();
