/* The site's search, reader side (the index is written by builder/search/).
 *
 * A search box in the header (button, "/" or "s"); nothing is fetched before the reader types.
 * The first keystroke fetches search/meta.json.gz; each query then fetches only the postings
 * shards its tokens hash to, and the text chunks of the results it shows.
 *
 * Query semantics:
 * - A run of Chinese characters is a phrase: it matches where its bigrams stand side by side
 *   (positions checked, no guess), so 营商环境 finds 营商环境 and not 营商 … 环境.
 * - Text in quotes is a phrase too ("rural revitalisation"); other English words are separate
 *   terms matched by stem, with British and American spellings made one.
 * - A query's terms must all be on a page for it to be a result; when none has them all,
 *   pages with some are listed after a notice, each naming what it lacks. A Chinese phrase no
 *   page contains is split into words (Intl.Segmenter) for that list.
 * - Simplified and Traditional characters are folded to one script (meta.fold, from OpenCC),
 *   in the index and in the query, so either script finds either edition.
 * - Pinyin with or without tones, with or without spaces, finds a glossary term (meta.pinyin).
 * Results link to the paragraph (#anchor) with ?hl=<query>, and the landing page highlights
 * the query's phrases and words (the same folding), opening the <details> that hold them.
 *
 * The text rules (fold, plain, spelling, porter, wordKey, pinyinKey) mirror
 * builder/search/text.py; tests/test_search_index.py checks they give the same keys.
 * Runs in a browser (the UI) and in Node (tests): module.exports = the engine.
 */
