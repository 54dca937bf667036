// The nginx model every nginx/* rule reads: directives with exact ranges, blocks with their
// context (`http`, `server`, `location`, … and `hash` for map/geo/types/split_clients entries),
// parent links, nginx's inheritance of directives from outer levels, and per-server facts
// (TLS, HTTP/2, listen sockets). Fragments (conf.d files, Docker templates) get the context
// their first block implies, and the `http` block is marked unknown for them.
import type { NginxParseTreeNode } from 'nginx-conf/dist/src/parser';
import type { Finding, Range } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import { KNOWN_DIRECTIVES, directiveEntries } from './reference/index';

/** What the directives inside a block are. `hash` blocks hold key/value entries, not directives. */
export type BlockKind =
  | 'main'
  | 'events'
  | 'http'
  | 'server'
  | 'location'
  | 'if'
  | 'limit_except'
  | 'upstream'
  | 'stream'
  | 'mail'
  | 'hash'
  | 'lua'
  | 'other'
  /** Only the root of a fragment whose context cannot be inferred. */
  | 'unknown';

export type Protocol = 'http' | 'stream' | 'mail';

export interface NginxArg {
  /** As written, with quotes and escapes. */
  raw: string;
  /** As nginx sees it: quotes removed, escapes resolved. */
  value: string;
  quoted: boolean;
  /** Offsets of the token (quotes included), end exclusive. */
  start: number;
  end: number;
  range: Range;
}

export interface NginxDirective {
  /** The directive name as nginx sees it (case-sensitive, like nginx). */
  name: string;
  nameRange: Range;
  /** The name as a token (start/end offsets, raw text); `args` holds the rest. */
  nameToken: NginxArg;
  args: NginxArg[];
  /** The `;` that ends a simple directive (absent for blocks, and when it is missing). */
  semicolon?: Range;
  /** The `{ … }` of a block directive; Lua blocks have kind `lua` and no children. */
  block?: NginxBlock;
  /** The block this directive sits in (the file root at top level). */
  parent: NginxBlock;
  /** Offsets from the name to the `;` or closing `}` (or the last token when unterminated). */
  start: number;
  end: number;
  /** 0-based line of the name. */
  line: number;
  /** The matching node of nginx-conf's tree, when both parsers agreed on the structure (set once the model's `tree` is read). */
  conf?: NginxParseTreeNode;
}

export interface NginxBlock {
  kind: BlockKind;
  /** The directive that opens the block; undefined for the file root. */
  owner?: NginxDirective;
  parent?: NginxBlock;
  /** The module family in effect (from the enclosing http/stream/mail block, or inferred). */
  protocol?: Protocol;
  /** The braces; `close` is absent when the block is never closed. */
  open?: Range;
  close?: Range;
  /** Offset just after `{` and of the closing `}` (or the text end). */
  innerStart: number;
  innerEnd: number;
  children: NginxDirective[];
  depth: number;
  /** Lua blocks: the verbatim body between the braces. */
  body?: Range;
}

export interface NginxListen {
  directive: NginxDirective;
  /** First argument as written (`443`, `[::]:443`, `127.0.0.1:8080`, `unix:/run/x.sock`). */
  address: string;
  port?: number;
  ssl: boolean;
  quic: boolean;
  http2: boolean;
  defaultServer: boolean;
}

export interface NginxServer {
  directive: NginxDirective;
  block: NginxBlock;
  protocol?: Protocol;
  listens: NginxListen[];
  /** `listen … ssl` or `listen … quic` (or the legacy `ssl on;` in effect). */
  tls: boolean;
  /** `listen … http2`, or `http2 on;` in effect. */
  http2: boolean;
  serverNames: string[];
}

