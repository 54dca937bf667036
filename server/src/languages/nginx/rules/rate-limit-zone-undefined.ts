import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxBlock, NginxModel } from '../model';
import { levelDirectives } from './facts';
import { includerProtocolLevel, protocolBlock, zoneDefinition, zoneUse, type ZoneRef } from './zones';

export const meta = defineMeta({
  id: 'nginx/rate-limit-zone-undefined',
  language: 'nginx',
  title: 'limit_req / limit_conn zone not defined',
  description:
    'limit_req or limit_conn names a zone that no limit_req_zone / limit_conn_zone defines: nginx refuses to start ("zero size shared memory zone").',
  severity: 'error',
  fix: 'none',
  sources: ['no seed passage', 'nginx docs: limit_req, limit_conn'],
  peers: [],
  tags: ['correctness'],
  securitySeverity: '4.0',
  precision: 'very-high',
});

export const rateLimitZoneUndefined: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    // Zones live at the http (or stream) level: a use is judged against the enclosing block of
    // this file, or, in a fragment, the main config's block its known includer reads it in (never
    // for a fragment nobody is known to include).
    const includer = includerProtocolLevel(ctx, model);
    if (model.fragment && !includer) return [];
    const out: Finding[] = [];
    const defsByBlock = new Map<NginxBlock, ZoneRef[] | undefined>();
    for (const d of [...model.named('limit_req'), ...model.named('limit_conn')]) {
      const use = zoneUse(model, d);
      if (!use) continue;
      // A fragment's root is only inferred to be http: its level is the includer's.
      const own = model.fragment ? undefined : protocolBlock(model, d.parent);
      const top = own ?? includer?.block;
      if (!top) continue;
      if (!defsByBlock.has(top)) {
        const view = own ? levelDirectives(ctx, model, own) : includer!.view;
        defsByBlock.set(top, view.unknown ? undefined : view.directives.map((x) => zoneDefinition(undefined, x)).filter((z): z is ZoneRef => !!z));
      }
      const defs = defsByBlock.get(top);
      if (!defs || defs.some((z) => z.kind === use.kind && z.name === use.name)) continue;
      const other = defs.find((z) => z.name === use.name);
      const definer = use.kind === 'limit_req' ? 'limit_req_zone' : 'limit_conn_zone';
      const where = own ? `the ${top.kind} block` : `the ${top.kind} block that includes this file`;
      out.push({
        range: use.range,
        message: other
          ? `${d.name} uses zone "${use.name}", which ${other.directive.name} defines, not ${definer}: nginx refuses to start because the zone belongs to another module.`
          : `${d.name} uses zone "${use.name}" but no ${definer} in ${where} defines it: nginx refuses to start ("zero size shared memory zone").`,
      });
    }
    return out;
  },
};
