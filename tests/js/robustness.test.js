// Any query is answered — empty, huge, markup, regex syntax, emoji, other scripts — without
// an exception, and what comes back is plain data (the page builds DOM with textContent).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { search, openIndex } = require("./helpers.js");

const QUERIES = [
  "",
  "   ",
  "\n\t",
  "a",
  "x".repeat(100000),
  "while ".repeat(5000),
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "</script><!--",
  ".*+?^${}()|[]\\",
  "(?<=a)b\\",
  "[a-z",
  "%00%ff",
  "\u0000\u0001\u2028\u2029",
  "😀🔥 python 🐍",
  "👨‍👩‍👧‍👦",
  "日本語 検索",
  "Привет мир",
  "مرحبا",
  "İstanbul ß ﬁ",
  "\ud800 lone surrogate \udc00",
  "__proto__ constructor prototype hasOwnProperty toString",
  "heapq.",
  "._.",
  "'quoted' \"double\"",
  "NaN undefined null",
];

const index = openIndex();

for (const q of QUERIES) {
  test(`query ${JSON.stringify(q.slice(0, 40))}${q.length > 40 ? "…" : ""} answers without throwing`, async () => {
    const found = await index.search(q, { limit: 10 });
    assert.ok(Array.isArray(found.results));
    assert.ok(found.results.length <= 10);
    for (const r of found.results) {
      assert.ok(Number.isFinite(r.score) && r.score > 0);
      const doc = await index.loadDoc(r.id);
      const s = search.snippet(doc, found.terms);
      assert.strictEqual(typeof s.heading, "string");
      for (const part of s.parts) assert.strictEqual(typeof part.text, "string");
    }
  });
}

test("a very long query is cut, so it stays fast", () => {
  const clauses = search.parseQuery("word".repeat(10) + " x".repeat(100000));
  assert.ok(clauses.length <= 12);
  const started = process.hrtime.bigint();
  search.parseQuery("a ".repeat(1000000));
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000);
});

test("stop words are searchable", async () => {
  for (const q of ["while", "the", "with", "for"]) {
    const found = await index.search(q, { limit: 3 });
    assert.ok(found.results.length > 0, q);
  }
});

test("code identifiers are split and kept whole, like the Rust tokenizer", () => {
  assert.deepStrictEqual(search.tokenize("heapq.nlargest(k, x)"), ["heapq.nlargest", "heapq", "nlargest", "k", "x"]);
  assert.deepStrictEqual(search.tokenize("@lru_cache"), ["lru_cache", "lru", "cach"]);
  assert.deepStrictEqual(search.tokenize("The GIL. Python's while-loop!"), ["the", "gil", "python", "whil", "loop"]);
  assert.deepStrictEqual(search.tokenize("日本語 Ünïcode"), ["日本語", "ünïcode"]);
  for (const [w, s] of [["caching", "cach"], ["queries", "query"], ["stopped", "stop"], ["processes", "process"], ["string", "string"]]) {
    assert.strictEqual(search.stem(w), s, w);
  }
});

test("one edit of typo tolerance", () => {
  assert.ok(search.withinOneEdit("shortner", "shortener"));
  assert.ok(search.withinOneEdit("teh", "the"));
  assert.ok(search.withinOneEdit("cat", "cut"));
  assert.ok(!search.withinOneEdit("cat", "dog"));
  assert.ok(!search.withinOneEdit("ab", "abcd"));
});

test("markup in content reaches the page only as text", async () => {
  // Snippet parts are strings that the UI puts in text nodes; here we check the index files
  // carry no raw `<` at all, so nothing in them can close a <script>.
  const fs = require("node:fs");
  const path = require("node:path");
  const { siteDir } = require("./helpers.js");
  const dir = path.join(siteDir(), "search");
  const files = [];
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) for (const n of fs.readdirSync(full)) files.push(path.join(full, n));
    else if (name.endsWith(".js")) files.push(full);
  }
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    assert.ok(!text.includes("<") && !text.includes("\u2028") && !text.includes("\u2029"), f);
  }
});
