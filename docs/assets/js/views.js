// Matrix and compare views. The data is embedded in the page at build time, a script
// (#treaty-data) that sets window.treatyData, so both views work from disk with no network.
(function () {
  "use strict";
  const ICONS = { party: "✔", member: "✔", signatory: "✎", adherent: "◐", withdrawn: "✖", "former-party": "⊘", "former-state": "†", unknown: "?", ineligible: "·" };

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([k, v]) {
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  // Not looked up by the script's id: instant navigation re-runs it as a new script without one.
  function readData() {
    return window.treatyData || null;
  }
  function statusNode(cell) {
    if (!cell) return el("span", { class: "status status-none" }, [el("span", { "aria-hidden": "true", text: "—" }), " Not joined"]);
    const [status, label, date] = cell;
    const text = " " + label + (date ? " (" + date + ")" : "");
    return el("span", { class: "status status-" + status }, [el("span", { "aria-hidden": "true", text: ICONS[status] || "" }), text]);
  }
  function select(id, label, options) {
    const node = el("select", { id: id });
    options.forEach(function ([value, text]) { node.appendChild(el("option", { value: value, text: text })); });
    return el("label", { for: id }, [label + " ", node]);
  }
  function stateLink(state) {
    return el("a", { href: "states/" + state.code.toLowerCase() + ".html", text: state.name });
  }

  // ---- matrix -------------------------------------------------------------
  function initMatrix(root, data) {
    const regions = Array.from(new Set(data.states.map(function (s) { return s.region; }))).sort();
    const kinds = Array.from(new Set(data.instruments.map(function (i) { return i.kind; })));
    const groups = Array.from(new Set([].concat.apply([], data.states.map(function (s) { return s.groups; })))).sort();
    const controls = el("fieldset", {}, [
      el("legend", { text: "Filters" }),
      select("mx-domain", "Domain", [["", "All domains"]].concat(Object.entries(data.domains))),
      select("mx-kind", "Kind", [["", "All kinds"]].concat(kinds.map(function (k) {
        return [k, data.instruments.find(function (i) { return i.kind === k; }).kindLabel];
      }))),
      select("mx-region", "Region", [["", "All regions"]].concat(regions.map(function (r) { return [r, r]; }))),
      select("mx-group", "Group", [["", "All states"]].concat(groups.map(function (g) { return [g, g]; }))),
      el("label", { for: "mx-state" }, ["State ", el("input", { id: "mx-state", type: "search", placeholder: "name or code" })]),
    ]);
    const summary = el("p", { id: "mx-summary", "aria-live": "polite" });
    const wrap = el("div", { class: "matrix-wrap sortable", tabindex: "0", "aria-label": "Participation matrix" });
    root.replaceChildren(controls, summary, wrap);

    function render() {
      const domain = root.querySelector("#mx-domain").value;
      const kind = root.querySelector("#mx-kind").value;
      const region = root.querySelector("#mx-region").value;
      const group = root.querySelector("#mx-group").value;
      const query = root.querySelector("#mx-state").value.trim().toLowerCase();
      const cols = data.instruments.filter(function (i) {
        return (!domain || i.domains.includes(domain)) && (!kind || i.kind === kind);
      });
      const rows = data.states.filter(function (s) {
        return (!region || s.region === region) && (!group || s.groups.includes(group)) &&
          (!query || s.name.toLowerCase().includes(query) || s.code.toLowerCase() === query);
      });
      const head = el("tr", {}, [el("th", { scope: "col", text: "State" })].concat(cols.map(function (i) {
        return el("th", { scope: "col", title: i.name }, [el("a", { href: "instruments/" + i.id + ".html", text: i.short })]);
      })));
      const body = el("tbody");
      rows.forEach(function (s) {
        body.appendChild(el("tr", {}, [el("th", { scope: "row" }, [stateLink(s)])].concat(cols.map(function (i) {
          return el("td", {}, [statusNode(s.cells[i.id])]);
        }))));
      });
      const table = el("table", { class: "matrix-table" }, [el("thead", {}, [head]), body]);
      wrap.replaceChildren(table);
      summary.textContent = rows.length + " states × " + cols.length + " instruments";
      if (window.makeSortableTable) window.makeSortableTable(table);
    }
    root.querySelectorAll("select, input").forEach(function (c) { c.addEventListener("input", render); });
    render();
  }

  // ---- compare ------------------------------------------------------------
  function initCompare(root, data) {
    const byCode = Object.fromEntries(data.states.map(function (s) { return [s.code, s]; }));
    const list = el("datalist", { id: "cmp-states" });
    data.states.forEach(function (s) { list.appendChild(el("option", { value: s.code, label: s.name })); });
    const input = el("input", { id: "cmp-input", list: "cmp-states", placeholder: "e.g. IND or India" });
    const add = el("button", { type: "button", id: "cmp-add", class: "md-button", text: "Add state" });
    const presets = ["P5", "nuclear-armed"].map(function (group) {
      const codes = data.states.filter(function (s) { return s.groups.includes(group); }).map(function (s) { return s.code; });
      const button = el("button", { type: "button", class: "md-button", text: group === "P5" ? "P5" : "Nuclear-armed states" });
      button.addEventListener("click", function () { setSelected(codes); });
      return codes.length ? button : null;
    }).filter(Boolean);
    const chips = el("p", { id: "cmp-chips" });
    const out = el("div", { id: "cmp-table", "aria-live": "polite" });
    root.replaceChildren(el("fieldset", {}, [el("legend", { text: "States to compare" }),
      el("label", { for: "cmp-input" }, ["State ", input]), list, add, " "].concat(presets).concat([chips])), out);

    function selected() {
      return decodeURIComponent(location.hash.replace(/^#/, "")).split(",")
        .map(function (c) { return c.trim().toUpperCase(); }).filter(function (c) { return byCode[c]; });
    }
    // replaceState, not location.hash: a hash change fires popstate, on which Material's instant
    // navigation fetches the page again and swaps it in, losing the input's focus.
    function setSelected(codes) {
      history.replaceState(history.state, "", "#" + Array.from(new Set(codes)).join(","));
      render();
    }
    function resolve(text) {
      const t = text.trim().toLowerCase();
      const hit = data.states.find(function (s) { return s.code.toLowerCase() === t || s.name.toLowerCase() === t; }) ||
        data.states.find(function (s) { return s.name.toLowerCase().startsWith(t); });
      return hit && hit.code;
    }
    add.addEventListener("click", function () {
      const code = resolve(input.value);
      if (code) { setSelected(selected().concat([code])); input.value = ""; }
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); add.click(); } });

    function render() {
      const codes = selected();
      chips.replaceChildren();
      codes.forEach(function (code) {
        const remove = el("button", { type: "button", class: "md-button", "aria-label": "Remove " + byCode[code].name,
          text: byCode[code].name + " ✕" });
        remove.addEventListener("click", function () { setSelected(codes.filter(function (c) { return c !== code; })); });
        chips.appendChild(remove);
        chips.appendChild(document.createTextNode(" "));
      });
      if (codes.length < 2) { out.replaceChildren(el("p", { text: "Choose at least two states." })); return; }
      const head = el("tr", {}, [el("th", { scope: "col", text: "Instrument" })].concat(codes.map(function (c) {
        return el("th", { scope: "col" }, [stateLink(byCode[c])]);
      })).concat([el("th", { scope: "col", text: "Same?" })]));
      const body = el("tbody");
      let differing = 0;
      data.instruments.forEach(function (i) {
        const statuses = codes.map(function (c) { const cell = byCode[c].cells[i.id]; return cell ? cell[0] : "none"; });
        const differs = new Set(statuses).size > 1;
        if (differs) differing++;
        body.appendChild(el("tr", {}, [el("th", { scope: "row" }, [el("a", { href: "instruments/" + i.id + ".html", text: i.short })])]
          .concat(codes.map(function (c) {
            return el("td", differs ? { class: "differs" } : {}, [statusNode(byCode[c].cells[i.id])]);
          })).concat([el("td", { text: differs ? "Differs" : "Same" })])));
      });
      out.replaceChildren(el("p", { text: differing + " of " + data.instruments.length + " instruments differ." }),
        el("table", { class: "compare-table" }, [el("thead", {}, [head]), body]));
    }
    window.addEventListener("hashchange", render);
    render();
  }

  function init() {
    const data = readData();
    if (!data) return;
    const matrix = document.getElementById("matrix-app");
    const compare = document.getElementById("compare-app");
    // Guard: init runs on load and on every document$ emission.
    if (matrix && !matrix.dataset.ready) { matrix.dataset.ready = "1"; initMatrix(matrix, data); }
    if (compare && !compare.dataset.ready) { compare.dataset.ready = "1"; initCompare(compare, data); }
  }
  // Run now (scripts load at the end of the page), and again after each instant-navigation page swap.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$) window.document$.subscribe(init);
})();
