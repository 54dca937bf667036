import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';

export const meta = defineMeta({
  id: 'dockerfile/add-instead-of-copy',
  language: 'dockerfile',
  title: 'ADD used for a local file',
  description:
    'ADD of a local, non-archive source behaves like COPY but also fetches URLs and unpacks archives; COPY says exactly what happens and cannot surprise.',
  severity: 'warning',
  fix: 'safe',
  sources: ['hadolint DL3020', 'Trivy DS-0005'],
  peers: ['DL3020', 'DS-0005', 'DS005', 'CKV_DOCKER_4'],
  tags: ['security', 'CWE-829'],
  securitySeverity: '3.0',
});

// ADD unpacks these (so ADD is the right instruction for them); zip is not unpacked.
const ARCHIVE_RE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst|lz4)$/i;
const REMOTE_RE = /^(https?:\/\/|git@|ssh:\/\/|git:\/\/)/i;

export const addInstead: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const ins of model.ast.getInstructions()) {
      if (ins.getKeyword() !== 'ADD') continue;
      const args = ins.getArguments().filter((a) => !a.getValue().startsWith('--'));
      // Heredoc ADD (`ADD <<EOF /dest`) writes inline content: COPY does the same.
      const sources = args.slice(0, -1).map((a) => a.getValue());
      if (sources.length === 0) continue;
      if (sources.some((s) => REMOTE_RE.test(s) || ARCHIVE_RE.test(s) || s.includes('$'))) continue;
      const kw = ins.getInstructionRange();
      const flags = ins.getRawArgumentsContent() ?? '';
      // `--checksum` and `--keep-git-dir` only exist on ADD; COPY would reject them.
      if (/--(checksum|keep-git-dir|unpack)\b/.test(flags)) continue;
      const written = ins.getInstruction();
      const replacement = written === written.toLowerCase() ? 'copy' : 'COPY';
      out.push({
        range: kw,
        message: `ADD copies local ${sources.length === 1 ? `"${sources[0]}"` : 'files'}: use COPY, which cannot fetch URLs or unpack archives by surprise.`,
        lazyFixes: plannedFix('safe', 'Replace ADD with COPY', () => [{ range: kw, newText: replacement }]),
      });
    }
    return out;
  },
};
