"""`make build` really is strict, and publishes atomically: a failed build leaves the last site as it was.

The builds here use a copy of mkdocs.yml (our theme, plugins and validation settings) over a two-page
docs folder in tmp_path, so each takes a couple of seconds rather than the real site's twenty.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from treatylib import paths, site_build

ROOT = Path(__file__).parents[1]


@pytest.fixture
def project(tmp_path):
    """A config that inherits ours, a docs folder with two pages that link each other, and a staging root."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the other page](page.md).\n", encoding="utf-8")
    (docs / "page.md").write_text("# Page\n\nBack [home](index.md#home).\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {paths.ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nnav:\n  - Home: index.md\n  - Page: page.md\n",
        encoding="utf-8",
    )
    return tmp_path


def break_link(project):
    (project / "docs" / "page.md").write_text("# Page\n\nSee [a page that is gone](missing.md).\n", encoding="utf-8")


def listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_clean_build_passes(project):
    log = site_build.build(project / "out", project / "mkdocs.yml", offline=False)
    assert (project / "out" / "page.html").is_file()
    assert "Documentation built" in log and not site_build.problems(log)


def test_the_build_ships_no_source_maps_and_no_unused_search_languages(project):
    out = project / "out"
    site_build.build(out, project / "mkdocs.yml", offline=False)
    shipped = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert not [p for p in shipped if p.endswith(".map")]
    assert not [p for p in shipped if p.startswith("assets/javascripts/lunr/")]  # English needs none of them
    assert [p for p in shipped if p.startswith("assets/javascripts/workers/search.")]  # the search worker stays
    for script in out.joinpath("assets").rglob("*.js"):
        assert "sourceMappingURL" not in script.read_text(encoding="utf-8")[-300:]


def test_another_search_language_keeps_its_scripts():
    assert site_build.lunr_scripts_needed(["en"]) == set()
    assert site_build.lunr_scripts_needed(["en", "ja"]) == {
        "min/lunr.ja.min.js",
        "tinyseg.js",
        "min/lunr.multi.min.js",
        "min/lunr.stemmer.support.min.js",
    }


def test_a_broken_link_fails_the_build_through_the_command_make_runs(project):
    break_link(project)
    cmd = [sys.executable, "-m", "treatylib.site_build", "-f", str(project / "mkdocs.yml")]
    proc = subprocess.run([*cmd, "--site-dir", str(project / "out")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "WARNING" in proc.stderr and "missing.md" in proc.stderr


def test_a_nav_entry_to_a_missing_page_fails_the_build(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - Gone: gone.md\n", encoding="utf-8")
    with pytest.raises(site_build.BuildFailed, match="gone.md"):
        site_build.build(project / "out", config)


def test_a_warning_fails_even_when_mkdocs_exits_0(monkeypatch, tmp_path):
    """What --strict with --quiet does in MkDocs 1.6.1 (mkdocs/mkdocs#4126): warnings logged, exit status 0."""
    log = "INFO    -  Building documentation\nWARNING -  Doc file 'a.md' contains a link 'b.md', but ...\n"
    fake = subprocess.CompletedProcess([], 0, stdout="", stderr=log)
    monkeypatch.setattr(site_build.subprocess, "run", lambda *args, **kwargs: fake)
    with pytest.raises(site_build.BuildFailed, match="1 warning"):
        site_build.build(tmp_path / "out")


def test_no_tracked_file_builds_with_strict_quiet():
    flags = "--strict" + " --quiet"  # spelled apart, so this file does not match itself
    found = subprocess.run(["git", "grep", "-l", "-F", "--", flags], cwd=ROOT, capture_output=True, text=True)
    assert found.stdout == ""


def test_a_failed_build_leaves_the_published_site_intact(project):
    site, staging = project / "site", project / "build"
    first = site_build.publish(site, staging, project / "mkdocs.yml")
    assert site.is_symlink() and site.resolve() == first.resolve()
    before = listing(site)
    assert "index.html" in before and "page.html" in before

    break_link(project)
    with pytest.raises(site_build.BuildFailed):
        site_build.publish(site, staging, project / "mkdocs.yml")
    assert site.resolve() == first.resolve() and listing(site) == before
    assert [p.name for p in staging.iterdir()] == [first.name]  # the failed build's folder is gone

    (project / "docs" / "page.md").write_text("# Page\n\nNew text.\n", encoding="utf-8")
    second = site_build.publish(site, staging, project / "mkdocs.yml")
    assert site.resolve() == second.resolve() != first.resolve()
    assert b"New text." in (site / "page.html").read_bytes()
    assert [p.name for p in staging.iterdir()] == [second.name]  # the old build is removed after the switch


def test_a_real_site_folder_is_replaced_by_the_link_once(project):
    site, staging = project / "site", project / "build"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    target = site_build.publish(site, staging, project / "mkdocs.yml")
    assert site.is_symlink() and (site / "index.html").is_file() and not (site / "old.html").exists()
    assert [p.name for p in staging.iterdir()] == [target.name]


def test_stale_staging_folders_are_removed_and_live_ones_kept(tmp_path):
    dead = 2**31 - 2  # above any pid_max: no such process
    stale = [tmp_path / f"site-20260101T000000-{dead}-abc", tmp_path / f"docs-{dead}-x1y2"]
    legacy = tmp_path / "docs-k3j4h5"  # tempfile's name before folders carried a pid
    live = [tmp_path / f"site-20260101T000000-{os.getpid()}-abc", tmp_path / f"docs-{os.getppid()}-q"]
    live.append(tmp_path / "docs")  # the generated pages themselves
    published = tmp_path / f"site-20250101T000000-{dead}-pub"
    for folder in [*stale, legacy, *live, published]:
        folder.mkdir()
    os.utime(legacy, (0, 0))
    removed = site_build.clean_stale(tmp_path, keep=published)
    assert sorted(removed) == sorted([*stale, legacy])
    assert all(folder.is_dir() for folder in [*live, published])


def test_git_ignores_a_site_symlink(tmp_path):
    """`/site/` matches only a folder; the published site is a symlink, so .gitignore needs `/site`."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_bytes((ROOT / ".gitignore").read_bytes())
    (tmp_path / "build" / "site-1").mkdir(parents=True)
    (tmp_path / "build" / "site-1" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "site").symlink_to("build/site-1")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path, capture_output=True, text=True
    )
    assert status.stdout.split() == ["??", ".gitignore"]


def test_generator_refuses_a_yml_file_instead_of_skipping_it(tmp_path):
    """`make build` lists instrument files as the validator does: a .yml file is an error, not ignored."""
    from treatylib.build import generate

    treaties = tmp_path / "treaties"
    treaties.mkdir()
    (treaties / "sample.yml").write_text("id: sample\n", encoding="utf-8")
    assert generate(treaties, tmp_path / "out", quiet=True) == 1
