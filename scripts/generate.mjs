// Writes the artefacts derived from the rule registry (see server/src/node/generate.ts):
//   schemas/rampart-config.schema.json, package.json `rampart.rules` properties, README rule index;
// and those derived from @nginx/reference-lib (scripts/nginx-reference.mjs, nginx-grammar.mjs):
//   the nginx directive and docs tables, syntaxes/nginx.tmLanguage.json.
// Runs on the compiled registry in out/, so build first: `npm run generate` does both.
// `--check` writes nothing and exits 1 when a file is out of date (for CI).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'out/server/src/node/generate.js');
if (!existsSync(compiled)) {
  console.error('generate: out/ is missing; run `node esbuild.mjs` first (npm run generate does).');
  process.exit(2);
}
const gen = createRequire(import.meta.url)(compiled);
const check = process.argv.includes('--check');

const reference = await import('./nginx-reference.mjs');
const grammar = await import('./nginx-grammar.mjs');
const thirdParty = createRequire(import.meta.url)(join(root, 'out/server/src/languages/nginx/reference/third-party.js'));
const grammarText = () =>
  JSON.stringify(
    grammar.buildGrammar({ directives: reference.directiveNames(), blocks: reference.blockNames(), thirdParty: thirdParty.THIRD_PARTY_DIRECTIVES }),
    null,
    2,
  ) + '\n';

const targets = [
  { path: gen.SCHEMA_PATH, make: () => gen.stringifyJson(gen.configSchema()) },
  { path: 'package.json', make: (old) => gen.withSettingsRules(old) },
  { path: 'README.md', make: (old) => gen.withReadmeIndex(old) },
  ...reference.referenceFiles().map((f) => ({ path: f.path, make: () => f.text })),
  { path: grammar.GRAMMAR_PATH, make: grammarText },
];

let stale = 0;
for (const t of targets) {
  const file = join(root, t.path);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const next = t.make(old);
  if (next === old) continue;
  stale++;
  if (check) {
    console.error(`generate: ${t.path} is out of date; run \`npm run generate\`.`);
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next);
  console.log(`generate: wrote ${t.path}`);
}
process.exit(check && stale > 0 ? 1 : 0);
