// Facts several nginx rules share and that need the workspace (so they cannot live in the
// model): what a `location` matches, which addresses are loopback or internal, the directives a
// level gets from the files it `include`s, inheritance across those includes, how a server is
// named in messages, and line-aware insertion edits.
import type { LineIndex } from '../../../engine/text';
import type { RuleContext, TextEdit } from '../../../engine/types';
import type { NginxArg, NginxBlock, NginxDirective, NginxModel, NginxServer } from '../model';
import { agreedChain, includes, levelDirectives, type OuterLevel } from '../includes';
import { indentUnit, lineIndent } from './util';
import { compileUserRegex, testUserRegex } from '../../../engine/user-regex';

// ---------------------------------------------------------------------------------------------
// Locations

export type LocationModifier = '' | '=' | '^~' | '~' | '~*' | '@';

export interface LocationPattern {
  readonly modifier: LocationModifier;
  /** The URI or regex without its modifier, as nginx sees it. */
  readonly path: string;
  /** The argument that holds the path (it also holds the modifier when written attached). */
  readonly pathArg: NginxArg;
  readonly regex: boolean;
}

const MODIFIERS: readonly LocationModifier[] = ['=', '^~', '~', '~*'];

/** What a `location` directive matches, following nginx's own parsing (`=/x` and `~\.php` work too). */
export function locationPattern(d: NginxDirective): LocationPattern | undefined {
  // Not memoised in a WeakMap keyed by directive: that kept every keystroke's model alive
  // through young-generation GCs (see NginxModel.perRun), which cost far more than this.
  if (d.name !== 'location' || d.args.length === 0) return undefined;
  if (d.args.length >= 2) {
    const m = d.args[0]!.value;
    const modifier = MODIFIERS.find((x) => x === m);
    if (!modifier) return undefined;
    return { modifier, path: d.args[1]!.value, pathArg: d.args[1]!, regex: modifier === '~' || modifier === '~*' };
  }
  const a = d.args[0]!;
  const v = a.value;
  if (v.startsWith('=')) return { modifier: '=', path: v.slice(1), pathArg: a, regex: false };
  if (v.startsWith('^~')) return { modifier: '^~', path: v.slice(2), pathArg: a, regex: false };
  if (v.startsWith('~*')) return { modifier: '~*', path: v.slice(2), pathArg: a, regex: true };
  if (v.startsWith('~')) return { modifier: '~', path: v.slice(1), pathArg: a, regex: true };
  if (v.startsWith('@')) return { modifier: '@', path: v, pathArg: a, regex: false };
  return { modifier: '', path: v, pathArg: a, regex: false };
}

/**
 * A location regex as a JavaScript RegExp (PCRE's `(?P<name>` becomes `(?<name>`), or undefined
 * when JavaScript cannot express it (atomic groups, possessive quantifiers, …).
 */
export function locationRegex(p: LocationPattern): RegExp | undefined {
  if (!p.regex) return undefined;
  // Through the engine's guard: a pattern shaped for catastrophic backtracking is not run.
  return compileUserRegex(p.path.replace(/\(\?P</g, '(?<'), p.modifier === '~*' ? 'i' : '');
}

/** Whether a location (exact, prefix or regex) matches a request path. */
export function locationMatches(p: LocationPattern, uri: string): boolean {
  if (p.modifier === '@') return false;
  if (p.modifier === '=') return p.path === uri;
  if (!p.regex) return uri.startsWith(p.path);
  const re = locationRegex(p);
  return re ? (testUserRegex(re, uri) ?? false) : false;
}

/** The number of capturing groups in a regex source (named ones included). */
export function captureGroups(source: string): Array<{ index: number; name?: string; body: string }> {
  const out: Array<{ index: number; name?: string; body: string }> = [];
  let inClass = false;
  const opens: Array<{ at: number; group?: { index: number; name?: string; body: string } }> = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      if (source[i + 1] === '?') {
        const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(i));
        if (named) {
          const g = { index: out.length + 1, name: named[1], body: '' };
          out.push(g);
          opens.push({ at: i + named[0].length, group: g });
        } else opens.push({ at: i });
      } else {
        const g = { index: out.length + 1, body: '' };
        out.push(g);
        opens.push({ at: i + 1, group: g });
      }
    } else if (c === ')') {
      const o = opens.pop();
      if (o?.group) o.group.body = source.slice(o.at, i);
    }
  }
  return out;
}

