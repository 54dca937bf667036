import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, DockerStage } from '../model';
import { baseStage, isRootUser, resolveInStage, stageChain, stageRunsAsRoot } from '../model';
import { imageFacts, imageOwnUser } from '../images';
import { insertRuntimeInstruction } from '../edits';

export const meta = defineMeta({
  id: 'dockerfile/user-root',
  language: 'dockerfile',
  title: 'Final stage runs as root',
  description:
    'The image built from the final stage runs its process as root, either through an explicit USER root/0 or because no USER is set on a base image that runs as root. A compromised process then has root inside the container and a shorter path to the host.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['M: "Run as non-root user"', 'H: "Production stage runs as non-root user"'],
  peers: ['DL3002', 'DS-0002', 'DS002', 'CKV_DOCKER_3', 'CKV_DOCKER_8'],
  tags: ['security', 'CWE-250', 'CWE-269'],
  securitySeverity: '6.5',
});

const DEFAULT_USER = '10001:10001';

/** True when a resolved USER value (`user[:group]`) names uid 0 (kept here for existing importers). */
export { isRootUser } from '../model';

export const userRoot: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const final = model.finalStage;
    if (!final) return [];
    const verdict = stageRunsAsRoot(model, final);
    if (!verdict) return [];
    const base = imageFacts(baseStage(final).image);
    const fallback = (base && imageOwnUser(base)) ?? DEFAULT_USER;

    if (verdict.kind === 'user') {
      const { ins, stage, written, value, range: arg } = verdict;
      const earlier = earlierNonRootUser(model, final, ins);
      const suggested = earlier ?? fallback;
      const resolvedNote = value !== written ? ` (resolves to "${value.trim()}")` : '';
      const where =
        stage === final
          ? 'makes the final stage run as root'
          : `in stage "${stage.name ?? stage.index}" is still in effect in the final stage, which runs as root`;
      // Replace the value when nothing in the final stage runs after it; otherwise (build steps
      // after it still need root, or it comes from an earlier stage) add a USER for runtime.
      const idx = final.instructions.indexOf(ins);
      const runAfter = idx >= 0 && final.instructions.slice(idx + 1).some((x) => x.getKeyword() === 'RUN');
      const fix =
        idx >= 0 && !runAfter
          ? plannedFix('suggest', `Run as "${suggested}" instead of root`, () => [{ range: arg, newText: suggested }])
          : plannedFix('suggest', `Add "USER ${suggested}" before the container starts`, () => [insertRuntimeInstruction(model, final, `${kwCase(final.from.getInstruction(), 'USER')} ${suggested}`, idx)]);
      return [
        {
          range: arg,
          message: `USER "${written}"${resolvedNote} ${where}: a compromised process gets root inside the container and an easier path to the host.`,
          lazyFixes: fix,
        },
      ];
    }

    // No USER anywhere in the final stage's chain: the base image's user applies.
    const img = final.image;
    const shown = img.stage ? `stage "${img.text}" built on "${baseStage(final).image.resolved}"` : `"${img.resolved ?? img.text}"`;
    const suggested = fallback;
    const out: Finding = {
      range: img.range,
      message: `The final stage sets no USER, so it runs as root (the default of ${shown}): a compromised process gets root inside the container and an easier path to the host.`,
      lazyFixes: plannedFix('suggest', `Add "USER ${suggested}" before the container starts`, () => [insertRuntimeInstruction(model, final, `${kwCase(final.from.getInstruction(), 'USER')} ${suggested}`)]),
    };
    return [out];
  },
};

/** The last non-root USER (as written, resolved) set before `before` in the final stage's chain. */
function earlierNonRootUser(model: DockerfileModel, final: DockerStage, before: Instruction): string | undefined {
  let found: string | undefined;
  for (const s of stageChain(final).reverse()) {
    for (const ins of s.instructions) {
      if (ins === before) return found;
      if (ins.getKeyword() !== 'USER') continue;
      const written = ins.getArguments().map((a) => a.getValue()).join(' ');
      const v = resolveInStage(model, s, ins, written);
      if (v !== undefined && v.trim() !== '' && !isRootUser(v)) found = written;
    }
  }
  return found;
}

/** Writes a new keyword in the file's casing (lower-case files get `user`). */
function kwCase(sample: string, keyword: string): string {
  return sample === sample.toLowerCase() ? keyword.toLowerCase() : keyword;
}
