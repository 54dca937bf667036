// Shared memory zones of limit_req / limit_conn: where they are defined and used, for
// nginx/rate-limit-zone-undefined and nginx/rate-limit-zone-unused (and the rate-limit-missing
// fix, which must not define a zone twice).
import type { Range, RuleContext } from '../../../engine/types';
import type { NginxArg, NginxBlock, NginxDirective, NginxModel } from '../model';
import { includerLevel, includes, type LevelView } from '../includes';

export type ZoneKind = 'limit_req' | 'limit_conn';

export interface ZoneRef {
  kind: ZoneKind;
  name: string;
  directive: NginxDirective;
  /** The zone name's span (inside `zone=name:10m` for definitions and limit_req). */
  range: Range;
}

const DEFINES: Record<string, ZoneKind> = { limit_req_zone: 'limit_req', limit_conn_zone: 'limit_conn' };

/** The `zone=name:size` (definitions) or `zone=name` (limit_req) argument's name part. */
/** The `zone=name` argument and its name; undefined without one, '' when unusable (empty or a variable). */
function zoneArg(d: NginxDirective): { arg: NginxArg; name: string } | undefined {
  for (const a of d.args) {
    const m = /^zone=([^:]*)/.exec(a.value);
    if (!m) continue;
    const name = m[1]!;
    return { arg: a, name: name.includes('$') ? '' : name };
  }
  return undefined;
}

function zoneParam(model: NginxModel | undefined, d: NginxDirective, kind: ZoneKind): ZoneRef | undefined {
  const z = zoneArg(d);
  if (!z || z.name === '') return undefined;
  const { arg: a, name } = z;
  const at = a.start + (a.quoted ? 1 : 0) + 5;
  const range = model ? model.index.rangeOf(at, at + name.length) : a.range;
  return { kind, name, directive: d, range };
}

/**
 * `kind name` of the zone a directive uses (what `zoneUse` names), without building its range:
 * for checks that only compare names across every directive of a block.
 */
export function zoneUseKey(d: NginxDirective): string | undefined {
  if (d.name === 'limit_req') {
    const z = zoneArg(d);
    return z && z.name !== '' ? `limit_req ${z.name}` : undefined;
  }
  if (d.name === 'limit_conn') {
    const a = d.args[0];
    return !a || a.value.includes('$') ? undefined : `limit_conn ${a.value}`;
  }
  return undefined;
}

export function zoneDefinition(model: NginxModel | undefined, d: NginxDirective): ZoneRef | undefined {
  const kind = DEFINES[d.name];
  return kind ? zoneParam(model, d, kind) : undefined;
}

export function zoneUse(model: NginxModel | undefined, d: NginxDirective): ZoneRef | undefined {
  if (d.name === 'limit_req') return zoneParam(model, d, 'limit_req');
  if (d.name === 'limit_conn') {
    const a = d.args[0];
    if (!a || a.value.includes('$')) return undefined;
    return { kind: 'limit_conn', name: a.value, directive: d, range: a.range };
  }
  return undefined;
}

/** The http or stream block of this file that a block sits in. */
export function protocolBlock(model: NginxModel, block: NginxBlock): NginxBlock | undefined {
  return model.enclosing(block, 'http') ?? model.enclosing(block, 'stream');
}

export interface IncluderLevel {
  /** The main config's http (or stream) block the fragment is included in, at any depth. */
  block: NginxBlock;
  /** Its directives, the files it includes there (the fragment's top level among them) spliced in. */
  view: LevelView;
  /** The main config's path. */
  main: string;
  /** The fragment's top level is that block's level itself (`include conf.d/*.conf;` right in `http {}`). */
  atTop: boolean;
}

/**
 * Where the zones a fragment's limit_req/limit_conn use must be defined: the http (or stream)
 * block of the main config that includes it, when its includer is known and gives one family.
 */
export function includerProtocolLevel(ctx: RuleContext, model: NginxModel): IncluderLevel | undefined {
  if (!model.fragment) return undefined;
  const r = includes(ctx, model);
  const file = r.context();
  if (file.source !== 'includer' || !file.includer || (file.family !== 'http' && file.family !== 'stream')) return undefined;
  const family = file.family;
  const main = file.includer.main;
  const block = r.read(main)?.root.children.find((d) => d.name === family && d.block)?.block;
  if (!block) return undefined;
  return { block, view: includerLevel(ctx, model, block, main), main, atTop: file.contexts.length === 1 && file.contexts[0] === family };
}

export { scanBlock, type Scan } from '../includes';
