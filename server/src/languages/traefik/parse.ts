// A Traefik file → the engine's ParsedDocument. YAML or TOML by extension (a `traefik.yml` that
// turns out to be a compose file is read as one, so its labels and flags are still judged);
// Go templates masked first (templates.ts); the role — static, dynamic or both — from the
// top-level keys, or from the name (`traefik.yml` is the static file) when there are none.
import { cacheCapacity } from '../../engine/cache-budget';
import { RecentCache } from '../../engine/recent-cache';
import type { CommentInfo, Finding, ParsedDocument } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import { looksLikeCompose, parseCompose } from '../compose/parse';
import type { ComposeModel } from '../compose/model';
import { DYNAMIC_ROOTS, STATIC_ROOTS } from './keys';
import { isTraefikName } from './detect';
import type { ConfigRole, TMap } from './model';
import { parseTraefikYaml, type YamlParse } from './parse-yaml';
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
  const { text: masked, regions, unclosed } = maskTemplates(text);
  // A TOML parse sets no `broken`: one that fails next to a template gives no tree at all.
  const r: YamlParse = format === 'toml' ? parseTraefikToml(masked, index, regions) : parseTraefikYaml(masked, index, regions);
  const doc: TraefikDocument = { path, text, index, format, root: r.root, roles: rolesOf(r.root, path), templates: regions, indent: detectIndent(text) };
  const comments: CommentInfo[] = r.comments;
  const parseErrors: Finding[] = r.errors;
  let fileSuppressionLine = 0;
  while (fileSuppressionLine < index.lineCount && /^#\s*yaml-language-server\s*:/.test(index.lineText(fileSuppressionLine))) fileSuppressionLine++;
  // Like compose and nginx: in a file that does not parse, fixes are offered but never applied by
  // fix-all (a tree built around errors can hold a key twice, and a rename then never converges).
  // That includes errors not shown because a template stands next to them, and a template that
  // is never closed (it masks the rest of the file).
  return { model: doc, index, comments, parseErrors, syntaxBroken: parseErrors.length > 0 || r.broken === true || unclosed === true, fileSuppressionLine, statementSpan: (line) => ({ start: line, end: line }) };
}

/**
 * parseTraefik(text, path), reused while the same path has the same text: the Traefik graph of a
 * compose file reads the project's static and dynamic files, which are then linted themselves
 * (and read again by each other's graphs).
 */
const SHARED_MAX = 64;
const shared = new RecentCache<{ text: string; parsed: ParsedDocument<TraefikDocument> }>(() => cacheCapacity(SHARED_MAX));

/** Forgets the cached parse of `path` (LanguagePlugin.forget). */
export function forgetTraefik(path: string): void {
  shared.delete(path);
}

export function parsedTraefik(path: string, text: string): ParsedDocument<TraefikDocument> {
  const hit = shared.get(path);
  if (hit && hit.text === text) return hit.parsed;
  // The stale entry goes first (see compose/project.ts cached()).
  if (hit) shared.delete(path);
  const parsed = parseTraefik(text, path);
  shared.set(path, { text, parsed });
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
export function detectIndent(text: string): string {
  // A line scan for what the regex
  //   /^[^\s#-][^\r\n]*:[ \t]*(?:#[^\r\n]*)?\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*( +)\S/m
  // found: a top-level line ending in `:` (a comment may follow), blank or comment lines, then
  // the first indented line's spaces. The regex backtracked to every `:` of a line and rescanned
  // the rest from each (quadratic: a line of 16,000 `: #a` took 75 ms; found by the timed regex
  // audit). Lines end at `\n` (a `\r` before it belongs to the break). Checked equal to the regex
  // on 300,000 random texts, lone CRs included.
  // Lines are found as the scan reaches them (it usually stops within the first few): splitting
  // the whole text was a line string per line of every parse.
  const starts = [0];
  let done = false;
  /** Whether line `i` (which exists) ends with a line break. */
  const hasBreak = (i: number): boolean => {
    while (!done && starts.length <= i + 1) {
      const nl = text.indexOf('\n', starts[starts.length - 1]!);
      if (nl < 0) done = true;
      else starts.push(nl + 1);
    }
    return starts.length > i + 1;
  };
  const content = (i: number): string => {
    const broken = hasBreak(i);
    const l = text.slice(starts[i]!, broken ? starts[i + 1]! - 1 : text.length);
    return broken && l.endsWith('\r') ? l.slice(0, -1) : l;
  };
  for (let i = 0; hasBreak(i); i++) {
    // A lone `\r` starts a line for the editor (and for the regex's `^`): the header is what follows it.
    const line = content(i);
    if (!isKeyHeader(line.slice(line.lastIndexOf('\r') + 1))) continue;
    // Blank or comment-only lines (each ended by a line break), then the first other line.
    let j = i + 1;
    let lastIndentedComment: string | undefined;
    for (; hasBreak(j) && isBlankOrComment(content(j)); j++) {
      const spaces = leadingSpaces(content(j));
      if (spaces !== '' && content(j)[spaces.length] === '#') lastIndentedComment = spaces;
    }
    const spaces = leadingSpaces(content(j));
    const next = content(j)[spaces.length];
    if (spaces !== '' && next !== undefined && !/\s/.test(next)) return spaces;
    // Like the regex backing off: an indented comment line stands for the indented line.
    if (lastIndentedComment !== undefined) return lastIndentedComment;
    i = j - 1;
  }
  return '  ';
}

/** Starts with neither a blank, `#` nor `-`, and some `:` is followed only by blanks and an optional comment. */
function isKeyHeader(line: string): boolean {
  const c = line[0];
  if (c === undefined || c === '#' || c === '-' || /\s/.test(c)) return false;
  for (let k = line.indexOf(':', 1); k >= 0; k = line.indexOf(':', k + 1)) {
    let e = k + 1;
    while (line[e] === ' ' || line[e] === '\t') e++;
    if (e === line.length || line[e] === '#') return true;
    // Blanks after this `:` lead to neither: the next `:` is after them, none is skipped twice.
    k = e - 1;
  }
  return false;
}

/** Only blanks, then optionally a `#` comment (no `\r` inside: the regex's lines could not hold one). */
function isBlankOrComment(line: string): boolean {
  if (line.includes('\r')) return false;
  let e = 0;
  while (line[e] === ' ' || line[e] === '\t') e++;
  return e === line.length || line[e] === '#';
}

function leadingSpaces(line: string): string {
  let e = 0;
  while (line[e] === ' ') e++;
  return line.slice(0, e);
}
