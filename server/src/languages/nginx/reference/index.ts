// nginx's directive reference as Rampart uses it: which names nginx knows, in which module and
// context each is allowed, the module family (http, stream, mail or core) a module belongs to,
// the nginx.org page that documents it, the hover text, and "did you mean" for misspelt names.
// The tables are generated from @nginx/reference-lib (see scripts/nginx-reference.mjs); the docs
// table is only built on the first hover.
import { DIRECTIVE_ROWS, MODULES } from './directives.generated';
import { directiveDocs, variableDocs } from './docs.generated';
import { THIRD_PARTY_DIRECTIVES, directiveMatcher } from './third-party';

/** The module family a directive belongs to; `core` directives work in every family. */
export type Family = 'core' | 'http' | 'stream' | 'mail';

export interface DirectiveEntry {
  name: string;
  module: string;
  family: Family;
  /** Contexts from nginx's reference (`main`, `http`, `server`, `location`, `if in location`, …); `''` means anywhere. */
  contexts: readonly string[];
  block: boolean;
  /** Row number in the generated tables (for the docs). */
  row: number;
}

export function familyOf(module: string): Family {
  if (module.startsWith('ngx_http_') || module === 'ngx_otel_module') return 'http';
  if (module.startsWith('ngx_stream_')) return 'stream';
  if (module.startsWith('ngx_mail_')) return 'mail';
  return 'core';
}

const BY_NAME = new Map<string, DirectiveEntry[]>();
DIRECTIVE_ROWS.forEach(([name, mod, ctx, block], row) => {
  const module = MODULES[mod]!;
  const e: DirectiveEntry = { name, module, family: familyOf(module), contexts: ctx.split('|'), block: block === 1, row };
  const list = BY_NAME.get(name);
  if (list) list.push(e);
  else BY_NAME.set(name, [e]);
});

/** Every directive name nginx.org documents. */
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set(BY_NAME.keys());

/** Names that open a block in some module (http, server, location, map, upstream, …). */
export const BLOCK_DIRECTIVES: ReadonlySet<string> = new Set([...BY_NAME.values()].flat().filter((e) => e.block).map((e) => e.name));

/** Contexts nginx's reference names: the blocks whose bodies hold directives Rampart can check. */
export const CHECKED_CONTEXTS: ReadonlySet<string> = new Set(DIRECTIVE_ROWS.flatMap((r) => r[2].split('|')).filter((c) => c !== ''));

/** The reference entries of a name (one per module that defines it), or an empty list. */
export function directiveEntries(name: string): readonly DirectiveEntry[] {
  return BY_NAME.get(name) ?? [];
}

/** True when `context` is one the entry allows (`include` and friends allow any). */
export function allowedIn(e: DirectiveEntry, context: string): boolean {
  return e.contexts.includes(context) || e.contexts.includes('');
}

/**
 * The entries that apply in a module family: those of the family itself and core ones. With no
 * family (the main context, or a fragment whose includer is unknown) every entry applies.
 */
export function entriesFor(name: string, family?: Family): readonly DirectiveEntry[] {
  const all = directiveEntries(name);
  if (!family) return all;
  return all.filter((e) => e.family === family || e.family === 'core');
}

/**
 * The entry that documents a directive where it is written: the one of the family that is
 * allowed in the context, else any of the family, else the first.
 */
export function bestEntry(name: string, family: Family | undefined, context: string | undefined): DirectiveEntry | undefined {
  const fam = entriesFor(name, family);
  const pool = fam.length > 0 ? fam : directiveEntries(name);
  return (context !== undefined ? pool.find((e) => allowedIn(e, context)) : undefined) ?? pool[0];
}

/** The nginx.org page of a module, with the directive's anchor. */
export function docsUrl(module: string, anchor?: string): string {
  const family = familyOf(module);
  const page =
    module === 'Core functionality'
      ? 'ngx_core_module'
      : family === 'core' || module === 'ngx_otel_module'
        ? module
        : `${family}/${module}`;
  return `https://nginx.org/en/docs/${page}.html${anchor ? `#${anchor}` : ''}`;
}

