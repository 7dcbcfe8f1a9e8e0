"""How MkDocs builds the editions: the other editions in worker processes beside the default
edition's build, and rebuilds while serving that redo only the pages whose files changed.

Workers. Each edition other than the default is a plain exported project
(``builder.export.tree``); a worker process per edition builds it while the main process builds
the default edition, so a build uses both cores of a two-core machine. The workers start when a
build begins (their imports overlap the corpus, which the main process makes once and sends
them) and, under ``mkdocs serve``, live as long as the server, each keeping its compiled
templates and what it remembers between rebuilds (``builder.memory``). A worker's log lines go to the same
terminal; its failure (a strict-mode warning included) fails the build.

Dirty rebuilds. ``mkdocs serve --dirty`` rebuilds only the pages whose source file is newer than
their output. That is exact here, not an approximation: every navigation entry carries its
title, so a page never reads another page, and an export that changes what every page shows
(``Export.site_wide``: the configuration, the navigation, the theme extension, the set of
pages) empties the edition's output first, so MkDocs builds all of it; a data file the export
removed has its built copy removed.
"""
from __future__ import annotations

import base64
import functools
import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.plugins import BasePlugin, get_plugin_logger

from builder.editions import BY_CODE

log = get_plugin_logger("builder.adapters.mkdocs.builds")  # the same name in a worker (run as __main__)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory, checked against each template's source."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _MemoryBytecodeCache()


class CompiledTemplates(BasePlugin):
    """Each MkDocs build makes a new Jinja environment and compiles the theme's templates again
    (the largest part of a rebuild that changed a few pages). Rebuilds in one process share the
    compiled code: Jinja keys it by template path and checks it against the template's source,
    so an edited override is compiled afresh.

    It also gives the theme a loader that lists its files without walking hidden folders
    (``ThemeLoader``)."""

    def on_config(self, config):
        theme = config.theme
        theme.get_env = functools.partial(_theme_env, theme, type(theme).get_env)
        return config

    def on_env(self, env, config, files):
        env.bytecode_cache = _COMPILED
        return env


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's templates, listed without the files under hidden folders.

    Each build, MkDocs lists every file of the theme to copy its static files, then drops the
    hidden ones (names starting with a dot). Material keeps some 14,000 icons under ``.icons/``
    beside 161 other files, so the walk and the filtering took 0.14 s of every rebuild, in each
    edition's process. Templates are loaded by name, never from this list, so an icon a
    template includes is still found."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [d for d in subfolders if not d.startswith(".")]
                inside = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
                found.update(name if inside == "." else f"{inside}/{name}" for name in names)
        return sorted(found)


def _theme_env(theme, get_env) -> jinja2.Environment:
    env = get_env(theme)
    env.loader = ThemeLoader(theme.dirs)
    return env


class ServedWarnings(logging.Filter):
    """While serving, a warning does not stop the rebuild.

    In strict mode MkDocs counts the warnings of a build and then raises instead of reloading the
    browsers, and every request waits until a build passes: saving a source text whose paragraph
    has an English translation (which makes it stale, a warning) left the whole site hanging.
    While serving, this filter on MkDocs' strict-mode counter counts the warnings instead (they
    are logged as before), so the rebuilt pages show, and ``report`` adds a line saying that
    `mkdocs build` stops on them. ``mkdocs build`` is as strict as before."""

    current: "ServedWarnings | None" = None

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @classmethod
    def start(cls, serving: bool) -> None:
        """At the start of a build (after MkDocs set up its counter)."""
        from mkdocs.utils import CountHandler

        cls.current = cls() if serving else None
        for handler in logging.getLogger("mkdocs").handlers if serving else ():
            if isinstance(handler, CountHandler):
                handler.addFilter(cls.current)

    @classmethod
    def report(cls) -> None:
        if cls.current and cls.current.count:
            n = cls.current.count
            log.info(f"{n} warning{'s' if n > 1 else ''} above: serving goes on; `mkdocs build` stops on "
                     f"{'them' if n > 1 else 'it'}")

    def filter(self, record: logging.LogRecord) -> bool:
        self.count += 1
        return False


class _WorkerWarnings(BasePlugin):
    """``ServedWarnings`` in a worker's build while serving (the main process's plugin does it there)."""

    def on_config(self, config):
        ServedWarnings.start(True)
        return config

    def on_post_build(self, config):
        ServedWarnings.report()