export interface EffectiveSet {
  /** The directives in effect at the block, outer levels first when merged. */
  directives: NginxDirective[];
  /** The level whose own directives apply (undefined when nothing is in effect). */
  level?: NginxBlock;
  /**
   * False when something Rampart cannot see may change the answer: an `include` on one of the
   * levels consulted, or a fragment whose outer levels are unknown.
   */
  complete: boolean;
}

export interface EffectiveOptions {
  /** nginx version in use (`ctx.settings.nginxVersion`); gates `add_header_inherit` (1.29.3). */
  version?: string;
}

/**
 * Directives nginx keeps as a list per level and inherits all-or-nothing: a level that declares
 * any of them inherits none from outer levels. Names in one group share one list.
 */
const ARRAY_GROUPS: Record<string, readonly string[]> = (() => {
  const groups: string[][] = [
    ['add_header'],
    ['add_trailer'],
    ['allow', 'deny'],
    ['limit_req'],
    ['limit_conn'],
    ['proxy_set_header'],
    ['grpc_set_header'],
    ['proxy_hide_header'],
    ['proxy_pass_header'],
    ['fastcgi_param'],
    ['uwsgi_param'],
    ['scgi_param'],
    ['fastcgi_hide_header'],
    ['error_page'],
    ['ssl_certificate'],
    ['ssl_certificate_key'],
    ['access_log'],
    ['sub_filter'],
  ];
  const out: Record<string, readonly string[]> = {};
  for (const g of groups) for (const n of g) out[n] = g;
  return out;
})();

/** Directives whose inheritance `add_header_inherit` (nginx ≥ 1.29.3) controls. */
const HEADER_INHERIT_GROUPS = new Set(['add_header', 'add_trailer']);

/** Directives that only exist in the main context (nginx.org's reference): their presence means a full nginx.conf. */
const MAIN_ONLY: ReadonlySet<string> = new Set(
  [...KNOWN_DIRECTIVES].filter((n) => directiveEntries(n).every((e) => e.contexts.length === 1 && e.contexts[0] === 'main')),
);

/** Compares dotted versions numerically (`1.27` = `1.27.0`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A usable version from settings (`1.27`, `1.27.3`), or undefined for none/latest/garbage. */
export function usableVersion(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^v?(\d+\.\d+(?:\.\d+)?)/.exec(v.trim());
  return m ? m[1] : undefined;
}

export class NginxModel {
  /** Every directive outside hash and Lua blocks, in document order (pre-order). */
  readonly directives: NginxDirective[] = [];
  readonly servers: NginxServer[] = [];
  /** The `http` block directive when this file contains it. */
  readonly http?: NginxDirective;
  /**
   * True when the file is a full configuration (it has a main context). Fragments (conf.d
   * includes, templates) have `fragment` set and a root of the inferred context.
   */
  readonly fragment: boolean;
  private readonly byName = new Map<string, NginxDirective[]>();

  constructor(
    readonly text: string,
    readonly index: LineIndex,
    /** The file's top level; its kind is `main` for a full config, else the inferred context. */
    readonly root: NginxBlock,
    /** Structure errors found by the lexer, reported by nginx/syntax. */
    readonly syntaxErrors: Finding[],
    /** Runs nginx-conf and zips its tree against this one (on first use, see `tree`). */
    private readonly confirmTree: () => { tree: 'nginx-conf' | 'lexer'; note?: string } = () => ({ tree: 'lexer' }),
  ) {
    root.kind = inferRootKind(root);
    this.fragment = root.kind !== 'main';
    this.defaultProtocol = root.kind === 'main' || root.kind === 'unknown' ? undefined : 'http';
    this.propagateProtocols(this.defaultProtocol);
    const walk: NginxDirective[] = [...root.children].reverse();
    while (walk.length > 0) {
      const d = walk.pop()!;
      this.directives.push(d);
      const list = this.byName.get(d.name);
      if (list) list.push(d);
      else this.byName.set(d.name, [d]);
      if (d.block && d.block.kind !== 'hash' && d.block.kind !== 'lua') {
        for (let i = d.block.children.length - 1; i >= 0; i--) walk.push(d.block.children[i]!);
      }
    }
    if (!this.fragment) this.http = root.children.find((d) => d.name === 'http' && d.block);
    for (const d of this.directives) {
      if (d.block?.kind === 'server' && d.parent.kind !== 'upstream') this.servers.push(this.describeServer(d));
    }
  }

