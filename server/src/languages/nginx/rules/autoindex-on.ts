import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { where } from './util';

export const meta = defineMeta({
  id: 'nginx/autoindex-on',
  language: 'nginx',
  title: 'Directory listing enabled',
  description:
    'autoindex on makes nginx list the files of a directory that has no index file, so backups, dotfiles and files never linked anywhere become discoverable.',
  severity: 'warning',
  fix: 'safe',
  sources: ['nginx docs: autoindex (default "off")', 'OWASP: directory listing (CWE-548)'],
  peers: [],
  tags: ['security', 'CWE-548'],
  securitySeverity: '5.0',
});

export const autoindexOn: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const d of model.named('autoindex')) {
      if (d.parent.kind === 'hash') continue;
      const v = d.args[0];
      // nginx compares on/off case-insensitively.
      if (!v || d.args.length !== 1 || v.value.toLowerCase() !== 'on') continue;
      out.push({
        range: v.range,
        message: `"autoindex on"${where(d)} lists every file of a directory without an index file: backups, dotfiles and unlinked files become discoverable.`,
        lazyFixes: plannedFix('safe', 'Set autoindex off', () => [{ range: v.range, newText: 'off' }]),
      });
    }
    return out;
  },
};
