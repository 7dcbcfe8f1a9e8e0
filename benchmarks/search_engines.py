"""Search engines compared on one held-out query set (builder/search/evaluate.py), in Chromium:

- ``builder``: the site's own search (builder/search/), on the site as ``mkdocs build`` makes it;
- ``material``: Material's search plugin as the site had it before builder/search/ (lunr, jieba
  with the glossary as a user dictionary, the worker's segmenter fix), rebuilt here from the
  exported editions with those settings;
- ``pagefind``: Pagefind 1.5, extended build (segments Chinese), over the same built pages
  (``--root-selector article``, one bundle per edition); needs ``pip install 'pagefind[extended]'``
  in the interpreter given with ``--pagefind-python``;
- ``zensical``: Zensical's built-in search (the browser's ``Intl.Segmenter``), the exported
  editions built by Zensical with its search on.

    python3 benchmarks/search_engines.py [--pagefind-python PY] [--per-group 10] [--engines …]

Per engine and edition: recall and precision over (query, report) pairs per kind of query (a
sample of ``--per-group`` queries of each kind, the same for every engine; the builder's own
search is also scored on the whole set), the bytes of a report page view, and of a first search
(typing 营商环境, or "rural revitalisation" in English, on a report page until results show):
as transferred by this test server, which compresses nothing, and as gzip would send them.
Writes benchmarks/search.json; ``section()`` renders it for docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
RESULTS = Path(__file__).with_name("search.json")
EDITIONS = {"zh": "/", "zh-hant": "/zh-hant/", "en": "/en/"}
FIRST_QUERY = {"zh": "营商环境", "zh-hant": "营商环境", "en": '"rural revitalisation"'}
REPORT = "reports/2023-government-work-report/"
NAMES = {"builder": "This site's search (builder/search/)", "material": "Material search plugin + jieba (before)",
         "pagefind": "Pagefind 1.5 extended", "zensical": "Zensical 0.0.73 built-in"}
GROUPS = {"term": "glossary terms", "phrase": "phrases", "simplified": "Simplified input",
          "traditional": "Traditional input", "english": "English words and phrases",
          "variant": "American spellings", "chinese": "Chinese on the English edition", "pinyin": "pinyin"}


# --- the sites --------------------------------------------------------------------------------------

def copy_project(dest: Path) -> Path:
    from conftest import copy_project as copy

    dest.mkdir(parents=True, exist_ok=True)
    return copy(dest)


def build_builder_site(tmp: Path) -> Path:
    project = copy_project(tmp / "builder")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
                         cwd=project, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    if run.returncode:
        raise SystemExit(run.stderr[-2000:])
    return project / "site"


def build_pagefind_site(site: Path, tmp: Path, python: str) -> Path:
    """The built site with a Pagefind bundle per edition (its own pages only), at <edition>/pagefind/."""
    out = tmp / "pagefind-site"
    shutil.copytree(site, out)
    for page in out.rglob("*.html"):  # Pagefind alone: without this site's search script
        html = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'<script src="[^"]*assets/search\.js"></script>', "", html), encoding="utf-8")
    for script in out.rglob("assets/search.js"):
        script.unlink()
    for code, prefix in EDITIONS.items():
        alone = tmp / f"pagefind-{code}"
        src = site / prefix.strip("/") if prefix != "/" else site
        shutil.copytree(src, alone, ignore=shutil.ignore_patterns(*(["en", "zh-hant"] if prefix == "/" else [])))
        run = subprocess.run([python, "-m", "pagefind", "--site", str(alone), "--root-selector", "article",
                              "--output-path", str(out / prefix.strip("/") / "pagefind")],
                             capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(run.stderr[-2000:])
    return out


# Material's search as this site had it (until builder/search/): lunr with these settings, jieba
# with the glossary's forms (both scripts) as a user dictionary, and the worker's segmenter fixed
# to reach a query's last character (the retired patch of builder/adapters/mkdocs/material.py).
MATERIAL_SEARCH = {
    "zh": {"lang": ["zh", "en"], "pipeline": ["stopWordFilter"],
           "separator": '[\\s\\u200b\\-,:!=\\[\\]()"/，。、；：！？“”‘’（）《》【】]+'},
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter", "stemmer"], "separator": '[\\s\\u200b\\-,:!=\\[\\]()"/]+'},
}
MATERIAL_SEARCH["zh-hant"] = MATERIAL_SEARCH["zh"]
WORKER_LOOP = (r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)(\3\.slice\(\2,\1\)in \w&&\(\w\[\2\]=\1-\2\))",
               r"for(let \1=\2+1;\1<=\3.length;\1++)\4")


def build_material_site(tmp: Path) -> Path:
    """The exported editions built by MkDocs with Material's search plugin on, as before."""
    import yaml

    from builder import load_config
    from builder.adapters.mkdocs.material import material_theme_dir
    from builder.corpus import load_for
    from builder.editions import to_traditional
    from builder.export.tree import export

    project = copy_project(tmp / "material")
    cfg = load_config(project / "mkdocs.yml")
    result = export(cfg, load_for(cfg))
    forms = {f for term in load_for(cfg).glossary for f in term.forms}
    forms |= {to_traditional(f) for f in forms}
    dictionary = "".join(f"{f} 100000\n" for f in sorted(forms) if " " not in f)
    worker = next(material_theme_dir().glob("assets/javascripts/workers/search.*.min.js"))
    fixed, count = re.subn(WORKER_LOOP[0], WORKER_LOOP[1], worker.read_text(encoding="utf-8"))
    assert count == 1, "Material's worker changed: the old fix no longer applies"
    site = tmp / "material-site"
    for edition in cfg.editions:
        folder = result.folder(edition)
        config_file = result.config_file(edition)
        data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        data["plugins"] = [p for p in data["plugins"] if "search" not in p] + [
            {"search": {**MATERIAL_SEARCH[edition.code], "jieba_dict_user": str(folder / "jieba_user.dict")}}]
        data["extra_javascript"] = [s for s in data.get("extra_javascript", []) if s != "assets/search.js"]
        config_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (folder / "jieba_user.dict").write_text(dictionary, encoding="utf-8")
        target = folder / "docs" / worker.relative_to(material_theme_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fixed, encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d",
                              str(site / edition.prefix)], cwd=folder, capture_output=True, text=True,
                             env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
        if run.returncode:
            raise SystemExit(run.stderr[-2000:])
    return site


