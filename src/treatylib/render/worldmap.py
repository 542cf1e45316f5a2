"""World maps from vendored Natural Earth geometry, projected at build time.

Geometry: data/geo/countries-110m.json, the `world-atlas` 2.0.2 npm package's TopoJSON of Natural
Earth's 1:110m Admin 0 countries (public domain; see data/geo/README.md). States absent from it
(Andorra, Tuvalu...) are drawn as dots at points in data/geo/small-states.json, which
scripts/vendor_world_atlas.py derives from the same package's 1:50m and 1:10m files.

Pure Python: the TopoJSON is decoded here the way topojson-client does it (quantized, delta-encoded
arcs; a negative index ~i means arc i reversed; consecutive arcs share their joining point), and
projected with Equal Earth (Šavrič, Patterson and Jenny, 2018). Colours are never written into the
SVG: every state carries the CSS class it is given (e.g. "status-party") and
docs/assets/css/map.css colours it for the light and the dark theme; classes listed in PATTERNS
are also filled with a hatching or dot pattern, so status is not shown by colour alone.

Two kinds of map:
- An instrument's full map: the states' outlines are one shared script (shapes_script, SHAPES_FILE); the
  page holds the map's frame (map_shell) and its statuses (map_data, in a JSON script element), and
  docs/assets/js/mapyear.js draws each state as a link to its page, named "Name: status", with
  data-state="<code>" for the year control.

      shell = map_shell(title="MTCR: partners", desc="...", id_prefix="map-mtcr", classes=["status-member"])
      data = map_data({"IND": "status-member", "PAK": "status-none"}, {"IND": "Partner", "PAK": "Not joined"},
                      {}, "../states/")
      key = legend([("status-member", "Partner", 35), ("status-none", "Not joined", 162)])

- A state page's locator: one shared image of the world (locator_base, LOCATOR_FILE) with the state drawn
  over it (locator_overlay).

The page needs docs/assets/css/map.css (mkdocs.yml, extra_css).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape

import pycountry

from .. import states
from ..paths import DATA

GEO = DATA / "geo"
TOPOLOGY = GEO / "countries-110m.json"
POINTS = GEO / "small-states.json"

# --- TopoJSON -------------------------------------------------------------------------------

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # exterior ring first, then holes


def decode_arcs(topology: dict) -> list[Ring]:
    """Every arc as absolute (longitude, latitude) points: undo the delta encoding and the quantization."""
    transform = topology.get("transform")
    (sx, sy), (tx, ty) = (transform["scale"], transform["translate"]) if transform else ((1, 1), (0, 0))
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if transform:  # quantized arcs are delta-encoded; unquantized ones are absolute
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indexes:
        if points:
            points.pop()  # the arc starts where the previous one ended
        arc = arcs[~i] if i < 0 else arcs[i]
        points.extend(reversed(arc) if i < 0 else arc)
    if len(points) < 4 and points:
        points.append(points[0])
    return points


def geometry_polygons(geometry: dict, arcs: list[Ring]) -> list[Polygon]:
    """The polygons of a Polygon or MultiPolygon geometry object (others have none)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(r, arcs) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def features(
    topology: dict, name: str = "countries", arcs: list[Ring] | None = None
) -> Iterator[tuple[str | None, str, list[Polygon]]]:
    """(numeric id or None, Natural Earth name, polygons) for each geometry of one object; `arcs` replaces the
    topology's own (decoded) arcs, e.g. simplified ones."""
    arcs = decode_arcs(topology) if arcs is None else arcs
    for geometry in topology["objects"][name]["geometries"]:
        yield geometry.get("id"), geometry.get("properties", {}).get("name", ""), geometry_polygons(geometry, arcs)


