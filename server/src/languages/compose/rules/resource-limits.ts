import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, Range, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import type { CEntry, CMap } from '../tree';
import type { ServiceView, Value } from '../view';
import { projectView } from '../project';
import { planMapKey, planServiceKey, type EditPlan } from '../edits';
import { fromBaseFile, isOwn, type BaseFileOrigin } from './shared';

export const meta = defineMeta({
  id: 'compose/resource-limits',
  language: 'compose',
  title: 'Service has no memory or CPU limit',
  description:
    'Docker sets no memory or CPU ceiling by default: one leaking, runaway or compromised container can exhaust the host\'s RAM or CPU and starve every other service on it.',
  severity: 'warning',
  fix: 'suggest',
  sources: [
    'H: "Resource limits defined (memory, CPU)"',
    'M: "Resource limits: (coming soon - CPU/memory limits)"',
    'KICS: Memory Not Limited (bb9ac4f7), Cpus Not Limited (6b610c50)',
    'compose-lint CL-0026',
    'CIS Docker Benchmark: memory and CPU limits per container',
  ],
  peers: ['CL-0026'],
  tags: ['security', 'CWE-770', 'CWE-400'],
  securitySeverity: '4.0',
});

/** Placeholder values the fix writes; the docs say to size them. */
export const PLACEHOLDER = { cpus: '"1.0"', memory: '512M', memLimit: '512m' };

type LimitState = { kind: 'set' } | { kind: 'missing' } | { kind: 'zero'; value: Value; key: string };

/**
 * The state of one limit across the keys that can set it. A value Rampart cannot read counts as
 * set (unknown is never reported); `0` (and a negative value) means unlimited to Docker.
 */
function limitState(svc: ServiceView, paths: string[][]): LimitState {
  let zero: LimitState | undefined;
  for (const path of paths) {
    const v = svc.scalarAt(path);
    if (!v || v.raw === undefined) continue;
    if (v.text === undefined) return { kind: 'set' };
    const t = v.text.trim();
    if (/^(?:-\d+(?:\.\d*)?|0+(?:\.0*)?|0*\.0+)\s*[a-zA-Z]*$/.test(t)) {
      zero ??= { kind: 'zero', value: v, key: path.join('.') };
      continue;
    }
    return { kind: 'set' };
  }
  return zero ?? { kind: 'missing' };
}

const MEMORY_PATHS = [['deploy', 'resources', 'limits', 'memory'], ['mem_limit']];
const CPU_PATHS = [['deploy', 'resources', 'limits', 'cpus'], ['cpus'], ['cpu_quota']];

export const resourceLimits: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    // The effective limits across override files, `extends` and `include` (project view): what
    // is missing is judged where the service's base definition is; a limit of 0 written in this
    // file (which means unlimited) is reported here even in an override file.
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      let mem = limitState(svc, MEMORY_PATHS);
      let cpu = limitState(svc, CPU_PATHS);
      if (mem.kind === 'set' && cpu.kind === 'set') continue;
      // A zero written in another file is that file's finding, and this one's at the `extends`
      // key of a service that inherits it from there; what is missing is judged only where the
      // service's base definition is (an override file's base may set it).
      let base: BaseFileOrigin | undefined;
      const own = (s: LimitState): LimitState => {
        if (s.kind === 'zero' && s.value.file !== undefined) {
          const b = fromBaseFile(svc, s.value);
          base ??= b;
          return b ? s : { kind: 'set' };
        }
        return s.kind === 'missing' && !svc.judgedHere ? { kind: 'set' } : s;
      };
      mem = own(mem);
      cpu = own(cpu);
      if (mem.kind === 'set' && cpu.kind === 'set') continue;
      const zeros = [mem, cpu].flatMap((s) => (s.kind === 'zero' ? [`${s.key}: ${s.value.text?.trim()}`] : []));
      const where = base ? base.note.replace(/^ \((.*)\)$/, '; $1') : '';
      const zeroNote = zeros.length === 0 ? '' : ` (${zeros.join(' and ')} ${zeros.length === 1 ? 'means' : 'mean'} unlimited${where})`;
      let what: string;
      if (mem.kind !== 'set' && cpu.kind !== 'set') {
        what = `has no memory or CPU limit${zeroNote}: a leaking, runaway or compromised container can take all of the host's memory and CPU and starve every other service`;
      } else if (mem.kind !== 'set') {
        what = `has no memory limit${zeroNote}: a leak or a memory bomb in it can exhaust the host's RAM and get other containers killed`;
      } else {
        what = `has no CPU limit${zeroNote}: a runaway or crypto-mining process in it can take every CPU from the other services`;
      }
      const missing = { memory: mem.kind === 'missing', cpus: cpu.kind === 'missing' };
      const anyZero = mem.kind === 'zero' || cpu.kind === 'zero';
      out.push({
        range: base ? base.range : svc.keyRange,
        message: `Service "${svc.name}" ${what}.`,
        ...(base ? { related: base.related } : {}),
        lazyFixes: anyZero ? undefined : limitFixes(model, svc, missing),
      });
    }
    return out;
  },
};

