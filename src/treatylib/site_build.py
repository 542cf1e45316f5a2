"""Build the site with MkDocs, strictly, and publish it with an atomic switch.

    python -m treatylib.site_build                      build, then switch site/ to the new build (make build)
    python -m treatylib.site_build --site-dir DIR       build into DIR only (tests, offline edition, bench)
    python -m treatylib.site_build -f CONFIG --offline  another config file; Material's offline plugin on

Strict means strict. In MkDocs 1.6.1 `--quiet` stops warnings from being counted
(mkdocs/mkdocs#4126), so `mkdocs build --strict` with `--quiet` publishes a broken link with exit 0.
This runs `mkdocs build --strict` without `--quiet`, keeps its log, and fails on a non-zero
exit or on any line logged at WARNING level (or worse), printing those lines.

Publishing never leaves a moment without a site, or with half of one. Every build goes into a
fresh folder, build/site-<time>-<pid>-<random>. Only when it has succeeded, `site` becomes a
symlink to it: a new symlink is made under a temporary name and renamed over `site`, and
rename(2) is atomic, so a reader sees either the old build or the new one. The old build is
removed after the switch. A failed or interrupted build leaves `site` as it was.
Staging folders that a killed build or generator left behind (build/site-*, build/docs-*)
are removed at the start of the next one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths

SITE = paths.ROOT / "site"
# A logged line at WARNING level or worse, as MkDocs writes it ("WARNING -  Doc file ...").
_PROBLEM = re.compile(r"^\s*(?:WARNING|ERROR|CRITICAL)\b")
# Staging folders: site-<time>-<pid>-<random> (here) and docs-<pid>-<random> (treatylib.build).
_STAGING = re.compile(r"^(?:site-\d{8}T\d{6}-|docs-)(\d+)-[^/]*$")
_LEGACY_DOCS = re.compile(r"^docs-[a-z0-9_]+$")  # tempfile's docs-<random>, before folders carried a pid
_LEGACY_AGE = 3600  # seconds; a generator never takes that long


# What Material ships that this site never loads: source maps (only a debugger asks for them) and
# the lunr scripts for search languages other than ours (the worker imports them only for those).
_LUNR = "assets/javascripts/lunr"
_SOURCE_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")
_SEARCH_LANGS = re.compile(r'"lang":\s*\[([^\]]*)\]')


class BuildFailed(Exception):
    """MkDocs exited non-zero or logged a warning; the message holds the warnings (or the whole log)."""


def problems(log: str) -> list[str]:
    """The lines of a MkDocs log at WARNING level or worse."""
    return [line for line in log.splitlines() if _PROBLEM.match(line)]


def build(site_dir: Path, config: Path | None = None, offline: bool | None = None) -> str:
    """`mkdocs build --strict` into `site_dir`; the log, or BuildFailed on a non-zero exit or any warning.

    `offline` sets OFFLINE for Material's offline plugin (mkdocs.yml reads it); None leaves the environment alone.
    """
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    if config is not None:
        cmd += ["--config-file", str(config)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if offline is not None:
        env["OFFLINE"] = "true" if offline else "false"
    proc = subprocess.run(cmd, cwd=paths.ROOT, env=env, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    found = problems(log)
    if proc.returncode or found:
        detail = "\n".join(found) if found else log.rstrip()
        what = f"{len(found)} warning(s)" if found else f"exit status {proc.returncode}"
        raise BuildFailed(f"mkdocs build failed ({what}, exit status {proc.returncode}):\n{detail}")
    prune(site_dir)
    return log


def search_languages(site_dir: Path) -> list[str]:
    """The languages the built search index is configured for (the online index, or the offline plugin's copy)."""
    for name in ("search/search_index.json", "search/search_index.js"):
        index = site_dir / name
        if index.is_file():
            found = _SEARCH_LANGS.search(index.read_text(encoding="utf-8"))
            if found:
                return re.findall(r'"([^"]+)"', found.group(1))
    return ["en"]


def lunr_scripts_needed(langs: list[str]) -> set[str]:
    """The files under assets/javascripts/lunr the search worker imports for these languages (as Material does)."""
    needed = {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    needed |= {"tinyseg.js"} if "ja" in langs else set()
    needed |= {"wordcut.js"} if "th" in langs else set()
    needed |= {"min/lunr.multi.min.js"} if len(langs) > 1 else set()
    return needed | {"min/lunr.stemmer.support.min.js"} if needed else set()


def prune(site_dir: Path) -> list[Path]:
    """Remove source maps and unused search-language scripts from a built site; returns what was removed."""
    removed = []
    needed = lunr_scripts_needed(search_languages(site_dir))
    lunr = site_dir / _LUNR
    if lunr.is_dir():
        removed += [p for p in lunr.rglob("*.js") if p.relative_to(lunr).as_posix() not in needed]
    removed += list(site_dir.rglob("*.map"))
    for path in removed:
        path.unlink()
    for path in [*site_dir.joinpath("assets").rglob("*.js"), *site_dir.joinpath("assets").rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        stripped = _SOURCE_MAP_COMMENT.sub("", text)  # the map is gone: no 404 when a debugger opens
        if stripped != text:
            path.write_text(stripped, encoding="utf-8", errors="surrogateescape")
    for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True) if lunr.is_dir() else ():
        if not any(folder.iterdir()):
            folder.rmdir()
    if lunr.is_dir() and not any(lunr.iterdir()):
        lunr.rmdir()
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours
        return True
    return True


def _current(site: Path) -> Path | None:
    """The build folder `site` points to, if it is a symlink."""
    return (site.parent / os.readlink(site)).resolve() if site.is_symlink() else None


def clean_stale(staging_root: Path, keep: Path | None = None, kinds: tuple[str, ...] = ("site", "docs")) -> list[Path]:
    """Remove staging folders of these kinds whose builder has died (and pre-pid docs-* folders over an hour old).

    `keep` (the build the site points to) is never removed. Returns what was removed.
    """
    removed = []
    if not staging_root.is_dir():
        return removed
    keep = keep.resolve() if keep else None
    for path in sorted(staging_root.iterdir()):
        if path.name.split("-")[0] not in kinds or not path.is_dir() or path.is_symlink() or path.resolve() == keep:
            continue
        match = _STAGING.match(path.name)
        if match:
            stale = not _alive(int(match.group(1)))
        else:
            stale = bool(_LEGACY_DOCS.match(path.name)) and time.time() - path.stat().st_mtime > _LEGACY_AGE
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def switch(site: Path, target: Path) -> Path | None:
    """Point `site` at `target` atomically; returns the folder it pointed to before, if any.

    A `site` that is still a real folder (from before builds were switched) is first moved
    into target's parent, once: that switch alone has a moment without a site.
    """
    previous = _current(site)
    if site.exists() and not site.is_symlink():
        previous = target.parent / f"site-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-old"
        os.rename(site, previous)
    link = site.with_name(f".{site.name}.{os.getpid()}.tmp")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, site.parent), link)
    os.replace(link, site)  # rename(2): atomic
    return previous


