// Search benchmark over a built site: what a browser downloads to answer its first query,
// the index's total size, and the time per query under node. With --pagefind DIR, the same
// first-query download for Pagefind's index of the same site (run by bench/search-bench.sh).
//
// Usage: node bench/search_bench.js SITE_DIR [--pagefind PAGEFIND_DIR]
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const vm = require("node:vm");
const { performance } = require("node:perf_hooks");

const search = require("../themes/default/static/search.js");

const site = process.argv[2];
const pfIndex = process.argv.indexOf("--pagefind");
const pagefindDir = pfIndex > 0 ? process.argv[pfIndex + 1] : null;
if (!site) {
  console.error("usage: node bench/search_bench.js SITE_DIR [--pagefind PAGEFIND_DIR]");
  process.exit(2);
}

// Words of the generated corpus (bench/gen_corpus.py) and of its identifiers: two-word
// queries as typed into the box, plus identifiers and a typo.
const QUERIES = [
  "heap queue", "binary search", "cache shard", "event loop", "thread lock", "token window",
  "merge sort", "hash bucket", "context manager", "replica latency", "solve_4242", "window77",
  "semaphore budget", "stream iterator", "generator decorator", "partition prefix",
  "coroutine", "heapq", "counter", "latncy", // typo
];
const SHOWN = 8; // results the header box shows (and loads fragments for)

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function dirBytes(dir, filter = () => true) {
  let raw = 0, files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const d = dirBytes(p, filter); raw += d.raw; files += d.files; }
    else if (filter(p)) { raw += fs.statSync(p).size; files++; }
  }
  return { raw, files };
}

function openIndex() {
  const loaded = [];
  const index = new search.SearchIndex(async (file) => {
    const code = fs.readFileSync(path.join(site, file));
    loaded.push({ file, raw: code.length, gz: gz(code) });
    vm.runInNewContext(code.toString("utf8"), { syllabusSearch: (k, key, d) => index.receive(k, key, d) });
  });
  index.loaded = loaded;
  return index;
}

async function ours() {
  const js = fs.readFileSync(path.join(__dirname, "../themes/default/static/search.js"));
  const firsts = [];
  for (const q of QUERIES) {
    const index = openIndex();
    const found = await index.search(q, { limit: SHOWN });
    await Promise.all(found.results.map((r) => index.loadDoc(r.id)));
    const raw = js.length + index.loaded.reduce((a, f) => a + f.raw, 0);
    const z = gz(js) + index.loaded.reduce((a, f) => a + f.gz, 0);
    firsts.push({ q, raw, gz: z, files: index.loaded.length + 1, total: found.total });
  }
  // Time per query: every shard loaded (warm), ranking + snippets of the shown results.
  const index = openIndex();
  await index.ready();
  await Promise.all(index.manifest.shards.map((_, i) => index.loadShard(i)));
  const times = [];
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      index.postings.clear(); // decode postings again each time: no result caching
      const t0 = performance.now();
      const found = index.searchLoaded(q, { limit: SHOWN });
      for (const r of found.results) {
        const doc = index.docs[r.id] || (await index.loadDoc(r.id));
        search.snippet(doc, found.terms);
      }
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const dir = path.join(site, "search");
  const idx = dirBytes(dir, (p) => !p.includes(`${path.sep}doc${path.sep}`) && p.endsWith(".js"));
  const frag = dirBytes(path.join(dir, "doc"));
  return { firsts, times, idx, frag, shards: index.manifest.shards.length, docs: index.manifest.docs };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function pagefind() {
  // Run Pagefind's own browser script under node with a fetch that reads the files and
  // counts their bytes: the files it fetches are what a browser downloads.
  const entry = path.join(pagefindDir, "pagefind.js");
  const firsts = [];
  for (const q of QUERIES) {
    const fetched = new Map();
    globalThis.fetch = async (url) => {
      const u = new URL(String(url), "file:///");
      const file = decodeURIComponent(u.pathname);
      const buf = fs.readFileSync(file);
      fetched.set(file, buf.length);
      return new Response(buf, { status: 200 });
    };
    const mod = await import(`${require("node:url").pathToFileURL(entry).href}?run=${encodeURIComponent(q)}`);
    await mod.options({ basePath: pagefindDir + "/", baseUrl: "/" });
    await mod.init();
    const res = await mod.search(q);
    await Promise.all(res.results.slice(0, SHOWN).map((r) => r.data()));
    const raw = fs.statSync(entry).size + [...fetched.values()].reduce((a, b) => a + b, 0);
    firsts.push({ q, raw, files: fetched.size + 1, total: res.results.length });
    await mod.destroy?.();
  }
  const total = dirBytes(pagefindDir);
  const idx = dirBytes(pagefindDir, (p) => !p.includes(`${path.sep}fragment${path.sep}`));
  return { firsts, total, idx };
}

(async () => {
  const o = await ours();
  const raws = o.firsts.map((f) => f.raw);
  console.log(`syllabus: ${o.docs} pages, ${o.shards} shards`);
  console.log(`  index (manifest + shards + attrs): ${kb(o.idx.raw)} in ${o.idx.files} files; page fragments: ${kb(o.frag.raw)} in ${o.frag.files} files`);
  console.log(`  first query download (search.js + manifest + shards + ${SHOWN} fragments): median ${kb(median(raws))}, max ${kb(Math.max(...raws))}; gzip median ${kb(median(o.firsts.map((f) => f.gz)))}`);
  console.log(`  time per query (warm, ranking + ${SHOWN} snippets): median ${median(o.times).toFixed(2)} ms, p90 ${o.times[Math.floor(o.times.length * 0.9)].toFixed(2)} ms`);
  for (const f of o.firsts) console.log(`    ${JSON.stringify(f.q).padEnd(24)} ${kb(f.raw).padStart(10)} (${f.files} files, ${f.total} results)`);
  if (pagefindDir) {
    const p = await pagefind();
    const praws = p.firsts.map((f) => f.raw);
    console.log(`pagefind: index ${kb(p.idx.raw)} in ${p.idx.files} files (${kb(p.total.raw)} with fragments)`);
    console.log(`  first query download (pagefind.js + entry + wasm + meta + chunks + ${SHOWN} fragments): median ${kb(median(praws))}, max ${kb(Math.max(...praws))} (pagefind's files are gzip-compressed already)`);
    for (const f of p.firsts) console.log(`    ${JSON.stringify(f.q).padEnd(24)} ${kb(f.raw).padStart(10)} (${f.files} files, ${f.total} results)`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
