"""Benchmarks: build stages, validation, synthetic scale-ups, search index size and search latency.

Run by `make bench`; `--write BENCHMARKS.md` also saves the report. Everything is built in temporary
folders: treaties/, build/ and site/ are never touched. Stage timings are medians of --repeat runs in
one warm process; the generation stage (and its peak memory) runs in a fresh child process per data set.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import platform
import resource
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # also runs without the editable install

from treatylib import paths, site_build, states, yamlio  # noqa: E402
from treatylib.build import render_site  # noqa: E402
from treatylib.catalog import Catalog  # noqa: E402
from treatylib.model import from_data  # noqa: E402
from treatylib.validate import cross_rules, file_rules, schema_layer, validate_paths  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "src"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
QUERIES = ["pakistan", "chemical", "tlatelolco", "ratification", "iran", "wassenaar", "seabed", "withdrawal"]
MKDOCS_BUDGET = 120  # seconds: render the x20 site only if it should take less


def timed(func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - started, result


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ---- synthetic data sets -------------------------------------------------------------------------


def scaled_treaties(source: Path, folder: Path, copies: int) -> None:
    """The files in source, plus copies 2..n of each under new ids and names, without `related` links."""
    folder.mkdir(parents=True)
    for path in sorted(source.glob("*.yaml")):
        shutil.copy(path, folder / path.name)
        for n in range(2, copies + 1):
            data = yamlio.load(path)
            data["id"] = f"{data['id']}-copy{n}"
            data["short_name"] = f"{data['short_name']} copy{n}"
            if "aliases" in data:
                data["aliases"] = [f"{alias} copy{n}" for alias in data["aliases"]]
            data.pop("related", None)
            (folder / f"{data['id']}.yaml").write_text(yamlio.dumps(data), encoding="utf-8")


def synthetic_codes(count: int) -> list[str]:
    """Three-letter codes (valid for the schema) that no real state or entity uses."""
    codes = ("".join(letters) for letters in itertools.product(string.ascii_uppercase, repeat=3))
    return list(itertools.islice((code for code in codes if not states.is_known(code)), count))


def register_states(count: int) -> None:
    """Make the synthetic codes known to this process only (nothing is written to data/)."""
    registry = states._registry()  # the cached dict behind is_known() and get()
    for code in synthetic_codes(count):
        registry[code] = states.State(code, f"Synthetic state {code}")


def states_treaties(source: Path, folder: Path, count: int) -> None:
    """The files in source plus one treaty (ENMOD's metadata) acceded to by `count` synthetic states."""
    scaled_treaties(source, folder, 1)
    data = yamlio.load(source / "enmod.yaml")
    data.update(id="synthetic-states", short_name="SYNTHETIC", aliases=["Synthetic states treaty"])
    for key in ("related", "official_counts", "thresholds", "ratification_threshold"):
        data.pop(key, None)
    key = data["sources"][0]["key"]
    data["participation"] = [
        {"state": code, "action": "accession", "date": data["as_of"], "source": key} for code in synthetic_codes(count)
    ]
    (folder / "synthetic-states.yaml").write_text(yamlio.dumps(data), encoding="utf-8")


# ---- stages --------------------------------------------------------------------------------------


def generate_docs(result, out: Path) -> Catalog:
    """What the generator does after validating: model, render, write the docs folder."""
    catalog = Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))
    rendered = render_site(catalog)
    shutil.copytree(paths.DOCS, out)
    for rel, text in rendered.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return catalog


def measure(treaties: Path, docs: Path, repeat: int, synthetic_states: int = 0) -> dict:
    """Validate and generate `repeat` times (run in a fresh process, for a clean memory peak)."""
    register_states(synthetic_states)
    states.all_states(), schema_layer.schema()  # load the shared data once, as a long-lived process would
    files = sorted(treaties.glob("*.yaml"))
    validate_s, generate_s, rss_before = [], [], None
    for _ in range(repeat):
        seconds, result = timed(validate_paths, files, paths.ROOT)
        if not result.ok:
            raise RuntimeError("the data does not validate:\n" + "\n".join(map(str, result.problems[:10])))
        validate_s.append(seconds)
        rss_before = rss_before or maxrss_mb()
        shutil.rmtree(docs, ignore_errors=True)
        seconds, catalog = timed(generate_docs, result, docs)
        generate_s.append(seconds)
    return {
        "instruments": len(result.instruments),
        "rows": sum(len(inst.participation) for inst in result.instruments),
        "states": len(catalog.state_codes),
        "validate": statistics.median(validate_s),
        "generate": statistics.median(generate_s),
        "rss_before": rss_before,
        "rss_peak": maxrss_mb(),
    }


