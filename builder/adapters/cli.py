"""Command line: the builder library without MkDocs.

    python -m builder export [OUT]    write every edition as a plain project (default: the
                                      configured folder, .cache/lvliang-reports/editions)
    python -m builder build [--engine mkdocs|zensical] [--site-dir site]
                                      export, then build every edition with that engine into one site
    python -m builder changelog [ID]  print what the cleaning rules changed, line by line
    python -m builder notes [ID]      print the editorial notes (suspected source errors…)
    python -m builder dedupe [ID] [--json F]  print repeated text removed, with source lines
    python -m builder check           build every report and report problems; exit 1 on error
    python -m builder add FILE [--id … --year … --kind … --title-zh … --title-en … --covers-zh …
                      --covers-en … --origin-zh … --origin-en …]
                                      add a report: copy the text byte for byte into the sources,
                                      record its SHA-256 and its manifest entry (see docs/about.md)
    python -m builder rehash ID       record the new SHA-256 of a source an editor fixed on purpose
    python -m builder terms           glossary coverage: candidates neither defined nor ignored
    python -m builder candidates      every slogan-like candidate, with its context
    python -m builder translations [ID] [--complete] [--skeleton]
                                      English translation status: stale, missing, orphaned, checks
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.errors import SourceError
from builder.glossary import candidates, concordance
from builder.glossary.model import load_glossary
from builder.render.pages import dedupe_json
from builder.report.pipeline import load_corpus
from builder.report.records import Report


def _reports(args) -> list[Report]:
    reports = load_corpus(Path(args.manifest), kinds=_settings(args).kinds)
    if getattr(args, "report", None):
        reports = [r for r in reports if r.id == args.report]
        if not reports:
            raise SourceError(args.manifest, f"no report with id '{args.report}'")
    return reports


def _changelog(args) -> None:
    for report in _reports(args):
        print(f"# {report.id} ({len(report.changes)} changes)")
        for change in report.changes:
            print(f"{report.entry.path.name}:{change.line}\t{change.rule}\t{change.before!r} -> {change.after!r}")


def _notes(args) -> None:
    for report in _reports(args):
        print(f"# {report.id} ({len(report.notes)} notes)")
        for note in report.notes:
            print(f"{report.entry.path.name}:{note.line}\t{note.kind}\t{note.text}\t#{note.anchor}")


def _check(args) -> None:
    """Read and validate everything a build reads, as the build reads it: the manifest and every
    source, the editorial notes, the glossary and its evidence quotes (the concordance), the
    translation memory, and, with the site configuration, its corpus settings and published
    anchors. The first problem is a SourceError: one line, exit 1."""
    from builder.corpus import load

    settings, published = _check_configuration(args)
    kwargs = {"settings": settings} if settings is not None else {}
    corpus = load(Path(args.manifest), Path(args.glossary), Path(args.translations),
                  published_anchors=published, **kwargs)
    reports = [r for r in corpus.reports if not args.report or r.id == args.report]
    if not reports:
        raise SourceError(args.manifest, f"no report with id '{args.report}'")
    for report in reports:
        memory = corpus.memories[report.id]
        print(f"{report.id}: {len(report.blocks)} blocks, {len(report.changes)} changes, "
              f"{len(report.notes)} editorial notes; English {memory.count('current')} current, "
              f"{memory.count('stale')} stale, {memory.count('missing')} missing")
    evidence = sum(len(v) for v in corpus.concordance.evidence.values())
    print(f"{args.glossary}: {len(corpus.glossary)} terms, {len(corpus.glossary.ignored)} ignored, "
          f"{evidence} evidence quotes found")


def _check_configuration(args):
    """(corpus settings, published-anchor record) of the site configuration when there is one;
    the record only when the configuration names the same manifest (else it is another corpus)."""
    from builder import config as build_config

    if not Path(args.config).is_file():
        return None, None
    cfg = build_config.load(args.config)
    same = Path(args.manifest).resolve() == Path(cfg.manifest).resolve()
    return cfg.corpus, (cfg.published_anchors if same else None)


def _dedupe(args) -> None:
    reports = _reports(args)
    if args.json:
        Path(args.json).write_text(dedupe_json(reports), encoding="utf-8")
    for report in reports:
        removed = sum(r["removed_blocks"] for r in report.removals)
        print(f"# {report.id}: {len(report.removals)} removals, {removed} blocks removed")
        for r in report.removals:
            print(f"{report.entry.path.name}:{r['removed_lines'][0]}-{r['removed_lines'][1]}\t{r['kind']}"
                  f"\tkept {r['kept_lines'][0]}-{r['kept_lines'][1]}\t{'; '.join(r['differences'])}")
        for note in report.notes:
            if note.kind == "dedupe":
                print(f"{report.entry.path.name}:{note.line}\tflag\t{note.text}")


def _terms(args) -> int:
    """Coverage of the glossary: exit 1 while any candidate is neither a term nor ignored."""
    settings = _settings(args)
    reports = load_corpus(Path(args.manifest), kinds=settings.kinds)
    glossary = load_glossary(Path(args.glossary), settings.levels)
    conc = concordance.build(reports, glossary)  # also checks every evidence quote
    missing = candidates.uncovered(reports, glossary, conc.matches)
    for text, cands in sorted(missing.items()):
        c = cands[0]
        print(f"uncovered\t{text}\t{c.pattern}\t{len(cands)}×\t{c.report}#{c.anchor}")
    for text in candidates.unused_ignores(reports, glossary):
        print(f"stale ignore\t{text}\t{args.glossary}:{glossary.ignored[text].line}")
    unused = [t for t in glossary if not conc.occurrences.get(t.id)]
    for term in unused:
        print(f"no occurrence\t{term.term}\t{args.glossary}:{term.line}")
    print(f"{len(glossary)} terms, {len(glossary.ignored)} ignored, "
          f"{sum(len(v) for v in conc.occurrences.values())} occurrences; "
          f"{len(missing)} uncovered candidates")
    return 1 if missing else 0


def _translations(args) -> int:
    """Stale, missing and orphaned translations and the term and number checks; exit 1 on any
    stale, orphaned or failing paragraph (and on missing ones with --complete)."""
    import yaml

    from builder.corpus import load
    from builder.translation.checks import check_memory
    from builder.translation.memory import fingerprint

    corpus = load(Path(args.manifest), Path(args.glossary), Path(args.translations), settings=_settings(args))
    reports = [r for r in corpus.reports if not args.report or r.id == args.report]
    if not reports:
        raise SourceError(args.manifest, f"no report with id '{args.report}'")
    failed = False
    for report in reports:
        memory = corpus.memories[report.id]
        if args.skeleton:  # entries to paste into the memory file, one per untranslated block
            for block in report.blocks:
                if memory.renderings[block.anchor].status == "missing":
                    print(yaml.safe_dump([{"anchor": block.anchor, "kind": block.kind.value,
                                           "fingerprint": fingerprint(block.text), "zh": block.text, "en": ""}],
                                         allow_unicode=True, sort_keys=False, width=10**6), end="")
            continue
        problems = check_memory(report, memory, corpus.concordance, corpus.english, corpus.glossary)
        print(f"# {report.id}: {memory.count('current')} current, {memory.count('stale')} stale, "
              f"{memory.count('missing')} missing, {len(memory.orphans)} orphaned; {len(problems)} check problems")
        for anchor, r in memory.renderings.items():
            if r.status == "stale":
                print(f"stale\t{anchor}\twas: {r.was}")
        for entry in memory.orphans:
            print(f"orphaned\t{entry.anchor}\t{memory.path}:{entry.line}")
        for problem in problems:
            print(f"{problem.kind}\t{problem.anchor}\t{problem.detail}")
        missing = memory.count("missing")
        failed |= bool(memory.count("stale") or memory.orphans or problems or (args.complete and missing))
    return 1 if failed else 0


def _candidates(args) -> None:
    for cand in candidates.find(load_corpus(Path(args.manifest), kinds=_settings(args).kinds)):
        print(f"{cand.text}\t{cand.pattern}\t{cand.report}#{cand.anchor}")


def _export(args) -> None:
    from builder import config as build_config
    from builder.export.tree import export

    cfg = build_config.load(args.config)
    if args.out:
        import dataclasses

        cfg = dataclasses.replace(cfg, out=Path(args.out).resolve())
    result = export(cfg)
    print(f"exported {len(cfg.editions)} editions ({len(result.files)} files, {len(result.changed)} changed) "
          f"to {cfg.out}")


def _anchors(args) -> int:
    """Published anchors: check that every current anchor is recorded (exit 1 if not), or
    record the new ones with --record."""
    from builder import config as build_config
    from builder.corpus import load_for
    from builder.report import published

    cfg = build_config.load(args.config)
    corpus = load_for(cfg)  # resolves the recorded anchors: a lost one is an error
    if args.record:
        added = published.record(corpus.reports, cfg.published_anchors)
        print(f"recorded {added} new anchors in {cfg.published_anchors.name}")
        return 0
    recorded = published.load_record(cfg.published_anchors) or {}
    missing = [(r.id, b.anchor) for r in corpus.reports for b in r.blocks if b.anchor not in recorded.get(r.id, {})]
    for rid, anchor in missing:
        print(f"unrecorded\t{rid}\t{anchor}")
    aliases = sum(len(b.meta.get("aliases", ())) for r in corpus.reports for b in r.blocks)
    print(f"{sum(len(v) for v in recorded.values())} published anchors, {aliases} kept as aliases of edited "
          f"paragraphs; {len(missing)} not yet recorded (python -m builder anchors --record)")
    return 1 if missing else 0


def _build(args) -> int:
    from builder.adapters.engines import build_site

    return build_site(args.config, args.engine, args.site_dir)


def _settings(args):
    """The corpus settings of the site configuration (report kinds, glossary levels), or the
    generic ones when there is no configuration file."""
    from builder import config as build_config
    from builder.inputs.settings import DEFAULT

    return build_config.load(args.config).corpus if Path(args.config).is_file() else DEFAULT


ADD_FIELDS = {"id": "report id (a slug, used in URLs)", "year": "year the report was delivered",
              "kind": "kind", "title.zh": "Chinese title", "title.en": "English title",
              "covers.zh": "what part of the document the file holds (Chinese)",
              "covers.en": "what part of the document the file holds (English)",
              "origin.zh": "where the text came from (Chinese)", "origin.en": "where the text came from (English)"}


def _add(args) -> None:
    """Copy a text into the sources, record its hash and manifest entry, show what to check."""
    from builder.inputs.adding import NewReport, add_report

    kinds = _settings(args).kinds
    new = NewReport(
        file=Path(args.file), id=args.id or "", year=args.year, kind=args.kind or "",
        title={"zh": args.title_zh or "", "en": args.title_en or ""},
        covers={"zh": args.covers_zh or "", "en": args.covers_en or ""},
        origin={"zh": args.origin_zh or "", "en": args.origin_en or ""},
        seed=args.seed or "", mastheads=tuple(args.masthead or ()), script=args.script or "")

    def ask(key):  # only at a terminal; a script gets one line naming the flags instead
        if not sys.stdin.isatty():
            return None
        hint = f" [{', '.join(kinds)}]" if key == "kind" else ""
        return input(f"{ADD_FIELDS[key]}{hint}: ")

    added = add_report(Path(args.manifest), new, kinds, ask)
    entry, report = added.entry, added.report
    heads = sum(1 for b in report.blocks if b.kind.value == "heading")
    print(f"added {entry.id}: {entry.path.parent.name}/{entry.path.name} (SHA-256 {entry.sha256[:12]}…), "
          f"{entry.year}, {entry.kind}")
    for key, value in added.inferred.items():
        print(f"  inferred {key}: {value}")
    print(f"  {len(report.blocks)} blocks, {heads} headings, {len(report.changes)} changes, "
          f"{len(report.notes)} editorial notes; script: {report.script}")
    print("next: check what the cleaning did and what it flagged, then look at the page:")
    print(f"  python3 -m builder notes {entry.id}")
    print(f"  python3 -m builder changelog {entry.id}")
    print(f"  python3 -m builder check && mkdocs serve    # the page: /reports/{entry.id}/")


def _rehash(args) -> None:
    from builder.inputs.adding import rehash

    old, new, entry = rehash(Path(args.manifest), args.report, _settings(args).kinds)
    if old == new:
        print(f"{entry.id}: {entry.path.name} already matches its recorded SHA-256")
        return
    print(f"{entry.id}: recorded the new SHA-256 of {entry.path.name} ({old[:12]}… → {new[:12]}…); "
          f"review the edit (git diff {entry.path.name}) and the page: python3 -m builder changelog {entry.id}")


def _defaults_from_config(args) -> None:
    """Inputs not named on the command line are those of the build configuration, so the
    command line reads what the site build reads."""
    from builder import config as build_config

    cfg = build_config.load(args.config)
    args.manifest = args.manifest or str(cfg.manifest)
    args.glossary = args.glossary or str(cfg.glossary)
    args.translations = args.translations or str(cfg.translations)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml", help="the site configuration (export, build)")
    parser.add_argument("--manifest", help="manifest of the source texts (default: from the configuration)")
    parser.add_argument("--glossary", help="the policy glossary (default: from the configuration)")
    parser.add_argument("--translations", help="the translation memory folder (default: from the configuration)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("add", help="add a report: copy the text into the sources, record its hash and manifest entry")
    p.add_argument("file", help="the raw text (kept byte for byte)")
    p.add_argument("--id", help="stable slug for URLs (default: <year>-<kind>)")
    p.add_argument("--year", type=int, help="year the report was delivered (default: from the title)")
    p.add_argument("--kind", help="a report kind of the configuration (default: the one the title names)")
    p.add_argument("--title-zh", help="Chinese title (default: the title the text begins with)")
    p.add_argument("--title-en", help="English title")
    p.add_argument("--covers-zh", help="what part of the document the file holds, in Chinese")
    p.add_argument("--covers-en", help="the same in English")
    p.add_argument("--origin-zh", help="where the text came from, in Chinese (e.g. 网页提取的文本)")
    p.add_argument("--origin-en", help="the same in English (e.g. text extracted from a web page)")
    p.add_argument("--seed", help="provenance: the name the file was received under (default: its name)")
    p.add_argument("--masthead", action="append", help="a running title printed at page tops (repeatable)")
    p.add_argument("--script", choices=("simplified", "traditional"), help="declare the script (default: measured)")
    p.set_defaults(func=_add)
    p = sub.add_parser("rehash", help="record the new SHA-256 of a source an editor fixed on purpose")
    p.add_argument("report", help="the report id")
    p.set_defaults(func=_rehash)
    p = sub.add_parser("export", help="write every edition as a plain project an engine can build")
    p.add_argument("out", nargs="?", help="folder (default: the configured one)")
    p.set_defaults(func=_export)
    p = sub.add_parser("anchors", help="published paragraph anchors: check, or --record the new ones")
    p.add_argument("--record", action="store_true", help="add the current anchors to the record")
    p.set_defaults(func=_anchors)
    p = sub.add_parser("build", help="export, then build every edition with an engine into one site")
    p.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs")
    p.add_argument("--site-dir", default=None, help="default: site_dir of the configuration (site)")
    p.set_defaults(func=_build)
    sub.add_parser("terms", help="glossary coverage of the candidates; exit 1 if any is uncovered"
                   ).set_defaults(func=_terms)
    sub.add_parser("candidates", help="list every slogan-like candidate").set_defaults(func=_candidates)
    p = sub.add_parser("translations", help="English translation status and checks")
    p.add_argument("report", nargs="?", help="a report id (default: all)")
    p.add_argument("--complete", action="store_true", help="also fail on untranslated paragraphs")
    p.add_argument("--skeleton", action="store_true", help="print memory entries for untranslated paragraphs")
    p.set_defaults(func=_translations)
    for name, func, text in (("changelog", _changelog, "print each report's change log"),
                             ("notes", _notes, "print each report's editorial notes"),
                             ("check", _check, "build every report and summarise"),
                             ("dedupe", _dedupe, "print what the dedupe stage removed and flagged")):
        p = sub.add_parser(name, help=text)
        p.add_argument("report", nargs="?", help="a report id (default: all)")
        p.set_defaults(func=func)
        if name == "dedupe":
            p.add_argument("--json", help="also write the machine-readable dedupe report to this file")
    args = parser.parse_args(argv)
    try:
        if None in (args.manifest, args.glossary, args.translations):
            _defaults_from_config(args)
        status = args.func(args)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    return status or 0


if __name__ == "__main__":
    sys.exit(main())