  /** The module family a fragment's top level is assumed to run in when nothing says otherwise. */
  private readonly defaultProtocol: Protocol | undefined;

  /** Sets the top level's family and passes it down to blocks that do not set their own (or a server whose content sets one). */
  private propagateProtocols(top: Protocol | undefined, servers?: ReadonlyMap<NginxBlock, Protocol>): void {
    this.root.protocol = top;
    const stack: NginxBlock[] = [this.root];
    while (stack.length > 0) {
      const b = stack.pop()!;
      for (let i = b.children.length - 1; i >= 0; i--) {
        const d = b.children[i]!;
        if (d.block) {
          const k = d.block.kind;
          d.block.protocol = k === 'http' ? 'http' : k === 'stream' ? 'stream' : k === 'mail' ? 'mail' : (servers?.get(d.block) ?? b.protocol);
          stack.push(d.block);
        }
      }
    }
  }

  /** The per-server families the last placement applied (see placeFragment). */
  private placedServers?: ReadonlyMap<NginxBlock, Protocol>;

  /**
   * Places a fragment in the module family its includer gives it (`stream` for a file included
   * in `stream {}`), or back in the default (`http`) when it has no known includer; `servers`
   * gives single servers the family their content implies (a TCP proxy among http sites). Called by the
   * engine before the rules of each lint (the includer may change while this parse is cached);
   * a full configuration is left as it is.
   */
  placeFragment(family: Protocol | undefined | 'default', servers?: ReadonlyMap<NginxBlock, Protocol>): void {
    if (!this.fragment) return;
    const top = family === 'default' ? this.defaultProtocol : family;
    if (this.root.protocol === top && this.placedServers === servers) return;
    this.placedServers = servers;
    this.propagateProtocols(top, servers);
    for (const s of this.servers) s.protocol = s.block.protocol;
  }

  private confirmed?: { tree: 'nginx-conf' | 'lexer'; note?: string };

  /**
   * Which tree the structure was confirmed by: `nginx-conf` when nginx-conf's raw tree agreed
   * directive for directive (then each directive's `conf` holds its node), `lexer` otherwise.
   * nginx-conf runs on the first read: rules never need it (the lexer's tree carries every fact
   * and position), so the keystroke path does not pay for it.
   */
  get tree(): 'nginx-conf' | 'lexer' {
    this.confirmed ??= this.confirmTree();
    return this.confirmed.tree;
  }

  /** Why the lexer's tree was used, for debugging (nginx-conf error, mismatch, depth cap). */
  get treeNote(): string | undefined {
    this.confirmed ??= this.confirmTree();
    return this.confirmed.note;
  }

  /** True when the `http` block is in this file (rules about http-level settings need it). */
  get httpKnown(): boolean {
    return this.http !== undefined;
  }

  // Caches live on the model, not in module-level WeakMaps keyed by models, blocks or rule
  // contexts: V8's young-generation GC keeps a WeakMap entry's key and value alive, so every
  // keystroke's model (reachable from such a value) survived and was promoted to the old
  // generation; scavenges took 13-16 ms instead of about 1 ms at 1,000 lines.
  private readonly facts = new Map<string, unknown>();
  private runCtx?: object;
  private runFacts = new Map<string, unknown>();

  /** A fact that depends on this parse only, computed once. */
  memo<T>(key: string, make: () => T): T {
    if (this.facts.has(key)) return this.facts.get(key) as T;
    const v = make();
    this.facts.set(key, v);
    return v;
  }

