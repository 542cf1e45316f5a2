"""Where a full MkDocs build spends its time: `mkdocs build --strict` under cProfile, summed by part.

    python scripts/bench_profile.py [--write FILE]

Profiles the strict build of the pages `make generate` last wrote (build/docs) into a temporary
folder. cProfile slows Python code several times over, so read the shares, not the seconds; it counts CPU
time, so other processes on the machine do not skew them. Parts
overlap where one contains another (inline patterns are part of Markdown); each row says so.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (label, file name ending, function name): cumulative time of that function, summed over matches.
PARTS = [
    ("Markdown to HTML, all of it (`Page.render`)", "mkdocs/structure/pages.py", "render"),
    ("- inline patterns (links, emphasis, code) in every table cell", "markdown/treeprocessors.py", "run@348"),
    ("- `md_in_html` (HTML blocks with Markdown inside)", "markdown/extensions/md_in_html.py", "run@313"),
    ("- MkDocs' scan of raw HTML for anchor ids (`validation: anchors`)", "mkdocs/structure/pages.py", "run@527"),
    ("- MkDocs' link rewriting and validation", "mkdocs/structure/pages.py", "run@353"),
    ("- block parsing (paragraphs, lists, `tables`)", "markdown/blockparser.py", "parseDocument"),
    ("- `toc` (heading ids, permalinks)", "markdown/extensions/toc.py", "run@387"),
    ("- `pymdownx.superfences` (code blocks)", "pymdownx/superfences.py", "run@975"),
    ("- serialising the tree to HTML", "markdown/serializers.py", "to_xhtml_string"),
    (
        "Search plugin: parse each rendered page's HTML into sections",
        "material/plugins/search/plugin.py",
        "on_page_context",
    ),
    ("Search plugin: write the index", "material/plugins/search/plugin.py", "on_post_build"),
    ("Theme templates (Jinja2), every page", "jinja2/environment.py", "render"),
    ("- of which the navigation sidebar", "material/templates/partials/nav.html", "root"),
    ("Copying static files (CSS, JS, data, images)", "mkdocs/structure/files.py", "copy_static_files"),
    ("Loading the config and plugins", "mkdocs/config/base.py", "load_config"),
]


def _matches(key: tuple[str, int, str], filename: str, function: str) -> bool:
    path, line, name = key
    wanted, _, at = function.partition("@")
    return path.endswith(filename) and name == wanted and (not at or line == int(at))


def profile(docs: Path, config: Path) -> tuple[float, list[tuple[str, float]]]:
    """(total seconds, [(part, seconds)]) of one profiled build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as site:
        profiler = cProfile.Profile(time.process_time)  # CPU time: the load of other processes does not skew it
        profiler.enable()
        build(load_config(str(config), docs_dir=str(docs), site_dir=site, strict=True))
        profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = sum(tt for _, _, tt, _, _ in stats.values())
    parts = []
    for label, filename, function in PARTS:
        seconds = max((v[3] for k, v in stats.items() if _matches(k, filename, function)), default=0.0)
        parts.append((label, seconds))
    return total, parts


def report(total: float, parts: list[tuple[str, float]]) -> str:
    lines = ["| Part | Share of the build | Seconds under cProfile |", "|---|---|---|"]
    lines += [f"| {label} | {sec / total:.0%} | {sec:.1f} |" for label, sec in parts]
    lines.append(f"| **whole build** | 100% | {total:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "build" / "docs", help="generated pages to build")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    if not (args.docs / "index.md").is_file():
        parser.error(f"{args.docs} holds no generated pages: run make generate first")
    total, parts = profile(args.docs, args.config)
    print(report(total, parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
