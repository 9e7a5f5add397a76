// Loads a built site's search index under node the way a browser does: each index file is
// run as a script whose global `syllabusSearch` hands its data to the index.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const search = require("../../themes/default/static/search.js");

/** The built site the tests run over: SYLLABUS_SEARCH_SITE, set by tests/search.rs. */
function siteDir() {
  const dir = process.env.SYLLABUS_SEARCH_SITE;
  if (!dir) {
    throw new Error("SYLLABUS_SEARCH_SITE is not set: run these tests through `cargo test --test search`, which builds the site first");
  }
  return dir;
}

/** A SearchIndex over the site in `dir`; `loaded` records each file it ran (and its size). */
function openIndex(dir = siteDir()) {
  const loaded = [];
  const index = new search.SearchIndex(async (file) => {
    const full = path.join(dir, file);
    const code = fs.readFileSync(full, "utf8");
    loaded.push({ file, bytes: Buffer.byteLength(code) });
    vm.runInNewContext(code, { syllabusSearch: (kind, key, data) => index.receive(kind, key, data) }, { filename: full });
  });
  index.loaded = loaded;
  return index;
}

/** `topics/a/b.md` → the URL (from the site root) of the page built from it. */
function urlOf(contentPath) {
  const p = contentPath.replace(/^content\//, "");
  let m;
  if (p === "index.md") return "index.html";
  if ((m = /^pages\/(.+)\.md$/.exec(p))) return `${m[1]}/index.html`;
  if ((m = /^topics\/([^/]+)\/_topic\.md$/.exec(p))) return `topics/${m[1]}/index.html`;
  if ((m = /^topics\/([^/]+)\/(.+)\.md$/.exec(p))) return `topics/${m[1]}/${m[2]}/index.html`;
  throw new Error(`not a content path: ${contentPath}`);
}

/** The top `limit` results of `query`, as page URLs. */
async function topUrls(index, query, limit = 3) {
  const found = await index.search(query, { limit });
  const docs = await Promise.all(found.results.map((r) => index.loadDoc(r.id)));
  return docs.map((d) => d.u);
}

module.exports = { search, siteDir, openIndex, urlOf, topUrls };
