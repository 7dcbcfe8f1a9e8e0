"""Reading a raw source text: bytes checked against the manifest, then decoded to lines.

Decision: encodings and line ends a text editor may introduce (UTF-8 with BOM, UTF-16 with
BOM, GB18030, CRLF) are decoded in memory and recorded in the report's change log; the
file itself is never rewritten. Input that is not text at all stops the build.

GB18030 assigns a character to almost any byte pair, so binary garbage without NUL bytes often
"decodes". Such text is refused unless it is *plausible*: at most ``GB18030_RARE_SHARE`` of its
non-space characters may fall outside the common set: printable ASCII; the GB2312 repertoire
(its 6 763 hanzi, punctuation, full-width forms and symbols); the 20 902 hanzi of GBK's two-byte
area, which hold the Traditional forms (a Traditional text saved as GB18030 is real text); and
General Punctuation (``—``, ``…``). Control characters, private-use and unassigned code points,
characters only four-byte sequences reach (extension hanzi, other scripts) and GBK's odd symbols
count against it. Measured: the five reports and the four layout fixtures (one Traditional)
have none (with GB2312 hanzi alone, 0.06 % for the reports, 24 % for the Traditional text);
uniformly random bytes that decode have 13–30 % (mean 20 %, samples of 300 bytes); a Big5 file
misread as GB18030 has 40 %. The 5 % limit leaves a wide margin both ways; a text full of rare
characters can always be saved as UTF-8, which is never second-guessed.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from builder.errors import SourceError
from builder.inputs.files import FileProblem, read_limited
from builder.inputs.manifest import ManifestEntry, sha256_of
from builder.report.records import Change, Line

# A whole work report is 30–150 KB; 4 MB is far above any real report and keeps a runaway or
# mistaken file (a concatenated archive, a data dump) from stalling the build.
MAX_BYTES = 4 * 1024 * 1024
GB18030_RARE_SHARE = 0.05
"""Above this share of uncommon characters, text decoded as GB18030 is taken for garbage."""


@lru_cache(maxsize=1)
def _uncommon_filter() -> dict:
    """A ``str.translate`` table deleting every common character (see the module docstring):
    what remains of a text is its uncommon characters, counted at C speed."""
    common = set(" \t\n\r\f\v") | {chr(c) for c in range(0x21, 0x7F)}
    common |= {chr(c) for c in range(0x2010, 0x205F) if unicodedata.category(chr(c))[0] != "C"}
    for lead in [*range(0xA1, 0xAA), *range(0xB0, 0xF8)]:  # GB2312's symbol rows and hanzi rows
        for trail in range(0xA1, 0xFF):
            char = bytes((lead, trail)).decode("gb18030")
            if unicodedata.category(char)[0] != "C":  # unassigned cells decode to private use
                common.add(char)
    for lead in range(0x81, 0xFF):  # GBK's two-byte area: its hanzi, Traditional forms included
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            char = bytes((lead, trail)).decode("gb18030", errors="ignore")
            if "\u4e00" <= char <= "\u9fff":
                common.add(char)
    return {ord(c): None for c in common}


def gb18030_plausibility(text: str) -> tuple[float, int | None]:
    """(share of non-space characters that are uncommon, index of the first one or None)."""
    rare = text.translate(_uncommon_filter())
    if not rare:
        return 0.0, None
    counted = len(text) - sum(text.count(w) for w in " \t\n\r\f\v")
    return len(rare) / max(counted, 1), text.index(rare[0])


def _decode(entry: ManifestEntry, data: bytes) -> tuple[str, str]:
    path = entry.path
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            line = data[: exc.start + 3].count(b"\n") + 1
            raise SourceError(path, f"starts with a UTF-8 mark but is not valid UTF-8 (byte {exc.start + 3})",
                              line) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"starts with a UTF-16 mark but is not valid UTF-16 (byte {exc.start})") from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise SourceError(path, f"binary data (NUL byte at offset {offset}), not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise SourceError(
                path, f"neither UTF-8 nor GB18030 (invalid byte at offset {utf8_error.start}); save it as UTF-8", line
            ) from None
        share, first = gb18030_plausibility(text)
        if share > GB18030_RARE_SHARE:
            line = text[:first].count("\n") + 1
            raise SourceError(
                path, f"not valid UTF-8 (byte {utf8_error.start}) and not plausible GB18030 text: {share:.0%} of "
                f"its characters are control, private-use or rare characters (the first, U+{ord(text[first]):04X}, "
                f"on this line); save it as UTF-8", line) from None
        return text, "gb18030"


def _read_bytes(entry: ManifestEntry) -> bytes:
    """The file's bytes (builder/inputs/files.py); a missing or odd file is named with the
    manifest line that lists it."""
    path = entry.path
    try:
        return read_limited(path, MAX_BYTES)
    except FileProblem as problem:
        if problem.kind == "missing":
            raise SourceError(entry.manifest, f"report '{entry.id}': file {path.name} not found", entry.line) from None
        if problem.kind == "not-regular":
            raise SourceError(entry.manifest, f"report '{entry.id}': {path.name} is not a regular file",
                              entry.line) from None
        raise SourceError(path, str(problem)) from None


def source_bytes(entry: ManifestEntry) -> bytes:
    """The source file's bytes, read with the same checks as ``read_source``."""
    return _read_bytes(entry)


def read_source(entry: ManifestEntry) -> tuple[list[Line], str, list[Change]]:
    """Return the lines of a source, the encoding found, and changes made while decoding."""
    path = entry.path
    data = _read_bytes(entry)
    actual = sha256_of(data)
    if actual != entry.sha256:
        # The actual hash is not printed: with it, a changed file could be accepted blindly.
        raise SourceError(
            entry.manifest,
            f"report '{entry.id}': {path.name} does not match the SHA-256 recorded here; if the change "
            f"is intended, check the file and record its new hash: python -m builder rehash {entry.id}",
            entry.line,
        )
    text, encoding = _decode(entry, data)
    changes: list[Change] = []
    if encoding != "utf-8":
        changes.append(Change("decode", 1, encoding, "utf-8"))
    if "\r" in text:
        changes.append(Change("decode", 1, "CRLF line ends", "LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(path, "file is empty")
    lines = [
        Line(number=i, text=raw.strip(), indent=raw[:1].isspace() and bool(raw.strip()))
        for i, raw in enumerate(text.split("\n"), start=1)
    ]
    return lines, encoding, changes