  /**
   * A fact of one lint run (its rule context): included files and settings may change between
   * runs while this parse is cached, so a new context starts afresh (the last run's facts are
   * dropped then).
   */
  perRun<T>(ctx: object, key: string, make: () => T): T {
    if (this.runCtx !== ctx) {
      this.runCtx = ctx;
      this.runFacts = new Map();
    }
    if (this.runFacts.has(key)) return this.runFacts.get(key) as T;
    const v = make();
    this.runFacts.set(key, v);
    return v;
  }

  /** Every directive with this name (outside hash and Lua blocks), in document order. */
  named(name: string): NginxDirective[] {
    return this.byName.get(name) ?? [];
  }

  /** The blocks enclosing a block, innermost first, ending at the root. */
  ancestors(block: NginxBlock): NginxBlock[] {
    const out: NginxBlock[] = [];
    for (let b = block.parent; b; b = b.parent) out.push(b);
    return out;
  }

  /** The nearest enclosing block of a kind (the block itself included). */
  enclosing(block: NginxBlock, kind: BlockKind): NginxBlock | undefined {
    for (let b: NginxBlock | undefined = block; b; b = b.parent) if (b.kind === kind) return b;
    return undefined;
  }

  /**
   * The context name nginx's documentation uses for where a directive sits: `main`, `http`,
   * `server`, `location`, `if` (in server), `if in location`, `limit_except`, `upstream`,
   * `events`, `stream`, `mail`; `hash`/`lua`/`other`/`unknown` otherwise.
   */
  contextOf(d: NginxDirective): string {
    const p = d.parent;
    if (p.kind === 'if') return p.parent?.kind === 'location' ? 'if in location' : 'if';
    return p.kind;
  }

  /**
   * The directives of a name in effect at a block after nginx's inheritance. List directives
   * (add_header, allow/deny, limit_req, proxy_set_header, …) are all-or-nothing per level: a
   * level with any of them inherits none, unless `add_header_inherit merge;` (nginx ≥ 1.29.3)
   * asks for the outer ones too (`off` stops inheritance even with none declared). Other
   * directives: the nearest level that sets one.
   */
  effective(block: NginxBlock, name: string, options: EffectiveOptions = {}): EffectiveSet {
    const group = ARRAY_GROUPS[name];
    const levels: NginxBlock[] = [];
    for (let b: NginxBlock | undefined = block; b; b = b.parent) levels.push(b);
    if (!group) {
      let incomplete = false;
      for (const b of levels) {
        let found: NginxDirective | undefined;
        for (const d of b.children) if (d.name === name) found = d;
        if (found) return { directives: [found], level: b, complete: !incomplete };
        if (hasInclude(b)) incomplete = true;
      }
      return { directives: [], complete: !incomplete && !this.fragment };
    }
    const names = new Set(group);
    const version = usableVersion(options.version);
    const inheritAware = HEADER_INHERIT_GROUPS.has(name) && (!version || compareVersions(version, '1.29.3') >= 0);
    // Walk outwards until a level settles the answer, then fold back inwards.
    const own: NginxDirective[][] = [];
    const modes: string[] = [];
    let settledAt = -1;
    let incomplete = false;
    for (let i = 0; i < levels.length; i++) {
      const b = levels[i]!;
      own.push(b.children.filter((d) => names.has(d.name)));
      const mode = inheritAware ? this.inheritMode(b) : 'on';
      modes.push(mode);
      if (hasInclude(b)) incomplete = true;
      if ((own[i]!.length > 0 && mode !== 'merge') || mode === 'off') {
        settledAt = i;
        break;
      }
    }
    if (settledAt < 0) {
      settledAt = levels.length - 1;
      if (this.fragment) incomplete = true;
    }
    let result: NginxDirective[] = [];
    let level: NginxBlock | undefined;
    for (let i = settledAt; i >= 0; i--) {
      const mine = own[i]!;
      if (mine.length > 0) {
        result = modes[i] === 'merge' && i !== settledAt ? [...result, ...mine] : mine;
        level = levels[i];
      } else if (modes[i] === 'off') {
        result = [];
        level = undefined;
      }
    }
    return { directives: result, level: result.length > 0 ? level : undefined, complete: !incomplete };
  }

