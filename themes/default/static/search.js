// Search for syllabus sites: the header search box and the results page (search/index.html).
// Hand-written, no dependencies. The index (search/*.js, format in docs/search.md) is loaded
// only when the search box is first used, one <script> tag per file, so it works from
// file:// as well as from a server. Pure parts (tokenize, stem, ranking, snippets) are
// exported for node, where tests/js/ runs them over a built site.
(function (global) {
  "use strict";

  // ---------------------------------------------------------------------------------------
  // Text → terms. Must match src/search/tokenize.rs exactly: the index holds what Rust made
  // of the page, the query is what this makes of the typed words.

  /** Longer runs are not words (same as MAX_TERM_CHARS in Rust). */
  var MAX_TERM_CHARS = 48;
  /** Queries are cut to this many characters and this many words: no query can be slow. */
  var MAX_QUERY_CHARS = 256;
  var MAX_QUERY_WORDS = 12;

  var RUN = /[\p{Alphabetic}\p{N}_.'\u2019]+/gu;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;

  function isVowel(c) {
    return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y";
  }

  function undouble(root) {
    var n = root.length;
    var last = root.charAt(n - 1);
    if (n >= 2 && last === root.charAt(n - 2) && !isVowel(last) && last !== "l" && last !== "s" && last !== "z") {
      return root.slice(0, n - 1);
    }
    return root;
  }

  /** Plurals, -ing, -ed and a final -e; only words of 4+ ASCII letters (see tokenize.rs). */
  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    var w = word;
    if (w.length > 4 && w.slice(-3) === "ies") w = w.slice(0, -3) + "y";
    else if (w.slice(-4) === "sses") w = w.slice(0, -2);
    else if (w.slice(-2) === "ss" || w.slice(-2) === "us" || w.slice(-2) === "is") { /* keep */ }
    else if (w.slice(-1) === "s") w = w.slice(0, -1);

    if (w.slice(-3) === "eed") { /* keep */ }
    else if (w.length > 4 && w.slice(-3) === "ied") w = w.slice(0, -3) + "y";
    else {
      var root = null;
      if (w.slice(-2) === "ed") root = w.slice(0, -2);
      else if (w.slice(-3) === "ing") root = w.slice(0, -3);
      if (root !== null && root.length >= 3 && /[aeiouy]/.test(root)) w = undouble(root);
    }
    if (w.length >= 4 && w.slice(-1) === "e") w = w.slice(0, -1);
    return w;
  }

  // Snippets process the same words again and again: remember what each run became.
  var runMemo = new Map();
  var RUN_MEMO_LIMIT = 50000;

  /** One run of word characters → `{word, terms}`; `null` if it is not a word. */
  function processRun(run) {
    var known = runMemo.get(run);
    if (known !== undefined) return known;
    var result = processRunUncached(run);
    if (runMemo.size >= RUN_MEMO_LIMIT) runMemo.clear();
    runMemo.set(run, result);
    return result;
  }

  function processRunUncached(run) {
    var word = run.replace(/['\u2019]/g, "").replace(/^\.+|\.+$/g, "");
    if (!word || Array.from(word).length > MAX_TERM_CHARS || !ALNUM.test(word)) return null;
    var parts = word.split(/[_.]/).filter(function (p) { return p.length > 0; });
    var terms = [];
    if (parts.length !== 1 || parts[0] !== word) terms.push(word);
    for (var i = 0; i < parts.length; i++) terms.push(stem(parts[i]));
    return { word: word, terms: terms };
  }

  /** The terms of `text`, in order, with repeats — what the index holds for it. */
  function tokenize(text) {
    var out = [];
    var runs = String(text).toLowerCase().match(RUN) || [];
    for (var i = 0; i < runs.length; i++) {
      var r = processRun(runs[i]);
      if (r) out.push.apply(out, r.terms);
    }
    return out;
  }

  /**
   * A query → clauses, one per term it makes (a code identifier makes several). `prefix` is
   * set on the clauses of the last word while it is still being typed (no space after it).
   */
  function parseQuery(query) {
    var text = Array.from(String(query == null ? "" : query)).slice(0, MAX_QUERY_CHARS).join("");
    var typing = !/[\s]$/.test(text);
    var runs = text.toLowerCase().match(RUN) || [];
    var words = [];
    for (var i = 0; i < runs.length && words.length < MAX_QUERY_WORDS; i++) {
      var r = processRun(runs[i]);
      if (r) words.push(r);
    }
    var clauses = [];
    var byTerm = Object.create(null);
    words.forEach(function (w, wi) {
      var last = typing && wi === words.length - 1;
      w.terms.forEach(function (term) {
        if (byTerm[term]) {
          byTerm[term].prefix = byTerm[term].prefix || last;
          return;
        }
        byTerm[term] = { term: term, raw: w.terms.length === 1 ? w.word : term, prefix: last };
        clauses.push(byTerm[term]);
      });
    });
    return clauses;
  }

  // ---------------------------------------------------------------------------------------
  // The index format (docs/search.md).

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = (function () {
    var t = new Int8Array(128).fill(-1);
    for (var i = 0; i < 64; i++) t[ALPHABET.charCodeAt(i)] = i;
    return t;
  })();

  /** Encoded postings → `{docs: Uint32Array, levels: Uint8Array}`; stops at bad input. */
  function decodePostings(text) {
    var pos = 0;
    var n = text.length;
    function next() {
      var value = 0;
      while (pos < n) {
        var c = text.charCodeAt(pos++);
        var d = c < 128 ? DIGIT[c] : -1;
        if (d < 0) return -1;
        if (d < 32) return value * 32 + d;
        value = value * 32 + (d - 32);
      }
      return -1;
    }
    // Every posting takes at least one character, so the text's length bounds their count.
    var docs = new Uint32Array(n);
    var levels = new Uint8Array(n);
    var count_ = 0;
    while (pos < n) {
      var level = next();
      var count = next();
      if (level < 0 || count < 0) break;
      var doc = -1;
      for (var i = 0; i < count; i++) {
        var v = next();
        if (v < 0) break;
        doc = doc < 0 ? v : doc + v + 1;
        docs[count_] = doc;
        levels[count_] = level;
        count_++;
      }
    }
    return { docs: docs.subarray(0, count_), levels: levels.subarray(0, count_) };
  }

  /** Whether `a` and `b` are at most one insertion, deletion, substitution or swap apart. */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Ranking knobs. Exact terms count fully; a completion of the word being typed, or a
  // one-letter typo, counts less, so that what was typed wins over what it might become.
  var PREFIX_WEIGHT = 0.7;
  var TYPO_WEIGHT = 0.6;
  /** A clause counts its best candidate term fully and the others' at this share. */
  var OTHERS_SHARE = 0.25;
  var MIN_PREFIX_CHARS = 2;
  var MIN_TYPO_CHARS = 5;
  var MAX_EXPANSIONS = 64;
  /** A completion may span this many shards; beyond that only the word's own is used. */
  var MAX_PREFIX_SHARDS = 3;

  /**
   * The index as the browser sees it. `load(path)` runs one index file (a <script> tag in
   * the browser, vm in node) whose call to `syllabusSearch` ends up in `receive`.
   */
  function SearchIndex(load) {
    this.load = load;
    this.manifest = null;
    this.shards = Object.create(null);
    this.docs = Object.create(null);
    this.attrs = null;
    this.pending = Object.create(null);
    this.postings = new Map();
  }

  SearchIndex.prototype.receive = function (kind, key, data) {
    if (kind === "manifest") { this.manifest = data; this.impactTable = null; }
    else if (kind === "shard") this.shards[key] = data;
    else if (kind === "doc") this.docs[key] = data;
    else if (kind === "attrs") this.attrs = data;
  };

  SearchIndex.prototype.fetch = function (path, has) {
    var self = this;
    if (has()) return Promise.resolve();
    if (!this.pending[path]) {
      this.pending[path] = Promise.resolve()
        .then(function () { return self.load(path); })
        .then(function () {
          if (!has()) throw new Error("search index file did not register: " + path);
        })
        .catch(function (err) {
          delete self.pending[path];
          throw err;
        });
    }
    return this.pending[path];
  };

  SearchIndex.prototype.ready = function () {
    var self = this;
    return this.fetch("search/manifest.js", function () { return self.manifest !== null; });
  };

  SearchIndex.prototype.loadShard = function (i) {
    var self = this;
    return this.fetch("search/shard-" + i + ".js", function () { return self.shards[i] !== undefined; });
  };

  SearchIndex.prototype.loadDoc = function (id) {
    var self = this;
    return this.fetch("search/doc/" + id + ".js", function () { return self.docs[id] !== undefined; })
      .then(function () { return self.docs[id]; });
  };

  SearchIndex.prototype.loadAttrs = function () {
    var self = this;
    return this.fetch("search/attrs.js", function () { return self.attrs !== null; })
      .then(function () { return self.attrs; });
  };

  /** The shard that holds `term`, if the index has it: the last whose first term ≤ it. */
  SearchIndex.prototype.shardOf = function (term) {
    var firsts = this.manifest.shards;
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  SearchIndex.prototype.prefixShards = function (prefix) {
    var first = this.shardOf(prefix);
    var last = this.shardOf(prefix + "\uffff");
    var out = [];
    if (last - first + 1 > MAX_PREFIX_SHARDS) last = first;
    for (var i = first; i <= last; i++) out.push(i);
    return out;
  };

  /** The shards a query needs. */
  SearchIndex.prototype.shardsFor = function (clauses) {
    var self = this;
    var need = [];
    clauses.forEach(function (c) {
      need.push(self.shardOf(c.term));
      if (c.prefix && c.raw.length >= MIN_PREFIX_CHARS) {
        need.push.apply(need, self.prefixShards(c.term));
        if (c.raw !== c.term) need.push.apply(need, self.prefixShards(c.raw));
      }
    });
    return need.filter(function (v, i) { return need.indexOf(v) === i; });
  };

  /** Loads what a query needs: the manifest, then its shards. */
  SearchIndex.prototype.prepare = function (query) {
    var self = this;
    return this.ready().then(function () {
      var clauses = parseQuery(query);
      return Promise.all(self.shardsFor(clauses).map(function (i) { return self.loadShard(i); }));
    });
  };

  // Index of the first term ≥ `term` in a shard's flat [term, postings, …] array.
  function lowerBound(data, term) {
    var lo = 0, hi = data.length >> 1;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (data[2 * mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  SearchIndex.prototype.postingsOf = function (term) {
    var cached = this.postings.get(term);
    if (cached !== undefined) return cached;
    var data = this.shards[this.shardOf(term)];
    var found = null;
    if (data) {
      var i = lowerBound(data, term);
      if (2 * i < data.length && data[2 * i] === term) found = decodePostings(String(data[2 * i + 1]));
    }
    this.postings.set(term, found);
    return found;
  };

  /** Loaded terms starting with `prefix` (not `prefix` itself), at most `limit`. */
  SearchIndex.prototype.completions = function (prefix, limit) {
    var out = [];
    var shards = this.prefixShards(prefix);
    for (var s = 0; s < shards.length && out.length < limit; s++) {
      var data = this.shards[shards[s]];
      if (!data) continue;
      for (var i = lowerBound(data, prefix); 2 * i < data.length && out.length < limit; i++) {
        var t = data[2 * i];
        if (t.slice(0, prefix.length) !== prefix) break;
        if (t !== prefix) out.push(t);
      }
    }
    return out;
  };

  /** Loaded terms one edit away from `word`, looked for in the shard `word` falls in. */
  SearchIndex.prototype.typos = function (word, limit) {
    var out = [];
    var data = this.shards[this.shardOf(word)];
    if (!data) return out;
    for (var i = 0; i < data.length && out.length < limit; i += 2) {
      var t = data[i];
      if (t !== word && Math.abs(t.length - word.length) <= 1 && withinOneEdit(word, t)) out.push(t);
    }
    return out;
  };

  /** Level → impact: the inverse of `level` in src/search/index.rs. */
  SearchIndex.prototype.impacts = function () {
    if (this.impactTable) return this.impactTable;
    var m = this.manifest;
    var levels = m.levels | 0, max = +m.max, curve = +m.curve;
    var table = new Float64Array(Math.max(levels, 0) + 1);
    for (var l = 1; l <= levels; l++) table[l] = (Math.exp(l / levels * Math.log(1 + curve * max)) - 1) / curve;
    this.impactTable = table;
    return table;
  };

  /** Candidate index terms of a clause, with the weight each counts for. */
  SearchIndex.prototype.expand = function (clause) {
    var self = this;
    var out = [];
    var seen = Object.create(null);
    function add(term, weight) {
      if (seen[term]) return;
      seen[term] = true;
      if (self.postingsOf(term)) out.push({ term: term, weight: weight });
    }
    add(clause.term, 1);
    var chars = Array.from(clause.raw).length;
    if (clause.prefix && chars >= MIN_PREFIX_CHARS) {
      [clause.term, clause.raw].forEach(function (p) {
        self.completions(p, MAX_EXPANSIONS).forEach(function (t) {
          add(t, PREFIX_WEIGHT * (0.5 + 0.5 * Math.min(1, p.length / t.length)));
        });
      });
    }
    // A word the index lacks is probably misspelt: try the terms one edit away.
    if (chars >= MIN_TYPO_CHARS && !this.postingsOf(clause.term)) {
      [clause.term, clause.raw].forEach(function (w) {
        self.typos(w, MAX_EXPANSIONS).forEach(function (t) { add(t, TYPO_WEIGHT); });
      });
    }
    return out;
  };

  /**
   * Ranks the pages for `query` over the shards already loaded (see `prepare`). BM25: the
   * build stored each posting's quantized term-frequency impact; here each clause adds
   * idf × impact of its best candidate term, and pages that match more of the clauses
   * come first. `options.filter(docId)` may exclude pages. Returns
   * `{results: [{id, score}], total, terms}`, `terms` being the matched index terms (for
   * highlighting).
   */
  SearchIndex.prototype.searchLoaded = function (query, options) {
    options = options || {};
    var limit = options.limit || 10;
    var filter = options.filter || null;
    var empty = { results: [], total: 0, terms: [] };
    if (!this.manifest) return empty;
    var clauses = parseQuery(query);
    if (clauses.length === 0) return empty;
    var n = Math.max(1, this.manifest.docs | 0);
    var impact = this.impacts();
    var total = new Float64Array(n);
    var matched = new Uint8Array(n);
    var best = new Float64Array(n);
    var rest = new Float64Array(n);
    var touched = [];
    var terms = [];
    var wanted = 0;
    for (var c = 0; c < clauses.length; c++) {
      var candidates = this.expand(clauses[c]);
      if (!clauses[c].prefix || candidates.length > 0 || clauses.length === 1) wanted++;
      var inClause = [];
      for (var k = 0; k < candidates.length; k++) {
        var p = this.postingsOf(candidates[k].term);
        terms.push(candidates[k].term);
        var df = p.docs.length;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        var w = candidates[k].weight * idf;
        for (var j = 0; j < df; j++) {
          var d = p.docs[j];
          if (d >= n) continue;
          var v = w * (impact[p.levels[j]] || 0);
          if (best[d] === 0 && rest[d] === 0) inClause.push(d);
          if (v > best[d]) {
            rest[d] += best[d];
            best[d] = v;
          } else {
            rest[d] += v;
          }
        }
      }
      for (var m = 0; m < inClause.length; m++) {
        var doc = inClause[m];
        if (matched[doc] === 0) touched.push(doc);
        total[doc] += best[doc] + OTHERS_SHARE * rest[doc];
        matched[doc]++;
        best[doc] = 0;
        rest[doc] = 0;
      }
    }
    wanted = Math.max(1, wanted);
    var kept = [];
    for (var t = 0; t < touched.length; t++) {
      var id = touched[t];
      if (filter && !filter(id)) continue;
      var coverage = Math.min(1, matched[id] / wanted);
      total[id] *= coverage * coverage;
      kept.push(id);
    }
    var ids = top(kept, total, limit);
    var results = ids.map(function (i) { return { id: i, score: total[i] }; });
    return { results: results, total: kept.length, terms: terms };
  };

  /** The `limit` best of `ids` by `score[id]` (ties: lower id), best first, without sorting
   * them all: a bounded heap with the worst kept on top. */
  function top(ids, score, limit) {
    function better(a, b) {
      return score[a] > score[b] || (score[a] === score[b] && a < b);
    }
    function order(a, b) {
      return better(a, b) ? -1 : better(b, a) ? 1 : 0;
    }
    if (ids.length <= limit || limit > 1000) return ids.slice().sort(order).slice(0, limit);
    var heap = [];
    function swap(i, j) { var t = heap[i]; heap[i] = heap[j]; heap[j] = t; }
    for (var i = 0; i < ids.length; i++) {
      var x = ids[i];
      if (heap.length < limit) {
        heap.push(x);
        for (var c = heap.length - 1; c > 0;) {
          var p = (c - 1) >> 1;
          if (!better(heap[p], heap[c])) break;
          swap(p, c);
          c = p;
        }
      } else if (better(x, heap[0])) {
        heap[0] = x;
        for (var k = 0; ;) {
          var l = 2 * k + 1, r = l + 1, w = k;
          if (l < heap.length && better(heap[w], heap[l])) w = l;
          if (r < heap.length && better(heap[w], heap[r])) w = r;
          if (w === k) break;
          swap(k, w);
          k = w;
        }
      }
    }
    return heap.sort(order);
  }

  /** Loads what the query needs, then ranks. */
  SearchIndex.prototype.search = function (query, options) {
    var self = this;
    return this.prepare(query).then(function () { return self.searchLoaded(query, options); });
  };

  /** A filter for `searchLoaded` from `{topic, difficulty, kind}` (empty: any), or null. */
  function attrFilter(attrs, wanted) {
    if (!attrs || !wanted) return null;
    var topic = wanted.topic ? attrs.topics.indexOf(wanted.topic) + 1 : -1;
    var kind = wanted.kind ? attrs.kinds.indexOf(wanted.kind) : -1;
    var difficulty = wanted.difficulty ? attrs.difficulties.indexOf(wanted.difficulty) + 1 : -1;
    if (topic < 0 && kind < 0 && difficulty < 0) return null;
    return function (id) {
      var a = attrs.docs[id];
      if (typeof a !== "number") return false;
      if (topic >= 0 && Math.floor(a / 64) !== topic) return false;
      if (kind >= 0 && (Math.floor(a / 4) % 16) !== kind) return false;
      if (difficulty >= 0 && a % 4 !== difficulty) return false;
      return true;
    };
  }

  // ---------------------------------------------------------------------------------------
  // Snippets: which section of a page matched, and the words around the match.

  var SNIPPET_CHARS = 160;

  /** Spans of `text` split into `{text, hit}` parts, `hit` for words whose terms matched. */
  function markWords(text, isHit) {
    var parts = [];
    var last = 0;
    var re = new RegExp(RUN.source, "gu");
    var m;
    while ((m = re.exec(text)) !== null) {
      var r = processRun(m[0].toLowerCase());
      if (r && r.terms.some(isHit)) {
        if (m.index > last) parts.push({ text: text.slice(last, m.index), hit: false });
        parts.push({ text: m[0], hit: true });
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) parts.push({ text: text.slice(last), hit: false });
    return parts;
  }

  /** A UTF-16 unit that can be part of a RUN (a surrogate may be: the run is matched again). */
  var RUN_UNIT = /[\p{Alphabetic}\p{N}_.'\u2019]|[\ud800-\udfff]/u;
  function inRun(text, k) {
    var c = text.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 39) return true;
    if (c < 128) return false;
    return RUN_UNIT.test(text.charAt(k));
  }
  /** [a, b) widened to whole runs, so that matching the slice again cuts no word. */
  function wholeRuns(text, a, b) {
    while (a > 0 && inRun(text, a - 1)) a--;
    while (b < text.length && inRun(text, b)) b++;
    return [a, b];
  }

  /**
   * The hit test of a query: `has(term)`, and the first character of every term. A term
   * starts with a character of the run it came from (stem() keeps a word's first letter), so
   * a run without one of these characters cannot be a hit.
   */
  function hitTest(terms) {
    var set = Object.create(null);
    var firsts = [];
    (terms || []).forEach(function (t) {
      set[t] = true;
      var first = Array.from(String(t))[0];
      if (first && firsts.indexOf(first) < 0) firsts.push(first);
    });
    return { has: function (t) { return set[t] === true; }, firsts: firsts };
  }

  /**
   * Calls `found(offset)` for each run of the lower-cased `lower` that holds a hit. Only the
   * stretches around a term's first character are matched and stemmed, not the whole text:
   * snippets read whole pages while the reader waits for the first result.
   */
  var RUN_IN_SPAN = new RegExp(RUN.source, "gu");
  function eachHit(lower, hit, found) {
    var seen = Object.create(null);
    for (var f = 0; f < hit.firsts.length; f++) {
      var ch = hit.firsts[f];
      for (var i = lower.indexOf(ch); i >= 0; i = lower.indexOf(ch, i + 1)) {
        var span = wholeRuns(lower, i, i + ch.length);
        i = span[1] - 1;
        if (seen[span[0]]) continue;
        seen[span[0]] = true;
        var piece = lower.slice(span[0], span[1]);
        var m;
        RUN_IN_SPAN.lastIndex = 0;
        while ((m = RUN_IN_SPAN.exec(piece)) !== null) {
          var r = processRun(m[0]);
          if (r && r.terms.some(hit.has)) found(span[0] + m.index);
        }
      }
    }
  }

  function countHits(text, hit) {
    var hits = 0;
    eachHit(String(text || "").toLowerCase(), hit, function () { hits++; });
    return hits;
  }

  /** About `SNIPPET_CHARS` characters of `text` around its first hit, cut at spaces. */
  function window_(text, hit) {
    var lower = text.toLowerCase();
    var firstHit = Infinity;
    if (lower.length === text.length) eachHit(lower, hit, function (at) { firstHit = Math.min(firstHit, at); });
    else firstHit = 0; // lower-casing moved the offsets (rare letters): mark the whole text
    if (firstHit === Infinity) firstHit = 0;
    var start = Math.max(0, firstHit - 40);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < firstHit ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > firstHit) end = cut;
    }
    // Words are marked in the window only (widened to whole runs), not in the whole section.
    var around = lower.length === text.length ? wholeRuns(text, start, end) : [0, text.length];
    var parts = markWords(text.slice(around[0], around[1]), hit.has);
    var out = [];
    if (start > 0) out.push({ text: "…", hit: false });
    var offset = around[0];
    for (var j = 0; j < parts.length; j++) {
      var a = offset, b = offset + parts[j].text.length;
      offset = b;
      if (b <= start || a >= end) continue;
      out.push({ text: parts[j].text.slice(Math.max(0, start - a), Math.min(b, end) - a), hit: parts[j].hit });
    }
    if (end < text.length) out.push({ text: "…", hit: false });
    return out;
  }

  /**
   * The best-matching section of a page fragment and a snippet from it:
   * `{heading, anchor, parts: [{text, hit}]}` (heading and anchor empty for the intro).
   */
  function snippet(fragment, terms) {
    var hit = hitTest(terms);
    var sections = (fragment && Array.isArray(fragment.s)) ? fragment.s : [];
    var bestIndex = -1, bestScore = 0;
    for (var i = 0; i < sections.length; i++) {
      var s = sections[i];
      var score = 3 * countHits(s[0], hit) + countHits(s[2], hit) + countHits(s[3], hit);
      if (score > bestScore) { bestScore = score; bestIndex = i; }
    }
    if (bestIndex < 0) {
      for (var k = 0; k < sections.length; k++) {
        if (sections[k][2]) { bestIndex = k; break; }
      }
    }
    if (bestIndex < 0) return { heading: "", anchor: "", parts: [] };
    var sec = sections[bestIndex];
    var text = String(sec[2] || "");
    if (countHits(text, hit) === 0 && countHits(sec[3], hit) > 0) {
      text = String(sec[3]).replace(/\s+/g, " ");
    }
    return { heading: String(sec[0] || ""), anchor: String(sec[1] || ""), parts: window_(text, hit) };
  }

  var api = {
    MAX_QUERY_CHARS: MAX_QUERY_CHARS,
    tokenize: tokenize,
    stem: stem,
    parseQuery: parseQuery,
    decodePostings: decodePostings,
    withinOneEdit: withinOneEdit,
    SearchIndex: SearchIndex,
    attrFilter: attrFilter,
    snippet: snippet,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  if (typeof document === "undefined") return;

  // ---------------------------------------------------------------------------------------
  // The browser: loading through <script> tags, the header box, the results page.

  var form = document.querySelector("form.search[data-root]");
  var root = form ? form.getAttribute("data-root") || "" : "";
  var index = null;

  // Files site.js started loading before this script ran (see its setupSearchLoader).
  var preloaded = (global.syllabusSearch && global.syllabusSearch.preloaded) || {};

  function scriptLoader(path) {
    var early = preloaded[path];
    if (early) {
      delete preloaded[path];
      return early.done.then(function () { early.remove(); });
    }
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = root + path;
      el.async = true;
      el.onload = function () { el.remove(); resolve(); };
      el.onerror = function () { el.remove(); reject(new Error("cannot load " + path)); };
      document.head.appendChild(el);
    });
  }

  function getIndex() {
    if (!index) {
      index = new SearchIndex(scriptLoader);
      var early = (global.syllabusSearch && global.syllabusSearch.early) || [];
      global.syllabusSearch = function (kind, key, data) { index.receive(kind, key, data); };
      early.forEach(function (call) { index.receive(call[0], call[1], call[2]); });
      if (!document.querySelector("link[data-search-css]")) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = root + "static/search.css";
        css.setAttribute("data-search-css", "");
        document.head.appendChild(css);
      }
      index.ready().catch(function () {});
    }
    return index;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function hrefOf(doc, section) {
    var url = root + String(doc.u || "");
    return section.anchor ? url + "#" + encodeURIComponent(section.anchor) : url;
  }

  /** Title, "topic · difficulty · section" and the snippet, as DOM (textContent only). */
  function resultBody(container, doc, shown) {
    container.appendChild(el("span", "search-title", String(doc.t || "")));
    var meta = el("span", "search-meta");
    // Pieces joined by " · ": topic (or kind for pages), difficulty (coloured), section.
    var pieces = [];
    if (doc.p) pieces.push(document.createTextNode(String(doc.p)));
    else if (doc.k) pieces.push(document.createTextNode(String(doc.k)));
    if (doc.d) pieces.push(el("span", "search-difficulty-" + String(doc.d).replace(/[^a-z]/g, ""), String(doc.d)));
    else if (doc.p && doc.k) pieces.push(document.createTextNode(String(doc.k)));
    if (shown.heading) pieces.push(document.createTextNode("§ " + shown.heading));
    pieces.forEach(function (piece, i) {
      if (i > 0) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(piece);
    });
    container.appendChild(meta);
    var snip = el("span", "search-snippet");
    shown.parts.forEach(function (part) {
      if (part.hit) snip.appendChild(el("mark", "", part.text));
      else snip.appendChild(document.createTextNode(part.text));
    });
    container.appendChild(snip);
  }

  function searchPageHref(query) {
    return root + "search/index.html?q=" + encodeURIComponent(query);
  }

  // The header box: ARIA 1.2 combobox with a listbox popup.
  function setupBox() {
    var input = form && form.querySelector("#search-input");
    var list = form && form.querySelector("#search-results");
    if (!input || !list) return;
    var live = el("span", "visually-hidden");
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    form.appendChild(live);
    var generation = 0;
    var active = -1;
    var options = [];

    function open(yes) {
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) setActive(-1);
    }
    function setActive(i) {
      options.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        if (options[i].scrollIntoView) options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function option(id, className) {
      var li = el("li", className);
      li.id = "search-option-" + id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      return li;
    }
    // A result is one link that is itself the option (a link inside an option would be
    // two controls in one); its <li> is only a container.
    function linkOption(id, className, text) {
      var li = el("li");
      li.setAttribute("role", "none");
      var a = el("a", className, text);
      a.id = "search-option-" + id;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      li.appendChild(a);
      list.appendChild(li);
      options.push(a);
      return a;
    }
    function clear() {
      list.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
    function showError() {
      clear();
      var li = option("error", "search-status");
      li.setAttribute("aria-disabled", "true");
      li.textContent = "Search is unavailable: its index did not load.";
      list.appendChild(li);
      open(true);
    }
    // Results come in rank order, each as soon as its page's fragment (and those of the ones
    // above it) has loaded: the first shows without waiting for the other seven. The old
    // results stay until the first new one replaces them, so the list does not blink.
    function update() {
      var query = input.value;
      var mine = ++generation;
      if (!query.trim()) {
        clear();
        open(false);
        live.textContent = "";
        return;
      }
      var idx = getIndex();
      idx.search(query, { limit: 8 }).then(function (found) {
        if (mine !== generation) return;
        var shown = 0;
        function show(doc) {
          if (mine !== generation) return;
          if (shown === 0) clear();
          var a = linkOption(shown++, "search-option");
          var s = snippet(doc, found.terms);
          a.href = hrefOf(doc || {}, s);
          resultBody(a, doc || {}, s);
          open(true);
        }
        var chain = Promise.resolve();
        found.results.forEach(function (r) {
          var doc = idx.loadDoc(r.id);
          chain = chain.then(function () { return doc; }).then(show);
        });
        return chain.then(function () {
          if (mine !== generation) return;
          if (shown === 0) clear();
          var link = linkOption("all", "search-option search-all",
            found.total === 0 ? "No results — open the search page" : "All " + found.total + " results");
          link.href = searchPageHref(query);
          live.textContent = found.total === 0 ? "No results" : found.total + " results";
          open(true);
        });
      }).catch(function () {
        if (mine === generation) showError();
      });
    }

    input.addEventListener("focus", function () {
      getIndex();
      if (input.value.trim() && list.childNodes.length) open(true);
    });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) { if (input.value.trim()) update(); return; }
        e.preventDefault();
        var n = options.length;
        if (!n) return;
        var next = e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1);
        setActive(next);
      } else if (e.key === "Enter") {
        if (!list.hidden && active >= 0 && options[active]) {
          var a = options[active];
          if (a && a.href) { e.preventDefault(); location.href = a.href; }
        }
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); open(false); } else if (input.value) { input.value = ""; update(); }
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    form.addEventListener("focusout", function (e) {
      if (!form.contains(e.relatedTarget)) open(false);
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
      } else if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  // The results page: ?q=…&topic=…&difficulty=…&kind=… (deep-linkable), all results.
  function setupPage() {
    var page = document.getElementById("search-page");
    if (!page) return;
    var pageForm = page.querySelector("form");
    var input = document.getElementById("search-page-input");
    var status = document.getElementById("search-page-status");
    var list = document.getElementById("search-page-results");
    var moreWrap = document.getElementById("search-page-more-wrap");
    var more = document.getElementById("search-page-more");
    var selects = { topic: "search-filter-topic", difficulty: "search-filter-difficulty", kind: "search-filter-kind" };
    var PAGE = 20;
    var generation = 0;
    var params = new URLSearchParams(location.search);
    input.value = Array.from(params.get("q") || "").slice(0, MAX_QUERY_CHARS).join("");
    Object.keys(selects).forEach(function (name) {
      var select = document.getElementById(selects[name]);
      var value = params.get(name) || "";
      if (select && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
      if (select) select.addEventListener("change", function () { go(true); });
    });
    var found = null;
    var shown = 0;

    function wanted() {
      var w = {};
      Object.keys(selects).forEach(function (name) {
        var select = document.getElementById(selects[name]);
        w[name] = select ? select.value : "";
      });
      return w;
    }
    function showMore(mine) {
      var idx = getIndex();
      var batch = found.results.slice(shown, shown + PAGE);
      shown += batch.length;
      return Promise.all(batch.map(function (r) { return idx.loadDoc(r.id); })).then(function (docs) {
        if (mine !== generation) return;
        docs.forEach(function (doc) {
          doc = doc || {};
          var s = snippet(doc, found.terms);
          var li = el("li");
          var a = el("a");
          a.href = hrefOf(doc, s);
          resultBody(a, doc, s);
          li.appendChild(a);
          list.appendChild(li);
        });
        moreWrap.hidden = shown >= found.results.length;
      });
    }
    function go(updateUrl) {
      var query = input.value;
      var w = wanted();
      var mine = ++generation;
      list.textContent = "";
      moreWrap.hidden = true;
      if (updateUrl) {
        var qs = new URLSearchParams();
        qs.set("q", query);
        Object.keys(w).forEach(function (k) { if (w[k]) qs.set(k, w[k]); });
        try { history.replaceState(null, "", "?" + qs.toString()); } catch (e) { /* file:// in some browsers */ }
      }
      if (!query.trim()) { status.textContent = "Type words to search for."; return; }
      status.textContent = "Searching…";
      var idx = getIndex();
      var needAttrs = w.topic || w.difficulty || w.kind;
      (needAttrs ? idx.loadAttrs() : Promise.resolve(null)).then(function (attrs) {
        return idx.search(query, { limit: 100000, filter: attrFilter(attrs, w) });
      }).then(function (result) {
        if (mine !== generation) return;
        found = result;
        shown = 0;
        status.textContent = result.total === 0 ? "No results." : result.total === 1 ? "1 result." : result.total + " results.";
        return showMore(mine);
      }).catch(function () {
        if (mine === generation) status.textContent = "Search is unavailable: its index did not load.";
      });
    }
    pageForm.addEventListener("submit", function (e) { e.preventDefault(); go(true); });
    more.addEventListener("click", function () { showMore(generation); });
    go(false);
  }

  function start() {
    setupBox();
    setupPage();
    // Loaded on first use (see site.js): catch up with what was typed while it loaded.
    var input = document.getElementById("search-input");
    if (input && document.activeElement === input) {
      getIndex();
      if (input.value.trim()) input.dispatchEvent(new Event("input"));
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
