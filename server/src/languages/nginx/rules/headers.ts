// The response-header facts the nine nginx header rules share: which blocks are judged (servers,
// and locations that declare their own add_header set), each block's effective header set after
// nginx's all-or-nothing add_header inheritance (with `add_header_inherit`, nginx >= 1.29.3, with
// add_header lines read from included files, and in a fragment with those of its includer's
// levels around the include), whether a header is present, dropped by a
// redefinition (nginx/add-header-inheritance owns that) or missing, and where a fix inserts.
import type { LineIndex } from '../../../engine/text';
import type { Finding, RuleContext, TextEdit } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import { compareVersions, type NginxArg, type NginxBlock, type NginxDirective, type NginxModel, type NginxServer } from '../model';
import { agreedChain, includes, type OuterChain, type OuterLevel } from '../includes';
import { nginxVersion } from '../version';
import { argsText, indentUnit, lineIndent, refusesEveryone } from './util';

export const HSTS = 'strict-transport-security';
export const XFO = 'x-frame-options';
export const XCTO = 'x-content-type-options';
export const REFERRER = 'referrer-policy';
export const CSP = 'content-security-policy';
export const PERMISSIONS = 'permissions-policy';
export const XXP = 'x-xss-protection';

/** How headers are named in messages, whatever case the file uses. */
const CANONICAL: Record<string, string> = {
  [HSTS]: 'Strict-Transport-Security',
  [XFO]: 'X-Frame-Options',
  [XCTO]: 'X-Content-Type-Options',
  [REFERRER]: 'Referrer-Policy',
  [CSP]: 'Content-Security-Policy',
  [PERMISSIONS]: 'Permissions-Policy',
  [XXP]: 'X-XSS-Protection',
};

export function canonicalName(key: string, fallback = key): string {
  return CANONICAL[key] ?? fallback;
}

/** The headers whose absence on a response weakens the browser's defences. */
export const SECURITY_HEADERS: readonly string[] = [HSTS, XFO, XCTO, REFERRER, CSP, PERMISSIONS];

/** The values the header rules insert. */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';
export const HSTS_MIN_AGE = 31536000;
export const REFERRER_VALUE = 'strict-origin-when-cross-origin';
export const LEAKY_REFERRER = new Set(['unsafe-url', 'no-referrer-when-downgrade']);

/** One `add_header` in effect somewhere: in this file, or read from an included file. */
export interface HeaderEntry {
  /** The header name lower-cased (nginx and browsers compare header names case-insensitively). */
  key: string;
  nameArg: NginxArg;
  valueArg: NginxArg;
  /** The value as nginx sends it (quotes removed). nginx sends no header for an empty value. */
  value: string;
  always: boolean;
  /** The directive; for an included entry, the directive in the included file. */
  directive: NginxDirective;
  /** Set when the entry comes from an included file: the `include` of this file. */
  include?: NginxDirective;
  /**
   * The level the entry applies at: a block of this file, or for an entry from a fragment's
   * includer (see `outer`) the fragment's top level when it is the include's own block, else
   * the includer's block.
   */
  level: NginxBlock;
  /** Set when the entry comes from a fragment's includer: its level there (index 0 is the include's block) and the file it is written in. */
  outer?: { level: OuterLevel; index: number; file: string };
}

interface LevelInfo {
  entries: HeaderEntry[];
  /** An include at this level could not be read: it may add headers Rampart cannot see. */
  uncertain: boolean;
  /** The last add_header (or header-bearing include) of the level: new headers go after it. */
  anchor?: NginxDirective;
}

export interface HeaderSet {
  entries: HeaderEntry[];
  /** The innermost level whose own add_header lines are in the set. */
  level?: NginxBlock;
  /** False when an unreadable include on a consulted level may change the answer. */
  complete: boolean;
}

/** A block the header rules judge. */
export interface HeaderUnit {
  block: NginxBlock;
  kind: 'server' | 'location';
  /** The server block around it in this file (undefined for a location at a fragment's root). */
  server?: NginxServer;
}

export type HeaderStatus = 'present' | 'dropped' | 'missing' | 'unknown';