def merge_rings(rings: list[list[int]], arcs: list[Ring]) -> list[list[int]]:
    """Rings (lists of arc indexes) that touch, merged as topojson-client's merge does: an arc used once each way
    is an inner border and goes; the rest are chained end to start into the outline(s) of the union."""
    used = [i for ring in rings for i in ring]
    left = [i for i in used if ~i not in used]

    def ends(i: int) -> tuple[tuple[float, float], tuple[float, float]]:
        arc = arcs[~i] if i < 0 else arcs[i]
        return (arc[-1], arc[0]) if i < 0 else (arc[0], arc[-1])

    merged = []
    while left:
        ring = [left.pop(0)]
        start = ends(ring[0])[0]
        while ends(ring[-1])[1] != start:
            nxt = next(i for i in left if ends(i)[0] == ends(ring[-1])[1])
            left.remove(nxt)
            ring.append(nxt)
        merged.append(ring)
    return merged


# Natural Earth draws de facto control; these parts are drawn with the state whose territory they are for the
# UN and the depositaries: (a point inside the part, the feature it is drawn in, the feature it belongs to, why).
TRANSFERS = [
    (
        (34.1, 45.0),
        "Russia",
        "Ukraine",
        "Crimea: UN General Assembly resolution 68/262 (2014) affirms Ukraine's territorial integrity",
    ),
]


def _inside(point: tuple[float, float], ring: Ring) -> bool:
    x, y = point
    hit = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def apply_transfers(topology: dict, transfers=TRANSFERS) -> dict:
    """A copy of the topology with each TRANSFERS part moved into the feature it belongs to (and its shared border
    removed). Fails loudly if the geometry is no longer as expected, rather than drawing a wrong map."""
    topology = json.loads(json.dumps(topology))
    arcs = decode_arcs(topology)
    by_name = {g.get("properties", {}).get("name"): g for g in topology["objects"]["countries"]["geometries"]}
    for point, source, target, _why in transfers:
        donor, receiver = by_name[source], by_name[target]
        for g in (donor, receiver):
            if g["type"] == "Polygon":
                g["type"], g["arcs"] = "MultiPolygon", [g["arcs"]]
        part = next((p for p in donor["arcs"] if _inside(point, _ring(p[0], arcs))), None)
        if part is None or len(part) != 1:
            raise ValueError(f"{source} has no hole-free part at {point} to give to {target}")
        donor["arcs"].remove(part)
        shared = {~i for i in part[0]}
        host = next((p for p in receiver["arcs"] if shared & set(p[0])), None)
        if host is None:
            receiver["arcs"].append(part)  # not adjacent: simply another part
            continue
        outer = merge_rings([host[0], part[0]], arcs)
        if len(outer) != 1:
            raise ValueError(f"merging {source}'s part at {point} into {target} did not give one outline")
        host[0] = outer[0]
    return topology


# world-atlas ids are ISO 3166-1 numeric codes. Natural Earth gives a few features none (no id at
# all in world-atlas 2.0.2, "-99" in Natural Earth itself); they are matched by name here:
NO_ISO_NUMERIC = {
    # Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the project uses (data/entities.yaml).
    "Kosovo": "XKX",
    # Not recognised by the UN; drawn as part of the state whose territory it is de jure, as the
    # UN and the treaty depositaries treat it.
    "N. Cyprus": "CYP",
    "Somaliland": "SOM",
}


def alpha3(numeric: str | None, ne_name: str = "") -> str | None:
    """ISO 3166-1 alpha-3 code for a world-atlas feature: its numeric id, or its name for the odd ones."""
    if numeric and numeric.lstrip("-").isdigit() and not numeric.startswith("-"):
        country = pycountry.countries.get(numeric=numeric.zfill(3))
        if country:
            return country.alpha_3
    return NO_ISO_NUMERIC.get(ne_name)


