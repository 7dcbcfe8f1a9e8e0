"""Bad input: a clear one-line error naming the file (and line), never a traceback."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder.errors import SourceError
from builder.report.pipeline import load_corpus

TEXT = "二、2023年重点工作\n\n今年是全面贯彻落实党的二十大精神的开局之年。\n"


def write_manifest(folder: Path, data: bytes, extra: str = "", sha: str | None = None, name="r.txt") -> Path:
    (folder / name).write_bytes(data)
    sha = sha or hashlib.sha256(data).hexdigest()
    manifest = folder / "manifest.yaml"
    manifest.write_text(
        "reports:\n"
        "  - id: test-report\n"
        f"    file: r.txt\n"
        f"    sha256: '{sha}'\n"
        "    year: 2023\n"
        "    kind: government-work-report\n"
        "    title: {zh: 标题, en: Title}\n"
        "    covers: {zh: 全文, en: whole text}\n"
        "    origin: {zh: 测试, en: test}\n" + extra,
        encoding="utf-8",
    )
    return manifest


def error_of(manifest: Path) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_corpus(manifest)
    return info.value


@pytest.mark.parametrize("encoding, data", [
    ("utf-8-sig", TEXT.encode("utf-8-sig")),
    ("utf-16", TEXT.encode("utf-16")),
    ("gb18030", TEXT.encode("gb18030")),
    ("utf-8", TEXT.replace("\n", "\r\n").encode("utf-8")),
])
def test_encodings_and_line_ends_are_read_and_logged(tmp_path, encoding, data):
    report = load_corpus(write_manifest(tmp_path, data))[0]
    assert report.encoding == encoding
    assert [b.text for b in report.blocks] == ["二、2023年重点工作", "今年是全面贯彻落实党的二十大精神的开局之年。"]
    assert any(c.rule == "decode" for c in report.changes)


@pytest.mark.parametrize("data, message", [
    (b"", "file is empty"),
    (b"  \n\n ", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
    (b"\xff\xfe\x00\xd8", "UTF-16"),
    ("今年是".encode("utf-8") + b"\x81\x20\xfe", "neither UTF-8 nor GB18030"),
])
def test_unusable_files_stop_with_a_one_line_error(tmp_path, data, message):
    err = error_of(write_manifest(tmp_path, data))
    assert message in str(err) and "r.txt" in str(err) and "\n" not in str(err)


def test_sha_mismatch_names_file_and_manifest_line_without_the_actual_hash(tmp_path):
    data = TEXT.encode()
    err = error_of(write_manifest(tmp_path, data, sha="0" * 64))
    assert re.match(r".*manifest\.yaml:2: report 'test-report': r\.txt does not match the SHA-256", str(err))
    assert hashlib.sha256(data).hexdigest() not in str(err), "the real hash would let a changed file be accepted blindly"


def _manifest_naming(folder: Path, file_value: str) -> Path:
    manifest = write_manifest(folder, TEXT.encode())
    text = manifest.read_text(encoding="utf-8").replace("file: r.txt", f"file: '{file_value}'")
    manifest.write_text(text, encoding="utf-8")
    return manifest


@pytest.mark.parametrize("value", ["../outside.txt", "../../etc/passwd", "/etc/passwd", "sub/r.txt", "..", "C:x"])
def test_source_paths_outside_the_folder_are_refused_with_the_manifest_line(tmp_path, value):
    folder = tmp_path / "source_texts"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text(TEXT, encoding="utf-8")
    err = error_of(_manifest_naming(folder, value))
    assert str(err).startswith(f"{folder / 'manifest.yaml'}:3: file '{value}'"), str(err)
    assert "\n" not in str(err)


def test_symlink_leading_outside_is_refused(tmp_path):
    folder = tmp_path / "source_texts"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text(TEXT, encoding="utf-8")
    manifest = write_manifest(folder, TEXT.encode())
    (folder / "r.txt").unlink()
    (folder / "r.txt").symlink_to(outside)
    err = error_of(manifest)
    assert "manifest.yaml:3: file 'r.txt' leads outside source_texts/" in str(err)


def test_directory_and_device_are_refused(tmp_path):
    manifest = write_manifest(tmp_path, TEXT.encode())
    (tmp_path / "r.txt").unlink()
    (tmp_path / "r.txt").mkdir()
    assert "r.txt is not a regular file" in str(error_of(manifest))


def test_size_is_checked_before_reading(tmp_path):
    manifest = write_manifest(tmp_path, TEXT.encode())
    with open(tmp_path / "r.txt", "wb") as fh:  # sparse: 8 GB on paper, nothing on disk
        fh.truncate(8 * 2**30)
    err = error_of(manifest)
    assert "8192 MB, over the 4 MB limit" in str(err)


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_one_line(tmp_path):
    manifest = write_manifest(tmp_path, TEXT.encode())
    (tmp_path / "r.txt").chmod(0)
    assert "cannot read the file" in str(error_of(manifest))


def test_missing_file_named_with_manifest_line(tmp_path):
    manifest = write_manifest(tmp_path, TEXT.encode())
    (tmp_path / "r.txt").unlink()
    err = error_of(manifest)
    assert str(err).endswith("manifest.yaml:2: report 'test-report': file r.txt not found")


@pytest.mark.parametrize("extra, message, line", [
    ("    colour: red\n", "unknown key 'colour'", 10),
    ("  - id: test-report\n    file: r.txt\n    sha256: x\n    year: 2023\n    kind: summary\n"
     "    title: {zh: 标题, en: Title}\n    covers: {zh: 全文, en: whole}\n    origin: {zh: 测试, en: test}\n",
     "duplicate id 'test-report' (first at line 2)", 10),
    ("    year: 2023\n", "duplicate key 'year'", 10),
    ("    mastheads: 政府\n", "mastheads must be a list", 10),
])
def test_manifest_errors_name_the_line(tmp_path, extra, message, line):
    err = error_of(write_manifest(tmp_path, TEXT.encode(), extra=extra))
    assert message in err.message
    assert err.line == line


def test_malformed_manifest_yaml(tmp_path):
    (tmp_path / "manifest.yaml").write_text("reports:\n  - id: [\n", encoding="utf-8")
    err = error_of(tmp_path / "manifest.yaml")
    assert "malformed YAML" in str(err) and err.line == 3


def test_long_line_builds(tmp_path):
    para = "今年是全面贯彻落实党的二十大精神的开局之年。" * 16000  # one line of 1 MB
    report = load_corpus(write_manifest(tmp_path, (TEXT + para + "\n").encode()))[0]
    assert report.blocks[-1].text == para


def test_twenty_megabyte_file_stops_with_one_line(tmp_path):
    line = "今年是全面贯彻落实党的二十大精神的开局之年。\n".encode()
    data = line * (20 * 2**20 // len(line))
    err = error_of(write_manifest(tmp_path, data))
    assert str(err) == f"{tmp_path / 'r.txt'}: file is 19 MB, over the 4 MB limit"


def test_command_line_prints_one_line_and_exits_1(tmp_path):
    manifest = write_manifest(tmp_path, TEXT.encode(), sha="0" * 64)
    result = subprocess.run([sys.executable, "-m", "builder", "--manifest", str(manifest), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "SHA-256" in result.stderr


def test_editorial_note_whose_quote_is_gone_names_its_line(tmp_path):
    from conftest import copy_project

    from builder.report.pipeline import load_corpus

    project = copy_project(tmp_path)
    notes = project / "source_texts" / "editorial-notes.yaml"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("quote: 自动食用菌产业扶持计划", "quote: 自动食用菌产业扶持计画"), encoding="utf-8")
    line = next(i for i, l in enumerate(notes.read_text(encoding="utf-8").splitlines(), 1) if "扶持计画" in l)
    with pytest.raises(SourceError) as info:
        load_corpus(project / "source_texts" / "manifest.yaml")
    assert str(info.value).startswith(f"{notes}:{line}: quote not found in report '2022-government-work-report-summary'")


def test_editorial_notes_reach_their_paragraphs(corpus):
    report = corpus["2022-government-work-report-summary"]
    notes = [n for n in report.notes if n.kind == "editor"]
    assert any("启动" in n.text for n in notes)
    for note in notes:
        block = next(b for b in report.blocks if b.anchor == note.anchor)
        assert note.text.split("”")[0].lstrip("“") in block.text