/** Directives that open a server block by saying which server it is. */
const SERVER_HEAD = new Set(['listen', 'server_name', 'http2', 'http3', 'ssl_certificate', 'ssl_certificate_key']);

/** What the header analysis reads from a fragment's includer. */
const HEADER_DIRECTIVES = ['add_header', 'add_header_inherit'];

function isHeaderDirective(d: NginxDirective): boolean {
  return d.name === 'add_header' && d.args.length >= 2;
}

function entryOf(d: NginxDirective, level: NginxBlock, include?: NginxDirective, outer?: HeaderEntry['outer']): HeaderEntry {
  const nameArg = d.args[0]!;
  const valueArg = d.args[1]!;
  return {
    key: nameArg.value.toLowerCase(),
    nameArg,
    valueArg,
    value: valueArg.value,
    always: d.args[2]?.value === 'always',
    directive: d,
    include,
    level,
    outer,
  };
}

/** True for a header that nginx actually sends: a non-empty value. */
export function sent(e: HeaderEntry): boolean {
  return e.value.trim() !== '';
}

/** The directives of a CSP value: lower-cased name -> sources as written. */
export function parseCsp(value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const words = part.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const name = words[0]!.toLowerCase();
    // Browsers ignore a repeated directive: the first one wins.
    if (!out.has(name)) out.set(name, words.slice(1));
  }
  return out;
}

/** What protects against framing: X-Frame-Options, or a CSP with frame-ancestors. */
export function framingProtected(entries: HeaderEntry[]): boolean {
  return entries.some((e) => sent(e) && (e.key === XFO || (e.key === CSP && parseCsp(e.value).has('frame-ancestors'))));
}

/** The test for "this header is in effect" per header rule. */
export function hasHeader(key: string): (entries: HeaderEntry[]) => boolean {
  if (key === XFO) return framingProtected;
  // One test per header name, not a new closure per question (asked per unit, rule and header).
  let test = headerTests.get(key);
  if (!test) {
    test = (entries) => {
      for (const e of entries) if (e.key === key && sent(e)) return true;
      return false;
    };
    headerTests.set(key, test);
  }
  return test;
}

const headerTests = new Map<string, (entries: HeaderEntry[]) => boolean>();

/** `server "example.com"`, `the server listening on 443`, `this server`, `location "/static/"`. */
// Descriptions of the blocks of one file (the last one asked about, told by its root block):
// the header rules describe the same blocks again and again, on every lint of a cached parse
// too. Not a WeakMap keyed by block: that kept every keystroke's model alive through
// young-generation GCs (see NginxModel.perRun); this holds one file's blocks at most.
let describedRoot: NginxBlock | undefined;
let described = new Map<NginxBlock, string>();

export function describeBlock(block: NginxBlock): string {
  let root = block;
  while (root.parent) root = root.parent;
  if (root !== describedRoot) {
    describedRoot = root;
    described = new Map();
  }
  let d = described.get(block);
  if (d === undefined) {
    d = describe(block);
    described.set(block, d);
  }
  return d;
}