def in_child(func, *args):
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def mkdocs_build(docs: Path, site: Path, offline: bool = False) -> float:
    """`mkdocs build --strict` of our mkdocs.yml with docs_dir pointed at `docs`; seconds taken."""
    config = docs.parent / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\n", encoding="utf-8")
    shutil.rmtree(site, ignore_errors=True)
    try:  # the same strict build as make build: a warning fails it
        seconds, _ = timed(site_build.build, site, config, offline)
    except site_build.BuildFailed as err:
        raise SystemExit(str(err)) from None
    return seconds


def cold_cli(args: list[str], repeat: int) -> float:
    """Wall time of a command-line run, as `make validate` / `make generate` pay it."""
    runs = [
        timed(subprocess.run, [sys.executable, *args], capture_output=True, env=ENV, cwd=ROOT, check=True)[0]
        for _ in range(repeat)
    ]
    return statistics.median(runs)


def validation_layers(treaties: Path, repeat: int) -> dict[str, float]:
    """validate_paths' steps timed one by one (median seconds per step)."""
    files = sorted(treaties.glob("*.yaml"))
    states.all_states()  # loaded once per process, not per run
    runs = []
    for _ in range(repeat):
        spent = dict.fromkeys(("YAML load", "schema", "file rules", "model objects", "cross-file rules"), 0.0)
        raw = {}
        for path in files:
            seconds, raw[str(path)] = timed(yamlio.load, path)
            spent["YAML load"] += seconds
            spent["schema"] += timed(list, schema_layer.check(raw[str(path)]))[0]  # the checks are generators
            spent["file rules"] += timed(list, file_rules.check(raw[str(path)], path.stem))[0]
        spent["model objects"], instruments = timed(
            tuple, itertools.starmap(from_data, ((d, p) for p, d in raw.items()))
        )
        spent["cross-file rules"] = timed(list, cross_rules.check(instruments, raw, {p.stem for p in files}))[0]
        runs.append(spent)
    return {step: statistics.median(run[step] for run in runs) for step in runs[0]}


def site_sizes(site: Path) -> dict:
    index = (site / "search" / "search_index.json").read_bytes()
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return {
        "index": len(index),
        "index_gz": len(gzip.compress(index, compresslevel=6)),
        "page": largest.relative_to(site).as_posix(),
        "page_bytes": largest.stat().st_size,
        "pages": sum(1 for _ in site.rglob("*.html")),
    }


# ---- search in Chromium --------------------------------------------------------------------------

# Resolves with the ms from the first keydown in the search box to the first result item shown.
ARM = """() => { window.__searchMs = new Promise(resolve => {
  let t0 = null;
  const box = document.querySelector('.md-search__input');
  box.addEventListener('keydown', () => { t0 = t0 ?? performance.now(); }, {capture: true});
  const seen = new MutationObserver(() => {
    if (t0 !== null && document.querySelector('.md-search-result__item')) {
      seen.disconnect();
      resolve(performance.now() - t0);
    }
  });
  seen.observe(document.querySelector('.md-search-result'), {childList: true, subtree: true});
}); }"""


def search_latency(site: Path, chromium: str, fresh_loads: int) -> dict:
    from playwright.sync_api import sync_playwright

    url = (site / "index.html").as_uri()
    first, warm = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for load in range(fresh_loads):
            page = browser.new_context().new_page()
            page.goto(url, wait_until="domcontentloaded")  # type at once: the index is still loading
            page.evaluate(ARM)
            page.focus(".md-search__input")
            page.keyboard.type(QUERIES[0])
            first.append(page.evaluate("window.__searchMs"))
            for query in QUERIES[1:] if load == 0 else ():
                page.fill(".md-search__input", "")
                page.wait_for_selector(".md-search-result__item", state="detached")
                page.evaluate(ARM)
                page.keyboard.type(query)
                warm.append(page.evaluate("window.__searchMs"))
            page.context.close()
        chromium_version = browser.version
        browser.close()
    return {
        "first": statistics.median(first),
        "first_all": first,
        "warm": statistics.median(warm),
        "warm_max": max(warm),
        "chromium": chromium_version,
    }


# ---- report --------------------------------------------------------------------------------------