  /** `add_header_inherit` in effect at a block: `on` (nginx's default), `off` or `merge`. */
  private inheritMode(block: NginxBlock): string {
    for (let b: NginxBlock | undefined = block; b; b = b.parent) {
      for (let i = b.children.length - 1; i >= 0; i--) {
        const d = b.children[i]!;
        if (d.name === 'add_header_inherit' && d.args[0]) return d.args[0].value.toLowerCase();
      }
    }
    return 'on';
  }

  private describeServer(d: NginxDirective): NginxServer {
    const block = d.block!;
    const listens: NginxListen[] = [];
    const serverNames: string[] = [];
    for (const c of block.children) {
      if (c.name === 'listen' && c.args[0]) {
        const values = c.args.slice(1).map((a) => a.value);
        const address = c.args[0].value;
        const portMatch = /(?:^|:)(\d+)$/.exec(address);
        listens.push({
          directive: c,
          address,
          port: portMatch ? parseInt(portMatch[1]!, 10) : undefined,
          ssl: values.includes('ssl'),
          quic: values.includes('quic'),
          http2: values.includes('http2'),
          defaultServer: values.includes('default_server') || values.includes('default'),
        });
      } else if (c.name === 'server_name') {
        serverNames.push(...c.args.map((a) => a.value));
      }
    }
    const legacySsl = this.effective(block, 'ssl').directives[0]?.args[0]?.value.toLowerCase() === 'on';
    const http2On = this.effective(block, 'http2').directives[0]?.args[0]?.value.toLowerCase() === 'on';
    return {
      directive: d,
      block,
      protocol: block.protocol,
      listens,
      tls: legacySsl || listens.some((l) => l.ssl || l.quic),
      http2: http2On || listens.some((l) => l.http2),
      serverNames,
    };
  }
}

function hasInclude(b: NginxBlock): boolean {
  return b.children.some((d) => d.name === 'include');
}

/** The kind of block a directive opens, from its name alone. */
export function blockKindFor(name: string): BlockKind {
  switch (name) {
    case 'events':
    case 'http':
    case 'server':
    case 'location':
    case 'if':
    case 'limit_except':
    case 'upstream':
    case 'stream':
    case 'mail':
      return name;
    case 'map':
    case 'geo':
    case 'types':
    case 'split_clients':
    case 'charset_map':
    case 'num_map':
      return 'hash';
    default:
      return name.endsWith('_by_lua_block') ? 'lua' : 'other';
  }
}

/**
 * What the root of a file is. A file with http/events/stream/mail or main-only directives is a
 * full configuration; otherwise its first block decides (a file of `server` blocks is an
 * http-level fragment, a file of `location` blocks a server-level one), then telling directives.
 */
function inferRootKind(root: NginxBlock): BlockKind {
  const top = root.children;
  if (top.some((d) => (d.block && ['http', 'events', 'stream', 'mail'].includes(d.name)) || MAIN_ONLY.has(d.name))) return 'main';
  for (const d of top) {
    if (!d.block) continue;
    switch (d.name) {
      case 'server':
      case 'upstream':
      case 'map':
      case 'geo':
      case 'split_clients':
        return 'http';
      case 'location':
      case 'if':
        return 'server';
      case 'limit_except':
        return 'location';
    }
  }
  for (const d of top) {
    if (d.name === 'listen' || d.name === 'server_name') return 'server';
    if (['limit_req_zone', 'limit_conn_zone', 'proxy_cache_path', 'fastcgi_cache_path', 'log_format'].includes(d.name)) return 'http';
  }
  return 'unknown';
}
