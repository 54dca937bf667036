import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { Add } from 'dockerfile-ast';
import type { DockerfileModel } from '../model';

export const meta = defineMeta({
  id: 'dockerfile/add-remote-url',
  language: 'dockerfile',
  title: 'ADD downloads a URL without a checksum',
  description:
    'ADD fetches an http(s) URL without `--checksum=`: whatever the server (or anyone on the way) returns goes into the image unchecked, and a later build can silently get different bytes.',
  severity: 'warning',
  fix: 'none',
  sources: ['Supply chain: Docker ADD --checksum', 'KICS "Curl or Wget Instead of Add"'],
  peers: [],
  tags: ['security', 'supply-chain', 'CWE-494'],
  securitySeverity: '5.0',
});

const HTTP_RE = /^https?:\/\//i;
// A git source over https: `https://host/repo.git`, optionally `#ref[:subdir]`.
const GIT_HTTP_RE = /^https?:\/\/[^#]+\.git(?:#|$)/i;
const COMMIT_RE = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;

export const addRemoteUrl: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const ins of model.ast.getInstructions()) {
      if (ins.getKeyword() !== 'ADD') continue;
      const add = ins as Add;
      if (add.getFlags().some((f) => f.getName().toLowerCase() === 'checksum' && (f.getValue() ?? '') !== '')) continue;
      const args = add.getArguments();
      for (const a of args.slice(0, -1)) {
        const url = a.getValue().replace(/^["']|["'],?$/g, '');
        if (!HTTP_RE.test(url)) continue;
        if (GIT_HTTP_RE.test(url)) {
          // A git source pinned to a full commit id cannot change under you.
          const ref = url.slice(url.indexOf('#') + 1).split(':')[0]!;
          if (url.includes('#') && COMMIT_RE.test(ref)) continue;
          out.push({
            range: a.getRange(),
            message: `ADD clones "${url}" at a branch or tag, which the remote can move: pin a commit (#<sha>) or add --checksum=<commit>.`,
          });
          continue;
        }
        out.push({
          range: a.getRange(),
          message: `ADD downloads "${url}" without --checksum: whatever the server returns goes into the image unchecked.`,
        });
      }
    }
    return out;
  },
};
