/* An instrument's map (src/treatylib/render/maps.py): draws its states, and drives its year control.

   Drawing: the outlines of every state are one shared script, assets/maps/world-shapes.js
   (window.treatyWorld, render/worldmap.py shapes_script), loaded by each instrument page; the page's figure
   carries its statuses in a JSON script element, script.wm-data (worldmap.map_data). Each state becomes a link to its page, named by its
   <title> ("Afghanistan: Party"), with its status class and data-state="<code>". Names and labels are data:
   they are only ever set as text (textContent), never as markup.

   Year control: each state whose status ever changed carries
   data-y="1968:s 1970:p": its status (one letter, map_history.LETTERS) from the end of each year in which it
   changed, all derived at build time by treatylib.status.standing(); before the first entry it had not joined.
   This script only looks those up: it recolours the states, rewrites their hover and focus titles, and
   updates the legend's counts. At the last year it puts back exactly what the build gave, so the counts
   equal the page's headline. Without the script the control stays hidden, and the map is not drawn (the
   legend and the table carry the same facts).
   Runs on every page Material's instant navigation loads (document$), from file://, and again when the
   shared outlines arrive after this script (window.treatyMaps). */
(function () {
  "use strict";

  var STATUS = {
    p: "party", s: "signatory", w: "withdrawn", m: "member", a: "adherent",
    x: "former-party", f: "former-state", n: "none", u: "unknown", i: "ineligible"
  };

  // "1970:p.SUN" -> [1970, "p", "SUN"]: a party from the end of 1970, drawn in the Soviet Union's status.
  // A first entry without a year ("a") is the status before the first change (-Infinity).
  function parse(value) {
    return value.split(" ").map(function (entry) {
      if (entry.charAt(4) !== ":") return [-Infinity, entry.charAt(0), entry.slice(2) || null];
      return [parseInt(entry.slice(0, 4), 10), entry.charAt(5), entry.slice(7) || null];
    });
  }

  function entryAt(changes, year) {
    var found = [0, "n", null];
    for (var i = 0; i < changes.length && changes[i][0] <= year; i++) found = changes[i];
    return found;
  }

  var SVG = "http://www.w3.org/2000/svg";
  var XLINK = "http://www.w3.org/1999/xlink";

  function make(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    return el;
  }

  // Draws the figure's states into its empty <svg> once the outlines are here; true when drawn.
  function draw(figure) {
    var svg = figure.querySelector("svg.wm");
    if (!svg || !figure.querySelector("script.wm-data")) return false;
    if (svg.getAttribute("data-drawn")) return true;
    var world = window.treatyWorld;
    if (!world) return false; // world-shapes.js calls window.treatyMaps once it has loaded
    var data = JSON.parse(figure.querySelector("script.wm-data").textContent);
    var groupOf = {};
    data.g.forEach(function (group) {
      group[2].split(" ").forEach(function (code) { groupOf[code] = group; });
    });
    var paths = document.createDocumentFragment();
    var dots = document.createDocumentFragment();
    world.shapes.forEach(function (shape) {
      var own = shape[0], code = shape[1], name = shape[2], d = shape[3], dot = shape[4];
      // A territory (Greenland) shows its sovereign's status and links to its page, unless given its own.
      var key = groupOf[own] ? own : (groupOf[code] ? code : null);
      var group = key ? groupOf[key] : null;
      function element(body, primary) {
        var el;
        if (group) {
          // A link is a tab stop and its <title> its accessible name. A state with both a path and a dot
          // is one tab stop: the dot repeats the link out of the tab order. xlink:href, not href: Material's
          // instant navigation assigns el.href on every [href] element, which throws on an SVG <a>.
          el = make("a", primary ? {} : { tabindex: "-1", "aria-hidden": "true" });
          el.setAttributeNS(XLINK, "xlink:href", data.h + key.toLowerCase() + ".html");
        } else {
          el = make("g", {});
        }
        el.setAttribute("class", group ? group[0] : "wm-nodata");
        el.setAttribute("data-state", key || code);
        if (primary && own === code && data.y[code]) el.setAttribute("data-y", data.y[code]);
        var title = make("title", {});
        title.textContent = group && group[1] ? name + ": " + group[1] : name;
        el.appendChild(title);
        el.appendChild(body);
        return el;
      }
      if (d) paths.appendChild(element(make("path", { d: d }), true));
      if (dot) dots.appendChild(element(make("circle", { cx: dot[0], cy: dot[1], r: world.r }), !d));
    });
    svg.querySelector(".wm-states").appendChild(paths);
    svg.querySelector(".wm-dots").appendChild(dots);
    svg.setAttribute("data-drawn", "1");
    return true;
  }

  function setup(figure) {
    if (figure.getAttribute("data-ready")) return;
    figure.setAttribute("data-ready", "1");
    var svg = figure.querySelector("svg.wm");
    var control = figure.querySelector(".wm-year");
    if (!svg || !control) return;
    var input = control.querySelector("input");
    var output = control.querySelector("output");
    var play = control.querySelector(".wm-play");
    var last = parseInt(input.max, 10);
    var words = JSON.parse(figure.getAttribute("data-words"));
    var formers = JSON.parse(figure.getAttribute("data-names") || "{}");
    var apart = (figure.getAttribute("data-apart") || "").split(" ");

    // Every element drawn for a state (path, dot, territory), as the build left it. A class is all a state
    // needs: map.css fills each status class of a full map with its colour and pattern.
    var states = {};
    svg.querySelectorAll("[data-state]").forEach(function (el) {
      var code = el.getAttribute("data-state");
      var state = states[code] || (states[code] = { els: [], changes: null });
      var title = el.querySelector("title");
      el._wm = { cls: el.getAttribute("class"), title: title ? title.textContent : "" };
      state.els.push(el);
      if (el.hasAttribute("data-y")) state.changes = parse(el.getAttribute("data-y"));
    });
    // Members with no place on the map (the European Union): <li data-status><span data-y>name: status</span>.
    var offmap = Array.prototype.map.call(figure.querySelectorAll(".wm-offmap li > span[data-y]"), function (span) {
      var value = span.getAttribute("data-y");
      return { li: span.parentNode, span: span, text: span.textContent,
               status: span.parentNode.getAttribute("data-status"), changes: value ? parse(value) : [] };
    });
    var legend = {};
    figure.querySelectorAll(".wm-legend li[data-class]").forEach(function (li) {
      legend[li.getAttribute("data-class")] = li;
    });

    function paint(el, cls, text) {
      var keep = el._wm.cls.split(" ").filter(function (c) { return c.indexOf("status-") !== 0; });
      el.setAttribute("class", [cls].concat(keep).join(" "));
      var title = el.querySelector("title");
      if (title) title.textContent = text;
    }

    function restore(el) {
      el.setAttribute("class", el._wm.cls);
      var title = el.querySelector("title");
      if (title) title.textContent = el._wm.title;
    }

    function show(year) {
      var today = year >= last;
      var tally = {};
      var counted = {};
      Object.keys(states).forEach(function (code) {
        var state = states[code];
        var who = null;
        state.els.forEach(function (el) {
          if (today || !state.changes) {
            restore(el);
          } else {
            var entry = entryAt(state.changes, year);
            var name = el._wm.title.split(": ")[0];
            who = entry[2];
            if (who) name += " (" + (formers[who] || who) + " in " + year + ")";
            var word = words[entry[1]] || STATUS[entry[1]];
            paint(el, "status-" + STATUS[entry[1]], name + ": " + word + " (end of " + year + ")");
          }
        });
        // A former state drawn over its successors' territory (the Soviet Union) counts once, as it did.
        var key = who || code;
        var first = state.els[0].getAttribute("class").split(" ")[0];
        if (first.indexOf("status-") === 0 && apart.indexOf(code) < 0 && !counted[key]) {
          counted[key] = true;
          tally[first] = (tally[first] || 0) + 1;
        }
      });
      offmap.forEach(function (item) {
        if (today) {
          item.span.textContent = item.text;
          item.li.setAttribute("data-status", item.status);
        } else {
          var letter = entryAt(item.changes, year)[1];
          item.span.textContent = item.text.split(": ")[0] + ": " + (words[letter] || STATUS[letter]) + " (end of " + year + ")";
          item.li.setAttribute("data-status", STATUS[letter] === "none" ? "None" : STATUS[letter]);
        }
      });
      Object.keys(legend).forEach(function (cls) {
        var count = tally[cls] || 0;
        var span = legend[cls].querySelector(".wm-count");
        if (span) span.textContent = String(count);
        legend[cls].hidden = count === 0;
      });
      output.textContent = today ? output.getAttribute("data-today") : "end of " + year;
      figure.setAttribute("data-year", today ? "today" : String(year));
    }

    var timer = null;
    function stop() {
      if (timer) clearInterval(timer);
      timer = null;
      play.setAttribute("aria-pressed", "false");
      play.textContent = "Play";
    }
    play.addEventListener("click", function () {
      if (timer) return stop();
      if (parseInt(input.value, 10) >= last) input.value = input.min;
      show(parseInt(input.value, 10));
      play.setAttribute("aria-pressed", "true");
      play.textContent = "Pause";
      timer = setInterval(function () {
        var next = parseInt(input.value, 10) + 1;
        input.value = String(next);
        show(next);
        if (next >= last) stop();
      }, 250);
    });
    input.addEventListener("input", function () {
      stop();
      show(parseInt(input.value, 10));
    });
    control.hidden = false;
  }

  function init() {
    document.querySelectorAll(".wm-figure").forEach(function (figure) {
      if (draw(figure) && figure.hasAttribute("data-years")) setup(figure);
    });
  }
  window.treatyMaps = init;

  // Both: instant navigation swaps pages through document$, and a first load (from file:// too, where
  // document$ may not emit) is caught by the DOM event. setup() runs once per map.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
