// Traefik configuration inside a compose file, read through the compose view (interpolation
// with `.env`, anchors and merge keys already applied):
//   - `traefik.*` labels of every service (`labels` → the Docker provider, `deploy.labels` → Swarm)
//   - for a service running a Traefik image: its `command:` flags (list, string or block scalar
//     form: `>-` and `|` bodies are mapped line by line onto the source, yaml/block-map.ts) and its
//     `TRAEFIK_*` environment (list or map form) as static sources, and the static configuration
//     file it mounts, which wins over both (Traefik's loaders: file, then flags, then env).
//     The environment includes the `TRAEFIK_*` variables of its `env_file`s, read through
//     `ctx.workspace` (`environment:` wins over them, a later file over an earlier one).
import { quotedVerbatim } from '../../engine/text';
import type { Range, RuleContext } from '../../engine/types';
import type { ComposeModel } from '../compose/model';
import { scalarText, type CEntry, type CNode, type CScalar } from '../compose/tree';
import { blockMapOf, blockSubRange, composeView, isHostPath, subRange, type ComposeView, type KeyValue, type Part, type ServiceView } from '../compose/view';
import { buildFlatTree, isFlagSwitch, type FlatEntry, type FlatSegment } from './flat';
import { isTraefikEnvName, LABEL_PREFIX, splitKey, STATIC_ROOTS } from './keys';
import type { Decl, Provider, Span, TScalar, TSource } from './model';
import { isTraefikImage, versionFromTag, type TraefikVersion } from './version';
import { MemoSlot } from '../../engine/memo-slot';
import { trimTrailingSlashes } from '../../engine/posix-path';
import { parseEnvFile } from '../compose/interpolate';
import { relativePath, resolvePath } from '../compose/project';

/** Where Traefik looks for its static configuration file (paerser FileLoader), in the official image. */
const CONFIG_BASES = ['/etc/traefik/traefik', '/traefik', '/root/.config/traefik'];
const CONFIG_EXTS = ['.toml', '.yaml', '.yml'];
export const DEFAULT_CONFIG_PATHS = CONFIG_BASES.flatMap((b) => CONFIG_EXTS.map((e) => b + e));

export interface StaticConfigFile {
  /** Path inside the container. */
  containerPath: string;
  /** The workspace file, when the mount's source resolves to one. */
  hostPath?: string;
  /** The volume item, `configs` item or `--configfile` flag that puts it there. */
  range: Range;
  how: 'mount' | 'directory' | 'config' | 'flag';
}

/** A compose service that runs Traefik. */
export interface TraefikService {
  name: string;
  keyRange: Range;
  svc: ServiceView;
  image?: { text: string; range: Range; version?: TraefikVersion };
  flags?: TSource;
  env?: TSource;
  /** The `command` entry, when there is one. */
  commandKey?: Range;
  /** Words of `command:` that Traefik takes as flags (the binary name excluded). */
  argCount: number;
  configFile?: StaticConfigFile;
  /** The static source Traefik uses: a configuration file wins over flags, flags over environment. */
  effective: 'file' | 'flags' | 'env' | 'none';
  /** Variables of `env` that come from an `env_file` (no `environment:` entry overrides them). */
  envFileVars: EnvFileVar[];
}

/** A `TRAEFIK_*` variable a Traefik service reads from one of its `env_file`s. */
export interface EnvFileVar {
  /** As the env file writes it (`TRAEFIK_API_INSECURE`). */
  name: string;
  /** The env file in the workspace, and as the compose file's folder sees it (`traefik.env`). */
  path: string;
  shown: string;
  /** The variable's line in the env file. */
  line: Range;
  /** The `env_file` item's path in the compose file: findings about the variable go there. */
  range: Range;
  /** Its value in the service's env tree (rules reach a variable through its field's node). */
  value: TScalar;
}

export interface ComposeTraefik {
  services: TraefikService[];
  sources: TSource[];
}

/** A build with the env files it read (path → text): reused while they are the same. */
interface Built {
  result: ComposeTraefik;
  reads: Map<string, string | undefined>;
}

const memo = new MemoSlot<ComposeView, Built>();

export function composeTraefik(model: ComposeModel, ctx: RuleContext): ComposeTraefik {
  const view = composeView(model, ctx);
  let b = memo.get(view);
  // The view outlives a lint (it is kept per `.env` text): the env files are read again each
  // time, so a changed one rebuilds, and the language server records them for every lint.
  if (!b || [...b.reads].some(([p, t]) => ctx.workspace.readFile(p) !== t)) {
    const reads = new Map<string, string | undefined>();
    b = { result: build(view, ctx, reads), reads };
    memo.set(view, b);
  }
  return b.result;
}

