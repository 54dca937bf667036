import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/unlimited-body-size',
  language: 'nginx',
  title: 'Request body size unlimited',
  description:
    'client_max_body_size 0 turns off nginx\'s limit on request bodies: any client can send uploads of any size, filling the disk with temporary files or tying up the backend.',
  severity: 'warning',
  fix: 'none',
  sources: ['H: "File upload restrictions implemented"', 'nginx docs: client_max_body_size (default 1m; 0 disables the check)'],
  peers: [],
  tags: ['security', 'CWE-400', 'CWE-770'],
  securitySeverity: '5.3',
  precision: 'very-high',
});

/** `0`, `0k`, `00m`: nginx parses the size and 0 means "no limit". */
const ZERO = /^0+[kKmMgG]?$/;

export const unlimitedBodySize: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const d of model.named('client_max_body_size')) {
      const v = d.args[0];
      if (!v || d.args.length !== 1 || !ZERO.test(v.value)) continue;
      out.push({
        range: v.range,
        message: `"client_max_body_size ${v.value}"${where(d)} removes the request body limit: any client can upload bodies of any size, filling the disk with temporary files or tying up the backend.`,
      });
    }
    return out;
  },
};