(function (root) {
  "use strict";

  var FORMAT = 2;
  var HAN_RUN = "[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2fa1f}]+";
  var LATIN = "[0-9A-Za-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u1e00-\\u1eff]+";
  var RUN_RE = new RegExp("(" + HAN_RUN + ")|" + LATIN, "gu");
  var HAN_ONE = new RegExp("^" + HAN_RUN.slice(0, -1) + "$", "u");
  var PINYIN_RE = /^[\sa-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff0-9'’\-]+$/;

  // ---- text rules (builder/search/text.py)

  function makeFold(pairs) {
    var table = {};
    for (var i = 0; i + 1 < pairs.length; i += 2) table[pairs[i]] = pairs[i + 1];
    return function fold(text) {
      var out = "";
      for (var i = 0; i < text.length; i++) {
        var ch = text[i];
        var to = table[ch];
        if (to !== undefined) ch = to;
        var code = ch.charCodeAt(0);
        if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
        if (ch.charCodeAt(0) < 0x80) ch = ch.toLowerCase();
        out += ch;
      }
      return out;
    };
  }

  function plain(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function makeSpelling(spec) {
    var rules = spec.rules.map(function (r) { return [new RegExp(r[0]), r[1]]; });
    return function spelling(word) {
      if (Object.prototype.hasOwnProperty.call(spec.words, word)) return spec.words[word];
      for (var i = 0; i < rules.length; i++) {
        if (rules[i][0].test(word)) return word.replace(rules[i][0], rules[i][1]);
      }
      return word;
    };
  }

  // The Porter stemmer (1980), as builder/search/text.py writes it.
  function cons(w, i) {
    var c = w[i];
    if ("aeiou".indexOf(c) >= 0) return false;
    if (c === "y") return i === 0 || !cons(w, i - 1);
    return true;
  }
  function measure(stem) {
    var n = 0, i = 0, len = stem.length;
    while (i < len && cons(stem, i)) i++;
    while (i < len) {
      while (i < len && !cons(stem, i)) i++;
      if (i >= len) break;
      while (i < len && cons(stem, i)) i++;
      n++;
    }
    return n;
  }
  function hasVowel(stem) {
    for (var i = 0; i < stem.length; i++) if (!cons(stem, i)) return true;
    return false;
  }
  function doubleCons(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && cons(w, n - 1);
  }
  function cvc(w) {
    var n = w.length;
    return n >= 3 && cons(w, n - 3) && !cons(w, n - 2) && cons(w, n - 1) && "wxy".indexOf(w[n - 1]) < 0;
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  var STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
    ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"],
    ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"],
    ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]];
  var STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""],
    ["ness", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize"];

  function porter(w) {
    if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
    var i, stem, s;
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ies")) w = w.slice(0, -2);
    else if (ends(w, "ss")) { /* keep */ }
    else if (ends(w, "s")) w = w.slice(0, -1);
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else {
      var suffixes = ["ed", "ing"];
      for (i = 0; i < 2; i++) {
        s = suffixes[i];
        if (ends(w, s) && hasVowel(w.slice(0, -s.length))) {
          w = w.slice(0, -s.length);
          if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
          else if (doubleCons(w) && "lsz".indexOf(w[w.length - 1]) < 0) w = w.slice(0, -1);
          else if (measure(w) === 1 && cvc(w)) w += "e";
          break;
        }
      }
    }
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    for (i = 0; i < STEP2.length; i++) {
      if (ends(w, STEP2[i][0])) {
        stem = w.slice(0, -STEP2[i][0].length);
        if (measure(stem) > 0) w = stem + STEP2[i][1];
        break;
      }
    }
    for (i = 0; i < STEP3.length; i++) {
      if (ends(w, STEP3[i][0])) {
        stem = w.slice(0, -STEP3[i][0].length);
        if (measure(stem) > 0) w = stem + STEP3[i][1];
        break;
      }
    }
    for (i = 0; i < STEP4.length; i++) {
      s = STEP4[i];
      if (ends(w, s)) {
        stem = w.slice(0, -s.length);
        if (measure(stem) > 1 && (s !== "ion" || ends(stem, "s") || ends(stem, "t"))) w = stem;
        break;
      }
    }
    if (ends(w, "e")) {
      stem = w.slice(0, -1);
      var m = measure(stem);
      if (m > 1 || (m === 1 && !cvc(stem))) w = stem;
    }
    if (measure(w) > 1 && doubleCons(w) && ends(w, "l")) w = w.slice(0, -1);
    return w;
  }

  function makeWordKey(spelling) {
    var cache = Object.create(null);
    return function wordKey(word) {
      var hit = cache[word];
      if (hit !== undefined) return hit;
      var w = plain(word);
      var key = /[0-9]/.test(w) ? w : porter(spelling(w));
      cache[word] = key;
      return key;
    };
  }

  function pinyinKey(text) {
    return plain(text).replace(/v/g, "u").replace(/[^a-z]/g, "");
  }

  /* The units of a (folded) text: {kind: "h"|"w", text, at (UTF-16 offset), pos, sentence}.
   * As in text.py: a sentence's positions start at the next multiple of SENTENCE_STRIDE. */
  var SENTENCE_STRIDE = 32, SENTENCE_END = /[。!?;]|\.(?=[\s\S])/;
  function units(text) {
    var out = [], pos = 0, start = 0, last = 0, sentence = 0, m;
    RUN_RE.lastIndex = 0;
    while ((m = RUN_RE.exec(text)) !== null) {
      if (pos > start && SENTENCE_END.test(text.slice(last, m.index))) {
        pos = start = Math.ceil(pos / SENTENCE_STRIDE) * SENTENCE_STRIDE;
        sentence++;
      }
      last = m.index + m[0].length;
      if (m[1]) {
        var at = m.index;
        for (var ch of m[1]) {
          out.push({ kind: "h", text: ch, at: at, pos: pos++, sentence: sentence });
          at += ch.length;
        }
      } else {
        out.push({ kind: "w", text: m[0], at: m.index, pos: pos++, sentence: sentence });
      }
    }
    return out;
  }

  /* A quoted phrase's sentences, each a phrase of its own: positions do not run on across a
   * sentence end, so "…之年。党的…" is found where both sentences are, as two phrases. Folding
   * keeps offsets (one character for one), so the parts are cut from the text as typed. */
  function sentences(text, folded) {
    var parts = [];
    units(folded).forEach(function (u) {
      var part = parts[u.sentence];
      if (!part) parts[u.sentence] = part = { from: u.at, to: u.at };
      part.to = u.at + u.text.length;
    });
    return parts.filter(Boolean).map(function (p) { return text.slice(p.from, p.to); });
  }

  // ---- the engine

  function Engine(load) {
    this.load = load; // (path relative to the index folder) -> Promise of the parsed JSON
    this.meta = null;
    this.shards = Object.create(null);
    this.chunks = Object.create(null);
  }

  Engine.prototype.ready = function () {
    var self = this;
    if (!this._ready) {
      this._ready = this.load("meta.json").then(function (meta) {
        if (meta.format !== FORMAT) throw new Error("search index format " + meta.format + ", expected " + FORMAT);
        self.meta = meta;
        self.fold = makeFold(meta.fold);
        self.wordKey = makeWordKey(makeSpelling(meta.spelling));
        self.stop = new Set(meta.stop);
        self.pageOf = new Int32Array(meta.kinds.length);
        for (var p = 0; p < meta.pages_at.length; p++) {
          var end = p + 1 < meta.pages_at.length ? meta.pages_at[p + 1] : meta.kinds.length;
          for (var s = meta.pages_at[p]; s < end; s++) self.pageOf[s] = p;
        }
        return meta;
      });
    }
    return this._ready;
  };

  /* The query as terms: each {label, tokens: [{token, offset}], positional, folded, keys}. */
  Engine.prototype.parse = function (query) {
    var self = this, terms = [], text = query.normalize("NFC");
    var quoted = /["“”「」『』](.+?)["“”「」『』]/g, m, rest = "", last = 0;
    while ((m = quoted.exec(text)) !== null) {
      rest += text.slice(last, m.index) + " ";
      last = quoted.lastIndex;
      sentences(m[1], this.fold(m[1])).forEach(function (part) {
        var phrase = this.phraseTerm(part);
        if (phrase) terms.push(phrase);
      }, this);
    }
    rest += text.slice(last);
    units(this.fold(rest)).reduce(function (groups, unit) {
      var g = groups[groups.length - 1];
      if (unit.kind === "h" && g && g.kind === "h" && g.end === unit.at) {
        g.text += unit.text; g.end = unit.at + unit.text.length;
      } else {
        groups.push({ kind: unit.kind, text: unit.text, end: unit.at + unit.text.length, at: unit.at });
      }
      return groups;
    }, []).forEach(function (g) {
      var original = rest.slice(g.at, g.end);
      var term = g.kind === "h" ? self.phraseTerm(original) : self.wordTerm(original);
      if (term) terms.push(term);
    });
    var seen = new Set();
    return terms.filter(function (t) { var k = t.id; if (seen.has(k)) return false; seen.add(k); return true; });
  };

  Engine.prototype.wordTerm = function (word) {
    var key = this.wordKey(this.fold(word));
    if (this.stop.has(plain(word)) || this.stop.has(key)) return null;
    return { label: word, id: "w:" + key, tokens: [{ token: key, offset: 0 }], positional: true, keys: [key],
      folded: "" };
  };

  /* A phrase: Han bigrams (or the single character) and word keys at their offsets. */
  Engine.prototype.phraseTerm = function (text) {
    var folded = this.fold(text.trim()), list = units(folded), tokens = [], keys = [], self = this;
    if (!list.length) return null;
    if (list.length === 1) {
      return list[0].kind === "h"
        ? { label: text.trim(), id: "h:" + folded, tokens: [{ token: list[0].text, offset: 0 }], positional: false,
          keys: [], folded: list[0].text }
        : this.wordTerm(list[0].text);
    }
    list.forEach(function (u, i) {
      var next = list[i + 1];
      if (u.kind === "h") {
        if (next && next.kind === "h" && next.at === u.at + u.text.length) {
          tokens.push({ token: u.text + next.text, offset: u.pos });
        } else if (!(i > 0 && list[i - 1].kind === "h" && list[i - 1].at + list[i - 1].text.length === u.at)) {
          tokens.push({ token: u.text, offset: u.pos, unigram: true }); // a lone character
        }
      } else {
        var key = self.wordKey(u.text);
        if (!self.stop.has(u.text) && !self.stop.has(key)) {
          tokens.push({ token: key, offset: u.pos });
          keys.push(key);
        }
      }
    });
    var hanOnly = list.every(function (u) { return u.kind === "h"; });
    return { label: text.trim(), id: "p:" + folded, tokens: tokens.filter(function (t) { return !t.unigram; }),
      lone: tokens.filter(function (t) { return t.unigram; }).map(function (t) { return t.token; }),
      positional: true, keys: keys, folded: hanOnly ? folded : "" };
  };

  Engine.prototype.shardOf = function (token) {
    var h = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % this.meta.shards;
  };

  Engine.prototype.postings = function (tokens) {
    var self = this, wanted = new Set(tokens.map(function (t) { return self.shardOf(t); }));
    return Promise.all(Array.from(wanted).map(function (n) {
      if (!self.shards[n]) self.shards[n] = self.load("p/" + n + ".json");
      return self.shards[n];
    })).then(function () {
      return Promise.all(tokens.map(function (t) { return self.shards[self.shardOf(t)]; }));
    }).then(function (shards) {
      var out = Object.create(null);
      tokens.forEach(function (t, i) { out[t] = decode(shards[i][t] || [], !HAN_ONE.test(t), self.meta.pages_at); });
      return out;
    });
  };

  /* [[section, [positions]]…] from the delta encoding (positions [] for a unigram). A negative
   * number starts the sections of another page: -(its difference from the previous page), then
   * the first section's number on that page; each later number adds to the previous section. */
  function decode(list, positional, pagesAt) {
    var out = [], page = -1, local = 0, i = 0;
    while (i < list.length) {
      var v = list[i++];
      if (v < 0) { page -= v; local = list[i++]; } else { local += v; }
      var positions = [];
      if (positional) {
        var n = list[i++], p = 0;
        for (var k = 0; k < n; k++) { p += list[i++]; positions.push(p); }
      }
      out.push([pagesAt[page] + local, positions]);
    }
    return out;
  }

  /* Map section -> number of matches of the term. */
  Engine.prototype.matchTerm = function (term, postings) {
    var hits = new Map();
    if (!term.positional) {
      (postings[term.tokens[0].token] || []).forEach(function (e) { hits.set(e[0], 1); });
      return hits;
    }
    if (!term.tokens.length) { // only lone characters
      return this.matchLone(term.lone, postings, null);
    }
    var lists = term.tokens.map(function (t) {
      var m = new Map();
      (postings[t.token] || []).forEach(function (e) { m.set(e[0], e[1]); });
      return m;
    });
    var first = lists[0], base = term.tokens[0].offset;
    first.forEach(function (positions, sid) {
      var count = 0;
      for (var k = 0; k < positions.length; k++) {
        var start = positions[k] - base, ok = true;
        for (var j = 1; j < lists.length && ok; j++) {
          var at = lists[j].get(sid);
          ok = !!at && at.indexOf(start + term.tokens[j].offset) >= 0;
        }
        if (ok) count++;
      }
      if (count) hits.set(sid, count);
    });
    if (term.lone && term.lone.length) hits = this.matchLone(term.lone, postings, hits);
    return hits;
  };

  Engine.prototype.matchLone = function (lone, postings, hits) {
    lone.forEach(function (ch) {
      var has = new Set((postings[ch] || []).map(function (e) { return e[0]; }));
      if (hits === null) {
        hits = new Map();
        has.forEach(function (sid) { hits.set(sid, 1); });
      } else {
        hits.forEach(function (_, sid) { if (!has.has(sid)) hits.delete(sid); });
      }
    });
    return hits;
  };

  /* The glossary terms whose pinyin the query is: {page, form} (exact key first). */
  Engine.prototype.pinyin = function (query) {
    if (!PINYIN_RE.test(query) || !/[a-zA-Z]/.test(query)) return [];
    var key = pinyinKey(query);
    if (key.length < 2) return [];
    var exact = [], prefix = [];
    this.meta.pinyin.forEach(function (row) {
      if (row[0] === key) exact.push({ page: row[1], form: row[2], exact: true });
      else if (key.length >= 6 && row[0].indexOf(key) === 0) prefix.push({ page: row[1], form: row[2], exact: false });
    });
    return exact.concat(prefix);
  };

  /* Pages matching the query: {terms, pinyin, results, partial, phraseMissing}. A result:
   * {page, url, title, score, missing: [labels], sections: [{sid, score, terms}]}; ``results``
   * have every term, ``partial`` some (their ``missing`` names the others). */
  Engine.prototype.search = function (query) {
    var self = this;
    return this.ready().then(function () {
      var terms = self.parse(query);
      var pinyin = self.pinyin(query);
      var exact = pinyin.filter(function (p) { return p.exact; });
      // The pinyin of a term: search its characters (its page, and the text that uses it);
      // terms that sound alike (公示, 公式: gōngshì) are searched each, and the pages merged.
      if (exact.length) {
        var forms = Array.from(new Set(exact.map(function (p) { return p.form; })));
        var alike = forms.map(function (f) { return self.phraseTerm(f); });
        return Promise.all(alike.map(function (t) { return self.run([t]); })).then(function (runs) {
          var byPage = new Map();
          runs.forEach(function (r) {
            r.results.forEach(function (x) {
              var had = byPage.get(x.page);
              if (!had || had.score < x.score) byPage.set(x.page, x);
            });
          });
          var results = Array.from(byPage.values()).sort(function (a, b) { return (b.score - a.score) || (a.page - b.page); });
          return { terms: alike, pinyin: pinyin, results: results, partial: [] };
        });
      }
      // Several words: where they stand together, as typed, ranks first.
      var words = terms.filter(function (t) { return t.id.indexOf("w:") === 0; });
      var together = words.length > 1 && words.length === terms.length ? self.phraseTerm(query) : null;
      return self.run(terms, together).then(function (found) {
        found.pinyin = pinyin;
        var only = terms.length === 1 ? terms[0] : null;
        if (found.results.length || !only || !only.folded || only.folded.length < 3) return found;
        // No page holds the phrase: list the pages holding its words, each naming what it lacks.
        var words = segment(only.label).map(function (w) { return self.phraseTerm(w); }).filter(Boolean);
        if (words.length < 2) return found;
        return self.run(words).then(function (parts) {
          // A page with all the words has them apart: what it lacks is the phrase.
          parts.results.forEach(function (r) { r.missing = [only.label]; });
          return { terms: terms, pinyin: pinyin, results: [], partial: parts.results.concat(parts.partial),
            phraseMissing: only.label, words: words };
        });
      });
    });
  };

  function segment(text) {
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var seg = new Intl.Segmenter("zh", { granularity: "word" });
      return Array.from(seg.segment(text)).filter(function (s) { return s.isWordLike; }).map(function (s) { return s.segment; });
    }
    var half = Math.ceil(text.length / 2);
    return [text.slice(0, half), text.slice(half)];
  }

  Engine.prototype.run = function (terms, together) {
    var self = this, meta = this.meta;
    var tokens = [];
    terms.concat(together ? [together] : []).forEach(function (t) {
      t.tokens.forEach(function (x) { tokens.push(x.token); });
      (t.lone || []).forEach(function (x) { tokens.push(x); });
    });
    if (!terms.length) return Promise.resolve({ terms: terms, results: [], partial: [] });
    return this.postings(Array.from(new Set(tokens))).then(function (postings) {
      var perTerm = terms.map(function (t) { return self.matchTerm(t, postings); });
      var adjacent = together ? self.matchTerm(together, postings) : new Map();
      var pages = new Map();
      perTerm.forEach(function (hits, k) {
        hits.forEach(function (count, sid) {
          var p = self.pageOf[sid];
          var page = pages.get(p);
          if (!page) {
            pages.set(p, page = { page: p, counts: terms.map(function () { return 0; }),
              passages: terms.map(function () { return 0; }), sections: new Map() });
          }
          page.counts[k] += count;
          page.passages[k] += 1;
          var s = page.sections.get(sid) || { sid: sid, score: adjacent.has(sid) ? 10 : 0, terms: 0 };
          s.score += count * (meta.kinds[sid] === "h" ? 2 : 1);
          s.terms += 1;
          page.sections.set(sid, s);
        });
      });
      // Rarer terms weigh more: inverse page frequency.
      var weights = terms.map(function (_, k) {
        var n = 0;
        pages.forEach(function (page) { if (page.counts[k]) n++; });
        return Math.log(1 + meta.pages.length / (1 + n));
      });
      var results = [], partial = [];
      pages.forEach(function (page) {
        var sections = Array.from(page.sections.values()).sort(function (a, b) {
          return (b.terms - a.terms) || (b.score - a.score) || (a.sid - b.sid);
        });
        var title = meta.pages[page.page][1];
        var score = 0;
        terms.forEach(function (t, k) {
          // How many passages (sections) hold it counts most; how often, a little.
          if (page.counts[k]) score += weights[k] * (1 + Math.log(page.passages[k]) + 0.2 * Math.log(page.counts[k]));
          if (page.counts[k] && self.contains(title, t)) score += 3 * weights[k]; // in the title
        });
        if (sections[0].terms === terms.length && terms.length > 1) score += 1; // in one section
        if (sections.some(function (x) { return adjacent.has(x.sid); })) {
          score += 2 * weights.reduce(function (a, b) { return a + b; }, 0); // side by side, as typed
        }
        var result = { page: page.page, url: meta.pages[page.page][0], title: title, score: score,
          sections: sections,
          missing: terms.filter(function (_, k) { return !page.counts[k]; }).map(function (t) { return t.label; }) };
        (result.missing.length ? partial : results).push(result);
      });
      var order = function (a, b) {
        return (a.missing.length - b.missing.length) || (b.score - a.score) || (a.page - b.page);
      };
      results.sort(order);
      partial.sort(order);
      return { terms: terms, results: results, partial: partial };
    });
  };

  /* The text of a section: {anchor, text, heading}. */
  Engine.prototype.section = function (sid) {
    var meta = this.meta, self = this, at = meta.chunks_at, lo = 0, hi = at.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (at[mid] <= sid) lo = mid; else hi = mid - 1; }
    if (!this.chunks[lo]) this.chunks[lo] = this.load("t/" + lo + ".json");
    return this.chunks[lo].then(function (entries) {
      var heading = "";
      for (var i = 0; i <= sid - at[lo]; i++) if (entries[i].length > 2) heading = entries[i][2];
      var e = entries[sid - at[lo]];
      return { anchor: e[0], text: e[1], heading: heading, kind: meta.kinds[sid], page: self.pageOf[sid] };
    });
  };

  /* Whether a text holds the whole term (a phrase as a phrase). */
  Engine.prototype.contains = function (text, term) {
    var folded = this.fold(text), self = this;
    if (term.folded) return folded.indexOf(term.folded) >= 0;
    var at = new Map();
    units(folded).forEach(function (u) {
      var token = u.kind === "w" ? self.wordKey(u.text) : u.text;
      if (!at.has(token)) at.set(token, new Set());
      at.get(token).add(u.pos);
    });
    var words = term.tokens.filter(function (t) { return term.keys.indexOf(t.token) >= 0 || !term.positional; });
    if (!words.length) return false;
    var first = at.get(words[0].token);
    if (!first) return false;
    return Array.from(first).some(function (p) {
      var start = p - words[0].offset;
      return words.every(function (w) { var s = at.get(w.token); return s && s.has(start + w.offset); });
    });
  };

  /* Where the terms occur in a text: sorted, non-overlapping [start, end) UTF-16 ranges. */
  Engine.prototype.ranges = function (text, terms) {
    var folded = this.fold(text), found = [], self = this;
    var keys = new Set();
    terms.forEach(function (t) {
      if (t.folded) {
        var i = folded.indexOf(t.folded);
        while (i >= 0) { found.push([i, i + t.folded.length]); i = folded.indexOf(t.folded, i + t.folded.length); }
      } else {
        t.keys.forEach(function (k) { keys.add(k); });
        (t.lone || []).forEach(function (ch) {
          var j = folded.indexOf(ch);
          while (j >= 0) { found.push([j, j + ch.length]); j = folded.indexOf(ch, j + 1); }
        });
      }
    });
    if (keys.size) {
      units(folded).forEach(function (u) {
        if (u.kind === "w" && keys.has(self.wordKey(u.text))) found.push([u.at, u.at + u.text.length]);
      });
    }
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    found.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r.slice());
    });
    return out;
  };

  var api = { Engine: Engine, units: units, sentences: sentences, plain: plain, porter: porter, pinyinKey: pinyinKey,
    makeFold: makeFold, makeSpelling: makeSpelling, makeWordKey: makeWordKey, FORMAT: FORMAT };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  // ---- the browser: loading, the search box, highlighting the landing page

  var script = document.currentScript;
  var INDEX = new URL("../search/", script ? script.src : location.href);
  var ROOT = new URL("../", script ? script.src : location.href);
  var LABELS = {
    zh: { search: "搜索", placeholder: "搜索：词语、短语、English、拼音", close: "关闭", loading: "正在载入索引…",
      none: "没有页面包含", some: "没有页面同时包含全部词语。包含部分词语的页面：", missing: "缺少",
      partial: "包含部分词语的页面",
      phrase: "没有页面包含短语“{q}”。包含其中词语的页面：", more: "更多结果", count: "{n} 个页面",
      pinyin: "术语", sections: "另有 {n} 处", error: "搜索索引无法载入：" },
    "zh-Hant": { search: "搜尋", placeholder: "搜尋：詞語、短語、English、拼音", close: "關閉",
      loading: "正在載入索引…", none: "沒有頁面包含", some: "沒有頁面同時包含全部詞語。包含部分詞語的頁面：",
      partial: "包含部分詞語的頁面",
      missing: "缺少", phrase: "沒有頁面包含短語「{q}」。包含其中詞語的頁面：", more: "更多結果",
      count: "{n} 個頁面", pinyin: "術語", sections: "另有 {n} 處", error: "搜尋索引無法載入：" },
    en: { search: "Search", placeholder: "Search: words, phrases, 中文, pinyin", close: "Close",
      loading: "Loading the index…", none: "No page contains", some: "No page has every word. Pages with some of them:",
      partial: "Pages with some of the words",
      missing: "Missing", phrase: "No page contains the phrase “{q}”. Pages with its words:",
      more: "More results", count: "{n} pages", pinyin: "Terms", sections: "{n} more on this page",
      error: "The search index could not be loaded: " }
  };
  var lang = document.documentElement.lang || "en";
  var L = LABELS[lang] || LABELS[lang.split("-")[0]] || LABELS.en;
  var PAGE = 10;

  function fetchJSON(path) {
    var url = new URL(path, INDEX);
    if (typeof DecompressionStream === "undefined") {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status + " " + url); return r.json(); });
    }
    return fetch(new URL(path + ".gz", INDEX)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) { // the server already decoded it
        return JSON.parse(new TextDecoder().decode(bytes));
      }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).text().then(JSON.parse);
    });
  }

  var engine = new Engine(fetchJSON);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  /* Text with <mark>s where the query's terms are. */
  function marked(text, terms) {
    var frag = document.createDocumentFragment(), at = 0;
    engine.ranges(text, terms).forEach(function (r) {
      if (r[0] > at) frag.appendChild(document.createTextNode(text.slice(at, r[0])));
      frag.appendChild(el("mark", { text: text.slice(r[0], r[1]) }));
      at = r[1];
    });
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  /* About 120 characters of the text around its first match. */
  function snippet(text, terms) {
    var ranges = engine.ranges(text, terms);
    var start = ranges.length ? Math.max(0, ranges[0][0] - 40) : 0;
    var end = Math.min(text.length, start + 160);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function href(result, section, query) {
    var url = new URL(result.url, ROOT);
    url.search = "?hl=" + encodeURIComponent(query);
    url.hash = section && section.anchor ? "#" + section.anchor : "";
    return url.href;
  }

  var ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function SearchBox() {
    var self = this;
    this.button = el("button", { type: "button", class: "md-header__button md-icon lvs-open", "aria-label": L.search,
      title: L.search + " ( / )", "aria-haspopup": "dialog" });
    this.button.innerHTML = ICON;
    this.input = el("input", { type: "search", class: "lvs-input", placeholder: L.placeholder, "aria-label": L.search,
      autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search",
      "aria-controls": "lvs-results" });
    this.status = el("p", { class: "lvs-status", role: "status", "aria-live": "polite" });
    this.list = el("ol", { class: "lvs-results", id: "lvs-results" });
    this.moreButton = el("button", { type: "button", class: "lvs-more", text: L.more, hidden: "" });
    var close = el("button", { type: "button", class: "lvs-close md-icon", "aria-label": L.close, text: "×" });
    this.panel = el("div", { class: "lvs-panel", role: "dialog", "aria-modal": "true", "aria-label": L.search }, [
      el("form", { class: "lvs-form", role: "search" }, [this.input, close]),
      this.status, this.list, this.moreButton]);
    this.dialog = el("div", { class: "lvs", hidden: "" }, [this.panel]);
    document.body.appendChild(this.dialog);
    var header = document.querySelector(".md-header__inner");
    if (header) {
      var before = header.querySelector(".md-header__option, .md-header__source");
      header.insertBefore(this.button, before);
    }
    this.button.addEventListener("click", function () { self.open(); });
    close.addEventListener("click", function () { self.close(); });
    this.dialog.addEventListener("click", function (e) { if (e.target === self.dialog) self.close(); });
    this.panel.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      var first = self.list.querySelector("a");
      if (first) location.href = first.href;
    });
    this.composing = false;
    this.input.addEventListener("compositionstart", function () { self.composing = true; });
    this.input.addEventListener("compositionend", function () { self.composing = false; self.schedule(); });
    this.input.addEventListener("input", function () { if (!self.composing) self.schedule(); });
    this.moreButton.addEventListener("click", function () { self.showMore(); });
    document.addEventListener("keydown", function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!self.dialog.hidden) {
        if (e.key === "Escape") { e.preventDefault(); self.close(); }
        else if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); self.move(e.key === "ArrowDown" ? 1 : -1); }
        return;
      }
      if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "S")) {
        e.preventDefault();
        self.open();
      }
    }, true);
  }

  SearchBox.prototype.open = function () {
    this.dialog.hidden = false;
    document.documentElement.classList.add("lvs-opened");
    this.input.focus();
    this.input.select();
  };

  SearchBox.prototype.close = function () {
    this.dialog.hidden = true;
    document.documentElement.classList.remove("lvs-opened");
    this.button.focus();
  };

  SearchBox.prototype.move = function (step) {
    var links = Array.from(this.list.querySelectorAll("a"));
    if (!links.length) return;
    var i = links.indexOf(document.activeElement);
    var next = i < 0 ? (step > 0 ? 0 : links.length - 1) : i + step;
    if (next < 0 || next >= links.length) { this.input.focus(); return; }
    links[next].focus();
  };

  SearchBox.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(); }, 120);
  };

  SearchBox.prototype.run = function () {
    var self = this, query = this.input.value.trim(), ticket = (this.ticket = (this.ticket || 0) + 1);
    this.list.removeAttribute("data-query");
    if (!query) { this.render(null, query); return; }
    if (!engine.meta) this.status.textContent = L.loading;
    engine.search(query).then(function (found) {
      if (ticket === self.ticket) return self.render(found, query);
    }).then(function () {
      if (ticket === self.ticket) self.list.setAttribute("data-query", query); // shown in full
    }).catch(function (error) {
      if (ticket === self.ticket) self.status.textContent = L.error + error.message;
    });
  };

  SearchBox.prototype.render = function (found, query) {
    this.list.textContent = "";
    this.moreButton.hidden = true;
    this.panel.classList.toggle("lvs-has-results", !!found);
    if (!found) { this.status.textContent = ""; return Promise.resolve(); }
    this.found = found;
    this.query = query;
    this.items = found.results.concat(found.partial);
    this.shown = 0;
    var status;
    if (found.results.length) status = L.count.replace("{n}", found.results.length);
    else if (found.phraseMissing && found.partial.length) status = L.phrase.replace("{q}", found.phraseMissing);
    else if (found.partial.length) status = L.some;
    else status = L.none + " “" + query + "”";
    this.status.textContent = status;
    if (found.pinyin && found.pinyin.length) {
      var meta = engine.meta;
      var terms = el("li", { class: "lvs-pinyin" }, [el("span", { class: "lvs-label", text: L.pinyin + " · " })]);
      found.pinyin.slice(0, 8).forEach(function (p, i) {
        if (i) terms.appendChild(document.createTextNode(" · "));
        terms.appendChild(el("a", { href: href({ url: meta.pages[p.page][0] }, null, p.form), text: p.form }));
      });
      this.list.appendChild(terms);
    }
    return this.showMore();
  };

  SearchBox.prototype.showMore = function () {
    var self = this, found = this.found, batch = this.items.slice(this.shown, this.shown + PAGE);
    var start = this.shown;
    this.shown += batch.length;
    var ticket = this.ticket;
    var items = batch.map(function (result, i) {
      if (start + i === found.results.length && found.results.length) {
        self.list.appendChild(el("li", { class: "lvs-divider", text: L.partial }));
      }
      var li = el("li", { class: "lvs-result" + (result.missing.length ? " lvs-partial" : "") });
      self.list.appendChild(li);
      return li;
    });
    this.moreButton.hidden = this.shown >= this.items.length;
    return Promise.all(batch.map(function (result, i) {
      var top = result.sections.slice(0, 3);
      return Promise.all(top.map(function (s) { return engine.section(s.sid); })).then(function (sections) {
        if (ticket !== self.ticket) return;
        self.fill(items[i], result, sections, found.words || found.terms);
      });
    }));
  };

  SearchBox.prototype.fill = function (li, result, sections, terms) {
    var query = this.query;
    var title = el("a", { class: "lvs-title", href: href(result, sections[0], query) }, [marked(result.title, terms)]);
    li.appendChild(title);
    if (result.missing.length) {
      li.appendChild(el("p", { class: "lvs-missing" }, [L.missing + "：", el("s", { text: result.missing.join("、") })]));
    }
    sections.forEach(function (s) {
      if (s.kind === "t" && sections.length > 1) return;
      var where = s.heading && s.kind !== "h" ? el("span", { class: "lvs-heading", text: s.heading + " › " }) : null;
      li.appendChild(el("a", { class: "lvs-section", href: href(result, s, query) }, [where, marked(snippet(s.text, terms), terms)]));
    });
    if (result.sections.length > 3) {
      li.appendChild(el("p", { class: "lvs-count", text: L.sections.replace("{n}", result.sections.length - 3) }));
    }
  };

  // ---- the landing page: highlight ?hl=

  var INLINE = /^(A|ABBR|B|BDI|BDO|CITE|CODE|DATA|DEL|DFN|EM|I|INS|KBD|LABEL|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|U|VAR)$/;

  function highlightPage(query) {
    var article = document.querySelector("article") || document.querySelector(".md-content");
    if (!article) return Promise.resolve(0);
    return engine.ready().then(function () {
      var terms = engine.parse(query);
      var pinyin = engine.pinyin(query);
      if (pinyin.length === 1) terms = [engine.phraseTerm(pinyin[0].form)];
      var blocks = new Map();
      var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          var p = node.parentElement;
          if (!p || p.closest("script, style, svg, .lvs, .headerlink, [data-search-exclude]")) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        }
      });
      var node;
      while ((node = walker.nextNode())) {
        var block = node.parentElement;
        while (block !== article && INLINE.test(block.tagName)) block = block.parentElement;
        if (!blocks.has(block)) blocks.set(block, []);
        blocks.get(block).push(node);
      }
      var count = 0;
      blocks.forEach(function (nodes) {
        var text = nodes.map(function (n) { return n.data; }).join("");
        var ranges = engine.ranges(text, terms);
        if (!ranges.length) return;
        // Wrap each range, piece by piece across the text nodes it spans (last first).
        var starts = [], at = 0;
        nodes.forEach(function (n) { starts.push(at); at += n.data.length; });
        for (var r = ranges.length - 1; r >= 0; r--) {
          for (var k = nodes.length - 1; k >= 0; k--) {
            var a = Math.max(ranges[r][0], starts[k]), b = Math.min(ranges[r][1], starts[k] + nodes[k].data.length);
            if (a >= b) continue;
            var target = nodes[k];
            target.splitText(b - starts[k]); // the text after the piece stays as it is
            var piece = target.splitText(a - starts[k]);
            var mark = document.createElement("mark");
            mark.className = "lvs-hit";
            piece.parentNode.replaceChild(mark, piece);
            mark.appendChild(piece);
          }
          count++;
        }
      });
      article.querySelectorAll("mark.lvs-hit").forEach(function (m) {
        for (var d = m.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
      });
      var first = location.hash ? null : article.querySelector("mark.lvs-hit");
      if (first) first.scrollIntoView({ block: "center" });
      document.documentElement.setAttribute("data-lvs-highlighted", String(count));
      return count;
    });
  }

  function start() {
    var box = new SearchBox();
    root.lvliangSearch = { engine: engine, box: box, highlight: highlightPage };
    var hl = new URLSearchParams(location.search).get("hl");
    if (hl) highlightPage(hl).catch(function () { /* the page stays as it is */ });
  }

  var STYLE = [
    ".lvs{position:fixed;inset:0;z-index:10;background:rgba(0,0,0,.35);display:flex;justify-content:center;align-items:flex-start}",
    ".lvs[hidden]{display:none}",
    ".lvs-panel{margin-top:3.2rem;width:min(46rem,100vw - 1rem);max-height:calc(100vh - 4.4rem);overflow:auto;",
    "background:var(--md-default-bg-color,#fff);color:var(--md-default-fg-color,#000);border-radius:.2rem;",
    "box-shadow:0 .2rem .6rem rgba(0,0,0,.3);padding:.6rem .8rem;font-size:.75rem}",
    ".lvs-form{display:flex;gap:.4rem;position:sticky;top:-.6rem;background:inherit;padding:.2rem 0}",
    ".lvs-input{flex:1;font:inherit;font-size:.9rem;padding:.4rem .6rem;border:1px solid var(--md-default-fg-color--lighter,#ccc);",
    "border-radius:.2rem;background:var(--md-default-bg-color,#fff);color:inherit}",
    ".lvs-close{font-size:1.2rem;line-height:1;background:none;border:0;cursor:pointer;color:inherit;padding:0 .3rem}",
    ".lvs-status{margin:.5rem 0;color:var(--md-default-fg-color--light,#555)}",
    ".lvs-results{list-style:none;margin:0;padding:0}",
    ".lvs-results>li{margin:0;padding:.5rem 0;border-top:1px solid var(--md-default-fg-color--lightest,#eee)}",
    ".lvs-results a{display:block;color:inherit;text-decoration:none;border-radius:.1rem}",
    ".lvs-results a:hover,.lvs-results a:focus{background:var(--md-accent-fg-color--transparent,rgba(0,0,255,.06))}",
    ".lvs-title{font-weight:700;color:var(--md-typeset-a-color,#3f51b5)!important}",
    ".lvs-section{margin:.2rem 0 0 .6rem;color:var(--md-default-fg-color--light,#444)!important}",
    ".lvs-heading{color:var(--md-default-fg-color--lighter,#777)}",
    ".lvs-missing,.lvs-count{margin:.2rem 0 0 .6rem;color:var(--md-default-fg-color--light,#666)}",
    ".lvs-pinyin a{display:inline!important;font-weight:700}",
    ".lvs-results mark,mark.lvs-hit{background:var(--md-typeset-mark-color,rgba(255,255,0,.5));color:inherit}",
    ".lvs-more{margin:.6rem 0;font:inherit;cursor:pointer}",
    ".lvs-open svg{fill:currentColor}",
    "html.lvs-opened{overflow:hidden}"
  ].join("");

  document.head.appendChild(el("style", { text: STYLE }));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(this);