function build(view: ComposeView, ctx: RuleContext, reads: Map<string, string | undefined>): ComposeTraefik {
  const out: ComposeTraefik = { services: [], sources: [] };
  for (const svc of view.services) {
    // Most services of most compose files carry no `traefik.` label: a look at the keys as
    // written skips normalising (and interpolating) every label of theirs.
    if (mayHoldTraefikLabels(svc.service.layers('labels'))) {
      const labels = labelSource(view, svc, svc.labels, 'docker', svc.entry('labels')?.keyRange);
      if (labels) out.sources.push(labels);
    }
    const dl = svc.service.at(['deploy', 'labels']);
    if (dl && mayHoldTraefikLabels([dl])) {
      const swarm = labelSource(view, svc, svc.keyValues([dl]), 'swarm', dl.keyRange);
      if (swarm) out.sources.push(swarm);
    }
    const t = traefikService(view, svc, ctx, reads);
    if (!t) continue;
    out.services.push(t);
    if (t.flags) out.sources.push(t.flags);
    if (t.env) out.sources.push(t.env);
  }
  return out;
}

/**
 * Whether label entries (list or map form, as `ServiceView.keyValues` reads them) may have a key
 * starting with `traefik.`: a list item's key is its text before `=`, trimmed, so it starts with
 * the prefix only if the item's text does after leading blanks.
 */
function mayHoldTraefikLabels(entries: readonly CEntry[]): boolean {
  for (const e of entries) {
    const v = e.value;
    if (v.kind === 'map') {
      for (const me of v.entries) if (me.key.startsWith(LABEL_PREFIX)) return true;
    } else if (v.kind === 'seq') {
      for (const it of v.items) if (scalarText(it.value)?.trimStart().startsWith(LABEL_PREFIX)) return true;
    }
  }
  return false;
}

function offsets(model: ComposeModel, r: Range): Span {
  return { start: model.index.offsetAt(r.start), end: model.index.offsetAt(r.end) };
}

/** Whether the text before `offset` (skipping blanks) opens or continues a flow collection. */
function inFlow(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const c = text[i];
  return c === '[' || c === '{' || c === ',';
}

/** Segments of a key written in a compose list item (`KEY=value`) or map key, with document ranges. */
function keySegments(view: ComposeView, kv: KeyValue, keyStart: number, keyText: string, sep: '.' | '_', skip: number): FlatSegment[] {
  const model = view.model;
  const segs = splitKey(keyText.slice(skip), sep, skip);
  if (kv.form === 'list' && kv.node.kind === 'scalar') {
    // Locate the key once; its segments are offsets into it.
    const whole = subRange(model, kv.node, keyStart, keyStart + keyText.length);
    if (!whole.exact) return segs.map((s) => ({ name: s.name, raw: s.raw, range: whole.range, exact: false }));
    const base = model.index.offsetAt(whole.range.start);
    return segs.map((s) => ({ name: s.name, raw: s.raw, range: model.index.rangeOf(base + s.start, base + s.end), exact: true }));
  }
  // Map form: the key as written, possibly quoted.
  const ks = offsets(model, kv.keyRange);
  const src = model.text.slice(ks.start, ks.end);
  let base: number | undefined;
  if (src === kv.key) base = ks.start;
  else if (quotedVerbatim(src, kv.key)) base = ks.start + 1;
  return segs.map((s) =>
    base === undefined
      ? { name: s.name, raw: s.raw, range: kv.keyRange, exact: false }
      : { name: s.name, raw: s.raw, range: model.index.rangeOf(base + s.start, base + s.end), exact: true },
  );
}

/** A label or env value as a scalar; `inner` only when the file spells the value verbatim. */
function valueScalar(view: ComposeView, kv: KeyValue): TScalar {
  const model = view.model;
  const p: Part | undefined = kv.value;
  if (!p) {
    // `- KEY` with no `=`: an empty value (labels) or a pass-through variable (env, unknown).
    const end = kv.form === 'list' ? kv.node.range.end : kv.keyRange.end;
    return { kind: 'scalar', value: '', text: '', raw: '', range: { start: end, end } };
  }
  let inner: Span | undefined;
  if (kv.form === 'list') {
    if (p.exact) inner = offsets(model, p.range);
  } else if (kv.node.kind === 'scalar') {
    const sr = subRange(model, kv.node, 0, p.raw.length);
    if (sr.exact) inner = offsets(model, sr.range);
  }
  return { kind: 'scalar', value: p.raw, text: p.text, raw: p.raw, range: inner ? model.index.rangeOf(inner.start, inner.end) : p.range, inner };
}

