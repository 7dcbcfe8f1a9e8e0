"""Building the exported editions with an engine, without any plugin of this builder.

MkDocs or Zensical builds each edition's exported project; the editions are assembled into one
site (the default edition at the root, the others under their prefixes) in a staging folder
that replaces the target only when every edition built, as with the MkDocs plugin.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from builder import config as build_config
from builder.adapters.output import AtomicSite, BusyError, content_security_policy
from builder.errors import SourceError
from builder.export.tree import export

ENGINES = ("mkdocs", "zensical")


def engine_command(engine: str, config_file: Path, site_dir: Path | None = None) -> list[str]:
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
                *(["-d", str(site_dir)] if site_dir else [])]
    # Zensical writes into the site_dir of the configuration (it must lie inside the project).
    return [_zensical(), "build", "--strict", "-f", str(config_file)]


def _zensical() -> str:
    exe = Path(sys.executable).with_name("zensical")
    return str(exe) if exe.exists() else (shutil.which("zensical") or "zensical")


def build_site(config_file: str | Path, engine: str = "mkdocs", site_dir: str | Path | None = None) -> int:
    """Export, then build every edition; prints one line per failure. Returns an exit status."""
    try:
        cfg = build_config.load(config_file)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    target = Path(site_dir) if site_dir else cfg.root / cfg.engine.get("site_dir", "site")
    try:  # the lock first: a concurrent build stops before it writes anything
        site = AtomicSite(target)
    except BusyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        result = export(cfg)
    except SourceError as exc:
        site.discard()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    parts = site.staging.parent / f"{site.staging.name}.parts"
    try:
        for edition in cfg.editions:
            folder = result.folder(edition)
            built = parts / edition.code if engine == "mkdocs" else folder / "site"
            run = subprocess.run(engine_command(engine, result.config_file(edition), built if engine == "mkdocs" else None),
                                 cwd=folder, capture_output=True, text=True)
            if run.returncode != 0:
                lines = [ln for ln in (run.stderr + run.stdout).splitlines() if ln.strip()]
                print(f"error: {engine} could not build the {edition.name} edition "
                      f"({result.config_file(edition)}): {lines[-1] if lines else run.returncode}", file=sys.stderr)
                site.discard()
                return 1
            shutil.copytree(built, site.staging / edition.prefix, dirs_exist_ok=True)
        content_security_policy(site.staging)
        site.publish()
    except BaseException:
        site.discard()
        raise
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    print(f"built {len(cfg.editions)} editions with {engine} into {target}")
    return 0
