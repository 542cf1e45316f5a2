"""The search-pool plugin (src/treatylib/search_pool.py) writes the index Material writes, byte for byte."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
from pathlib import Path

import yaml

from treatylib import paths, search_pool

PAGES = {
    "index.md": "# Home\n\nThe NPT entered into force in 1970.\n\n## Parties\n\n"
    "| State | Status |\n|---|---|\n| India | Not joined |\n| France | Party |\n\n"
    "## Hidden { data-search-exclude }\n\nNot in the index.\n",
    "excluded.md": "---\nsearch:\n  exclude: true\n---\n\n# Excluded\n\nNever indexed.\n",
    "more.md": '# More\n\n<div class="x"><p>Raw <strong>HTML</strong> block</p></div>\n\n### Deep\n\nText.\n',
}


def _build(tmp_path: Path, name: str, pool: str) -> tuple[bytes, str]:
    root = tmp_path / name
    docs = root / "docs"
    docs.mkdir(parents=True)
    for page, text in PAGES.items():
        (docs / page).write_text(text, encoding="utf-8")
    config = {
        "site_name": "t",
        "use_directory_urls": False,
        "theme": {"name": "material"},
        "plugins": ["search", "treatylib-search-pool"],
        "markdown_extensions": ["attr_list", "tables", "toc"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "TREATYLIB_PARALLEL": pool}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-v"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return (root / "site" / "search" / "search_index.json").read_bytes(), proc.stderr


def test_the_pool_writes_the_index_material_writes(tmp_path):
    pooled, log = _build(tmp_path, "pooled", "on")
    assert "search: 2 pages parsed in a second process" in log  # the excluded page is not sent
    plain, log = _build(tmp_path, "plain", "off")
    assert "parsed in a second process" not in log
    assert pooled == plain
    assert b"France" in pooled and b"Raw" in pooled and b"Deep" in pooled
    assert b"Never indexed" not in pooled and b"Not in the index" not in pooled


def test_a_failing_parse_is_reported_not_swallowed():
    inbox, outbox = queue.Queue(), queue.Queue()
    inbox.put("<p>fine</p>")
    inbox.put(12)  # not HTML: the parser raises
    search_pool._work(inbox, outbox)
    status, detail = outbox.get_nowait()
    assert status == "error" and "Traceback" in detail


def test_the_site_uses_it_after_search():
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in _plugins()]
    assert plugins.index("treatylib-search-pool") == plugins.index("search") + 1


def _plugins() -> list:
    # mkdocs.yml has !ENV tags; only the plugin list is read here.
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["plugins"]