function entryDecl(view: ComposeView, kv: KeyValue, form: 'label' | 'env'): Decl | undefined {
  if (kv.via.length > 0) return undefined; // written in an anchor other services share
  const model = view.model;
  if (kv.form === 'list') {
    const sp = offsets(model, kv.node.range);
    const src = model.text.slice(sp.start, sp.end);
    return { form, span: sp, layout: inFlow(model.text, sp.start) ? 'flow' : 'block', quote: /^["']/.test(src) ? src[0] : '', entry: 'item' };
  }
  const ks = offsets(model, kv.keyRange);
  const end = kv.value ? offsets(model, kv.node.range).end : ks.end;
  return { form, span: { start: ks.start, end: Math.max(end, ks.end) }, layout: inFlow(model.text, ks.start) ? 'flow' : 'block', entry: 'pair' };
}

function labelSource(view: ComposeView, svc: ServiceView, kvs: KeyValue[], provider: Provider, holder: Range | undefined): TSource | undefined {
  const entries: FlatEntry[] = [];
  for (const kv of kvs) {
    if (!kv.key.startsWith(LABEL_PREFIX)) continue;
    const keyStart = kv.form === 'list' ? Math.max(0, (scalarText(kv.node) ?? '').indexOf(kv.key)) : 0;
    const segments = keySegments(view, kv, keyStart, kv.key, '.', LABEL_PREFIX.length);
    if (segments.some((s) => s.name === '')) continue;
    entries.push({ segments, value: valueScalar(view, kv), decl: entryDecl(view, kv, 'label') });
  }
  if (entries.length === 0) return undefined;
  return {
    form: 'label',
    role: 'dynamic',
    provider,
    root: buildFlatTree(entries, holder ?? svc.keyRange),
    service: svc.name,
    inEffect: true,
    holder: holder ? { keyRange: holder } : undefined,
    entries: entries.length,
  };
}

/**
 * The `TRAEFIK_*` variables of a service's env files that `environment:` does not set, as flat
 * entries located at the `env_file` item (no statement of the compose file writes them, so no
 * fix edits them). Values are never shown; the line in the env file is kept for related info.
 */
function envFileEntries(svc: ServiceView, ctx: RuleContext, composePath: string, reads: Map<string, string | undefined>, vars: EnvFileVar[]): FlatEntry[] {
  const dir = dirOf(composePath);
  const set = new Set(svc.environment.map((kv) => kv.key));
  const byName = new Map<string, { value: string | null; ref: ServiceView['envFiles'][number]; path: string; line: number; lineText: string }>();
  for (const ref of svc.envFiles) {
    const rel = ref.path.text?.trim();
    if (!rel || rel === '/dev/null') continue;
    const abs = resolvePath(ref.layer?.dir ?? dir, rel);
    const text = ctx.workspace.readFile(abs);
    reads.set(abs, text);
    if (text === undefined) continue;
    const lines = new Map<string, number>();
    const textLines = text.split(/\r?\n/);
    for (const [name, value] of parseEnvFile(text, lines)) {
      if (!isTraefikEnvName(name) || set.has(name)) continue;
      // Compose: a later env_file sets the variable over an earlier one.
      byName.delete(name);
      const line = lines.get(name) ?? 0;
      byName.set(name, { value, ref, path: abs, line, lineText: textLines[line] ?? '' });
    }
  }
  const out: FlatEntry[] = [];
  for (const [name, v] of byName) {
    const range = v.ref.range;
    const segments = splitKey(name.slice('TRAEFIK_'.length).toLowerCase(), '_', 0).map((s): FlatSegment => ({ name: s.name, raw: s.name, range, exact: false }));
    if (segments.some((s) => s.name === '')) continue;
    // `KEY` alone passes the host's variable through: unknown.
    const text = v.value ?? undefined;
    const value: TScalar = { kind: 'scalar', value: text ?? '', text, raw: text ?? '', range };
    vars.push({ name, path: v.path, shown: relativePath(dir, v.path), line: { start: { line: v.line, character: 0 }, end: { line: v.line, character: v.lineText.length } }, range, value });
    out.push({ segments, value });
  }
  return out;
}

function envSource(view: ComposeView, svc: ServiceView, fromFiles: FlatEntry[]): TSource | undefined {
  // Env files first: an `environment:` entry for the same option is written after and wins.
  const entries: FlatEntry[] = [...fromFiles];
  for (const kv of svc.environment) {
    if (!isTraefikEnvName(kv.key)) continue;
    const keyStart = kv.form === 'list' ? Math.max(0, (scalarText(kv.node) ?? '').indexOf(kv.key)) : 0;
    // Traefik lower-cases the whole variable name: names in it (entry points, resolvers) are lower case.
    const segments = keySegments(view, kv, keyStart, kv.key, '_', 'TRAEFIK_'.length).map((s) => ({ ...s, raw: s.name }));
    if (segments.some((s) => s.name === '')) continue;
    // `- TRAEFIK_X` with no value passes the variable through from the host: unknown.
    const value = valueScalar(view, kv);
    if (!kv.value) value.text = undefined;
    entries.push({ segments, value, decl: entryDecl(view, kv, 'env') });
  }
  if (entries.length === 0) return undefined;
  const holder = svc.entry('environment')?.keyRange ?? svc.entry('env_file')?.keyRange;
  return { form: 'env', role: 'static', root: buildFlatTree(entries, holder ?? svc.keyRange), service: svc.name, inEffect: true, holder: holder ? { keyRange: holder } : undefined, entries: entries.length };
}

interface Word {
  node: CScalar;
  /** Offsets within the scalar's text. */
  start: number;
  end: number;
  /** True for an item of a list-form command (the whole item). */
  item: boolean;
}

/** Splits a string-form command like a shell does (quotes group words; no expansion). */
function splitWords(raw: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && /\s/.test(raw[i]!)) i++;
    if (i >= raw.length) break;
    const s = i;
    let q: string | undefined;
    for (; i < raw.length; i++) {
      const c = raw[i]!;
      if (q) {
        if (c === q) q = undefined;
      } else if (c === '"' || c === "'") q = c;
      else if (/\s/.test(c)) break;
    }
    out.push([s, i]);
  }
  return out;
}