def build_zensical_site(tmp: Path) -> Path:
    """The exported editions built by Zensical with its own search on (and this site's off)."""
    import yaml

    from builder import load_config
    from builder.adapters.engines import engine_command
    from builder.export.tree import export

    project = copy_project(tmp / "zensical")
    cfg = load_config(project / "mkdocs.yml")
    result = export(cfg)
    site = tmp / "zensical-site"
    for edition in cfg.editions:
        config_file = result.config_file(edition)
        data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        data["plugins"] = [p for p in data["plugins"] if "search" not in p] + [{"search": {"enabled": True}}]
        data["extra_javascript"] = [s for s in data.get("extra_javascript", []) if s != "assets/search.js"]
        config_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        run = subprocess.run(engine_command("zensical", config_file), cwd=config_file.parent, capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(run.stderr[-2000:])
        shutil.copytree(config_file.parent / "site", site / edition.prefix, dirs_exist_ok=True)
    return site


# --- the engines in a browser ----------------------------------------------------------------------

def page_path(url: str) -> str:
    return unquote(urlsplit(url).path)


def search_builder(page, query: str) -> list[str]:
    return page.evaluate("q => lvliangSearch.engine.search(q).then(f => f.results.map(r => r.url))", query)


def search_material(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.fill(query)
    box.press("End")  # Material reacts to key events
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return document.querySelector('input.md-search__input').value === q && m && !/键入|Type to start|鍵入/.test(m.textContent); }",
        arg=query, timeout=60000)
    page.wait_for_timeout(400)
    count = -1
    while count != page.locator(".md-search-result__item").count():
        count = page.locator(".md-search-result__item").count()
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap'); w.scrollTop = w.scrollHeight; }")
        page.wait_for_timeout(250)
    return [page_path(a.get_attribute("href")) for a in page.locator(".md-search-result__item > a").all()]


def search_zensical(page, query: str) -> list[str]:
    box = page.locator("dialog input[role=combobox]")
    if not box.is_visible():
        page.locator(".md-search__button").click()
    box.fill(query)
    page.wait_for_function(
        "q => { const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('dialog'));"
        " const root = host.shadowRoot; const s = root.querySelector('[role=status]');"
        " return root.querySelector('input').value === q && s && /\\d|No /.test(s.textContent); }", arg=query, timeout=60000)
    page.wait_for_timeout(400)
    count = -1
    while count != page.locator("dialog a[role=option]").count():
        count = page.locator("dialog a[role=option]").count()
        if count:
            page.locator("dialog a[role=option]").last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    return [page_path(a.get_attribute("href")) for a in page.locator("dialog a[role=option]").all()]