def exact_dirty_builds(record: logging.LogRecord) -> bool:
    """A logging filter: drops MkDocs' warning that a dirty build shows inaccurate navigation,
    which is not so here (see the module's docstring)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def before_dirty_builds(export, site_dir: str, codes: list[str]) -> None:
    """``before_dirty_build`` for each edition of an export made in the main process: the
    default edition (``codes[0]``) is built into ``site_dir``, the others into their folders."""
    for edition in export.editions:
        before_dirty_build(export, edition, site_dir if edition.code == codes[0] else os.path.join(site_dir, edition.code),
                           codes)


def before_dirty_build(export, edition, folder: str, codes: list[str]) -> None:
    """Before a dirty build: empty the edition's output (but other editions' folders) when the
    export changed what all its pages show, so MkDocs builds every page, as a clean build does;
    else remove the built copies of the files the export removed."""
    if not os.path.isdir(folder) or not os.listdir(folder):  # nothing built yet: MkDocs builds every page
        return
    if export.site_wide(edition):
        log.info(f"The {edition.name} edition changed as a whole: rebuilding all its pages")
        empty(folder, keep=set(codes) - {edition.code})
        return
    for path in export.removed_files(edition):
        built = os.path.join(folder, *path.split("/"))
        if os.path.isfile(built):
            os.remove(built)


def empty(folder: str, keep: set[str] = frozenset()) -> None:
    """Remove what a folder holds but the subfolders named in ``keep``."""
    for name in os.listdir(folder):
        if name not in keep:
            path = os.path.join(folder, name)
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)


class EditionWorkers:
    """One worker process per edition name, started with the build (its imports overlap the
    corpus). ``start_all`` once the corpus is made: each worker exports its edition from it;
    ``build`` when MkDocs has cleaned the site folder: it builds the edition there; ``wait``
    for all.

    A worker is ``python -m builder.adapters.mkdocs.builds``: jobs and the go-ahead come as lines
    on its standard input, outcomes go back as JSON lines (no multiprocessing, whose spawned
    children re-run the calling script)."""

    def __init__(self, names: list[str], serving: bool = False) -> None:
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        args = [sys.executable, "-m", __name__, str(level), "serve" if serving else "build"]
        self.workers = {name: subprocess.Popen(args, stdin=subprocess.PIPE,
                                               stdout=subprocess.PIPE, text=True, encoding="utf-8")
                        for name in names}
        self.pending: dict[str, bool] = {}
        """Started jobs: whether each was told to build."""

    @classmethod
    def for_editions(cls, current: "EditionWorkers | None", names: list[str],
                     serving: bool = False) -> "EditionWorkers | None":
        """The running workers if they fit (same editions, all alive), else new ones."""
        if current and (list(current.workers) != names or not current.alive()):
            current.close()
            current = None
        return current or (cls(names, serving) if names else None)

    def start_all(self, project: str, site_dir: str, strict: bool, dirty: bool, corpus, exported=()) -> None:
        """Have each worker export its edition of the project (its ``mkdocs.yml``) from ``corpus``
        (made once, in the main process), and build it into its folder of ``site_dir`` on
        ``build``. An edition in ``exported`` (the main process exports it) and every edition
        without a corpus (bad input) is built from its export as it is then."""
        others = [name for name in self.workers if name not in {e.code for e in exported}]
        shared = base64.b64encode(pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL)).decode("ascii") \
            if corpus is not None and others else None
        for name in self.workers:  # the job, then the corpus on a line of its own (base64: no newline in it)
            self._send(name, json.dumps({"project": project, "edition": name, "site_dir": os.path.join(site_dir, name),
                                         "strict": strict, "dirty": dirty}))
            self._send(name, shared if shared and name in others else "")
            self.pending[name] = False

    def build(self, name: str) -> None:
        if name in self.pending and not self.pending[name]:
            self._send(name, "build")
            self.pending[name] = True

    def wait(self) -> dict[str, str]:
        """Wait for every started job (one never told to build is called off); returns the
        failures (one line each) by edition code."""
        failures = {}
        for name, building in self.pending.items():
            worker = self.workers[name]
            if not building:
                self._send(name, "skip")
            line = worker.stdout.readline()
            try:
                outcome = json.loads(line)["error"]
            except (ValueError, KeyError, TypeError):
                outcome = f"its build process stopped (exit code {worker.poll()})"
            if outcome and building:
                failures[name] = f"the {BY_CODE[name].name} edition did not build: {outcome}"
        self.pending = {}
        return failures

    def _send(self, name: str, line: str) -> None:
        try:
            self.workers[name].stdin.write(line + "\n")
            self.workers[name].stdin.flush()
        except OSError:
            pass  # it died: wait() says so

    def alive(self) -> bool:
        return all(worker.poll() is None for worker in self.workers.values())

    def close(self) -> None:
        for worker in self.workers.values():
            try:
                worker.stdin.close()  # the worker sees the end of its input and returns
            except OSError:
                pass
        for worker in self.workers.values():
            try:
                worker.wait(timeout=5)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            worker.stdout.close()
        self.workers = {}


def _serve_builds(level: int, serving: bool) -> None:
    """A worker: export and build each edition it is sent, until its input ends."""
    from mkdocs.__main__ import ColorFormatter

    from builder import memory

    memory.keep(serving)  # while serving, remember between rebuilds like the main process
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything printed goes to the terminal, not into the replies
    sys.stdout = sys.stderr
    logger = logging.getLogger("mkdocs")
    logger.setLevel(level)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    named = _EditionNamed()
    handler.addFilter(named)
    logger.addHandler(handler)
    for noise in (exact_dirty_builds, _no_stale_notice):
        logging.getLogger("mkdocs.commands.build").addFilter(noise)
    for line in sys.stdin:
        if not line.startswith("{"):  # a go-ahead for a job that had already failed, or built
            continue
        job, corpus = json.loads(line), sys.stdin.readline().strip() or None
        named.edition = job["edition"]
        try:
            outcome = _export_and_build(**job, corpus=corpus, go_ahead=sys.stdin.readline, serving=serving)
        except BaseException as exc:  # noqa: BLE001 - reported to the main process as one line
            if isinstance(exc, KeyboardInterrupt):
                return
            outcome = " ".join(str(exc).split()) or type(exc).__name__
        results.write(json.dumps({"error": outcome}) + "\n")
        results.flush()
        memory.idle()  # until the next job


def _export_and_build(project: str, edition: str, site_dir: str, strict: bool, dirty: bool, corpus: str | None,
                      go_ahead, serving: bool = False) -> str:
    """The worker's job: the edition's export from the corpus the main process made (sent
    pickled: making it again here cost as much as exporting), then, once ``go_ahead()`` says
    "build", MkDocs over it. Without a corpus (the main process exported the edition, or the input
    is bad, which the main process reports), the edition is built from its export as it is."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from builder import config as build_config
    from builder.errors import SourceError
    from builder.export.tree import export

    this, cfg, exported, failure = BY_CODE[edition], None, None, None
    try:
        cfg = build_config.load(Path(project))
        if corpus is not None:
            exported = export(cfg, pickle.loads(base64.b64decode(corpus)), editions=[this])
    except SourceError:
        pass
    except Exception as exc:  # noqa: BLE001 - raised after the go-ahead, which must be read first
        failure = exc
    # A clean build waits until MkDocs has emptied the site folder. A dirty one (nothing is
    # emptied) builds its own export at once, beside the main process's export; the go-ahead
    # that comes later is passed over as a line that is not a job.
    if not (dirty and exported is not None) and go_ahead().strip() != "build":
        return ""
    if failure is not None:
        raise failure
    if exported is None:  # the main process shows the error; build the last good export
        cfg = cfg or build_config.load(Path(project))  # raises (one line) if the configuration itself is bad
        if not (cfg.out / edition / "mkdocs.yml").is_file():
            return ""
    elif dirty:
        before_dirty_build(exported, this, site_dir, [e.code for e in cfg.editions])
    config = load_config(str(cfg.out / edition / "mkdocs.yml"), strict=strict, site_dir=site_dir)
    config.plugins["lvliang-reports/compiled-templates"] = CompiledTemplates()
    if serving:
        config.plugins["lvliang-reports/served-warnings"] = _WorkerWarnings()
    build(config, dirty=dirty)
    return ""


class _EditionNamed(logging.Filter):
    """A worker's log lines begin with its edition's code (``en: Documentation built in …``): the
    terminal interleaves them with the server's own."""

    edition = ""

    def filter(self, record: logging.LogRecord) -> bool:
        if self.edition:
            record.msg, record.args = f"{self.edition}: {record.getMessage()}", ()
        return True


def _no_stale_notice(record: logging.LogRecord) -> bool:
    """In a dirty build MkDocs notes that the output folder holds other files: the other
    editions' folders, or pages of this one it did not rebuild; nothing to act on."""
    return not record.getMessage().startswith("The directory contains stale files")


if __name__ == "__main__":
    try:
        _serve_builds(int(sys.argv[1]), sys.argv[2] == "serve")
    except KeyboardInterrupt:
        pass
