// The fast YAML path against the `yaml` library, on one text: when the fast path answers, its
// documents, comments and alias flag must be exactly the library's. Shared by the differential
// test and the fuzz properties.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fastParseYaml } from '../../server/src/yaml/fast-yaml';
import { COMPOSE_FAST, composeYamlLibrary } from '../../server/src/languages/compose/parse';
import { collectComments, TRAEFIK_FAST, traefikYamlLibrary } from '../../server/src/languages/traefik/parse-yaml';
import { commentInfo } from '../../server/src/yaml/comment-info';
import { LineIndex } from '../../server/src/engine/text';
import { generateCompose, generateTraefikDynamic } from '../bench/generate';
import { repoRoot } from '../helpers/paths';
import { describeDocs } from './normalise';
import { filesUnder } from '../helpers/walk';

export type Flavor = 'compose' | 'traefik';

export interface Differential {
  /** The fast path answered. */
  taken: boolean;
  /** What differs from the library, when the fast path answered. */
  mismatch?: string;
}

function firstDifference(a: string[], b: string[]): string | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return `line ${i}:\n  fast:    ${a[i] ?? '(none)'}\n  library: ${b[i] ?? '(none)'}`;
  }
  return undefined;
}

export function differential(text: string, flavor: Flavor): Differential {
  const fast = fastParseYaml(text, flavor === 'compose' ? COMPOSE_FAST : TRAEFIK_FAST);
  if (!fast) return { taken: false };
  let docs;
  let comments: string[];
  let flag: boolean | undefined;
  try {
    if (flavor === 'compose') {
      const lib = composeYamlLibrary(text);
      docs = lib.docs;
      comments = lib.comments.map((c) => JSON.stringify(c));
    } else {
      const lib = traefikYamlLibrary(text);
      docs = lib.docs;
      const index = new LineIndex(text);
      const cc = collectComments(lib.tokens, index);
      comments = cc.comments.map((c) => JSON.stringify(c));
      flag = cc.aliases;
    }
  } catch (err) {
    return { taken: true, mismatch: `the library threw (${String(err)}) where the fast path answered` };
  }
  const errors = docs.flatMap((d) => d.errors.map((e) => `${e.code} ${e.message.split('\n')[0]}`));
  if (errors.length > 0) return { taken: true, mismatch: `the fast path accepted a text the library rejects: ${errors[0]}` };
  const tree = firstDifference(describeDocs(fast.docs), describeDocs(docs));
  if (tree) return { taken: true, mismatch: `trees differ at ${tree}` };
  const mine = flavor === 'compose' ? fast.comments.map((c) => JSON.stringify(c)) : fast.comments.map((c) => JSON.stringify(commentInfo(c, new LineIndex(text))));
  const cdiff = firstDifference(mine, comments);
  if (cdiff) return { taken: true, mismatch: `comments differ at ${cdiff}` };
  if (flag !== undefined && flag !== fast.hasAliasesOrTags) return { taken: true, mismatch: `alias flag ${fast.hasAliasesOrTags}, library ${flag}` };
  return { taken: true };
}

export interface YamlFile {
  /** Repository-relative path, or `generated:<name>`. */
  name: string;
  text: string;
  flavor: Flavor;
}


/** A file's flavor: Traefik fixtures and Traefik-named files read as Traefik, the rest as compose. */
function flavorOf(rel: string): Flavor {
  return /traefik|dynamic|routers|middlewares/i.test(rel) ? 'traefik' : 'compose';
}

/** Every YAML file of the repository's fixtures, examples, e2e workspace and fuzz regressions. */
export function repoYamlFiles(): YamlFile[] {
  const root = repoRoot();
  const paths: string[] = [];
  for (const d of ['test/fixtures', 'examples', 'test/e2e/workspace', 'test/fuzz/regressions']) filesUnder(join(root, d), (n) => /\.ya?ml(\.json)?$/i.test(n), paths);
  return paths.map((p) => {
    const rel = relative(root, p).replace(/\\/g, '/');
    const raw = readFileSync(p, 'utf8');
    const text = p.endsWith('.json') ? (JSON.parse(raw) as string) : raw;
    return { name: rel, text, flavor: flavorOf(rel) };
  });
}

/** The benchmark's generated compose and Traefik files at a few sizes and seeds. */
export function generatedYamlFiles(): YamlFile[] {
  const out: YamlFile[] = [];
  for (const [lang, flavor, gen] of [
    ['compose', 'compose', generateCompose],
    ['traefik', 'traefik', generateTraefikDynamic],
  ] as const) {
    for (const lines of [10, 100, 1000]) for (const seed of [1, 7, 42]) out.push({ name: `generated:${lang}:${lines}:${seed}`, text: gen(lines, seed), flavor });
  }
  return out;
}