def _unwrap(ring: Ring) -> Ring:
    """The ring with longitudes made continuous: no step of more than 180 degrees."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def _clip(ring: Ring, edge: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman clip of a closed ring to one side of the meridian `edge`."""

    def inside(p: tuple[float, float]) -> bool:
        return p[0] <= edge if keep_below else p[0] >= edge

    out: Ring = []
    for a, b in zip(ring, ring[1:], strict=False):
        if inside(a) != inside(b):
            t = (edge - a[0]) / (b[0] - a[0])
            cross = (edge, a[1] + t * (b[1] - a[1]))
            out.extend([cross, b] if inside(b) else [cross])
        elif inside(b):
            out.append(b)
    return out + out[:1] if out else out


def split_antimeridian(poly: Polygon) -> list[Polygon]:
    """A polygon that crosses the 180th meridian (Russia's Chukotka, Fiji) as the pieces either side of it.

    world-atlas keeps such rings whole, with a jump from +180 to -180 that a flat projection would draw as a
    line across the map (d3 clips on the sphere; this does the same on the plane, after unwrapping)."""
    rings = [_unwrap(r) for r in poly]
    lons = [lon for r in rings for lon, _ in r]
    if min(lons) >= -180 and max(lons) <= 180:
        return [poly]
    pieces = []
    for shift in (-360, 0, 360):
        clipped = []
        for ring in rings:
            moved = [(lon + shift, lat) for lon, lat in ring]
            part = _clip(_clip(moved, 180, True), -180, False)
            if len(part) >= 4 and abs(ring_area_centroid(part)[0]) > 1e-9:
                clipped.append(part)
            elif not clipped:
                break  # the exterior is not on this side: nor are its holes
        if clipped:
            pieces.append(clipped)
    return pieces


# --- Simplification ----------------------------------------------------------------------------