def machine(load: float) -> list[tuple[str, str]]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "unknown")
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kib = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal")))
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=ROOT)
    return [
        ("Code", commit.stdout.strip() or "unknown (not a git checkout)"),
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores"),
        ("Memory", f"{mem_kib / 2**20:.1f} GiB"),
        ("OS", platform.platform()),
        ("Load average at start (other processes skew timings)", f"{load:.2f}"),
        ("Python", platform.python_version()),
        ("MkDocs / Material", f"{version('mkdocs')} / {version('mkdocs-material')}"),
    ]


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]) + "\n"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def run(repeat: int, chromium: str) -> dict:
    """Every measurement, in temporary folders."""
    log = lambda message: print(f"... {message}", file=sys.stderr, flush=True)  # noqa: E731
    out: dict = {"repeat": repeat}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        treaties = work / "treaties"  # a snapshot: edits to treaties/ during the run do not matter
        scaled_treaties(paths.TREATIES, treaties, 1)
        log(f"real data: validate + generate x{repeat}")
        real = out["real"] = in_child(measure, treaties, work / "real" / "docs", repeat)
        log(f"real data: mkdocs build x{repeat}")
        real["mkdocs"] = statistics.median(mkdocs_build(work / "real" / "docs", work / "site") for _ in range(repeat))
        out["sizes"] = site_sizes(work / "site")
        log("cold command-line runs, validation layers")
        files = [str(path) for path in sorted(treaties.glob("*.yaml"))]
        out["cold_validate"] = cold_cli(["-m", "treatylib.validate", *files], repeat)
        cli_build = ["-m", "treatylib.build", "--quiet", "--treaties", str(treaties), "--out", str(work / "cli")]
        out["cold_generate"] = cold_cli(cli_build, repeat)
        out["layers"] = validation_layers(treaties, repeat)

        scales = out["scales"] = [("x1 (real data)", real)]
        previous = (1, real["mkdocs"])
        for copies in (5, 20):
            log(f"x{copies} instruments")
            folder = work / f"x{copies}"
            scaled_treaties(treaties, folder / "treaties", copies)
            result = in_child(measure, folder / "treaties", folder / "docs", 1)
            estimate = previous[1] * copies / previous[0]  # MkDocs time grows about linearly with pages
            if copies <= 5 or estimate < MKDOCS_BUDGET:
                result["mkdocs"] = mkdocs_build(folder / "docs", folder / "site")
                previous = (copies, result["mkdocs"])
            else:
                result["mkdocs_note"] = f"skipped (~{estimate:.0f} s expected)"
            scales.append((f"x{copies} instruments", result))
        for count in (200, 2000):
            log(f"+{count} synthetic states")
            folder = work / f"states{count}"
            states_treaties(treaties, folder / "treaties", count)
            result = in_child(measure, folder / "treaties", folder / "docs", 1, count)
            scales.append((f"x1 + {count:,} synthetic states", result))

        if Path(chromium).exists():
            log("offline build, search in Chromium")
            mkdocs_build(work / "real" / "docs", work / "offline", offline=True)
            out["search"] = search_latency(work / "offline", chromium, fresh_loads=repeat)
    return out


