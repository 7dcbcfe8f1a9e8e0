"""Adding a report to the corpus, and recording a source's new hash after an editor fixes it.

``add`` copies a text byte for byte into the manifest's folder, computes its SHA-256 and appends
a validated entry to the manifest, as text: the manifest's comments and layout stay as they are.
What the text itself says is inferred (its title, the year in the title, the kind whose label
the title holds, an id from year and kind); what it cannot say (the English title, what part of
the document the file holds, where it came from) must be given. Nothing is written unless the
new manifest validates and the report builds: a refusal leaves the folder as it was.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import yaml

from builder.errors import SourceError
from builder.inputs.manifest import ID_RE, KINDS, ManifestEntry, load_manifest, sha256_of
from builder.inputs.yamlfile import load_yaml
from builder.text import probe

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass
class NewReport:
    """What the command line knows about a report to add; empty fields are inferred or asked."""

    file: Path
    id: str = ""
    year: int | None = None
    kind: str = ""
    title: dict = field(default_factory=lambda: {"zh": "", "en": ""})
    covers: dict = field(default_factory=lambda: {"zh": "", "en": ""})
    origin: dict = field(default_factory=lambda: {"zh": "", "en": ""})
    seed: str = ""
    mastheads: tuple[str, ...] = ()
    script: str = ""


@dataclass(frozen=True)
class Added:
    entry: ManifestEntry
    report: object
    """The report as built (builder.report.records.Report)."""
    inferred: dict
    """The fields that were inferred from the text, with their values."""


def _read(path: Path) -> bytes:
    """The bytes of the file to add, refusing what is not a readable text of reasonable size."""
    from builder.inputs.sources import MAX_BYTES, _decode

    if not path.is_file():
        raise SourceError(path, "file not found" if not path.exists() else "not a regular file")
    if path.stat().st_size > MAX_BYTES:
        raise SourceError(path, f"file is over the {MAX_BYTES // 2**20} MB limit")
    data = path.read_bytes()
    text, _ = _decode(SimpleNamespace(path=path), data)  # binary, undecodable: one line
    if not text.strip():
        raise SourceError(path, "file is empty")
    return data


def _scalar(text: str) -> str:
    """A YAML scalar for the manifest: plain when it reads back as itself, else double-quoted."""
    plain = text.strip()
    try:
        if plain and yaml.safe_load(f"k: {plain}") == {"k": plain} and "#" not in plain:
            return plain
    except yaml.YAMLError:
        pass
    return json.dumps(plain, ensure_ascii=False)


def entry_text(new: NewReport, file_name: str, sha: str) -> str:
    """The manifest entry, in the manifest's own layout."""
    lines = [f"  - id: {new.id}", f"    file: {_scalar(file_name)}", f"    sha256: {sha}",
             f"    year: {new.year}", f"    kind: {new.kind}"]
    for key in ("title", "covers", "origin"):
        value = getattr(new, key)
        lines += [f"    {key}:", f"      zh: {_scalar(value['zh'])}", f"      en: {_scalar(value['en'])}"]
    if new.seed:
        lines.append(f"    seed: {_scalar(new.seed)}")
    if new.mastheads:
        lines.append(f"    mastheads: [{', '.join(_scalar(m) for m in new.mastheads)}]")
    if new.script:
        lines.append(f"    script: {new.script}")
    return "\n".join(lines) + "\n"


def _reports_last(manifest: Path, text: str) -> None:
    """Entries are appended as text: the ``reports:`` list must be the file's last top-level key."""
    keys = [line.split(":", 1)[0] for line in text.splitlines() if re.match(r"^[A-Za-z_][\w-]*\s*:", line)]
    if not keys or keys[-1] != "reports":
        raise SourceError(manifest, "cannot append an entry: 'reports:' must be the last top-level key")


def _entries(manifest: Path, kinds: dict) -> list[ManifestEntry]:
    """The manifest's entries (it must be valid as it is); a new corpus may list none yet."""
    if not manifest.is_file():
        raise SourceError(manifest, "manifest not found (start one with a line 'reports: []')")
    data = load_yaml(manifest)
    if isinstance(data, dict) and not data.get("reports"):
        return []
    return load_manifest(manifest, kinds)


def _detected_title(path: Path, data: bytes, kinds: dict) -> str:
    """The report's own title as the pipeline finds it (the first block, when it is a title)."""
    from builder.report.pipeline import build_report
    from builder.report.records import BlockKind

    entry = ManifestEntry(id="new", path=path, sha256=sha256_of(data), year=2000, kind=next(iter(kinds)),
                          title={"zh": "", "en": ""}, covers={}, origin={}, manifest=path)
    try:
        report = build_report(entry)
    except SourceError:
        return ""
    first = report.blocks[0] if report.blocks else None
    return first.text if first is not None and first.kind is BlockKind.TITLE else ""


def infer(new: NewReport, data: bytes, kinds: dict, existing: set[str]) -> dict:
    """Fill in what the text says: the Chinese title, then year, kind and id from it. Returns
    the fields inferred, with their values."""
    inferred = {}
    if not new.title["zh"]:
        title = _detected_title(new.file, data, kinds)
        if title:
            new.title["zh"] = inferred["title_zh"] = title
    title = probe(new.title["zh"]).replace("（", "").replace("）", "").replace("(", "").replace(")", "")
    if new.year is None and (m := YEAR_RE.search(title)):
        new.year = inferred["year"] = int(m.group(1))
    if not new.kind:
        matching = sorted((len(zh), kind) for kind, (zh, _) in kinds.items() if probe(zh) in title)
        if matching:
            new.kind = inferred["kind"] = matching[-1][1]
    if not new.id and new.year and new.kind and f"{new.year}-{new.kind}" not in existing:
        new.id = inferred["id"] = f"{new.year}-{new.kind}"
    if not new.seed:
        new.seed = inferred["seed"] = new.file.name
    return inferred


