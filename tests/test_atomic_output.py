"""Atomic output: the previous site stays whole whatever happens to a build (killed, failed on a
strict warning), and two builds into one folder at the same time do not mix."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conftest import copy_project, mkdocs_build, tree_digest


def _start_build(project):
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
                            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""}, start_new_session=True)


def _wait_until_writing(project, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        staging = list(project.glob(".site.building-*"))
        if staging and any(p.is_file() for p in staging[0].rglob("*.html")):
            return
        time.sleep(0.05)
    raise AssertionError("the build never started writing")


def test_killed_build_leaves_the_previous_site_whole(tmp_path):
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    build = _start_build(project)
    _wait_until_writing(project)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert tree_digest(project / "site") == before
    # The next build clears the dead build's staging folder and succeeds.
    assert mkdocs_build(project).returncode == 0
    assert not list(project.glob(".site.building-*"))


def test_two_builds_into_one_folder_do_not_mix(tmp_path):
    project = copy_project(tmp_path)
    first = _start_build(project)
    _wait_until_writing(project)
    second = mkdocs_build(project)
    first.wait(timeout=600)
    assert first.returncode == 0
    assert second.returncode != 0 and "another build is writing site/ right now" in second.stderr
    assert "Traceback" not in second.stderr
    assert (project / "site" / "index.html").is_file()


def test_a_strict_warning_keeps_the_previous_site(tmp_path):
    """A warning fails a strict build (here a link to a missing page in the default edition,
    which MkDocs reports after it has written the pages): the old site stays as it was."""
    project = copy_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[missing](no-such-page.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "no-such-page.md" in result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.building-*"))
