// Shared memory zones of limit_req / limit_conn: where they are defined and used, for
// nginx/rate-limit-zone-undefined and nginx/rate-limit-zone-unused (and the rate-limit-missing
// fix, which must not define a zone twice).
import type { Range, RuleContext } from '../../../engine/types';
import type { NginxBlock, NginxDirective, NginxModel } from '../model';
import { STOCK_INCLUDES, includedModel } from './facts';
import { resolveInclude } from './util';

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

export interface Scan {
  /** Every directive inside the block, then those of the files its includes name (any depth). */
  directives: NginxDirective[];
  /** This file's own directives (their ranges are usable). */
  own: Set<NginxDirective>;
  /** Some include could not be read. */
  unknown: boolean;
}

/** Every directive under a block, following includes into other workspace files. */
export function scanBlock(ctx: RuleContext, block: NginxBlock): Scan {
  const own: NginxDirective[] = [];
  const stack = [...block.children].reverse();
  while (stack.length > 0) {
    const d = stack.pop()!;
    own.push(d);
    if (d.block && d.block.kind !== 'hash' && d.block.kind !== 'lua') for (let i = d.block.children.length - 1; i >= 0; i--) stack.push(d.block.children[i]!);
  }
  const directives = [...own];
  let unknown = false;
  const visited = new Set<string>();
  const follow = (list: NginxDirective[], depth: number): void => {
    for (const d of list) {
      if (d.name !== 'include') continue;
      const target = d.args[0]?.value;
      if (!target || STOCK_INCLUDES.test(target)) continue;
      const r = resolveInclude(ctx, target);
      const included = r.path && depth < 4 && !visited.has(r.path) ? includedModel(ctx, r.path) : undefined;
      if (!included) {
        if (!r.path || !visited.has(r.path)) unknown = true;
        continue;
      }
      visited.add(r.path!);
      const inner = included.directives;
      directives.push(...inner);
      follow(inner, depth + 1);
    }
  };
  follow(own, 0);
  return { directives, own: new Set(own), unknown };
}
