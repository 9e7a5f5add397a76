// The browser's tokenizer must agree with the Rust one: every term search.js makes of a
// page's title, headings and text must be a term the index has.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { search, openIndex } = require("./helpers.js");

test("search.js tokenizes shipped pages into terms the Rust index holds", async () => {
  const index = openIndex();
  await index.ready();
  const shards = index.manifest.shards.length;
  await Promise.all(Array.from({ length: shards }, (_, i) => index.loadShard(i)));
  const missing = new Set();
  for (let id = 0; id < index.manifest.docs; id++) {
    const doc = await index.loadDoc(id);
    const texts = [doc.t];
    for (const s of doc.s) texts.push(s[0], s[2]);
    for (const term of search.tokenize(texts.join(" "))) {
      if (!index.postingsOf(term)) missing.add(`${term} (${doc.u})`);
    }
  }
  assert.deepStrictEqual([...missing].slice(0, 20), []);
});
