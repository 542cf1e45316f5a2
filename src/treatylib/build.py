"""The generator: validate, build the model, render every page and file into
build/docs. A plain program: no MkDocs needed, so the site engine can change.

Nothing is half-written: everything is rendered into a fresh folder first and
only then synced into place, file by file, so a live `mkdocs serve` sees only
complete files and reloads only what changed.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import catalog_cache, designations, parallel, paths, site_build
from .catalog import Catalog
from .dates import PartialDate
from .render import (
    changes,
    designations_page,
    exports,
    index_pages,
    instrument_page,
    maps,
    matrix,
    schema_doc,
    state_pages,
    systems_pages,
    trackers,
    worldmap,
)
from .render.citation import cite_block
from .render.md import DOMAIN_LABELS, KIND_LABELS, front_matter, table
from .render.safe import internal
from .systems import SYSTEMS, SYSTEMS_SCHEMA, StateSystems
from .systems_checks import thresholds
from .validate import validate_paths
from .validate.designations import validate_file as validate_designations
from .validate.intake import data_like
from .validate.systems import validate_systems


def load_systems(folder: Path = SYSTEMS) -> tuple[tuple[StateSystems, ...], list]:
    """The validated systems files, and the problems found (none means every file is whole)."""
    found = data_like(folder) if folder.is_dir() else []
    result = validate_systems(found, root=paths.ROOT)
    return result.files, list(result.problems)


def render_site(
    catalog: Catalog,
    listed: designations.Designations | None = None,
    systems: tuple[StateSystems, ...] | None = None,
) -> dict[str, str]:
    """Every generated file, keyed by its path under the docs folder. Two halves of about equal cost, at
    the same time when there is a second core (parallel.both): the same files either way."""
    listed = listed or designations.default()
    if systems is None:
        systems, problems = load_systems()
        if problems:
            raise ValueError("systems/ has problems: " + "; ".join(map(str, problems[:5])))
    instrument_files, state_files = parallel.both(
        lambda: _instrument_files(catalog, listed, systems), lambda: _state_and_data_files(catalog, listed, systems)
    )
    return {**instrument_files, **state_files}


def _instrument_files(
    catalog: Catalog, listed: designations.Designations, systems: tuple[StateSystems, ...]
) -> dict[str, str]:
    """The instrument pages and their indexes, the trackers, the reference pages, designations and systems."""
    files: dict[str, str] = {}
    current = catalog.current_states
    for inst in catalog.instruments:
        files[instrument_path(inst)] = render_instrument(catalog, inst, current)
    files["instruments/index.md"] = index_pages.render_index(catalog)
    for domain in DOMAIN_LABELS:
        files[f"instruments/domain-{domain}.md"] = index_pages.render_domain(catalog, domain)
    for kind in KIND_LABELS:
        files[f"instruments/kind-{kind}.md"] = index_pages.render_kind(catalog, kind)
    files[worldmap.SHAPES_FILE] = worldmap.shapes_script()  # the outlines every instrument map draws
    for name, text in trackers.render_all(catalog).items():  # a folder, so links read ../ like other pages
        files[f"trackers/{name}"] = text
    schema = json.loads(paths.SCHEMA.read_text(encoding="utf-8"))
    files["reference/fields.md"] = schema_doc.render(schema)
    files["schema/instrument.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    files.update(_designation_files(listed))
    files.update(_systems_files(catalog, systems))
    return files


def _state_and_data_files(
    catalog: Catalog, listed: designations.Designations, systems: tuple[StateSystems, ...]
) -> dict[str, str]:
    """The state pages, the year pages, the matrix and compare views, and the data downloads."""
    files: dict[str, str] = {}
    for code in catalog.state_codes:
        files[f"states/{code.lower()}.md"] = state_pages.render(catalog, code, _beyond_treaties(code, systems, listed))
    files["states/index.md"] = state_pages.render_index(catalog)
    files[worldmap.LOCATOR_FILE] = worldmap.locator_base()  # the world under every state page's locator
    for name, text in changes.render_all(catalog).items():
        files[f"changes/{name}"] = text
    files["matrix.md"] = matrix.render_matrix(catalog)
    files["compare.md"] = matrix.render_compare(catalog)
    files[matrix.DATA_FILE] = matrix.render_data(catalog)  # shared by the two pages above
    for name, text in exports.render_all(catalog).items():
        files[f"data/{name}"] = text
    files["data.md"] = _downloads_page(catalog)
    return files


def _beyond_treaties(code: str, systems: tuple[StateSystems, ...], listed: designations.Designations) -> str:
    """What a state page adds from outside the treaties: a link to the state's delivery systems, and
    the designations that concern it (only where there is an entry or a lead, not on every page)."""
    link = systems_pages.state_systems_link(systems, code)
    out = f"## Delivery systems\n\n{link}" if link else ""
    if listed.for_state(code) or listed.leads_for(code):
        out += designations_page.designations_for(code, listed)
    return out


def _systems_files(catalog: Catalog, systems: tuple[StateSystems, ...]) -> dict[str, str]:
    """The systems pages, their exports, the field reference and the published schema."""
    files = systems_pages.render_all(catalog, systems)
    for name, text in exports.render_systems(systems, thresholds(catalog)).items():
        files[f"data/{name}"] = text
    schema = json.loads(SYSTEMS_SCHEMA.read_text(encoding="utf-8"))
    files["reference/systems-fields.md"] = systems_pages.render_field_reference(schema)
    files["schema/systems.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files


def _designation_files(listed: designations.Designations) -> dict[str, str]:
    """The timeline page, its exports and its published schema."""
    files = {designations_page.PAGE: designations_page.render(listed)}
    files.update({f"data/{name}": text for name, text in exports.render_designations(listed).items()})
    schema = json.loads(designations.SCHEMA_FILE.read_text(encoding="utf-8"))
    files["schema/designations.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files


def instrument_path(inst) -> str:
    return f"instruments/{inst.id}.md"


def render_instrument(catalog: Catalog, inst, current: tuple[str, ...] | None = None) -> str:
    """One instrument's page, as render_site writes it (make serve writes an edited one first)."""
    current = catalog.current_states if current is None else current
    outside = [c for c in current if catalog.entry(inst, c).status.status is None]
    world_map = maps.instrument_map(catalog, inst)
    return instrument_page.render(inst, catalog.by_id, outside, world_map)


