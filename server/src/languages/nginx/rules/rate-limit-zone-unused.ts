import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxBlock, NginxModel } from '../model';
import { protocolBlock, scanBlock, zoneDefinition, zoneUseKey } from './zones';

export const meta = defineMeta({
  id: 'nginx/rate-limit-zone-unused',
  language: 'nginx',
  title: 'limit_req / limit_conn zone never used',
  description:
    'A limit_req_zone or limit_conn_zone that no limit_req / limit_conn uses: the limit it was written for is not applied anywhere, and its shared memory is allocated for nothing.',
  severity: 'info',
  fix: 'none',
  sources: ['no seed passage', 'nginx docs: limit_req_zone, limit_conn_zone'],
  peers: [],
  tags: ['correctness'],
  securitySeverity: '2.0',
});

export const rateLimitZoneUnused: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    // Uses may sit in files the includer pulls in next to a fragment: judge full configs only.
    if (model.fragment) return [];
    const out: Finding[] = [];
    // The zones used under each http/stream block, gathered once (not per zone definition).
    const usedIn = new Map<NginxBlock, Set<string>>();
    for (const d of [...model.named('limit_req_zone'), ...model.named('limit_conn_zone')]) {
      const def = zoneDefinition(model, d);
      const top = def && protocolBlock(model, d.parent);
      if (!def || !top || d.parent !== top) continue;
      const scan = scanBlock(ctx, model, top);
      let used = usedIn.get(top);
      if (!used) {
        used = new Set();
        for (const x of scan.directives) {
          const key = zoneUseKey(x);
          if (key !== undefined) used.add(key);
        }
        usedIn.set(top, used);
      }
      if (used.has(`${def.kind} ${def.name}`)) continue;
      if (scan.unknown) continue;
      const user = def.kind === 'limit_req' ? 'limit_req' : 'limit_conn';
      out.push({
        range: def.range,
        message: `${d.name} defines zone "${def.name}" but no ${user} uses it: the limit it was written for is applied nowhere.`,
      });
    }
    return out;
  },
};