/** The nearest enclosing `location` directive of a block (the block itself included). */
export function enclosingLocation(block: NginxBlock): NginxDirective | undefined {
  for (let b: NginxBlock | undefined = block; b; b = b.parent) if (b.kind === 'location') return b.owner;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Addresses

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map((x) => parseInt(x, 10));
  if (parts.some((x) => x > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

const LOOPBACK_V4: Array<[number, number]> = [[0x7f000000, 8]];
const INTERNAL_V4: Array<[number, number]> = [
  [0x7f000000, 8], // 127.0.0.0/8
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
  [0x64400000, 10], // 100.64.0.0/10 (carrier-grade NAT, also Tailscale)
  [0xa9fe0000, 16], // 169.254.0.0/16 (link-local)
];

function inRanges(cidr: string, ranges: Array<[number, number]>): boolean {
  const [addr, bits] = cidr.split('/');
  const ip = ipv4(addr ?? '');
  if (ip === undefined) return false;
  const prefix = bits === undefined ? 32 : parseInt(bits, 10);
  if (!(prefix >= 0 && prefix <= 32)) return false;
  return ranges.some(([net, p]) => prefix >= p && (p === 0 || ip >>> (32 - p) === net >>> (32 - p)));
}

function v6(cidr: string): { addr: string; prefix: number } | undefined {
  const [addr, bits] = cidr.toLowerCase().replace(/^\[|\]$/g, '').split('/');
  if (!addr || !addr.includes(':')) return undefined;
  return { addr, prefix: bits === undefined ? 128 : parseInt(bits, 10) };
}

/** An `allow`/`deny` argument that only covers loopback, private, link-local or unix clients. */
export function isInternalAddress(arg: string): boolean {
  const a = arg.toLowerCase();
  if (a === 'unix:') return true;
  if (inRanges(a, INTERNAL_V4)) return true;
  const six = v6(a);
  if (!six) return false;
  if (six.addr === '::1') return six.prefix >= 128;
  if (/^f[cd][0-9a-f]{0,2}:/.test(six.addr)) return six.prefix >= 7;
  if (/^fe[89ab][0-9a-f]?:/.test(six.addr)) return six.prefix >= 10;
  return false;
}

/** A `listen` address only reachable from the host itself: loopback or a unix socket. */
export function isLoopbackListen(address: string): boolean {
  const a = address.toLowerCase();
  if (a.startsWith('unix:')) return true;
  if (a === 'localhost' || a.startsWith('localhost:')) return true;
  if (a.startsWith('[::1]')) return true;
  const host = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(a)?.[1];
  return host !== undefined && inRanges(host, LOOPBACK_V4);
}

/** True when every socket of the server is loopback or unix (a server with no `listen` uses *:80). */
export function loopbackOnly(server: NginxServer | undefined): boolean {
  if (!server || server.listens.length === 0) return false;
  return server.listens.every((l) => isLoopbackListen(l.address));
}

/** The server a block belongs to (the block itself included). */
export function serverOf(model: NginxModel, block: NginxBlock): NginxServer | undefined {
  const b = model.enclosing(block, 'server');
  return b ? model.servers.find((s) => s.block === b) : undefined;
}

/** `server "example.com"`, `the server on 127.0.0.1:8080`, or `the server`. */
export function serverLabel(s: NginxServer): string {
  const name = s.serverNames.find((n) => n !== '' && n !== '_');
  if (name) return `server "${name}"`;
  const l = s.listens[0];
  return l ? `the server on ${l.address}` : 'the server';
}

// ---------------------------------------------------------------------------------------------
// Includes and inheritance

export { STOCK_INCLUDES, levelDirectives, type LevelView } from '../includes';

export interface Inherited {
  directives: NginxDirective[];
  /** The level the directives come from (a block of the includer's file when they come from there, see `outer`). */
  level?: NginxBlock;
  /** Set when the directives come from a fragment's includer: its level (file and block). */
  outer?: OuterLevel;
  /** False when an unreadable include or an unknown outer level (a fragment's includer) may change the answer. */
  complete: boolean;
  /** An include on one of the levels consulted could not be read (or the includer's sites disagree). */
  unknownInclude: boolean;
}

/**
 * The directives of some names in effect at a block, reading includes. `list` directives
 * (allow/deny, limit_req, …) are all-or-nothing per level like nginx's arrays; others are the
 * last one on the nearest level that sets one. In a fragment with a known includer the walk goes
 * on through the includer's levels around the include (see OuterChain).
 */
export function inherited(model: NginxModel, ctx: RuleContext, block: NginxBlock, names: readonly string[], list: boolean): Inherited {
  let unknownInclude = false;
  for (let b: NginxBlock | undefined = block; b; b = b.parent) {
    const view = levelDirectives(ctx, model, b);
    const own = view.directives.filter((d) => names.includes(d.name));
    if (!b.parent && model.fragment) return throughIncluder(model, ctx, b, own, names, list, unknownInclude || view.unknown);
    if (own.length > 0) return { directives: list ? own : [own[own.length - 1]!], level: b, complete: !unknownInclude, unknownInclude };
    if (view.unknown) unknownInclude = true;
  }
  return { directives: [], complete: !unknownInclude, unknownInclude };
}

/** The rest of `inherited` from a fragment's top level (whose own directives are `own`) outwards. */
function throughIncluder(model: NginxModel, ctx: RuleContext, root: NginxBlock, own: NginxDirective[], names: readonly string[], list: boolean, unknownSoFar: boolean): Inherited {
  const pick = (ds: NginxDirective[]) => (list ? ds : [ds[ds.length - 1]!]);
  const chain = agreedChain(includes(ctx, model).context(), names);
  if (chain === undefined) {
    // No known includer: only the file's own levels are known.
    if (own.length > 0) return { directives: pick(own), level: root, complete: !unknownSoFar, unknownInclude: unknownSoFar };
    return { directives: [], complete: false, unknownInclude: unknownSoFar };
  }
  // Include sites that disagree on these directives: a finding could hold at one site only.
  if (chain === 'differs') return { directives: [], complete: false, unknownInclude: true };
  let unknown = unknownSoFar;
  for (let i = 0; i < chain.length; i++) {
    const level = chain[i]!;
    const theirs = level.directives.filter((o) => names.includes(o.directive.name)).map((o) => o.directive);
    // The first level is the include's block, which the fragment's top level is part of.
    if (i === 0 && own.length > 0) {
      // The fragment's own directive wins for single-valued ones (nginx would call a second one a duplicate).
      const ds = list ? [...theirs, ...own] : own;
      return { directives: pick(ds), level: root, complete: !unknown && !level.unknown, unknownInclude: unknown || level.unknown };
    }
    if (theirs.length > 0) return { directives: pick(theirs), level: level.block, outer: level, complete: !unknown, unknownInclude: unknown };
    if (level.unknown) unknown = true;
  }
  return { directives: [], complete: !unknown, unknownInclude: unknown };
}

/** `allow`/`deny` lists: does a list let only some clients through (ends the allowed set with `deny all`)? */
export function aclRestricts(acl: NginxDirective[]): boolean {
  for (const d of acl) {
    const v = d.args[0]?.value.toLowerCase();
    if (isEveryone(v)) return d.name === 'deny';
  }
  return false;
}

/** `all`, `0.0.0.0/0` or `::/0`. */
export function isEveryone(v: string | undefined): boolean {
  return v === 'all' || v === '0.0.0.0/0' || v === '::/0';
}

// ---------------------------------------------------------------------------------------------
// Edits

function firstOnLine(index: LineIndex, offset: number): boolean {
  const pos = index.positionAt(offset);
  return index.lineText(pos.line).slice(0, pos.character).trim() === '';
}

function restOfLineBlank(index: LineIndex, offset: number): boolean {
  const pos = index.positionAt(offset);
  const rest = index.lineText(pos.line).slice(pos.character).trim();
  return rest === '' || rest.startsWith('#');
}

/** The indentation children of a block use (the first child's, else the owner's plus one unit). */
export function childIndent(index: LineIndex, block: NginxBlock): string {
  const first = block.children.find((c) => firstOnLine(index, c.start) && (!block.open || c.line > block.open.start.line));
  if (first) return lineIndent(index, first.line);
  return lineIndent(index, block.owner?.line ?? 0) + indentUnit(index);
}

/**
 * Inserts statements as the first directives of a block: each on its own line with the block's
 * indentation, or inline after the `{` when the block is written on one line.
 */
export function insertFirst(index: LineIndex, block: NginxBlock, statements: string[]): TextEdit | undefined {
  if (!block.open || !block.owner) return undefined;
  const openEnd = index.offsetAt(block.open.end);
  const openLine = block.open.end.line;
  if (!restOfLineBlank(index, openEnd)) {
    const at = index.positionAt(openEnd);
    return { range: { start: at, end: at }, newText: ` ${statements.join(' ')}` };
  }
  const indent = childIndent(index, block);
  const eol = index.eol;
  if (openLine + 1 < index.lineCount) {
    const at = { line: openLine + 1, character: 0 };
    return { range: { start: at, end: at }, newText: statements.map((s) => `${indent}${s}${eol}`).join('') };
  }
  const at = index.positionAt(index.lineEnd(openLine));
  return { range: { start: at, end: at }, newText: statements.map((s) => `${eol}${indent}${s}`).join('') };
}

/** Whether insertFirst (and util's insertFirstInBlock) makes an edit. */
export function canInsertFirst(block: NginxBlock): boolean {
  return !!block.open && !!block.owner;
}

/** Whether insertLast makes an edit. */
export function canInsertLast(block: NginxBlock): boolean {
  return !!block.close && !!block.owner && !!block.open;
}

/**
 * Inserts statements before a directive (and the comment lines right above it, which describe
 * it), on their own lines when the directive starts its line.
 */
export function insertBefore(index: LineIndex, d: NginxDirective, statements: string[]): TextEdit {
  if (firstOnLine(index, d.start)) {
    const indent = lineIndent(index, d.line);
    let line = d.line;
    while (line > 0 && index.lineText(line - 1).trim().startsWith('#')) line--;
    const at = { line, character: 0 };
    return { range: { start: at, end: at }, newText: statements.map((s) => `${indent}${s}${index.eol}`).join('') };
  }
  const at = index.positionAt(d.start);
  return { range: { start: at, end: at }, newText: `${statements.join(' ')} ` };
}

/** Inserts statements after a directive (after a trailing comment on its line too). */
export function insertAfter(index: LineIndex, d: NginxDirective, statements: string[]): TextEdit {
  const endLine = index.positionAt(d.end).line;
  if (restOfLineBlank(index, d.end) && firstOnLine(index, d.start)) {
    const indent = lineIndent(index, d.line);
    const at = index.positionAt(index.lineEnd(endLine));
    return { range: { start: at, end: at }, newText: statements.map((s) => `${index.eol}${indent}${s}`).join('') };
  }
  const at = index.positionAt(d.end);
  return { range: { start: at, end: at }, newText: ` ${statements.join(' ')}` };
}

/** Inserts statements as the last directives of a block (before its `}`). */
export function insertLast(index: LineIndex, block: NginxBlock, statements: string[]): TextEdit | undefined {
  if (!block.close || !block.owner || !block.open) return undefined;
  const closeAt = index.offsetAt(block.close.start);
  if (firstOnLine(index, closeAt) && block.close.start.line > block.open.start.line) {
    const indent = childIndent(index, block);
    const at = { line: block.close.start.line, character: 0 };
    return { range: { start: at, end: at }, newText: statements.map((s) => `${indent}${s}${index.eol}`).join('') };
  }
  const at = block.close.start;
  return { range: { start: at, end: at }, newText: `${statements.join(' ')} ` };
}
