// A Traefik file → the engine's ParsedDocument. YAML or TOML by extension (a `traefik.yml` that
// turns out to be a compose file is read as one, so its labels and flags are still judged);
// Go templates masked first (templates.ts); the role — static, dynamic or both — from the
// top-level keys, or from the name (`traefik.yml` is the static file) when there are none.
import type { CommentInfo, Finding, ParsedDocument } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import { looksLikeCompose, parseCompose } from '../compose/parse';
import type { ComposeModel } from '../compose/model';
import { DYNAMIC_ROOTS, STATIC_ROOTS } from './keys';
import { isTraefikName } from './detect';
import type { ConfigRole, TMap } from './model';
import { parseTraefikYaml } from './parse-yaml';
import { parseTraefikToml } from './parse-toml';
import { maskTemplates } from './templates';

/** The plugin's model: one file's tree (or the compose model of a compose-shaped `traefik.yml`). */
export interface TraefikDocument {
  path: string;
  text: string;
  index: LineIndex;
  format: 'yaml' | 'toml';
  /** The file's tree; undefined when it could not be parsed or is not a mapping. */
  root?: TMap;
  /** What the file configures. */
  roles: ConfigRole[];
  /** Set when the file is really a compose file. */
  compose?: ComposeModel;
  /** Template regions (offsets). */
  templates: Array<[number, number]>;
  /** Indentation unit of the file's block mappings. */
  indent: string;
}

export function formatOf(path: string): 'yaml' | 'toml' {
  return /\.toml$/i.test(path) ? 'toml' : 'yaml';
}

export function parseTraefik(text: string, path: string): ParsedDocument<TraefikDocument> {
  const format = formatOf(path);
  if (format === 'yaml' && looksLikeCompose(path, text)) {
    const p = parseCompose(text, path);
    const doc: TraefikDocument = { path, text, index: p.index, format, roles: [], compose: p.model, templates: [], indent: p.model.indent };
    return { ...p, model: doc };
  }
  const index = new LineIndex(text);
  const { text: masked, regions } = maskTemplates(text);
  const r = format === 'toml' ? parseTraefikToml(masked, index, regions) : parseTraefikYaml(masked, index, regions);
  const doc: TraefikDocument = { path, text, index, format, root: r.root, roles: rolesOf(r.root, path), templates: regions, indent: detectIndent(text) };
  const comments: CommentInfo[] = r.comments;
  const parseErrors: Finding[] = r.errors;
  let fileSuppressionLine = 0;
  while (fileSuppressionLine < index.lineCount && /^#\s*yaml-language-server\s*:/.test(index.lineText(fileSuppressionLine))) fileSuppressionLine++;
  // Like compose and nginx: in a file that does not parse, fixes are offered but never applied by
  // fix-all (a tree built around errors can hold a key twice, and a rename then never converges).
  return { model: doc, index, comments, parseErrors, syntaxBroken: parseErrors.length > 0, fileSuppressionLine, statementSpan: (line) => ({ start: line, end: line }) };
}

/**
 * parseTraefik(text, path), reused while the same path has the same text: the Traefik graph of a
 * compose file reads the project's static and dynamic files, which are then linted themselves
 * (and read again by each other's graphs).
 */
const shared = new Map<string, { text: string; parsed: ParsedDocument<TraefikDocument> }>();
const SHARED_MAX = 64;

export function parsedTraefik(path: string, text: string): ParsedDocument<TraefikDocument> {
  const hit = shared.get(path);
  if (hit && hit.text === text) return hit.parsed;
  const parsed = parseTraefik(text, path);
  shared.delete(path);
  shared.set(path, { text, parsed });
  if (shared.size > SHARED_MAX) shared.delete(shared.keys().next().value!);
  return parsed;
}

export function rolesOf(root: TMap | undefined, path: string): ConfigRole[] {
  const roles: ConfigRole[] = [];
  const names = root?.fields.map((f) => f.name) ?? [];
  if (names.some((n) => STATIC_ROOTS.has(n))) roles.push('static');
  if (names.some((n) => DYNAMIC_ROOTS.has(n))) roles.push('dynamic');
  if (roles.length === 0 && isTraefikName(path)) roles.push('static');
  return roles;
}

/** The indentation step of the file's first nested block line, else two spaces. */
function detectIndent(text: string): string {
  // `[^\r\n]`: a comment ending `\r\n` must end one way only, or a run of CRLF comment lines
  // backtracks exponentially (found by test/fuzz/regex-audit.test.ts).
  const m = /^[^\s#-][^\r\n]*:[ \t]*(?:#[^\r\n]*)?\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*( +)\S/m.exec(text);
  return m ? m[1]! : '  ';
}
