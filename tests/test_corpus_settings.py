"""The builder names no place: the site's region, levels, report kinds and citation titles are
configuration (the ``corpus:`` option in mkdocs.yml, builder/inputs/settings.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import copy_project

from builder import config as build_config
from builder.errors import SourceError
from builder.glossary.model import load_glossary
from builder.inputs.settings import DEFAULT, parse

ROOT = Path(__file__).resolve().parent.parent
PLACE_NAMES = re.compile(r"吕梁|呂梁|Lüliang|Luliang|Lvliang City|Shanxi|山西", re.IGNORECASE)


def test_no_city_or_province_name_in_the_builder():
    """Code, templates and assets of builder/ (the plugin's registered name ``lvliang-reports``
    is the package's name, not a place in the output)."""
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:60]}"
             for path in sorted((ROOT / "builder").rglob("*")) if path.is_file() and path.suffix in (".py", ".j2", ".js", ".css", ".html")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if PLACE_NAMES.search(line)]
    assert not found, found


def test_the_site_configuration_names_the_place():
    settings = build_config.load(ROOT / "mkdocs.yml").corpus
    assert settings.region == {"zh": "吕梁市", "en": "Lüliang"}
    assert settings.levels["municipal"] == ("吕梁市", "Municipal (Lüliang)")
    assert set(settings.kinds) == {"government-work-report", "party-congress-report", "summary"}
    assert settings.glossary_title["en"] == "Lüliang Work Reports: Policy Glossary"
    assert DEFAULT.levels["municipal"] == ("市级", "Municipal")  # the defaults name no place


@pytest.mark.parametrize("raw, message", [
    ({"regions": {}}, "unknown key 'plugins.lvliang-reports.corpus.regions'"),
    ({"levels": {"county": {"zh": "县"}}}, "corpus.levels.county must have exactly 'zh' and 'en'"),
    ({"levels": {"County": {"zh": "县", "en": "County"}}}, "'County' must be a lowercase slug"),
    ({"kinds": []}, "corpus.kinds must map ids"),
    ({"citation_key": "Key With Spaces"}, "citation_key must be a lowercase slug"),
    ({"publisher": ""}, "corpus.publisher must be non-empty text"),
])
def test_bad_settings_name_the_key(tmp_path, raw, message):
    with pytest.raises(SourceError) as info:
        parse(raw, tmp_path / "mkdocs.yml", 40, prefix="plugins.lvliang-reports.corpus")
    assert message in str(info.value) and ":40:" in str(info.value)


def test_another_city_is_another_configuration(tmp_path):
    """Levels, kind labels and citation titles come from the configuration into the pages."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"        region: .*\n", "        region: {zh: 青岚市, en: Qinglan}\n", text)
    text = text.replace("吕梁市政府工作报告政策术语表", "青岚市政府工作报告政策术语表").replace(
        "Lüliang Work Reports: Policy Glossary", "Qinglan Work Reports: Policy Glossary")
    text = text.replace("citation_key: lvliang-glossary", "citation_key: qinglan-glossary")
    text = text.replace("municipal: {zh: 吕梁市, en: Municipal (Lüliang)}",
                        "municipal: {zh: 青岚市, en: Municipal (Qinglan)}\n          county: {zh: 县级, en: County}")
    text = text.replace("party-congress-report: {zh: 党代会报告, en: Party congress report}",
                        "party-congress-report: {zh: 党代会工作报告, en: Report to the party congress}")
    config.write_text(text, encoding="utf-8")
    glossary = project / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("level: municipal", "level: county", 1),
                        encoding="utf-8")
    with pytest.raises(SourceError, match="field 'level' must be one of national, provincial, municipal"):
        load_glossary(glossary)  # without the site's levels, county is not a level

    from builder.corpus import load_for
    from builder.editions import BY_CODE
    from builder.export.tree import options_for
    from builder.render.pages import build_edition

    cfg = build_config.load(config)
    corpus = load_for(cfg)
    pages = build_edition(corpus, BY_CODE["zh"], options_for(cfg)).pages
    county = next(t for t in corpus.glossary if t.level == "county")
    term = pages[f"glossary/{county.id}/index.md"]
    assert "县级 · County" in term.body
    assert term.meta["citation"]["citation_inbook_title"] == "Qinglan Work Reports: Policy Glossary"
    assert f"qinglan-glossary-{county.id}" in term.body
    assert "党代会工作报告" in pages["reports/2021-party-congress-report/index.md"].body
    assert "县级" in pages["glossary/index.md"].body
