// An ESTIMATE of the size of mdBook's search index (searchindex.js) for a built syllabus
// site: it rebuilds the same text in mdBook's layout — one elasticlunr document per heading
// section with fields title, body and breadcrumbs, the full text in the document store, and
// each field's terms in elasticlunr's serialized character trie
// ({"docs":{"12":{"tf":1.0}},"df":1,"a":{…}}). Tokenizing approximates elasticlunr's
// (split on whitespace and hyphens, trim non-word ends, English stop words dropped, a
// stemmer — ours stands in for Porter's). It is not mdBook's output; it shows the order of
// magnitude of that format on the same pages.
//
// Usage: node bench/mdbook_index_estimate.js SITE_DIR
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const zlib = require("node:zlib");
const { stem } = require("../themes/default/static/search.js");

const site = process.argv[2];
const STOP = new Set("a able about across after all almost also am among an and any are as at be because been but by can cannot could dear did do does either else ever every for from get got had has have he her hers him his how however i if in into is it its just least let like likely may me might most must my neither no nor not of off often on only or other our own rather said say says she should since so some than that the their them then there these they this tis to too twas us wants was we were what when where which while who whom why will with would yet you your".split(" "));

function tokens(text) {
  return String(text).toLowerCase().split(/[\s-]+/)
    .map((t) => t.replace(/^\W+/, "").replace(/\W+$/, ""))
    .filter((t) => t && !STOP.has(t))
    .map(stem);
}

const docs = [];
const dir = path.join(site, "search", "doc");
const count = fs.readdirSync(dir).length;
for (let id = 0; id < count; id++) {
  let frag = null;
  vm.runInNewContext(fs.readFileSync(path.join(dir, `${id}.js`), "utf8"), { syllabusSearch: (k, key, d) => { frag = d; } });
  for (const [heading, anchor, text, code] of frag.s) {
    docs.push({
      url: frag.u + (anchor ? `#${anchor}` : ""),
      title: heading || frag.t,
      body: `${text} ${code}`.trim(),
      breadcrumbs: heading ? `${frag.t} » ${heading}` : frag.t,
    });
  }
}

const fields = ["title", "body", "breadcrumbs"];
const index = {};
for (const f of fields) index[f] = { root: { docs: {}, df: 0 } };
const docInfo = {};
const store = {};
docs.forEach((d, i) => {
  docInfo[i] = {};
  for (const f of fields) {
    const toks = tokens(d[f]);
    docInfo[i][f] = toks.length;
    const tf = new Map();
    for (const t of toks) tf.set(t, (tf.get(t) || 0) + 1);
    for (const [t, n] of tf) {
      let node = index[f].root;
      for (const ch of t) node = node[ch] || (node[ch] = { docs: {}, df: 0 });
      node.docs[i] = { tf: Math.sqrt(n) };
      node.df++;
    }
  }
  store[i] = { body: d.body, breadcrumbs: d.breadcrumbs, id: String(i), title: d.title };
});
const js = "Object.assign(window.search, " + JSON.stringify({
  doc_urls: docs.map((d) => d.url),
  index: { documentStore: { docInfo, docs: store, length: docs.length, save: true }, fields, index, lang: "English", pipeline: ["trimmer", "stopWordFilter", "stemmer"], ref: "id", version: "0.9.5" },
  results_options: { limit_results: 30, teaser_word_count: 30 },
  search_options: { bool: "OR", expand: true, fields: { body: { boost: 1 }, breadcrumbs: { boost: 1 }, title: { boost: 2 } } },
}) + ");";
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`mdbook-style searchindex.js (estimate): ${docs.length} sections, ${kb(js.length)} (${kb(zlib.gzipSync(js).length)} gzip) — one file, all of it downloaded before the first result`);