/** Inserts several `key: value` pairs into a mapping with one edit (block or flow style). */
export function insertPairs(model: ComposeModel, map: CMap, pairs: Array<[string, string]>): EditPlan | undefined {
  const [first, ...rest] = pairs;
  if (!first) return undefined;
  return planMapKey(model, map, first[0], () => ({
    lines: rest.map(([k, v]) => `${k}: ${v}`),
    inline: first[1],
    flowValue: [first[1], ...rest.map(([k, v]) => `${k}: ${v}`)].join(', '),
  }));
}

/**
 * The mapping at a path of a service, with whether its text is shared through an anchor, and
 * whether it is another file's or an `extends` base's (`foreign`: a fix goes into the service's
 * own definition instead, where maps merge).
 */
export function mapAt(model: ComposeModel, svc: ServiceView, path: string[]): { map: CMap; shared: boolean; anchor?: string; foreign?: boolean } | 'absent' | undefined {
  const chain: CEntry[] = [];
  for (let i = 1; i <= path.length; i++) {
    const e = svc.service.at(path.slice(0, i));
    if (!e) return 'absent';
    chain.push(e);
  }
  const last = chain[chain.length - 1]!;
  if (chain.some((e) => !isOwn(e))) return { map: last.value as CMap, shared: false, foreign: true };
  if (last.value.kind !== 'map') return undefined;
  let anchor: string | undefined;
  let shared = false;
  for (const e of chain) {
    if (e.via.length > 0 || e.aliasRange) {
      shared = true;
      const a = e.aliasRange ? aliasName(model, e.aliasRange) : [...e.via].reverse().find((s) => s.anchor)?.anchor;
      anchor = a ?? anchor;
    }
  }
  return { map: last.value, shared, anchor };
}

function aliasName(model: ComposeModel, r: Range): string {
  return model.index.text.slice(model.index.offsetAt(r.start) + 1, model.index.offsetAt(r.end));
}

/**
 * A fix that inserts into `map` at `path`: in place, or, for a mapping shared through an anchor,
 * an "Edit anchor" fix saying how far it reaches. `refuseIf` lists top-level keys that would make
 * the edit break another service sharing the anchor: Compose refuses `cpus`, `mem_limit` or
 * `pids_limit` next to a `deploy.resources.limits` block that does not repeat their value
 * ("can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus'").
 */
export function mapInsertFix(svc: ServiceView, path: string[], at: { map: CMap; shared: boolean; anchor?: string; foreign?: boolean }, edit: EditPlan | undefined, title: string, refuseIf: string[] = []): LazyFixes | undefined {
  if (!edit) return undefined;
  if (!at.shared) return { best: 'suggest', make: () => [{ title, kind: 'suggest', edits: [edit()] }] };
  const sharing = svc.view.services.filter((s) => s.service.at(path)?.value === at.map);
  if (sharing.some((s) => refuseIf.some((k) => s.service.has(k)))) return undefined;
  const n = sharing.length;
  return { best: 'suggest', make: () => [{ title: `Edit anchor "${at.anchor ?? 'merged mapping'}": affects ${n} service${n === 1 ? '' : 's'}`, kind: 'suggest', edits: [edit()] }] };
}

/** Top-level keys Compose compares with `deploy.resources.limits` once that block exists. */
export const LEGACY_LIMIT_KEYS = ['cpus', 'mem_limit', 'pids_limit'];

