// Labels of one compose service written across a base file and its override
// (compose.override.yaml beside compose.yaml): `docker compose` merges the two label sets onto one
// container, so Traefik's Docker provider sees a single router where Rampart's sources hold two
// halves (the rule in the base, the middlewares in the override, say). Judging each half alone
// reports a router without its middlewares, or one without a rule. Here the halves become one:
// a key the override sets replaces the base's (compose merges labels by key), and `traefik.enable`
// set in either file decides for both.
import type { GRouter, GSource } from './graph';
import { boolOf, child, scalarOf } from './model';
import { dirOf, isOverrideName } from './workspace';

/** Base/override pairs of label sources for the same service and provider in the same folder. */
function pairs(sources: readonly GSource[]): Array<{ base: GSource; over: GSource }> {
  const out: Array<{ base: GSource; over: GSource }> = [];
  const labels = sources.filter((g) => g.src.form === 'label' && g.src.service !== undefined);
  for (const over of labels) {
    if (!isOverrideName(over.doc.path)) continue;
    for (const base of labels) {
      if (base === over || isOverrideName(base.doc.path)) continue;
      if (base.src.service !== over.src.service || base.src.provider !== over.src.provider) continue;
      if (dirOf(base.doc.path) !== dirOf(over.doc.path)) continue;
      out.push({ base, over });
    }
  }
  return out;
}

/** `traefik.enable` written in the override decides for the base's labels too, and the other way round. */
export function reconcileEnable(sources: readonly GSource[]): void {
  for (const { base, over } of pairs(sources)) {
    const overEnable = boolOf(scalarOf(child(over.src.root, 'enable')));
    const baseEnable = boolOf(scalarOf(child(base.src.root, 'enable')));
    if (overEnable !== undefined) base.active = over.active;
    else if (baseEnable !== undefined) over.active = base.active;
  }
}

/**
 * Routers with one name on one container, defined partly in the base file and partly in the
 * override, merged into the base's router (its location stays the report's anchor): what the
 * override sets wins. The override's half leaves the list.
 */
export function mergeOverrideRouters(routers: GRouter[], sources: readonly GSource[]): void {
  const ps = pairs(sources);
  if (ps.length === 0) return;
  const overOf = new Map<GSource, GSource>();
  for (const { base, over } of ps) overOf.set(base, over);
  const absorbed = new Set<GRouter>();
  for (let i = 0; i < routers.length; i++) {
    const b = routers[i]!;
    const overSource = overOf.get(b.g);
    if (!overSource) continue;
    const o = routers.find((r) => r.g === overSource && r.protocol === b.protocol && r.name === b.name);
    if (!o) continue;
    absorbed.add(o);
    const set = (name: string) => child(o.field.node, name) !== undefined;
    routers[i] = {
      ...b,
      rule: set('rule') ? o.rule : b.rule,
      entryPoints: set('entrypoints') ? o.entryPoints : b.entryPoints,
      entryPointsRaw: set('entrypoints') ? o.entryPointsRaw : b.entryPointsRaw,
      middlewares: set('middlewares') ? o.middlewares : b.middlewares,
      service: set('service') ? o.service : b.service,
      tls: set('tls') ? o.tls : b.tls,
      unknown: b.unknown || o.unknown,
    };
  }
  if (absorbed.size === 0) return;
  const kept = routers.filter((r) => !absorbed.has(r));
  routers.length = 0;
  routers.push(...kept);
}