def _downloads_page(catalog: Catalog) -> str:
    out = front_matter("Data downloads", description="CSV and JSON exports of the whole data set", boost=1)
    out += "# Data downloads\n\nThe whole data set, rebuilt with every release of the site. "
    out += "Dates keep the precision of their source: `1993` is never padded to `1993-01-01`.\n\n"
    files = [
        ("data/participation.csv", "One row per action: instrument, state, action, date, depositary, source"),
        ("data/status.csv", "Derived status per instrument and state: party, signatory, withdrawn, member, adherent"),
        ("data/instruments.csv", "One row per instrument, with derived counts"),
        ("data/instruments.json", "Every instrument's full record, with the YAML's field names"),
        ("data/states.csv", "States and entities, regions and succession links"),
        (
            "data/declarations.csv",
            "Declarations, reservations and objections: state, kind, when made, date, state objected to, "
            "a summary in our own words, and a link to the depositary's text",
        ),
        ("data/datapackage.json", "Frictionless Data Package descriptor of the CSV files"),
        (
            "data/designations.csv",
            "Designations under non-proliferation authorities, one row per entity, from official notices: "
            "date, authority, government, agency, entity as published, country, programme named, notice",
        ),
        ("data/designations.json", "The same designations with their notices, and the leads not yet confirmed"),
        ("schema/instrument.schema.json", "JSON Schema of the YAML source files"),
        ("data/systems.csv", "Delivery systems: one row per cited range or payload figure, with source and checks"),
        ("data/systems.json", "Delivery systems: every system once, with its figures, sources and computed checks"),
        ("schema/systems.schema.json", "JSON Schema of systems/<state>.yaml"),
        ("schema/designations.schema.json", "JSON Schema of data/designations.yaml"),
    ]
    rows = [[internal(path.rsplit("/", 1)[-1], path), what] for path, what in files]
    out += table(["File", "What it holds"], rows)
    out += "\nEach instrument page and state page also links its own CSV and JSON.\n"
    return out


_TITLE = re.compile(r"^title: (\".*\")$", re.M)


def _static_files() -> dict[str, bytes]:
    """The hand-written docs (docs/): pages, stylesheets, scripts, vendored assets."""
    return {p.relative_to(paths.DOCS).as_posix(): p.read_bytes() for p in paths.DOCS.rglob("*") if p.is_file()}


def _with_citation(rel: str, text: str, as_of: PartialDate) -> str:
    """A page, generated or hand-written, with its 'Cite this page' block and the data's as-of date."""
    if "## Cite this page" in text:
        return text
    page = rel.removesuffix(".md") + ".html"
    match = _TITLE.search(text)
    # Front matter holds the title HTML-escaped (see safe.plain); the citation shows it as text.
    title = html.unescape(json.loads(match.group(1))) if match else "Arms Control Treaty Reference Library"
    key = "acref-" + re.sub(r"[^a-z0-9]+", "-", page.removesuffix(".html").lower()).strip("-")
    return text.rstrip("\n") + "\n\n" + cite_block(title, page, as_of, key)


