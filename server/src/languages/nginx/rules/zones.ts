// Shared memory zones of limit_req / limit_conn: where they are defined and used, for
// nginx/rate-limit-zone-undefined and nginx/rate-limit-zone-unused (and the rate-limit-missing
// fix, which must not define a zone twice).
import type { Range } from '../../../engine/types';
import type { NginxBlock, NginxDirective, NginxModel } from '../model';

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
function zoneParam(model: NginxModel | undefined, d: NginxDirective, kind: ZoneKind): ZoneRef | undefined {
  for (const a of d.args) {
    const m = /^zone=([^:]*)/.exec(a.value);
    if (!m) continue;
    const name = m[1]!;
    if (name === '' || name.includes('$')) return undefined;
    const at = a.start + (a.quoted ? 1 : 0) + 5;
    const range = model ? model.index.rangeOf(at, at + name.length) : a.range;
    return { kind, name, directive: d, range };
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

export { scanBlock, type Scan } from '../includes';