function commandWords(svc: ServiceView): Word[] {
  const e = svc.entry('command');
  if (!e) return [];
  const v: CNode = e.value;
  if (v.kind === 'seq') {
    const out: Word[] = [];
    for (const it of v.items) {
      const n = it.value;
      if (n.kind !== 'scalar') continue;
      const raw = scalarText(n);
      if (raw === undefined) continue;
      out.push({ node: n, start: 0, end: raw.length, item: true });
    }
    return out;
  }
  if (v.kind !== 'scalar') return [];
  const raw = scalarText(v);
  if (raw === undefined) return [];
  return splitWords(raw).map(([s, t]) => ({ node: v, start: s, end: t, item: false }));
}

interface FlagsResult {
  source?: TSource;
  argCount: number;
  configFlag?: { path: string; range: Range };
}

function flagsSource(view: ComposeView, svc: ServiceView): FlagsResult {
  const model = view.model;
  const words = commandWords(svc);
  let i = 0;
  const first = words[0] ? view.part(words[0].node, words[0].start, words[0].end, true) : undefined;
  if (first && !(first.text ?? first.raw).startsWith('-')) {
    const bin = (first.text ?? first.raw).replace(/^["']|["']$/g, '');
    if (bin === 'traefik' || bin.endsWith('/traefik')) i = 1;
    else return { argCount: 0 };
  }
  const entries: FlatEntry[] = [];
  let configFlag: FlagsResult['configFlag'];
  const argCount = words.length - i;
  for (; i < words.length; i++) {
    const w = words[i]!;
    const part = view.part(w.node, w.start, w.end, true);
    const rawWord = part.raw;
    if (!rawWord.startsWith('-') || rawWord === '--') break; // paerser stops at the first non-flag
    const m = /^(--?)([^=\s]+)(=?)/.exec(rawWord);
    if (!m) break;
    const dashes = m[1]!.length;
    const name = m[2]!.replace(/["']/g, '');
    const keyStart = w.start + dashes;
    // In a block scalar, a word split across a line break (a quoted word `>` folds) is not
    // located at all, rather than its key alone: the finding then covers the whole scalar.
    const whole = part.exact ? blockSubRange(model, w.node, keyStart, keyStart + m[2]!.length) : { range: w.node.range, exact: false };
    const exact = whole.exact && !/["']/.test(m[2]!);
    const base = model.index.offsetAt(whole.range.start);
    const segs = splitKey(name, '.', 0).map(
      (s): FlatSegment => ({ name: s.name, raw: s.raw, range: exact ? model.index.rangeOf(base + s.start, base + s.end) : whole.range, exact }),
    );
    let value: TScalar;
    let lastWord = w;
    if (m[3] === '=') {
      const vs = w.start + m[0].length;
      const vp = view.part(w.node, vs, w.end, true);
      const unq = /^(["'])(.*)\1$/s.exec(vp.raw);
      const inner = vp.exact && !unq ? offsets(model, vp.range) : undefined;
      value = { kind: 'scalar', value: unq ? unq[2]! : vp.raw, text: vp.text === undefined ? undefined : unq ? vp.text.slice(1, -1) : vp.text, raw: unq ? unq[2]! : vp.raw, range: vp.range, inner };
    } else {
      const next = words[i + 1];
      const nextPart = next ? view.part(next.node, next.start, next.end, true) : undefined;
      const leaf = segs[segs.length - 1]?.name ?? '';
      if (next && nextPart && !nextPart.raw.startsWith('-') && !isFlagSwitch(leaf)) {
        if (!nextPart.exact && isBlockScalar(next.node)) for (const sg of segs) Object.assign(sg, { range: next.node.range, exact: false });
        const inner = nextPart.exact ? offsets(model, nextPart.range) : undefined;
        value = { kind: 'scalar', value: nextPart.raw, text: nextPart.text, raw: nextPart.raw, range: nextPart.range, inner };
        lastWord = next;
        i++;
      } else {
        const endOfName = segs[segs.length - 1]!.range.end;
        const exact = segs[segs.length - 1]!.exact;
        value = { kind: 'scalar', value: 'true', text: 'true', raw: '', range: exact ? { start: endOfName, end: endOfName } : part.range, implicit: true };
      }
    }
    if (segs.length === 1 && segs[0]!.name === 'configfile') {
      if (value.text) configFlag = { path: value.text, range: part.range };
      continue;
    }
    entries.push({ segments: segs, value, decl: flagDecl(view, w, lastWord) });
  }
  if (entries.length === 0) return { argCount, configFlag };
  const holder = svc.entry('command')!;
  return {
    argCount,
    configFlag,
    source: {
      form: 'flag',
      role: 'static',
      root: buildFlatTree(entries, holder.keyRange),
      service: svc.name,
      inEffect: true,
      holder: { keyRange: holder.keyRange },
      entries: entries.length,
    },
  };
}

function isBlockScalar(n: CScalar): boolean {
  return n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED';
}

function flagDecl(view: ComposeView, first: Word, last: Word): Decl | undefined {
  const model = view.model;
  const e = first.node;
  if (first.item) {
    const s = offsets(model, first.node.range).start;
    const t = offsets(model, last.node.range).end;
    const src = model.text.slice(s, offsets(model, first.node.range).end);
    return { form: 'flag', span: { start: s, end: t }, layout: inFlow(model.text, s) ? 'flow' : 'block', quote: /^["']/.test(src) ? src[0] : '', entry: 'item' };
  }
  const a = blockSubRange(model, e, first.start, first.end);
  const b = blockSubRange(model, e, last.start, last.end);
  if (!a.exact || !b.exact) return undefined;
  const span = { start: model.index.offsetAt(a.range.start), end: model.index.offsetAt(b.range.end) };
  const map = blockMapOf(e);
  const r0 = e.node?.range?.[0];
  if (!map || r0 === undefined) return { form: 'flag', span, layout: 'words' };
  return { form: 'flag', span, layout: 'words', block: { indent: ' '.repeat(map.indent), firstLine: r0 + map.firstLine, explicitIndent: map.explicitIndent } };
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Normalises `a/./b/../c` (always absolute, `/` separators). */
export function normalisePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** The workspace path of a bind-mount source, relative to the compose file's folder. */
export function hostPathOf(source: string | undefined, composePath: string): string | undefined {
  if (!source || !isHostPath(source)) return undefined;
  if (source.startsWith('~') || /^[A-Za-z]:/.test(source) || source.startsWith('\\\\')) return undefined;
  return source.startsWith('/') ? normalisePath(source) : normalisePath(`${dirOf(composePath)}/${source}`);
}

/**
 * The workspace path a container path is bind-mounted from, by the most specific mount of a
 * Traefik service (`./dynamic:/etc/traefik/dynamic` maps `/etc/traefik/dynamic/a.yml`), with the
 * volume item that mounts it.
 */
export function mountedHostPath(t: TraefikService, containerPath: string, composePath: string): { host: string; range: Range } | undefined {
  let best: { target: string; host: string; range: Range } | undefined;
  for (const v of t.svc.volumes) {
    if (v.type !== 'bind') continue;
    const target = trimTrailingSlashes(v.target?.text ?? '');
    if (!target || !(containerPath === target || containerPath.startsWith(target + '/'))) continue;
    const source = hostPathOf(v.source?.text, composePath);
    if (!source) continue;
    if (!best || target.length > best.target.length) best = { target, host: source + containerPath.slice(target.length), range: v.range };
  }
  return best ? { host: normalisePath(best.host), range: best.range } : undefined;
}

function configFileOf(svc: ServiceView, flag: FlagsResult['configFlag'], ctx: RuleContext, composePath: string): StaticConfigFile | undefined {
  const wanted = flag ? [flag.path] : DEFAULT_CONFIG_PATHS;
  for (const v of svc.volumes) {
    const target = trimTrailingSlashes(v.target?.text ?? '');
    if (!target) continue;
    const host = v.type === 'bind' ? hostPathOf(v.source?.text, composePath) : undefined;
    if (wanted.includes(target)) return { containerPath: target, hostPath: host, range: v.range, how: 'mount' };
    // A folder mounted over one of the search folders: the file is whatever the folder holds.
    for (const w of wanted) {
      if (dirOf(w) !== target || !host) continue;
      const candidate = `${host}/${w.slice(target.length + 1)}`;
      if (ctx.workspace.exists(candidate)) return { containerPath: w, hostPath: candidate, range: v.range, how: 'directory' };
    }
  }
  for (const it of svc.items('configs')) {
    if (it.node.kind !== 'map') continue;
    const t = trimTrailingSlashes(scalarText(it.node.byKey.get('target')?.value) ?? '');
    if (t && wanted.includes(t)) return { containerPath: t, range: it.range, how: 'config' };
  }
  // `--configfile` naming a file Rampart cannot see (built into the image): Traefik still reads it.
  if (flag) return { containerPath: flag.path, range: flag.range, how: 'flag' };
  return undefined;
}

function traefikService(view: ComposeView, svc: ServiceView, ctx: RuleContext, reads: Map<string, string | undefined>): TraefikService | undefined {
  const image = svc.image;
  const byImage = isTraefikImage(image?.name);
  // Neither a Traefik image nor a Traefik-named service with an unknown image: not Traefik,
  // whatever its flags and environment say (so they are not read).
  if (!byImage && !((!image || image.text === undefined) && /traefik/i.test(svc.name))) return undefined;
  const flags = flagsSource(view, svc);
  const composePath = ctx.path || view.model.path;
  const envFileVars: EnvFileVar[] = [];
  const env = envSource(view, svc, envFileEntries(svc, ctx, composePath, reads, envFileVars));
  if (!byImage) {
    // A built or interpolated image: a service named for Traefik that carries static options.
    const unknownImage = !image || image.text === undefined;
    const looksStatic = [flags.source, env].some((s) => s?.root.fields.some((f) => STATIC_ROOTS.has(f.name)));
    if (!(unknownImage && /traefik/i.test(svc.name) && looksStatic)) return undefined;
  }
  const configFile = configFileOf(svc, flags.configFlag, ctx, composePath);
  const effective: TraefikService['effective'] = configFile ? 'file' : flags.argCount > 0 ? 'flags' : env ? 'env' : 'none';
  if (flags.source) flags.source.inEffect = effective === 'flags';
  if (env) env.inEffect = effective === 'env';
  const cmd = svc.entry('command');
  return {
    name: svc.name,
    keyRange: svc.keyRange,
    svc,
    image: image && image.text !== undefined ? { text: image.text, range: image.range, version: versionFromTag(image.tag) } : undefined,
    flags: flags.source,
    env,
    commandKey: cmd?.keyRange,
    argCount: flags.argCount,
    configFile,
    effective,
    envFileVars,
  };
}
