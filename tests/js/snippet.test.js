// Snippets look only at the words around a query term's first letter (search.js, eachHit).
// This checks that shortcut against the plain reading — every word of every section matched
// and stemmed — over every page fragment of the built site and a spread of queries.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { search, siteDir, openIndex } = require("./helpers.js");

const RUN = /[\p{Alphabetic}\p{N}_.'\u2019]+/gu;

/** The snippet as it was before the shortcut: whole sections matched word by word. */
function plainSnippet(fragment, terms) {
  const set = new Set(terms);
  const isHit = (run) => search.tokenize(run).some((t) => set.has(t));
  const count = (text) => (String(text || "").toLowerCase().match(RUN) || []).filter(isHit).length;
  const sections = fragment && Array.isArray(fragment.s) ? fragment.s : [];
  let best = -1, bestScore = 0;
  sections.forEach((s, i) => {
    const score = 3 * count(s[0]) + count(s[2]) + count(s[3]);
    if (score > bestScore) { bestScore = score; best = i; }
  });
  if (best < 0) best = sections.findIndex((s) => s[2]);
  if (best < 0) return { heading: "", anchor: "", parts: [] };
  const sec = sections[best];
  let text = String(sec[2] || "");
  if (count(text) === 0 && count(sec[3]) > 0) text = String(sec[3]).replace(/\s+/g, " ");
  // Mark every word, then cut about 160 characters around the first hit.
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(RUN)) {
    if (!isHit(m[0].toLowerCase())) continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  let firstHit = 0, offset = 0;
  for (const p of parts) { if (p.hit) { firstHit = offset; break; } offset += p.text.length; }
  let start = Math.max(0, firstHit - 40);
  if (start > 0) { const sp = text.indexOf(" ", start); start = sp >= 0 && sp < firstHit ? sp + 1 : start; }
  let end = Math.min(text.length, start + 160);
  if (end < text.length) { const cut = text.lastIndexOf(" ", end); if (cut > firstHit) end = cut; }
  const out = [];
  if (start > 0) out.push({ text: "…", hit: false });
  offset = 0;
  for (const p of parts) {
    const a = offset, b = offset + p.text.length;
    offset = b;
    if (b <= start || a >= end) continue;
    out.push({ text: p.text.slice(Math.max(0, start - a), Math.min(b, end) - a), hit: p.hit });
  }
  if (end < text.length) out.push({ text: "…", hit: false });
  return { heading: String(sec[0] || ""), anchor: String(sec[1] || ""), parts: out };
}

/** Adjacent plain parts joined, so that two ways of cutting the same text compare equal. */
function merged(snippet) {
  const parts = [];
  for (const p of snippet.parts) {
    const prev = parts[parts.length - 1];
    if (prev && !prev.hit && !p.hit && prev.text !== "…" && p.text !== "…") prev.text += p.text;
    else parts.push({ ...p });
  }
  return { ...snippet, parts };
}

const QUERIES = ["g", "heap", "heapq nlargest", "python's", "lru_cache", "e.g", "two sum",
  "dijkstra shortest path", "asyncio.gather", "caching queries", "x y z", "İstanbul", "日本語",
  "url shortner", "__init__", "O(n log n)", "3.12", "star method"];

test("snippets match the plain whole-section reading on every page", async () => {
  const index = openIndex();
  const ids = fs.readdirSync(path.join(siteDir(), "search/doc")).map((f) => Number(f.replace(/\.js$/, "")));
  assert.ok(ids.length > 10, "the site has page fragments");
  let compared = 0, withHits = 0;
  for (const q of QUERIES) {
    const found = await index.search(q, { limit: 8 });
    const terms = found.terms;
    for (const id of ids) {
      const doc = await index.loadDoc(id);
      const fast = merged(search.snippet(doc, terms));
      assert.deepStrictEqual(fast, merged(plainSnippet(doc, terms)), `query ${JSON.stringify(q)}, page ${doc.u}`);
      compared++;
      if (fast.parts.some((p) => p.hit)) withHits++;
    }
  }
  assert.ok(withHits > compared / 20, `enough snippets hold a hit to mean something (${withHits} of ${compared})`);
});