function limitFixes(model: ComposeModel, svc: ServiceView, missing: { memory: boolean; cpus: boolean }): LazyFixes | undefined {
  const title =
    missing.cpus && missing.memory
      ? `Add CPU and memory limits to service "${svc.name}" (placeholder values: size them)`
      : `Add a ${missing.cpus ? 'CPU' : 'memory'} limit to service "${svc.name}" (placeholder value: size it)`;
  const pairs: Array<[string, string]> = [];
  if (missing.cpus) pairs.push(['cpus', PLACEHOLDER.cpus]);
  if (missing.memory) pairs.push(['memory', PLACEHOLDER.memory]);
  const i = model.indent;
  const one = (edit: EditPlan | undefined): LazyFixes | undefined => edit && { best: 'suggest', make: () => [{ title, kind: 'suggest', edits: [edit()] }] };

  // A `limits` block exists: complete it. (A sharing service's own `cpus`/`mem_limit` would then
  // differ from the anchor's new value, which Compose refuses.) One in another file or an
  // `extends` base: this service's own block merges with it.
  const limits = mapAt(model, svc, ['deploy', 'resources', 'limits']);
  const ownBlock = () => one(insertNestedOwn(model, svc, ['deploy', 'resources', 'limits'], pairs));
  if (limits !== 'absent') {
    if (limits?.foreign) return ownBlock();
    const refuse = [missing.cpus ? 'cpus' : '', missing.memory ? 'mem_limit' : ''].filter((k) => k);
    return limits ? mapInsertFix(svc, ['deploy', 'resources', 'limits'], limits, insertPairs(model, limits.map, pairs), title, refuse) : undefined;
  }

  // The service uses the top-level keys (`mem_limit`, `cpus`, `pids_limit`): add the missing ones
  // the same way. A new `deploy.resources.limits` block would make Compose compare those keys
  // with it and refuse the file.
  const def = svc.service.localDefinition;
  if (['mem_limit', 'cpus', 'cpu_quota', 'pids_limit'].some((k) => svc.service.has(k))) {
    if (!def) return undefined;
    const keys: Array<[string, string]> = [];
    if (missing.cpus) keys.push(['cpus', PLACEHOLDER.cpus]);
    if (missing.memory) keys.push(['mem_limit', PLACEHOLDER.memLimit]);
    const [k0, ...more] = keys as [[string, string], ...Array<[string, string]>];
    // `lines` sit at the key's column, so the second key lines up under the first.
    return one(
      planServiceKey(model, def, k0[0], () => ({
        lines: more.map(([k, v]) => `${k}: ${v}`),
        inline: k0[1],
        flowValue: [k0[1], ...more.map(([k, v]) => `${k}: ${v}`)].join(', '),
      })),
    );
  }

  const block = (depth: number) => pairs.map(([k, v]) => `${i.repeat(depth)}${k}: ${v}`);
  const flowLimits = () => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  const resources = mapAt(model, svc, ['deploy', 'resources']);
  if (resources !== 'absent') {
    if (!resources) return undefined;
    if (resources.foreign) return ownBlock();
    return mapInsertFix(svc, ['deploy', 'resources'], resources, planMapKey(model, resources.map, 'limits', () => ({ lines: block(1), flowValue: flowLimits() })), title, LEGACY_LIMIT_KEYS);
  }
  const deploy = mapAt(model, svc, ['deploy']);
  if (deploy !== 'absent') {
    if (!deploy) return undefined;
    if (deploy.foreign) return ownBlock();
    return mapInsertFix(svc, ['deploy'], deploy, planMapKey(model, deploy.map, 'resources', () => ({ lines: [`${i}limits:`, ...block(2)], flowValue: `{limits: ${flowLimits()}}` })), title, LEGACY_LIMIT_KEYS);
  }
  if (!def) return undefined;
  return one(planServiceKey(model, def, 'deploy', () => ({ lines: [`${i}resources:`, `${i}${i}limits:`, ...block(3)], flowValue: `{resources: {limits: ${flowLimits()}}}` })));
}

/**
 * Inserts `pairs` at a nested path (`deploy.resources.limits`) of the service's own definition in
 * this file, creating the mappings that are missing on the way. Maps merge across `extends` and
 * override files, so the keys other layers set stay. Undefined when the service's own text on the
 * way is an anchor or not a block the edit can extend.
 */
export function insertNestedOwn(model: ComposeModel, svc: ServiceView, path: string[], pairs: Array<[string, string]>): EditPlan | undefined {
  const def = svc.service.localDefinition;
  if (!def || def.aliasSite || path.length === 0) return undefined;
  let cur: CMap | undefined = def.map;
  let i = 0;
  for (; cur && i < path.length; i++) {
    const e: CEntry | undefined = cur.byKey.get(path[i]!);
    if (!e) break;
    if (e.via.length > 0 || e.aliasRange || e.value.kind !== 'map') return undefined;
    cur = e.value;
  }
  if (cur && i === path.length) return insertPairs(model, cur, pairs);
  const rest = path.slice(i);
  const block = () => {
    const ind = model.indent;
    const lines = [...rest.slice(1).map((k, j) => `${ind.repeat(j + 1)}${k}:`), ...pairs.map(([k, v]) => `${ind.repeat(rest.length)}${k}: ${v}`)];
    let flow = `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
    for (const k of rest.slice(1).reverse()) flow = `{${k}: ${flow}}`;
    return { lines, flowValue: flow };
  };
  if (i === 0 || !cur || cur === def.map) return planServiceKey(model, def, rest[0]!, block);
  return planMapKey(model, cur, rest[0]!, block);
}