MISSING = {"id": "--id", "year": "--year", "kind": "--kind", "title.zh": "--title-zh", "title.en": "--title-en",
           "covers.zh": "--covers-zh", "covers.en": "--covers-en", "origin.zh": "--origin-zh",
           "origin.en": "--origin-en"}


def missing(new: NewReport) -> list[str]:
    out = [k for k in ("id", "kind") if not getattr(new, k)]
    out += ["year"] if new.year is None else []
    out += [f"{key}.{lang}" for key in ("title", "covers", "origin") for lang in ("zh", "en")
            if not getattr(new, key)[lang].strip()]
    return [k for k in MISSING if k in out]


def add_report(manifest: Path, new: NewReport, kinds: dict | None = None, ask=None) -> Added:
    """Copy ``new.file`` into the manifest's folder and append its entry. ``ask(field)`` returns
    a value for a field neither given nor inferred (None: refuse, naming the flags to give)."""
    kinds = kinds or KINDS
    data = _read(new.file)
    entries = _entries(manifest, kinds)
    existing = {e.id for e in entries}
    if new.id and new.id in existing:
        raise SourceError(manifest, f"a report with id '{new.id}' is already listed")
    if new.kind and new.kind not in kinds:
        raise SourceError(manifest, f"unknown kind '{new.kind}' (kinds: {', '.join(kinds)})")
    if new.id and not ID_RE.match(new.id):
        raise SourceError(manifest, f"id '{new.id}' must be a lowercase slug (a-z, 0-9, -)")
    inferred = infer(new, data, kinds, existing)
    for key in missing(new):
        value = ask(key) if ask else None
        if not value:
            break
        if key in ("id", "kind"):
            setattr(new, key, value.strip())
        elif key == "year":
            new.year = int(value) if value.strip().isdigit() else None
        else:
            name, lang = key.split(".")
            getattr(new, name)[lang] = value.strip()
    if lacking := missing(new):
        raise SourceError(new.file, "cannot add without " + ", ".join(MISSING[k] for k in lacking)
                          + " (not found in the text)")
    if new.id in existing:
        raise SourceError(manifest, f"a report with id '{new.id}' is already listed")
    if new.kind not in kinds:
        raise SourceError(manifest, f"unknown kind '{new.kind}' (kinds: {', '.join(kinds)})")
    file_name = new.id + (new.file.suffix.lower() if new.file.suffix else ".txt")
    target = manifest.parent / file_name
    if target.exists():
        raise SourceError(target, "a file of this name is already in the folder; choose another --id")
    sha = sha256_of(data)
    text = manifest.read_text(encoding="utf-8")
    _reports_last(manifest, text)
    text = re.sub(r"(?m)^reports:\s*(?:\[\s*\])?\s*$", "reports:", text)  # a new corpus: reports: []
    updated = text.rstrip("\n") + ("\n" if text.rstrip().endswith("reports:") else "\n\n") \
        + entry_text(new, file_name, sha)
    tmp = manifest.with_name(f".{manifest.name}.tmp{os.getpid()}")
    copied = False
    try:
        tmp.write_text(updated, encoding="utf-8")
        entry = next(e for e in load_manifest(tmp, kinds) if e.id == new.id)  # the new entry validates
        shutil.copyfile(new.file, target)
        copied = True
        if sha256_of(target.read_bytes()) != sha:
            raise SourceError(target, "the copy differs from the original (changed while copying?)")
        from builder.report.pipeline import build_report

        report = build_report(entry)  # the report builds
        os.replace(tmp, manifest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if copied:
            target.unlink(missing_ok=True)
        raise
    entry = next(e for e in load_manifest(manifest, kinds) if e.id == new.id)
    return Added(entry, report, inferred)


def rehash(manifest: Path, report_id: str, kinds: dict | None = None) -> tuple[str, str, ManifestEntry]:
    """Record the current SHA-256 of a report's file in the manifest (after an editor fixed the
    source on purpose). Returns (old, new, entry); only the ``sha256:`` line changes."""
    data = load_yaml(manifest)
    raw = next((r for r in (data.get("reports") or []) if isinstance(r, dict) and r.get("id") == report_id), None)
    if raw is None:
        raise SourceError(manifest, f"no report with id '{report_id}'")
    entry = next(e for e in load_manifest(manifest, kinds) if e.id == report_id)
    new = sha256_of(_read(entry.path))  # still a readable text
    line = raw.line_of("sha256")
    lines = manifest.read_text(encoding="utf-8").split("\n")
    old_line = lines[line - 1]
    replaced = re.sub(r"(sha256\s*:\s*)['\"]?[0-9a-fA-F]{64}['\"]?", lambda m: m.group(1) + new, old_line, count=1)
    if replaced == old_line and new not in old_line:
        raise SourceError(manifest, f"cannot find the sha256 value of '{report_id}' on this line", line)
    lines[line - 1] = replaced
    tmp = manifest.with_name(f".{manifest.name}.tmp{os.getpid()}")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    os.replace(tmp, manifest)
    return entry.sha256, new, entry