def report(out: dict) -> str:
    real, sizes, search, repeat = out["real"], out["sizes"], out.get("search"), out["repeat"]
    total = real["validate"] + real["generate"] + real["mkdocs"]
    share, ours = real["generate"] / total, (real["validate"] + real["generate"]) / total
    targets = [
        [
            "validation of the real data",
            "< 1 s",
            f"{out['cold_validate']:.2f} s cold CLI; {real['validate']:.2f} s warm",
            verdict(max(out["cold_validate"], real["validate"]) < 1),
        ],
        [
            "generate stage's share of the build",
            "< 10%",
            f"{share:.1%} (validate + generate: {ours:.1%})",
            verdict(share < 0.1),
        ],
        ["search index", "< 1 MB gzipped", f"{sizes['index_gz'] / 1e6:.2f} MB", verdict(sizes["index_gz"] < 1e6)],
    ]
    if search:
        firsts = ", ".join(f"{ms:.0f}" for ms in search["first_all"])
        targets += [
            [
                "first search result, fresh page (index load included)",
                "< 300 ms",
                f"{search['first']:.0f} ms median ({firsts})",
                verdict(search["first"] < 300),
            ],
            [
                f"first search result, warm page (median of {len(QUERIES) - 1} queries)",
                "< 300 ms",
                f"{search['warm']:.0f} ms (max {search['warm_max']:.0f})",
                verdict(search["warm"] < 300),
            ],
        ]
    else:
        targets.append(["first search result", "< 300 ms", "not measured: no Chromium", "—"])
    stages = [
        ["load + validate (`validate_paths`)", f"{real['validate']:.2f}", f"{real['validate'] / total:.0%}"],
        ["generate (`Catalog`, `render_site`, write)", f"{real['generate']:.2f}", f"{share:.0%}"],
        ["MkDocs render (`mkdocs build --strict`)", f"{real['mkdocs']:.2f}", f"{real['mkdocs'] / total:.0%}"],
        ["**total**", f"**{total:.2f}**", "100%"],
    ]
    cli = [
        ["`python -m treatylib.validate` (what `make validate` runs)", f"{out['cold_validate']:.2f}"],
        ["`python -m treatylib.build` (what `make generate` runs)", f"{out['cold_generate']:.2f}"],
    ]
    layer_total = sum(out["layers"].values())
    layers = [[name, f"{sec:.3f}", f"{sec / layer_total:.0%}"] for name, sec in out["layers"].items()]
    scales = [
        [
            name,
            r["instruments"],
            f"{r['rows']:,}",
            r["states"],
            f"{r['validate']:.2f}",
            f"{r['generate']:.2f}",
            f"{r['mkdocs']:.1f}" if "mkdocs" in r else r.get("mkdocs_note", "not run"),
            f"{r['rss_peak']:.0f} (+{r['rss_peak'] - r['rss_before']:.0f})",
        ]
        for name, r in out["scales"]
    ]
    sizes_rows = [
        ["`search/search_index.json`", f"{sizes['index']:,} B", f"{sizes['index_gz']:,} B gzipped (level 6)"],
        ["largest HTML page", f"{sizes['page_bytes']:,} B", f"`{sizes['page']}` (of {sizes['pages']} pages)"],
    ]
    return "\n".join(
        [
            "## Targets\n",
            table(["Measure", "Target", "Result", ""], targets),
            f"## Full build, real data (median of {repeat} runs)\n",
            table(["Stage", "Seconds", "Share"], stages),
            "Cold command-line runs, interpreter start and imports included (median):\n",
            table(["Command", "Seconds"], cli),
            f"## Validation step by step, real data (median of {repeat} runs)\n",
            table(["Step", "Seconds", "Share"], layers),
            "## Scale-ups (x1: the medians above; the others: one run)\n",
            table(
                [
                    "Data set",
                    "Instruments",
                    "Participation rows",
                    "State pages",
                    "Validate s",
                    "Generate s",
                    "MkDocs s",
                    "Peak RSS MB (rise in generation)",
                ],
                scales,
            ),
            "## Sizes (normal build)\n",
            table(["What", "Size", "Note"], sizes_rows),
        ]
    )


METHOD = f"""\
Made by `make bench` (`scripts/bench.py --write BENCHMARKS.md`); numbers differ between machines.

- Stages: `validate_paths` on `treaties/*.yaml`; then `Catalog` + `render_site` + writing the docs folder;
  then `mkdocs build --strict` (a subprocess) into a temporary folder. Validation and generation run in a
  fresh process with the shared data (states, schema) already loaded.
- xN instruments: every real file plus N-1 copies under new ids (`npt-copy2`, ...), with `short_name` and
  aliases suffixed (`NPT copy2`) and `related` dropped.
- Synthetic states: the real files plus one treaty acceded to by N states with unused three-letter codes
  (`AAA`, `AAB`, ...), registered as known states inside the benchmark process only. There are only ~250
  real codes, so this is how the number of states (state pages, matrix rows) is pushed to 2,000.
- Peak RSS: `ru_maxrss` of the process that validates and generates; in brackets, the rise during generation.
- Search: the offline build (`OFFLINE=true`) opened from `file://` in headless Chromium; `performance.now()`
  in the page from the first keydown in the search box to the first `.md-search-result__item`.
  Fresh page: typed as soon as the DOM is ready, so loading the index is included. Queries: {", ".join(QUERIES)}.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement on the real data (median)")
    parser.add_argument("--write", type=Path, metavar="FILE", help="also write the report to FILE (Markdown)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="browser for the search timing")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    out = run(args.repeat, args.chromium)
    info = machine(load) + ([("Chromium", out["search"]["chromium"])] if "search" in out else [])
    text = report(out)
    print(text)
    print("\n".join(f"{key}: {value}" for key, value in info))
    if args.write:
        machine_text = "\n".join(f"- {key}: {value}" for key, value in info)
        args.write.write_text(
            f"# Benchmarks\n\nRun on {date.today()}.\n\n{machine_text}\n\n{METHOD}\n{text}", encoding="utf-8"
        )
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