def _keep(points: list[tuple[float, float]], tolerance: float) -> list[int]:
    """Indexes Douglas-Peucker keeps: every point farther than `tolerance` from the simplified line."""
    keep, stack = {0, len(points) - 1}, [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        best, far = -1.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            dist = abs(dy * (x - x0) - dx * (y - y0)) / norm if norm else math.hypot(x - x0, y - y0)
            if dist > best:
                best, far = dist, i
        if far is not None and best > tolerance:
            keep.add(far)
            stack += [(first, far), (far, last)]
    return sorted(keep)


def simplify_arcs(arcs: list[Ring], tolerance: float, scale: float) -> list[Ring]:
    """Each arc with the points Douglas-Peucker keeps, measured in projected units (`scale` per unit of
    equal_earth), still in longitude and latitude. Arcs are simplified once, before rings are built, so two
    neighbours still share exactly the same border: no gaps, no overlaps (as TopoJSON's own simplification)."""
    out = []
    for arc in arcs:
        if len(arc) <= 2:
            out.append(arc)
            continue
        flat = [(x * scale, y * scale) for x, y in (equal_earth(lon, lat) for lon, lat in arc)]
        if arc[0] == arc[-1]:  # a closed arc (an island): split it at its farthest point, simplify both halves
            mid = max(range(len(flat)), key=lambda i: math.dist(flat[0], flat[i]))
            kept = _keep(flat[: mid + 1], tolerance) + [mid + i for i in _keep(flat[mid:], tolerance)[1:]]
        else:
            kept = _keep(flat, tolerance)
        out.append([arc[i] for i in kept])
    return out


# --- Equal Earth --------------------------------------------------------------------------------

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection (Šavrič, Patterson, Jenny 2018) of degrees, on the unit sphere; y grows north."""
    lam, phi = math.radians(lon), math.radians(lat)
    t = math.asin(_M * math.sin(phi))
    t2 = t * t
    t6 = t2 * t2 * t2
    x = lam * math.cos(t) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = t * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid of a closed planar ring (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def largest_polygon_centroid(polygons: Iterable[Polygon]) -> tuple[float, float, float] | None:
    """(area, x, y) of the largest polygon's exterior ring: a dot there lands on land, not between islands."""
    best = None
    for poly in polygons:
        if not poly or len(poly[0]) < 3:
            continue
        area, x, y = ring_area_centroid(poly[0])
        if best is None or abs(area) > best[0]:
            best = (abs(area), x, y)
    return best


# --- Layout: the geometry projected once, shared by every map -------------------------------------

WIDTH = 1000  # viewBox units; the SVG itself is width="100%" and scales to any screen
PAD = 4
DOT_AREA = 12.0  # states whose 1:110m polygons cover less (viewBox units², ~15,000 km²) also get a dot
RING_AREA = 400.0  # a highlighted state smaller than this also gets a locator ring
# Coordinates are written as integers in 1/FACTOR of a viewBox unit, inside <g transform="scale(1/FACTOR)">: half a
# unit for full maps (about half a screen pixel at 1400 px wide: finer detail is not seen, and costs page weight),
# whole units for small ones, which are drawn at a third of the size. Borders are simplified first (Douglas-Peucker,
# on the shared arcs) to within TOLERANCE units: 1.2 is about a screen pixel at 1400 px (0.8 cost 6 KB a page more).
FACTOR = {False: 2, True: 1}
TOLERANCE = {False: 1.2, True: 2.5}
DROP_RING_AREA = {False: 0.3, True: 5.0}  # islands smaller than this are left out of a path (not the state's last)
DOT_R = {False: 3.6, True: 7.0}  # viewBox units

# Dependent territories that Natural Earth draws as their own feature: drawn with their sovereign's
# status (and link) unless a fill is given for the territory itself; their title says whose they are.
# Western Sahara (ESH) and Taiwan (TWN) have no entry: they are drawn as themselves, "no data"
# unless the caller gives them a fill.
SOVEREIGN = {"GRL": "DNK", "FLK": "GBR", "NCL": "FRA", "ATF": "FRA", "PRI": "USA"}
LEFT_OUT = {"ATA"}  # Antarctica: no state; leaving it out saves a fifth of the map's height

# CSS class -> pattern drawn over the class's colour, so that no status is told by colour alone.
# Kinds: hatch (diagonal lines), cross (cross-hatching), dots, hlines, vlines. Solid classes
# (party, member, none) differ from each other in lightness and from the rest by having no pattern.
PATTERNS = {
    "status-signatory": "hatch",
    "status-withdrawn": "cross",
    "status-adherent": "dots",
    "status-unknown": "hlines",
    "status-ineligible": "vlines",
    "status-former-party": "vlines",
}


@dataclass(frozen=True)
class Shape:
    own: str  # the feature's code (GRL)
    code: str  # the state whose status it shows (DNK for Greenland)
    name: str  # what the title calls it
    d: str  # SVG path data; "" for a state drawn only as a dot
    area: float  # projected area, viewBox units²
    centre: tuple[float, float]  # centroid of its largest polygon (or its point), viewBox units
    dot: bool  # drawn as a dot too (too small to see), or only as a dot (no polygon at 1:110m)


@dataclass(frozen=True)
class Layout:
    width: int
    height: float
    factor: int
    sphere: str
    shapes: tuple[Shape, ...]


def _pair(x: int, y: int) -> str:
    return f"{x}{'' if y < 0 else ' '}{y}"


def _path(rings: Iterable[list[tuple[float, float]]], factor: int) -> str:
    """Closed subpaths in integer 1/factor units (already simplified: see simplify_arcs); points that round onto
    the last kept are dropped. The first point of each ring is absolute, the rest relative (shorter)."""
    out = []
    for ring in rings:
        kept: list[tuple[int, int]] = []
        for x, y in ring[:-1]:
            p = (round(x * factor), round(y * factor))
            if not kept or p != kept[-1]:
                kept.append(p)
        if len(kept) > 1 and kept[-1] == kept[0]:
            kept.pop()
        if len(kept) < 3:
            continue
        parts = ["M" + _pair(*kept[0]), "l"]
        for (x0, y0), (x1, y1) in zip(kept, kept[1:], strict=False):
            pair = _pair(x1 - x0, y1 - y0)
            parts.append(pair if parts[-1] == "l" or x1 < x0 else " " + pair)
        parts.append("z")
        out.append("".join(parts))
    return "".join(out)


def _display_name(own: str, ne_name: str) -> str:
    name = states.name(own) if states.is_known(own) else ne_name
    if own in SOVEREIGN:
        return f"{name} ({states.name(SOVEREIGN[own])})"
    return name


@cache
def _points() -> dict[str, dict]:
    return json.loads(POINTS.read_text(encoding="utf-8"))["points"]


@cache
def layout(small: bool = False) -> Layout:
    """Every state's path and dot, projected into the viewBox. Computed once per size per build."""
    topology = apply_transfers(json.loads(TOPOLOGY.read_text(encoding="utf-8")))
    x_max = equal_earth(180, 0)[0]
    scale = (WIDTH - 2 * PAD) / (2 * x_max)
    arcs = simplify_arcs(decode_arcs(topology), TOLERANCE[small], scale)
    merged: dict[str, tuple[str, list[Polygon]]] = {}
    for numeric, ne_name, polygons in features(topology, arcs=arcs):
        code = alpha3(numeric, ne_name)
        if code is None or code in LEFT_OUT:
            continue
        _, polys = merged.setdefault(code, (ne_name, []))
        for poly in polygons:  # N. Cyprus into Cyprus, Somaliland into Somalia
            polys.extend(split_antimeridian(poly))

    projected = {
        code: (ne_name, [[[equal_earth(lon, lat) for lon, lat in ring] for ring in poly] for poly in polys])
        for code, (ne_name, polys) in merged.items()
    }
    dots = {code: equal_earth(p["lon"], p["lat"]) for code, p in _points().items() if code not in projected}
    ys = [y for _, polys in projected.values() for poly in polys for x, y in poly[0]] + [y for _, y in dots.values()]
    # The whole top of the globe's outline, down to just below the southernmost land (Antarctica is left out).
    y_top, y_bottom = equal_earth(0, 90)[1], min(ys) - 0.02
    height = round((y_top - y_bottom) * scale + 2 * PAD, 1)

    def to_view(x: float, y: float) -> tuple[float, float]:
        return PAD + (x + x_max) * scale, PAD + (y_top - y) * scale

    factor = FACTOR[small]
    shapes = []
    for code, (ne_name, polys) in projected.items():
        rings, area, best = [], 0.0, None
        for poly in polys:
            view = [[to_view(x, y) for x, y in ring] for ring in poly]
            outer, cx, cy = ring_area_centroid(view[0])
            area += abs(outer) - sum(abs(ring_area_centroid(r)[0]) for r in view[1:])
            if best is None or abs(outer) > best[0]:
                best = (abs(outer), cx, cy)
            if abs(outer) >= DROP_RING_AREA[small] or len(polys) == 1:
                rings.extend(view)
        d = _path(rings, factor)
        name = _display_name(code, ne_name)
        dot = code not in SOVEREIGN and (area < DOT_AREA or not d)  # territories: no dot of their own
        shapes.append(Shape(code, SOVEREIGN.get(code, code), name, d, area, best[1:], dot))
    for code, (x, y) in dots.items():
        shapes.append(Shape(code, code, _display_name(code, _points()[code]["ne_name"]), "", 0.0, to_view(x, y), True))

    edge = [equal_earth(180, lat / 2) for lat in range(180, -181, -5)]
    outline = [to_view(x, y) for x, y in edge] + [to_view(-x, y) for x, y in reversed(edge)]
    sphere = _path([outline + outline[:1]], factor)
    return Layout(WIDTH, height, factor, sphere, tuple(sorted(shapes, key=lambda s: _collate(s.name))))


def _collate(name: str) -> str:
    """Sort key for names: accents ignored, so Côte d'Ivoire sorts under C (keyboard order follows it)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def drawn_codes() -> set[str]:
    """Codes that the maps draw (as a path, a dot or both); a status for any other code is not shown."""
    return {s.own for s in layout(False).shapes} | {s.code for s in layout(False).shapes}


# --- SVG -----------------------------------------------------------------------------------------

_CLASS = re.compile(r"^-?[A-Za-z_][\w-]*$")
_HISTORY = re.compile(r"^(\d{4}:)?[a-z](\.[A-Z]{3})?( \d{4}:[a-z](\.[A-Z]{3})?)*$")
_PATTERN_BODY = {
    "hatch": '<path class="wm-pl" d="M0 0V6"/>',
    "cross": '<path class="wm-pl" d="M0 0V6M0 3H6"/>',
    "dots": '<circle class="wm-pd" cx="3" cy="3" r="1.2"/>',
    "hlines": '<path class="wm-pl" d="M0 3H6"/>',
    "vlines": '<path class="wm-pl" d="M3 0V6"/>',
}


def _classes(value: str) -> str:
    tokens = value.split()
    if not tokens or not all(_CLASS.match(t) for t in tokens):
        raise ValueError(f"not a CSS class name: {value!r}")
    return " ".join(tokens)


def _pattern_defs(
    classes: Iterable[str], prefix: str, patterns: Mapping[str, str], factor: int = 1, by_css: bool = False
) -> tuple[str, dict[str, str]]:
    """<pattern>s for the classes that have one, and each class's fill reference. `factor` scales the tile up
    to the drawing's units, so the hatching is as fine on every map. With `by_css`, a single class of
    PATTERNS gets the fixed id map.css fills it with ("wmp-status-signatory") and no fill attribute: one
    rule instead of one attribute per state, and a script that changes a state's class changes its pattern."""
    defs, refs, n = [], {}, 0
    for cls in sorted(set(classes)):
        kind = next((patterns[t] for t in cls.split() if t in patterns), None)
        if kind is None:
            continue
        fixed = by_css and patterns is PATTERNS and cls in PATTERNS
        pid = f"wmp-{cls}" if fixed else f"{prefix}-p{n}"
        n += 1
        transform = " ".join(
            ([f"scale({factor})"] if factor != 1 else []) + (["rotate(45)"] if kind in ("hatch", "cross") else [])
        )
        rotate = f' patternTransform="{transform}"' if transform else ""
        defs.append(
            f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse"{rotate}>'
            f'<rect class="{cls}" width="6" height="6"/>{_PATTERN_BODY[kind]}</pattern>'
        )
        if not fixed:
            refs[cls] = f' fill="url(#{pid})"'
    return "".join(defs), refs


def _prefix(*parts: object) -> str:
    return "wm" + hashlib.sha1(repr(parts).encode()).hexdigest()[:6]


# The full map's outlines live in one shared script (SHAPES_FILE) that every instrument page loads; the page
# itself carries only the map's frame (map_shell) and its statuses (map_data, in a JSON script element), and
# docs/assets/js/mapyear.js draws the states. Inline, the same outlines and names were 43 KB and 600 elements
# of each of 51 instrument pages: the three over 150 KB (issue #16), and a sixth of everything MkDocs parses.
SHAPES_FILE = "assets/maps/world-shapes.js"


def shapes_script() -> str:
    """window.treatyWorld: the full map's states in keyboard order (by name), each as [own code, the code whose
    status it shows (DNK for Greenland), name, path data, dot centre or 0], and the dot radius, all in the
    map's 1/factor units. The script then asks mapyear.js to draw, if that has loaded first."""
    geo = layout(False)
    f = geo.factor
    shapes = [
        [s.own, s.code, s.name, s.d, [round(s.centre[0] * f), round(s.centre[1] * f)] if s.dot else 0]
        for s in geo.shapes
    ]
    world = {"r": float(f"{DOT_R[False] * f:g}"), "shapes": shapes}
    # ensure_ascii: the file is plain ASCII whatever the page's encoding; names are data and the script
    # writes them as text (textContent), never as markup.
    body = json.dumps(world, ensure_ascii=True, separators=(",", ":"))
    return (
        "/* Generated by treatylib (render/worldmap.py, shapes_script). The world map's states; mapyear.js\n"
        "   draws them into each instrument page's map with that page's statuses. */\n"
        f"window.treatyWorld = {body};\n"
        "if (window.treatyMaps) window.treatyMaps();\n"
    )


def map_shell(*, title: str, desc: str, id_prefix: str, classes: Iterable[str]) -> str:
    """The full map's frame as an inline <svg>: its accessible name and description, the patterns for the status
    classes that it may show (`classes`, today's and other years'), the globe's outline, and the two empty
    groups that mapyear.js fills with the states (paths, then dots on top). Without the script the globe stays
    empty; the legend, the counts and the table do not need it."""
    if not _CLASS.match(id_prefix):
        raise ValueError(f"bad id prefix {id_prefix!r}")
    geo = layout(False)
    f = geo.factor
    defs, _ = _pattern_defs([_classes(c) for c in classes], id_prefix, PATTERNS, f, by_css=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="wm" '
        f'viewBox="0 0 {geo.width} {geo.height:g}" width="100%" role="group" '
        f'aria-labelledby="{id_prefix}-t {id_prefix}-d" fill-rule="evenodd">'
        f'<title id="{id_prefix}-t">{escape(title)}</title><desc id="{id_prefix}-d">{escape(desc)}</desc>'
        + (f"<defs>{defs}</defs>" if defs else "")
        + f'<g transform="scale({1 / f:g})"><path class="wm-sphere" d="{geo.sphere}"/>'
        '<g class="wm-states"></g><g class="wm-dots"></g></g></svg>'
    )


def map_data(
    fills: Mapping[str, str], labels: Mapping[str, str], history: Mapping[str, str], links: str
) -> dict[str, object]:
    """What mapyear.js needs to draw one map's states: {"g": [[class, label, "AFG ALB ..."], ...], "y": {code:
    history}, "h": links}. States that share a class and a label share a group (a few groups per map, not two
    hundred entries). A state in it is a link to links + its code in lower case + ".html", named by its
    title ("Afghanistan: Party"); a drawn state outside it is "no data". A dependent territory takes its
    sovereign's group (SOVEREIGN). history: code -> "1968:s 1970:p" (maps.py), drawn on the state's own path.
    Class names and histories are checked here, so the script only ever sets what passed."""
    groups: dict[tuple[str, str], list[str]] = {}
    for code in sorted(fills):
        groups.setdefault((_classes(fills[code]), labels.get(code, "")), []).append(code)
    for code, changes in history.items():
        if not _HISTORY.match(changes):
            raise ValueError(f"not a status history for {code}: {changes!r}")
    if not re.match(r"^(\.\./)*[a-z]+/$", links):
        raise ValueError(f"not a relative folder: {links!r}")
    return {
        "g": [[cls, label, " ".join(codes)] for (cls, label), codes in groups.items()],
        "y": dict(sorted(history.items())),
        "h": links,
    }


def legend(
    items: Iterable[tuple[str, str, int | None]],
    *,
    patterns: Mapping[str, str] = PATTERNS,
    id_prefix: str | None = None,
) -> str:
    """An HTML list of (CSS class, label, count) with the same swatch, colour and pattern, as on the map.

    Counts may be None (no count shown); an entry counted 0 is hidden (a year control may show it). Labels are
    escaped.
    """
    items = [(_classes(cls), label, count) for cls, label, count in items]
    prefix = id_prefix or _prefix("legend", items)
    out = ['<ul class="wm-legend">']
    for i, (cls, label, count) in enumerate(items):
        defs, refs = _pattern_defs([cls], f"{prefix}-{i}", patterns)
        swatch = (
            '<svg xmlns="http://www.w3.org/2000/svg" class="wm wm-swatch" viewBox="0 0 24 16" width="24" height="16"'
            ' aria-hidden="true" focusable="false">'
            + (f"<defs>{defs}</defs>" if defs else "")
            + f'<g class="{cls}"><rect{refs.get(cls, "")} x=".5" y=".5" width="23" height="15"/></g></svg>'
        )
        tally = f' <span class="wm-count">{count}</span>' if count is not None else ""
        # data-class lets a script (mapyear.js) update the count; an entry with none today waits hidden.
        hidden = " hidden" if count == 0 else ""
        out.append(f'<li data-class="{cls}"{hidden}>{swatch} <span>{escape(label)}</span>{tally}</li>')
    out.append("</ul>")
    return "".join(out)


# The locator's shared base map is an <img>, which cannot see the page's CSS: its colours are fixed, chosen
# to read on both of Material's schemes (light grey land on white, mid grey on the dark slate background).
LOCATOR_LAND = "#9aa1ab"
LOCATOR_SEA_LINE = "#9aa1ab"
LOCATOR_FILE = "assets/maps/world-locator.svg"


def locator_base() -> str:
    """The world without names or states told apart, as one standalone SVG file: every state page's locator
    draws it as a shared image and overlays only its own state (locator_overlay). Inline, the same outlines
    cost 24 KB on each of 200 pages, and a quarter of the MkDocs build parsing them."""
    geo = layout(True)
    f = geo.factor
    land = "".join(shape.d for shape in geo.shapes if shape.d)
    r = f"{DOT_R[True] * f:g}"
    dots = "".join(
        f'<circle cx="{round(shape.centre[0] * f)}" cy="{round(shape.centre[1] * f)}" r="{r}"/>'
        for shape in geo.shapes
        if shape.dot
    )
    scale = f' transform="scale({1 / f:g})"' if f != 1 else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geo.width} {geo.height:g}" fill-rule="evenodd">'
        f"<g{scale}>"
        f'<path d="{geo.sphere}" fill="none" stroke="{LOCATOR_SEA_LINE}" stroke-opacity="0.6"/>'
        f'<path d="{land}" fill="{LOCATOR_LAND}" fill-opacity="0.55"/>'
        f'<g fill="{LOCATOR_LAND}" fill-opacity="0.55">{dots}</g>'
        "</g></svg>\n"
    )