def search_pagefind(page, query: str) -> list[str]:
    return page.evaluate(
        "async ([q, bundle]) => { const pf = await import(bundle); const r = await pf.search(q);"
        " const data = await Promise.all(r.results.map(x => x.data())); return data.map(d => d.url); }",
        [query, page.url.split("/reports/")[0] + "/pagefind/pagefind.js"])


DRIVERS = {"builder": search_builder, "material": search_material, "zensical": search_zensical,
           "pagefind": search_pagefind}


def relative(path: str, prefix: str) -> str:
    """A result's path within its edition (``reports/x/``), without the edition prefix."""
    return path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6)) if data[:2] != b"\x1f\x8b" else len(data)


def measure(browser, base: str, engine: str, code: str) -> dict:
    """Bytes of a report page view, then of a first search, on a fresh browser context."""
    prefix = EDITIONS[code]
    context = browser.new_context()
    page = context.new_page()
    seen: list[tuple[str, bytes]] = []
    page.on("response", lambda r: seen.append((r.url, r.body() if r.status < 300 else b"")))
    page.goto(base + prefix + REPORT)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    view = list(seen)
    seen.clear()
    query = FIRST_QUERY[code]
    if engine == "builder":
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_function("q => document.querySelector('.lvs-results').getAttribute('data-query') === q", arg=query)
    elif engine == "pagefind":  # no UI: its script, its index, the first ten results' fragments
        page.evaluate("async ([q, bundle]) => { const pf = await import(bundle); const r = await pf.search(q);"
                      " await Promise.all(r.results.slice(0, 10).map(x => x.data())); }",
                      [query, base + prefix + "pagefind/pagefind.js"])
    else:
        DRIVERS[engine](page, query)
    page.wait_for_timeout(1000)
    search = list(seen)
    context.close()
    index_words = ("search", "pagefind", "lunr", "worker")
    return {"page_view_bytes": sum(len(b) for _, b in view), "page_view_gzip": sum(gz(b) for _, b in view),
            "page_view_index_bytes": sum(len(b) for u, b in view if any(w in u for w in index_words)),
            "page_view_index_gzip": sum(gz(b) for u, b in view if any(w in u for w in index_words)),
            "first_search_bytes": sum(len(b) for _, b in search), "first_search_gzip": sum(gz(b) for _, b in search),
            "first_search_requests": len(search), "first_search_query": query}


def evaluate(browser, base: str, engine: str, queries, limit_s: float = 600) -> dict:
    from search_support import reports_of

    answers = {}
    for code, prefix in EDITIONS.items():
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        page.goto(base + prefix + REPORT)
        page.wait_for_load_state("networkidle")
        start = time.monotonic()
        for q in [q for q in queries if q.edition == code]:
            try:
                found = DRIVERS[engine](page, q.text)
            except Exception as exc:  # noqa: BLE001 - an engine that fails a query returns nothing for it
                print(f"  {engine} {code} {q.text!r}: {type(exc).__name__}", flush=True)
                page.goto(base + prefix + REPORT)
                found = []
            answers[(code, q.text)] = {"results": [relative(page_path(u) if u.startswith("http") else u, prefix)
                                                   for u in found], "pinyin": []}
            if time.monotonic() - start > limit_s:
                raise SystemExit(f"{engine} {code}: over {limit_s} s")
        context.close()
    from builder.search.evaluate import score

    return {f"{code}/{group}": s.as_dict() for (code, group), s in score(queries, answers, reports_of).items()}


def sample(queries, per_group: int, seed: int = 16):
    rng = random.Random(seed)
    out = []
    for key in sorted({(q.edition, q.group) for q in queries}):
        group = [q for q in queries if (q.edition, q.group) == key]
        out += rng.sample(group, min(per_group, len(group)))
    return out