def _sync(wanted: dict[str, bytes], target: Path, complete: bool = True) -> int:
    """Make target hold exactly these files (or, not `complete`, at least them); rewrite only files that changed.

    Each file is written under a temporary name and renamed over the old one, so a reader (MkDocs' watcher)
    never sees half a file. Returns how many files were written or removed."""
    target.mkdir(parents=True, exist_ok=True)
    changed = 0
    for rel in sorted(wanted):
        dst, data = target / rel, wanted[rel]
        if dst.is_file() and dst.stat().st_size == len(data) and dst.read_bytes() == data:
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(dst)
        changed += 1
    for path in sorted(target.rglob("*"), reverse=True) if complete else ():
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def write_pages(rendered: dict[str, str], catalog: Catalog, out: Path, complete: bool = True) -> int:
    """Add the static docs and 'Cite this page' blocks to the rendered files and sync them into out.

    Everything is assembled in memory first, so a failure while rendering or citing leaves out untouched.
    complete: out then holds exactly these files plus the static ones; else only these are added or updated
    (make serve's early write of an edited instrument's page). Returns how many files changed."""
    as_of = max((inst.as_of for inst in catalog.instruments), key=lambda d: d.sort_key)
    wanted = _static_files() if complete else {}
    wanted.update({rel: text.encode("utf-8") for rel, text in rendered.items()})
    for rel in [rel for rel in wanted if rel.endswith(".md")]:
        wanted[rel] = _with_citation(rel, wanted[rel].decode("utf-8"), as_of).encode("utf-8")
    return _sync(wanted, out, complete)


def generate(
    treaties: Path = paths.TREATIES,
    out: Path = paths.GENERATED_DOCS,
    quiet: bool = False,
    on_valid: Callable[[Catalog, Path], None] | None = None,
    memo: dict | None = None,
) -> int:
    """Validate, render and write every page; 0, or 1 with the problems printed and out left as it was.

    on_valid(catalog, out) runs once the data has validated, before the whole site is rendered: make serve
    uses it to write an edited instrument's page first; memo is validate_paths' (unchanged files are not read again)."""
    started = time.perf_counter()
    files = data_like(treaties)  # .yml files, links and FIFOs too, so the validator refuses them
    if not files:
        print(f"no instrument files in {treaties}", file=sys.stderr)
        return 1
    # The command line's cache of answers is keyed by its inputs as they are before they are read.
    cache_key = catalog_cache.input_key() if treaties.resolve() == paths.TREATIES.resolve() else None
    result = validate_paths(files, root=paths.ROOT, memo=memo)
    systems, systems_problems = load_systems()
    if not result.ok or systems_problems:
        for problem in [*result.problems, *systems_problems]:
            print(problem, file=sys.stderr)
        print(
            f"{len(result.problems) + len(systems_problems)} problem(s); the site was not regenerated", file=sys.stderr
        )
        return 1
    listed_data, listed_problems = validate_designations(root=paths.ROOT)
    if listed_problems:
        for problem in listed_problems:
            print(problem, file=sys.stderr)
        print(f"{len(listed_problems)} problem(s); the site was not regenerated", file=sys.stderr)
        return 1
    validated = time.perf_counter()
    catalog = Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))
    if on_valid:
        on_valid(catalog, out)
    rendered = render_site(catalog, designations.from_data(listed_data), systems)
    out.parent.mkdir(parents=True, exist_ok=True)
    site_build.clean_stale(out.parent, kinds=("docs",))  # left by a generator that was killed
    changed = write_pages(rendered, catalog, out)
    if cache_key:
        catalog_cache.write(catalog, cache_key)
    done = time.perf_counter()
    if not quiet:
        print(
            f"generated {len(rendered)} files ({changed} changed) from {len(files)} instruments into "
            f"{out.relative_to(paths.ROOT) if out.is_relative_to(paths.ROOT) else out} "
            f"[validate {validated - started:.2f}s, render {done - validated:.2f}s]",
            file=sys.stderr,
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate treaties/*.yaml and generate the site's pages.")
    parser.add_argument("--treaties", type=Path, default=paths.TREATIES)
    parser.add_argument("--out", type=Path, default=paths.GENERATED_DOCS)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    return generate(args.treaties, args.out, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
