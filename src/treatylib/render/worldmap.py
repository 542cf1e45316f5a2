"""A world map drawn at build time as one inline SVG string, from vendored Natural Earth geometry.

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

    svg = world_map({"IND": "status-none", "FRA": "status-party"}, title="MTCR partners",
                    labels={"IND": "Partner", "FRA": "Partner"}, links={"FRA": "../states/FRA/"})
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

import pycountry

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


def features(topology: dict, name: str = "countries") -> Iterator[tuple[str | None, str, list[Polygon]]]:
    """(numeric id or None, Natural Earth name, polygons) for each geometry of one object."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"][name]["geometries"]:
        yield geometry.get("id"), geometry.get("properties", {}).get("name", ""), geometry_polygons(geometry, arcs)


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
