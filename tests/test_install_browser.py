"""tests/install-browser.sh, the first step of the README's test command: deterministic, apt only
when something is missing, and never the reason the tests do not start."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import ROOT

SCRIPT = ROOT / "tests" / "install-browser.sh"


def fake_bin(folder: Path, *, uid: int, fonts: int = 4000, sudo: bool = False) -> Path:
    """Stand-ins for id, fc-list, apt-get (and sudo), first on PATH; apt-get logs its calls."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    scripts = {
        "id": f"#!/bin/sh\necho {uid}\n",
        # A long listing with the CJK font first: `fc-list | grep -q` would SIGPIPE on it.
        "fc-list": "#!/bin/sh\necho '/usr/share/fonts/NotoSansCJK.ttc: Noto Sans CJK SC:style=Regular'\n"
                   f"i=0; while [ $i -lt {fonts} ]; do echo \"/usr/share/fonts/f$i.ttf: Font $i\"; i=$((i+1)); done\n",
        "apt-get": f"#!/bin/sh\necho \"$@\" >> {folder}/apt.log\n",
    }
    if sudo:
        scripts["sudo"] = '#!/bin/sh\n[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; exec "$@"\n'
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(body)
        path.chmod(0o755)
    return bin_dir


def run(folder: Path, bin_dir: Path, chromium: Path) -> subprocess.CompletedProcess:
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "LVLIANG_CHROMIUM": str(chromium), "HOME": str(folder)}
    if Path("/usr/bin/sudo").exists() or Path("/bin/sudo").exists():
        env["PATH"] = f"{bin_dir}:{_sudo_free_path(folder)}"
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=60)


def _sudo_free_path(folder: Path) -> str:
    """A PATH with the usual tools but no sudo, so 'no sudo' can be tested on any machine."""
    tools = folder / "tools"
    tools.mkdir(exist_ok=True)
    for name in ("cat", "sh", "bash", "grep", "true"):
        for base in ("/usr/bin", "/bin"):
            if (Path(base) / name).exists() and not (tools / name).exists():
                (tools / name).symlink_to(Path(base) / name)
    return str(tools)


def browser(folder: Path) -> Path:
    path = folder / "chromium"
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_installed_browser_is_found_every_time_and_apt_never_runs(tmp_path):
    bin_dir = fake_bin(tmp_path, uid=1000)
    chromium = browser(tmp_path)
    for _ in range(25):  # the old pipe check failed in about 3 of 4 runs
        result = run(tmp_path, bin_dir, chromium)
        assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert not (tmp_path / "apt.log").exists()


def test_non_root_without_sudo_says_so_in_one_line_and_lets_the_tests_run(tmp_path):
    bin_dir = fake_bin(tmp_path, uid=1000)
    result = run(tmp_path, bin_dir, tmp_path / "no-chromium")
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "not root, no passwordless sudo" in result.stderr
    assert "browser tests will be skipped" in result.stderr
    assert not (tmp_path / "apt.log").exists()


def test_root_with_something_missing_runs_apt_and_reports_failure_in_one_line(tmp_path):
    bin_dir = fake_bin(tmp_path, uid=0)
    result = run(tmp_path, bin_dir, tmp_path / "no-chromium")  # the fake apt installs nothing
    assert result.returncode == 0
    log = (tmp_path / "apt.log").read_text().splitlines()
    assert log[0] == "update -qq" and log[1].startswith("install -y -qq --no-install-recommends chromium fonts-noto-cjk")
    assert result.stderr.strip() == ("install-browser: apt-get could not install chromium and fonts-noto-cjk; "
                                     "browser tests will be skipped")


def test_non_root_with_sudo_uses_it(tmp_path):
    bin_dir = fake_bin(tmp_path, uid=1000, sudo=True)
    result = run(tmp_path, bin_dir, tmp_path / "no-chromium")
    assert result.returncode == 0
    assert (tmp_path / "apt.log").read_text().startswith("update -qq")


def test_fonts_missing_is_something_missing(tmp_path):
    bin_dir = fake_bin(tmp_path, uid=0)
    (bin_dir / "fc-list").write_text("#!/bin/sh\necho '/usr/share/fonts/dejavu.ttf: DejaVu Sans'\n")
    run(tmp_path, bin_dir, browser(tmp_path))
    assert (tmp_path / "apt.log").exists()


def test_script_is_run_by_the_readme_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = 'bash tests/install-browser.sh && python3 -m pip install -e ".[test]" && python3 -m pytest'
    assert command in readme and command in ci
    assert os.access(SCRIPT, os.R_OK)