def publish(site: Path = SITE, staging_root: Path = paths.BUILD, config: Path | None = None) -> Path:
    """Build into a new staging folder and, only if that succeeded, switch `site` to it. Returns the new build."""
    staging_root.mkdir(parents=True, exist_ok=True)
    clean_stale(staging_root, keep=_current(site))
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = Path(tempfile.mkdtemp(prefix=f"site-{stamp}-{os.getpid()}-", dir=staging_root))
    try:
        build(target, config)
        target.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        previous = switch(site, target)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    if previous and previous.resolve() != target.resolve():
        shutil.rmtree(previous, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="mkdocs build --strict that fails on any warning; publish atomically.")
    parser.add_argument("--site-dir", type=Path, help="build into this folder only, with no switch")
    parser.add_argument("-f", "--config-file", type=Path, help="MkDocs config (default: mkdocs.yml)")
    parser.add_argument("--offline", action="store_true", help="Material's offline plugin on (OFFLINE=true)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.site_dir:
            build(args.site_dir, args.config_file, offline=True if args.offline else None)
            where = args.site_dir
        else:
            if args.offline:
                parser.error("--offline needs --site-dir: the offline edition is never published as site/")
            publish(config=args.config_file)
            where = f"{SITE.name} -> {os.readlink(SITE)}"
    except BuildFailed as err:
        print(err, file=sys.stderr)
        return 1
    print(f"built {where} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