def locator_overlay(code: str, title: str) -> str:
    """Only the highlighted state (its outline, its dot, and a ring when it is too small to find), in the base
    map's viewBox, to lay over locator_base's image. It carries the accessible name; the image is decorative."""
    geo = layout(True)
    f = geo.factor
    own = [shape for shape in geo.shapes if shape.own == code]
    body = "".join(f'<path d="{shape.d}"/>' for shape in own if shape.d)
    r = f"{DOT_R[True] * f:g}"
    body += "".join(
        f'<circle cx="{round(s.centre[0] * f)}" cy="{round(s.centre[1] * f)}" r="{r}"/>' for s in own if s.dot
    )
    if own and own[0].area < RING_AREA:
        x, y = own[0].centre
        body += f'<circle class="wm-ring" cx="{round(x * f)}" cy="{round(y * f)}" r="{DOT_R[True] * 3 * f:g}"/>'
    prefix = _prefix("locator", code, title)
    scale = f' transform="scale({1 / f:g})"' if f != 1 else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wm wm-small wm-overlay" '
        f'viewBox="0 0 {geo.width} {geo.height:g}" width="100%" role="img" aria-labelledby="{prefix}-t" '
        f'fill-rule="evenodd"><title id="{prefix}-t">{escape(title)}</title>'
        f'<g{scale}><g class="wm-hl">{body}</g></g></svg>'
    )