function describe(block: NginxBlock): string {
  const owner = block.owner;
  if (!owner) return 'this file';
  if (block.kind === 'location') return `location "${argsText(owner.args)}"`;
  if (block.kind === 'server') {
    const name = block.children
      .filter((c) => c.name === 'server_name')
      .flatMap((c) => c.args.map((a) => a.value))
      .find((n) => n !== '' && n !== '_');
    if (name) return `server "${name}"`;
    const listen = block.children.find((c) => c.name === 'listen')?.args[0]?.value;
    return listen ? `the server listening on ${listen}` : 'this server';
  }
  if (block.kind === 'http') return 'the http block';
  return `${owner.name} block`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `"A"`, `"A" and "B"`, `"A", "B" and "C"`. */
export function quoteList(names: string[]): string {
  const q = names.map((n) => `"${n}"`);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

// --- redirect-only blocks --------------------------------------------------------------------

const CATCH_ALL_REGEX = /^\^?(?:\/?\(?\.\*\)?\$?)?$/;

function isCatchAllRedirect(d: NginxDirective): boolean {
  const [regex, target, flag] = d.args;
  if (!regex || !target) return false;
  if (!CATCH_ALL_REGEX.test(regex.value) || regex.value === '') return false;
  const f = flag?.value;
  return f === 'permanent' || f === 'redirect' || /^(https?:\/\/|\$scheme)/.test(target.value);
}

function isAcmeLocation(d: NginxDirective): boolean {
  return d.args.some((a) => a.value.includes('.well-known/acme-challenge'));
}

function isRootPrefix(d: NginxDirective): boolean {
  // No array of values: this runs for every location of every server on each lint.
  const args = d.args;
  if (args.length === 1) return args[0]!.value === '/';
  return args.length === 2 && args[0]!.value === '^~' && args[1]!.value === '/';
}

/** True when a server answers every request before choosing a location. */
function endsAtServerLevel(block: NginxBlock): boolean {
  return block.children.some(
    (d) =>
      d.name === 'return' ||
      (d.name === 'rewrite' && isCatchAllRedirect(d)) ||
      (d.name === 'ssl_reject_handshake' && d.args[0]?.value.toLowerCase() === 'on'),
  );
}

/**
 * True when every request a block handles ends in a `return` or a redirecting `rewrite`: such
 * servers (HTTP-to-HTTPS redirects, `return 444` catch-alls) are not judged for headers. ACME
 * challenge locations do not count as content.
 */
export function onlyRedirects(block: NginxBlock): boolean {
  const kids = block.children;
  if (endsAtServerLevel(block)) return true;
  const locs = kids.filter((d) => d.name === 'location' && d.block);
  if (locs.length === 0 || !locs.some(isRootPrefix)) return false;
  return locs.filter((l) => !isAcmeLocation(l) && !refusesEveryone(l.block!)).every((l) => onlyRedirects(l.block!));
}

// --- the analysis ----------------------------------------------------------------------------

export class HeaderAnalysis {
  private readonly levels = new Map<NginxBlock, LevelInfo>();
  private readonly sets = new Map<NginxBlock, HeaderSet>();
  private readonly outer = new Map<NginxBlock, HeaderEntry[]>();
  private readonly uncertainChains = new Map<NginxBlock, boolean>();
  private readonly copies = new Map<NginxBlock, string[]>();
  private readonly inheritAware: boolean;
  private unitList?: HeaderUnit[];

  constructor(
    readonly model: NginxModel,
    private readonly ctx: RuleContext,
  ) {
    const version = nginxVersion(ctx).version;
    this.inheritAware = !version || compareVersions(version, '1.29.3') >= 0;
  }

  /** The add_header lines a block declares itself (its includes' top-level ones included). */
  level(block: NginxBlock): LevelInfo {
    let info = this.levels.get(block);
    if (info) return info;
    info = { entries: [], uncertain: false };
    if (block.kind !== 'hash' && block.kind !== 'lua') {
      for (const d of block.children) {
        if (isHeaderDirective(d)) {
          info.entries.push(entryOf(d, block));
          info.anchor = d;
        } else if (d.name === 'include') {
          const got = this.included(d, block);
          if (got === undefined) info.uncertain = true;
          else if (got.length > 0) {
            info.entries.push(...got);
            info.anchor = d;
          }
        }
      }
    }
    // A fragment's top level is part of the block its includer includes it in: that block's
    // add_header lines are this level's too (they are not an anchor: they are in another file).
    if (!block.parent && this.model.fragment) {
      const o = this.outside();
      if (o.differs) info.uncertain = true;
      const first = o.chain?.[0];
      if (first) {
        info.entries.push(...this.chainEntries(0));
        if (first.unknown) info.uncertain = true;
      }
    }
    this.levels.set(block, info);
    return info;
  }

  /** Top-level add_header lines of the files an include reads; undefined when one cannot be read. */
  private included(d: NginxDirective, level: NginxBlock): HeaderEntry[] | undefined {
    const r = includes(this.ctx, this.model).resolve(d);
    if (!r.complete) return undefined;
    const out: HeaderEntry[] = [];
    for (const f of r.files) {
      if (f.path === this.ctx.path) return undefined;
      const children = f.model.root.children;
      // A nested include could add more: the answer is then uncertain.
      if (children.some((c) => c.name === 'include')) return undefined;
      for (const c of children) if (isHeaderDirective(c)) out.push(entryOf(c, level, d));
    }
    return out;
  }

  /** `add_header_inherit` in effect at a block (nginx >= 1.29.3): `on`, `off` or `merge`. */
  inheritMode(block: NginxBlock): string {
    if (!this.inheritAware) return 'on';
    for (let b: NginxBlock | undefined = block; b; b = b.parent) {
      for (let i = b.children.length - 1; i >= 0; i--) {
        const d = b.children[i]!;
        if (d.name === 'add_header_inherit' && d.args[0]) return d.args[0].value.toLowerCase();
      }
    }
    return this.chainMode(0);
  }

  /** `add_header_inherit` in effect at a level of a fragment's includer (from `from` outwards). */
  private chainMode(from: number): string {
    const chain = this.outside().chain;
    if (!this.inheritAware || !chain) return 'on';
    for (let i = from; i < chain.length; i++) {
      const ds = chain[i]!.directives;
      for (let j = ds.length - 1; j >= 0; j--) {
        const d = ds[j]!.directive;
        if (d.name === 'add_header_inherit' && d.args[0]) return d.args[0].value.toLowerCase();
      }
    }
    return 'on';
  }

  private outsideView?: { chain?: OuterChain; differs: boolean; uncertain: boolean };

  /**
   * A fragment's includer levels as the header analysis reads them: the chain when every include
   * site agrees on add_header and add_header_inherit (`differs` otherwise: then every header is
   * unknown, since a finding might hold at one site only), and whether a level beyond the
   * include's own block has an include Rampart could not read.
   */
  private outside(): { chain?: OuterChain; differs: boolean; uncertain: boolean } {
    if (this.outsideView) return this.outsideView;
    const chain = this.model.fragment ? agreedChain(includes(this.ctx, this.model).context(), HEADER_DIRECTIVES) : undefined;
    if (chain === 'differs') this.outsideView = { differs: true, uncertain: true };
    else this.outsideView = { chain, differs: false, uncertain: chain !== undefined && chain.slice(1).some((l) => l.unknown) };
    return this.outsideView;
  }

  /**
   * The headers nginx sends for a block: the nearest level that declares add_header wins (its
   * outer levels are dropped) unless `add_header_inherit merge` keeps them; `off` stops
   * inheritance. Outside a fragment: nothing, unless its includer's levels around the include
   * declare add_header — then the set is unknown (complete: false), not empty.
   */
  effective(block: NginxBlock): HeaderSet {
    const cached = this.sets.get(block);
    if (cached) return cached;
    const info = this.level(block);
    const mode = this.inheritMode(block);
    let set: HeaderSet;
    const outer = (): HeaderSet => (block.parent ? this.effective(block.parent) : this.outsideFile());
    if (info.entries.length > 0) {
      if (mode === 'merge') {
        const o = outer();
        set = { entries: [...o.entries, ...info.entries], level: block, complete: o.complete && !info.uncertain };
      } else {
        set = { entries: info.entries, level: block, complete: !info.uncertain };
      }
    } else if (mode === 'off') {
      set = { entries: [], complete: !info.uncertain };
    } else {
      const o = outer();
      set = { entries: o.entries, level: o.level, complete: o.complete && !info.uncertain };
    }
    this.sets.set(block, set);
    return set;
  }

  /**
   * What the file's top level inherits: nothing for a main configuration or a fragment with no
   * known includer; for a fragment, what the includer's levels beyond the include's own block
   * pass down (that block's add_header lines are the top level's own, see `level`). Unknown
   * (complete: false) when include sites disagree or an includer level cannot be read in full.
   */
  private outsideFile(): HeaderSet {
    const o = this.outside();
    if (o.differs) return { entries: [], complete: false };
    if (!o.chain) return { entries: [], complete: true };
    return this.chainEffective(o.chain, 1);
  }

  private readonly chainEntryLists = new Map<number, HeaderEntry[]>();

  /**
   * The add_header lines of an includer level (index `i` of the agreed chain). Level 0 is the
   * include's own block, which the fragment's top level is part of: its entries apply there.
   */
  private chainEntries(i: number): HeaderEntry[] {
    let out = this.chainEntryLists.get(i);
    if (out) return out;
    out = [];
    const level = this.outside().chain?.[i];
    if (level) {
      const at = i === 0 ? this.model.root : level.block;
      for (const o of level.directives) if (isHeaderDirective(o.directive)) out.push(entryOf(o.directive, at, undefined, { level, index: i, file: o.file }));
    }
    this.chainEntryLists.set(i, out);
    return out;
  }

  /** The headers an includer level (index `i` of the chain) passes down, as `effective` does for this file's blocks. */
  private chainEffective(chain: OuterChain, i: number): HeaderSet {
    if (i >= chain.length) return { entries: [], complete: true };
    const level = chain[i]!;
    const entries = this.chainEntries(i);
    const mode = this.chainMode(i);
    if (entries.length > 0) {
      if (mode !== 'merge') return { entries, complete: !level.unknown };
      const o = this.chainEffective(chain, i + 1);
      return { entries: [...o.entries, ...entries], complete: o.complete && !level.unknown };
    }
    if (mode === 'off') return { entries: [], complete: !level.unknown };
    const o = this.chainEffective(chain, i + 1);
    return { entries: o.entries, complete: o.complete && !level.unknown };
  }

  /** True when the block declares its own add_header set (which drops the outer ones). */
  defines(block: NginxBlock): boolean {
    return this.level(block).entries.length > 0;
  }

  /**
   * The blocks judged: every http server of the file that serves content, and every location
   * that declares its own add_header set and serves content (including locations at the root of
   * a fragment, which have no server in the file).
   */
  units(): HeaderUnit[] {
    if (this.unitList) return this.unitList;
    const out: HeaderUnit[] = [];
    const serverOf = new Map<NginxBlock, NginxServer>();
    for (const s of this.model.servers) if (s.protocol === 'http' || s.block.protocol === 'http') serverOf.set(s.block, s);
    const visit = (block: NginxBlock, server: NginxServer | undefined): void => {
      for (const d of block.children) {
        if (d.name !== 'location' || !d.block) continue;
        if (this.defines(d.block) && !onlyRedirects(d.block)) out.push({ block: d.block, kind: 'location', server });
        visit(d.block, server);
      }
    };
    for (const s of serverOf.values()) {
      if (!onlyRedirects(s.block)) out.push({ block: s.block, kind: 'server', server: s });
      // A server-level return or redirect runs before any location is chosen.
      if (!endsAtServerLevel(s.block)) visit(s.block, s);
    }
    if (this.model.root.kind === 'server') visit(this.model.root, undefined);
    out.sort((a, b) => a.block.owner!.start - b.block.owner!.start);
    this.unitList = out;
    return out;
  }

  /** Units judged for missing headers: only those inside a server block of this file. */
  missingUnits(): HeaderUnit[] {
    return this.units().filter((u) => u.server !== undefined);
  }

  /**
   * Entries set on the outer levels of a block (what it would inherit if it declared nothing),
   * nearest level first, in the order nginx would send them.
   */
  outerEntries(block: NginxBlock): HeaderEntry[] {
    let out = this.outer.get(block);
    if (!out) {
      out = [];
      for (let b = block.parent; b; b = b.parent) out.push(...this.level(b).entries);
      // Then the includer's levels beyond the include's own block (which is the top level's).
      const chain = this.outside().chain;
      if (chain) for (let i = 1; i < chain.length; i++) out.push(...this.chainEntries(i));
      this.outer.set(block, out);
    }
    return out;
  }

  /** True when the block itself sets the header to an empty value (nginx then sends none). */
  cleared(block: NginxBlock, key: string): boolean {
    for (const e of this.level(block).entries) if (e.key === key && !sent(e)) return true;
    return false;
  }

  /**
   * True when the headers-more module's `more_set_headers` names the header on the block or an
   * outer level: its inheritance differs from add_header's, so Rampart does not judge it.
   */
  setByHeadersMore(block: NginxBlock, key: string): boolean {
    const names = (d: NginxDirective) => d.name === 'more_set_headers' && d.args.some((a) => a.value.split(':', 1)[0]!.trim().toLowerCase() === key);
    for (let b: NginxBlock | undefined = block; b; b = b.parent) if (b.children.some(names)) return true;
    // A fragment's includer levels too (read directly: their agreement on add_header says nothing about these).
    const chains = this.model.fragment ? includes(this.ctx, this.model).context().outer : undefined;
    return chains?.some((c) => c.some((l) => l.directives.some((o) => names(o.directive)))) ?? false;
  }

  /** Whether any level from the block outwards has an include Rampart could not read. */
  chainUncertain(block: NginxBlock): boolean {
    let v = this.uncertainChains.get(block);
    if (v === undefined) {
      v = this.level(block).uncertain || (block.parent !== undefined ? this.chainUncertain(block.parent) : this.outside().uncertain);
      this.uncertainChains.set(block, v);
    }
    return v;
  }

  /**
   * A header in a unit: `present` in its effective set; `dropped` when the unit declares its own
   * add_header set (with plain inheritance) and an outer level sets the header; `unknown` when an
   * unreadable include could set it, or an includer's levels Rampart does not read here (a
   * fragment's, when they declare add_header); `missing` otherwise.
   */
  status(unit: HeaderUnit, key: string): HeaderStatus {
    const block = unit.block;
    const test = hasHeader(key);
    if (test(this.effective(block).entries)) return 'present';
    // `add_header X ""` on the block itself removes the header on purpose.
    if (this.cleared(block, key)) return 'present';
    if (this.defines(block) && this.inheritMode(block) === 'on') {
      if (this.level(block).uncertain) return 'unknown';
      if (test(this.outerEntries(block))) return 'dropped';
    }
    if (this.chainUncertain(block) || this.setByHeadersMore(block, key)) return 'unknown';
    // A fragment whose includer sets headers around the include: they may well be inherited.
    if (!this.effective(block).complete) return 'unknown';
    return 'missing';
  }

  /**
   * The edit that adds header statements to a unit, built when called: after its last add_header
   * when it declares its own set; otherwise as the first lines of the block, preceded by copies of
   * the headers it inherits today (declaring a first add_header would drop them), unless `merge`
   * keeps them. What it reads of the analysis (inherited headers may come from an includer) is
   * read now; undefined when there is no place for the edit.
   */
  planInsertion(block: NginxBlock, statements: () => string[]): (() => TextEdit) | undefined {
    const index = this.model.index;
    const anchor = this.level(block).anchor;
    if (anchor) return () => insertAfter(index, anchor, statements());
    const entries = this.inheritMode(block) === 'merge' ? [] : this.effective(block).entries;
    const copies = () => {
      let c = this.copies.get(block);
      if (!c) {
        c = entries.map(copyStatement);
        this.copies.set(block, c);
      }
      return c;
    };
    // In a server, after the leading listen/server_name lines that say which server it is.
    let lead: NginxDirective | undefined;
    if (block.kind === 'server') {
      for (const d of block.children) {
        if (!SERVER_HEAD.has(d.name)) break;
        lead = d;
      }
    }
    const after = lead;
    if (after) return () => insertAfter(index, after, [...copies(), ...statements()]);
    if (!block.open || !block.owner) return undefined;
    return () => insertFirst(index, block, [...copies(), ...statements()])!;
  }
}

/** Value rewrites the header rules make; copies of inherited headers use them too. */
export function strongHsts(value: string): string {
  const parts = value.split(';').map((p) => p.trim()).filter((p) => p !== '');
  const age = maxAge(value);
  const keepAge = age !== undefined && age >= HSTS_MIN_AGE ? age : 63072000;
  const preload = parts.some((p) => p.toLowerCase() === 'preload');
  return `max-age=${keepAge}; includeSubDomains${preload ? '; preload' : ''}`;
}

/** The max-age of an HSTS value (quotes around the number allowed), if there is one. */
export function maxAge(value: string): number | undefined {
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value);
  return m ? parseInt(m[1]!, 10) : undefined;
}

export function hasIncludeSubDomains(value: string): boolean {
  return value.split(';').some((p) => p.trim().toLowerCase() === 'includesubdomains');
}

/** True when a value is computed at run time (then Rampart does not judge it). */
export function dynamic(value: string): boolean {
  return /\$/.test(value);
}

export function isWeakHsts(value: string): boolean {
  if (dynamic(value)) return false;
  const age = maxAge(value);
  return age === undefined || age < HSTS_MIN_AGE || !hasIncludeSubDomains(value);
}

/** The last policy token a browser understands is the one it uses. */
export function referrerLeaky(value: string): string | undefined {
  if (dynamic(value)) return undefined;
  const tokens = value.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  const last = tokens[tokens.length - 1];
  return last && LEAKY_REFERRER.has(last) ? last : undefined;
}

export function xssProtectionOn(value: string): boolean {
  return !dynamic(value) && value.trim() !== '' && value.trim() !== '0';
}

export function nosniffWrong(value: string): boolean {
  return !dynamic(value) && value.trim() !== '' && value.trim().toLowerCase() !== 'nosniff';
}

/**
 * An inherited header copied into a block, written the way the header rules accept it (so the
 * copy does not raise a finding the original already has): security headers get `always`, and
 * a weak HSTS, leaky Referrer-Policy, wrong X-Content-Type-Options or enabled X-XSS-Protection
 * value gets the rules' value.
 */
export function copyStatement(e: HeaderEntry): string {
  let value = e.valueArg.raw;
  if (e.key === HSTS && isWeakHsts(e.value)) value = `"${strongHsts(e.value)}"`;
  else if (e.key === REFERRER && referrerLeaky(e.value)) value = `"${REFERRER_VALUE}"`;
  else if (e.key === XCTO && nosniffWrong(e.value)) value = '"nosniff"';
  else if (e.key === XXP && xssProtectionOn(e.value)) value = '"0"';
  const always = e.always || SECURITY_HEADERS.includes(e.key);
  const extra = e.directive.args.slice(2).filter((a) => a.value !== 'always').map((a) => ` ${a.raw}`).join('');
  return `add_header ${e.nameArg.raw} ${value}${always ? ' always' : ''}${extra};`;
}

function insertAfter(index: LineIndex, anchor: NginxDirective, statements: string[]): TextEdit {
  const end = anchor.end;
  const line = index.positionAt(end).line;
  const rest = index.text.slice(end, index.lineEnd(line)).trim();
  if (rest === '' || rest.startsWith('#')) {
    const firstOnLine = index.lineText(anchor.line).slice(0, index.positionAt(anchor.start).character).trim() === '';
    const owner = anchor.parent.owner;
    const indent = firstOnLine || !owner ? lineIndent(index, anchor.line) : lineIndent(index, owner.line) + indentUnit(index);
    const at = index.positionAt(index.lineEnd(line));
    return { range: { start: at, end: at }, newText: statements.map((s) => `${index.eol}${indent}${s}`).join('') };
  }
  const at = index.positionAt(end);
  return { range: { start: at, end: at }, newText: statements.map((s) => ` ${s}`).join('') };
}

function insertFirst(index: LineIndex, block: NginxBlock, statements: string[]): TextEdit | undefined {
  if (!block.open || !block.owner) return undefined;
  const openEnd = index.offsetAt(block.open.end);
  const openLine = block.open.end.line;
  const rest = index.text.slice(openEnd, index.lineEnd(openLine)).trim();
  if (rest !== '' && !rest.startsWith('#')) {
    const at = index.positionAt(openEnd);
    return { range: { start: at, end: at }, newText: statements.map((s) => ` ${s}`).join('') };
  }
  const first = block.children[0];
  const firstOwnLine = first && first.line > openLine && index.lineText(first.line).slice(0, index.positionAt(first.start).character).trim() === '';
  const indent = firstOwnLine ? lineIndent(index, first.line) : lineIndent(index, block.owner.line) + indentUnit(index);
  if (openLine + 1 < index.lineCount) {
    const at = { line: openLine + 1, character: 0 };
    return { range: { start: at, end: at }, newText: statements.map((s) => `${indent}${s}${index.eol}`).join('') };
  }
  const at = index.positionAt(index.lineEnd(openLine));
  return { range: { start: at, end: at }, newText: statements.map((s) => `${index.eol}${indent}${s}`).join('') };
}


/**
 * The header analysis of a model, shared by the header rules of one lint run. The engine makes
 * one context per run, so a cached model is analysed again on the next run (included files may
 * have changed since).
 */
export function headerAnalysis(model: NginxModel, ctx: RuleContext): HeaderAnalysis {
  return model.perRun(ctx, 'headers', () => new HeaderAnalysis(model, ctx));
}

/** Every add_header of this file that names a header (outside map/geo entries and Lua). */
export function headerDirectives(model: NginxModel): HeaderEntry[] {
  return model
    .named('add_header')
    .filter((d) => isHeaderDirective(d) && d.parent.kind !== 'hash' && d.parent.kind !== 'lua')
    .map((d) => entryOf(d, d.parent));
}

/** How a header-missing rule reports and fixes a unit. */
export interface MissingSpec {
  /** The header (lower-cased) the rule wants in effect. */
  key: string;
  /** Which units the rule judges (default: all of them). */
  applies?: (unit: HeaderUnit) => boolean;
  /** The message, given the capitalised subject (`Server "example.com"`). */
  message: (subject: string) => string;
  /** The statement the fix adds. */
  statement: string;
  /** How the fix names what it adds (`"X-Frame-Options: SAMEORIGIN"`). */
  label: string;
  kind: 'safe' | 'suggest';
  /** Appended to the fix title (`, then adjust it to the site`). */
  titleSuffix?: string;
}

/**
 * Under `add_header_inherit merge` a block sends its outer levels' headers as well as its own:
 * when the nearest enclosing judged block misses the header too, that block's finding covers
 * this one (its fix reaches here), and a second fix would send the header twice. Not when a level
 * in between stops inheritance (`off`).
 */
function coveredByOuterFinding(a: HeaderAnalysis, block: NginxBlock, judged: ReadonlyMap<NginxBlock, HeaderUnit>, key: string): boolean {
  if (a.inheritMode(block) !== 'merge') return false;
  for (let b = block.parent; b; b = b.parent) {
    const outer = judged.get(b);
    if (outer) return a.status(outer, key) === 'missing';
    if (a.inheritMode(b) === 'off') return false;
  }
  return false;
}

/**
 * Findings of a header-missing rule: units where the header is not set at any level that would
 * apply. Headers set outside and dropped by a redefinition belong to nginx/add-header-inheritance;
 * headers an unreadable include could set are not reported.
 */
export function missingFindings(model: NginxModel, ctx: RuleContext, spec: MissingSpec): Finding[] {
  const a = headerAnalysis(model, ctx);
  const out: Finding[] = [];
  const judged = new Map(a.missingUnits().filter((u) => !spec.applies || spec.applies(u)).map((u) => [u.block, u]));
  for (const unit of judged.values()) {
    if (a.status(unit, spec.key) !== 'missing') continue;
    if (coveredByOuterFinding(a, unit.block, judged, spec.key)) continue;
    const subject = describeBlock(unit.block);
    const edit = a.planInsertion(unit.block, () => [spec.statement]);
    const copied = a.level(unit.block).anchor || a.inheritMode(unit.block) === 'merge' ? 0 : a.effective(unit.block).entries.length;
    const copyNote = copied === 0 ? '' : ` (and copy ${copied === 1 ? 'its inherited header' : `its ${copied} inherited headers`})`;
    out.push({
      range: unit.block.owner!.nameRange,
      message: spec.message(capitalise(subject)),
      lazyFixes: plannedFix(spec.kind, `Add ${spec.label} to ${subject}${copyNote}${spec.titleSuffix ?? ''}`, edit && (() => [edit()])),
    });
  }
  return out;
}
