"""The manifest of source texts: per-report metadata, validated strictly."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import SourceError
from builder.inputs.settings import DEFAULT_KINDS
from builder.inputs.yamlfile import LinedDict, load_yaml
from builder.pickling import fast_pickle

KINDS = DEFAULT_KINDS
"""Generic report kinds; a site names its own (``corpus.kinds`` in mkdocs.yml, passed to
``load_manifest``)."""
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED = ("id", "file", "sha256", "year", "kind", "title", "covers", "origin")
OPTIONAL = ("seed", "mastheads", "script")
SCRIPTS = ("simplified", "traditional")
BILINGUAL = ("title", "covers", "origin")


@fast_pickle
@dataclass(frozen=True, slots=True)
class ManifestEntry:
    id: str
    path: Path
    sha256: str
    year: int
    kind: str
    title: dict
    covers: dict
    origin: dict
    seed: str = ""
    mastheads: tuple[str, ...] = ()
    script: str = ""
    """'simplified' or 'traditional' when declared; empty: measured from the text."""
    manifest: Path = field(default=Path("manifest.yaml"), compare=False)
    line: int = 0
    kind_names: tuple[str, str] = ("", "")
    """The kind's (zh, en) label, from the site's kinds."""
    recorded: bool = True
    """False: the file was edited after ``sha256`` was recorded, and a preview shows it as it is
    now (``builder.report.pipeline.load_corpus``); its page says so."""

    @property
    def kind_label(self) -> dict:
        zh, en = self.kind_names if any(self.kind_names) else KINDS.get(self.kind, (self.kind, self.kind))
        return {"zh": zh, "en": en}


def _text(entry: LinedDict, key: str, path: Path) -> str:
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise SourceError(path, f"'{key}' must be non-empty text (quote it if YAML reads it as a number)",
                          entry.line_of(key))
    return value.strip()


def _check_file_name(name: str, manifest: Path, line: int) -> None:
    """A source is a plain file name inside the manifest's folder: no folders, no '..', no
    absolute path, no symlink that leads out. Otherwise a build could publish any file the
    builder can read (``file: ../../etc/passwd``)."""
    if "/" in name or "\\" in name or name in (".", "..") or Path(name).is_absolute() or ":" in name:
        raise SourceError(manifest, f"file '{name}' must be a plain file name inside {manifest.parent.name}/ "
                          "(no folders, no '..', no absolute path)", line)
    folder = manifest.parent.resolve()
    target = (manifest.parent / name).resolve()
    if target.parent != folder:
        raise SourceError(manifest, f"file '{name}' leads outside {manifest.parent.name}/ (a symlink?); "
                          "copy the text into the folder instead", line)


def load_manifest(path: Path, kinds: dict | None = None) -> list[ManifestEntry]:
    """Read and validate the manifest; every problem is a SourceError with its line. ``kinds``:
    the site's report kinds, id -> (zh, en) label (default: the generic ``KINDS``)."""
    kinds = kinds or KINDS
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise SourceError(path, "expected a mapping with a 'reports' list", getattr(data, "line", 1))
    entries: list[ManifestEntry] = []
    seen: dict[str, int] = {}
    for raw in data["reports"]:
        if not isinstance(raw, LinedDict):
            raise SourceError(path, "each report must be a mapping", None)
        unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            raise SourceError(path, f"unknown key '{unknown[0]}'", raw.line_of(unknown[0]))
        for key in REQUIRED:
            if key not in raw:
                raise SourceError(path, f"report entry is missing '{key}'", raw.line)
        rid = _text(raw, "id", path)
        if not ID_RE.match(rid):
            raise SourceError(path, f"id '{rid}' must be a lowercase slug (a-z, 0-9, -)", raw.line_of("id"))
        if rid in seen:
            raise SourceError(path, f"duplicate id '{rid}' (first at line {seen[rid]})", raw.line_of("id"))
        seen[rid] = raw.line_of("id")
        if raw["kind"] not in kinds:
            raise SourceError(path, f"kind must be one of {', '.join(kinds)}", raw.line_of("kind"))
        if not isinstance(raw["year"], int) or not 1949 <= raw["year"] <= 2100:
            raise SourceError(path, "year must be a year such as 2023", raw.line_of("year"))
        sha = _text(raw, "sha256", path).lower()
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise SourceError(path, "sha256 must be 64 hexadecimal digits", raw.line_of("sha256"))
        texts = {}
        for key in BILINGUAL:
            value = raw[key]
            if not isinstance(value, dict) or set(value) != {"zh", "en"}:
                raise SourceError(path, f"'{key}' must have exactly 'zh' and 'en'", raw.line_of(key))
            texts[key] = {lang: _text(value, lang, path) for lang in ("zh", "en")}
        mastheads = raw.get("mastheads", [])
        if not isinstance(mastheads, list) or not all(isinstance(m, str) and m for m in mastheads):
            raise SourceError(path, "mastheads must be a list of text", raw.line_of("mastheads"))
        script = raw.get("script", "")
        if script and script not in SCRIPTS:
            raise SourceError(path, f"script must be one of {', '.join(SCRIPTS)} (or left out: it is measured)",
                              raw.line_of("script"))
        file_name = _text(raw, "file", path)
        _check_file_name(file_name, path, raw.line_of("file"))
        entries.append(
            ManifestEntry(
                id=rid,
                path=path.parent / file_name,
                sha256=sha,
                year=raw["year"],
                kind=raw["kind"],
                seed=str(raw.get("seed", "")),
                mastheads=tuple(mastheads),
                script=script,
                manifest=path,
                line=raw.line,
                kind_names=kinds[raw["kind"]],
                **texts,
            )
        )
    if not entries:
        raise SourceError(path, "the manifest lists no reports", data.line_of("reports"))
    return entries


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