export interface DirectiveDoc {
  syntax: readonly string[];
  default: string;
  description: string;
}

let docs: ReturnType<typeof directiveDocs> | undefined;

export function directiveDoc(e: DirectiveEntry): DirectiveDoc {
  docs ??= directiveDocs();
  const [syntax, def, description] = docs[e.row]!;
  return { syntax, default: def, description };
}

export interface VariableDoc {
  name: string;
  module: string;
  description: string;
}

let variables: Map<string, VariableDoc> | undefined;
let variablePatterns: Array<{ prefix: string; doc: VariableDoc }> | undefined;

/** The documentation of a variable (`$host`, or `$http_user_agent` through `$http_NAME`). */
export function variableDoc(name: string): VariableDoc | undefined {
  if (!variables) {
    variables = new Map();
    variablePatterns = [];
    for (const [n, module, description] of variableDocs()) {
      const doc = { name: n, module, description };
      if (n.endsWith('_NAME')) variablePatterns.push({ prefix: n.slice(0, -'NAME'.length), doc });
      else if (!variables.has(n)) variables.set(n, doc);
    }
    // Longest prefix first: $upstream_http_ before $http_ would never matter, but $sent_http_ does.
    variablePatterns.sort((a, b) => b.prefix.length - a.prefix.length);
  }
  const exact = variables.get(name);
  if (exact) return exact;
  return variablePatterns!.find((p) => name.startsWith(p.prefix) && name.length > p.prefix.length)?.doc;
}

const builtInThirdParty = directiveMatcher(THIRD_PARTY_DIRECTIVES);
const projectMatchers = new Map<string, (name: string) => boolean>();

/**
 * True for a directive of a third-party module Rampart knows (OpenResty, headers-more, brotli,
 * …) or one the project lists under `nginx.directives` in .rampart.yaml.
 */
export function isThirdParty(name: string, project: readonly string[] | undefined): boolean {
  if (builtInThirdParty(name)) return true;
  if (!project || project.length === 0) return false;
  const key = project.join('\n');
  let m = projectMatchers.get(key);
  if (!m) {
    m = directiveMatcher(project);
    if (projectMatchers.size > 20) projectMatchers.clear();
    projectMatchers.set(key, m);
  }
  return m(name);
}

/** Known names by length, for "did you mean": only lengths within the allowed distance are compared. */
let byLength: Map<number, string[]> | undefined;
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 1);
    rowB = new Int32Array(b.length * 2 + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/**
 * The known directive nearest to a misspelt name (case-insensitive; `-` read as `_`), when one
 * is close enough to be a typo: distance 1 for short names, up to 2 from 6 characters and 3
 * from 12. Among equally near names, one that `prefer` accepts wins, then the alphabetically
 * first, so the answer is stable.
 */
export function nearestDirective(name: string, prefer?: (candidate: string) => boolean): string | undefined {
  const wanted = name.toLowerCase().replace(/-/g, '_');
  if (KNOWN_DIRECTIVES.has(wanted)) return wanted;
  const max = wanted.length >= 12 ? 3 : wanted.length >= 6 ? 2 : 1;
  if (!byLength) {
    byLength = new Map();
    for (const n of [...KNOWN_DIRECTIVES].sort()) {
      const list = byLength.get(n.length);
      if (list) list.push(n);
      else byLength.set(n.length, [n]);
    }
  }
  let best: string | undefined;
  let bestScore = Infinity;
  for (let len = wanted.length - max; len <= wanted.length + max; len++) {
    for (const candidate of byLength.get(len) ?? []) {
      const d = editDistance(wanted, candidate, max);
      if (d > max) continue;
      // Preferred names win ties; half a step keeps distance first.
      const score = d + (prefer && !prefer(candidate) ? 0.5 : 0);
      if (score < bestScore || (score === bestScore && best !== undefined && candidate < best)) {
        best = candidate;
        bestScore = score;
      }
    }
  }
  return best;
}
