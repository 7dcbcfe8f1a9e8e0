// Runs builder/search/assets/search.js in Node over an exported index: the query engine the
// browser runs, without a browser. Usage: node search_driver.js SEARCH_JS INDEX_DIR < queries.json
// Input: {"queries": [...], "sections": true, "keys": [...], "fold": [...], "pinyin": [...], "units": [...]};
// prints {"answers": [...], "keys": [...], "folded": [...], "pinyin": [...], "units": [...]}. With "sections",
// each answer also fetches the text of the first ten results, as the search box shows them.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const search = require(path.resolve(process.argv[2]));
const folder = path.resolve(process.argv[3]);
let fetched = 0;
const files = [];
function load(name) {
  const data = fs.readFileSync(path.join(folder, name + ".gz"));
  fetched += data.length;
  files.push(name);
  return Promise.resolve(JSON.parse(zlib.gunzipSync(data).toString("utf8")));
}
const input = JSON.parse(fs.readFileSync(0, "utf8"));
(async () => {
  const answers = [];
  for (const query of input.queries || []) {
    const engine = new search.Engine(load);  // a fresh reader: what a first search transfers
    fetched = 0;
    files.length = 0;
    const found = await engine.search(query);
    const page = (r) => ({ url: r.url, title: r.title, missing: r.missing, anchors: [] , sids: r.sections.map((s) => s.sid) });
    const out = {
      query,
      terms: found.terms.map((t) => t.label),
      results: found.results.map(page),
      partial: found.partial.map(page),
      pinyin: (found.pinyin || []).map((p) => ({ url: engine.meta.pages[p.page][0], form: p.form, exact: p.exact })),
      phraseMissing: found.phraseMissing || "",
    };
    // The text the reader sees for the first results (fetched as the list shows them).
    for (const r of input.sections === false ? [] : out.results.concat(out.partial).slice(0, 10)) {
      for (const sid of r.sids.slice(0, 3)) {
        const s = await engine.section(sid);
        r.anchors.push(s.anchor);
        if (!r.text) r.text = s.text;
        if (!r.marked) r.marked = engine.ranges(s.text, found.words || found.terms).map(([a, b]) => s.text.slice(a, b));
      }
    }
    out.bytes = fetched;
    out.files = files.slice();
    answers.push(out);
  }
  let keys = [];
  if (input.keys) {
    const engine = new search.Engine(load);
    await engine.ready();
    keys = input.keys.map((w) => engine.wordKey(engine.fold(w)));
  }
  let folded = [];
  if (input.fold) {
    const engine = new search.Engine(load);
    await engine.ready();
    folded = input.fold.map((t) => engine.fold(t));
  }
  let pinyin = (input.pinyin || []).map((t) => search.pinyinKey(t));
  // Each (folded) text's units with their positions: [[unit, position], …].
  let units = (input.units || []).map((t) => search.units(t).map((u) => [u.text, u.pos]));
  process.stdout.write(JSON.stringify({ answers, keys, folded, pinyin, units }));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