# --- main --------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pagefind-python", default=sys.executable, help="a Python with pagefind[extended]")
    parser.add_argument("--per-group", type=int, default=10)
    parser.add_argument("--engines", nargs="*", default=list(NAMES))
    args = parser.parse_args(argv)

    from browser_support import chromium, require_browser, serve

    from builder import load_config
    from builder.corpus import load_for
    from builder.search.evaluate import query_set

    api = require_browser()
    corpus = load_for(load_config(ROOT / "mkdocs.yml"))
    queries = query_set(corpus)
    chosen = sample(queries, args.per_group)
    old = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results = {"date": time.strftime("%Y-%m-%d"), "per_group": args.per_group, "queries": len(chosen),
               "engines": dict(old.get("engines", {}))}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sites = {}
        if {"builder", "pagefind"} & set(args.engines):
            sites["builder"] = build_builder_site(tmp)
        if "pagefind" in args.engines:
            sites["pagefind"] = build_pagefind_site(sites["builder"], tmp, args.pagefind_python)
        if "zensical" in args.engines:
            sites["zensical"] = build_zensical_site(tmp)
        if "material" in args.engines:
            sites["material"] = build_material_site(tmp)
        with chromium(api) as browser:
            for engine, site in sites.items():
                if engine not in args.engines:
                    continue
                with serve(site) as base:
                    print(f"{engine}: measuring", flush=True)
                    row = {"name": NAMES[engine], "weight": {c: measure(browser, base, engine, c) for c in EDITIONS},
                           "sample": evaluate(browser, base, engine, chosen)}
                    if engine == "builder":
                        row["all"] = evaluate(browser, base, engine, queries, limit_s=3600)
                    results["engines"][engine] = row
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("\n".join(section()))
    return 0


# --- the page section ------------------------------------------------------------------------------

def section() -> list[str]:
    """The comparison as Markdown for docs/benchmarks.md (nothing if it was never measured)."""
    if not RESULTS.exists():
        return []
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    engines = data["engines"]
    order = [e for e in NAMES if e in engines]
    lines = ["## Search engines compared {: #search }", "",
             f"Measured with `python3 benchmarks/search_engines.py` ({data['date']}) in Chromium: the same "
             f"held-out queries for each engine ({data['per_group']} of each kind, drawn with a fixed seed by "
             "`builder/search/evaluate.py`; the expected reports are computed from the records, not from any "
             "index). Recall: the share of (query, report) pairs where the report holds the query and the engine "
             "returns it; precision: the share of returned reports that hold it. Material's search is rebuilt "
             "as the site had it before (jieba with the glossary as user dictionary, the worker fix).", "",
             "| Edition · queries | " + " | ".join(engines[e]["name"] for e in order) + " |",
             "| --- |" + " --- |" * len(order)]
    keys = sorted({k for e in order for k in engines[e]["sample"]}, key=lambda k: (list(EDITIONS).index(k.split("/")[0]),
                                                                                  list(GROUPS).index(k.split("/")[1])))
    for key in keys:
        code, group = key.split("/")
        cells = []
        for e in order:
            s = engines[e]["sample"].get(key)
            if not s:
                cells.append("–")
            else:  # no report returned at all: no precision to speak of
                precision = f"{s['precision']:.0%}" if s["pairs_returned"] else "nothing returned"
                cells.append(f"{s['recall']:.0%} · {precision}")
        lines.append(f"| {code} · {GROUPS[group]} | " + " | ".join(cells) + " |")
    lines += ["", "Each cell: recall · precision. Bytes (transferred by the local test server, which compresses "
              "nothing; in brackets, what gzip would send):", "",
              "| Engine | Edition | Report page view | of which search (script, index) | First search |",
              "| --- | --- | --- | --- | --- |"]
    for e in order:
        for code, w in engines[e]["weight"].items():
            lines.append(f"| {engines[e]['name']} | {code} | {w['page_view_bytes'] / 1024:.0f} KB "
                         f"({w['page_view_gzip'] / 1024:.0f} KB) | {w['page_view_index_bytes'] / 1024:.0f} KB "
                         f"({w['page_view_index_gzip'] / 1024:.0f} KB) | "
                         f"{w['first_search_bytes'] / 1024:.0f} KB ({w['first_search_gzip'] / 1024:.0f} KB), "
                         f"{w['first_search_requests']} requests |")
    if "all" in engines.get("builder", {}):
        lines += ["", "This site's search on the whole held-out set:", "",
                  "| Edition · queries | Queries | Recall | Precision |", "| --- | --- | --- | --- |"]
        for key, s in sorted(engines["builder"]["all"].items(), key=lambda kv: (list(EDITIONS).index(kv[0].split("/")[0]),
                                                                                   list(GROUPS).index(kv[0].split("/")[1]))):
            code, group = key.split("/")
            lines.append(f"| {code} · {GROUPS[group]} | {s['queries']} | {s['recall']:.1%} | {s['precision']:.1%} |")
    return lines + [""]


if __name__ == "__main__":
    sys.exit(main())
