import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import { aptInstallWord, forEachCommandOfRun, runMemo, type DockerfileModel, type RunInfo } from '../model';
import { effectiveWords } from '../shell';

export const meta = defineMeta({
  id: 'dockerfile/apt-no-install-recommends',
  language: 'dockerfile',
  title: 'apt-get install pulls in recommended packages',
  description:
    'apt-get install without `--no-install-recommends` also installs every "recommended" package: more software in the image, more to patch and more for an attacker to use.',
  severity: 'info',
  fix: 'suggest',
  sources: ['H: "Dockerfile uses multi-stage builds for smaller attack surface"', 'hadolint DL3015', 'Trivy DS-0029'],
  peers: ['DL3015', 'DS-0029', 'DS029', 'AVD-DS-0029'],
  tags: ['security', 'CWE-1104'],
  securitySeverity: '2.0',
});

const OPT_RE = /^(?:-o|--option=)?APT::Install-Recommends=(?:false|0|no)$/i;
const CONF_RE = /APT::Install-Recommends["'\s=]*(?:false|0|no)\b/i;

/** True when a RUN writes `APT::Install-Recommends "false"` into apt's configuration. */
function configuresNoRecommends(run: RunInfo): boolean {
  let found = false;
  forEachCommandOfRun(run, (cmd) => {
    if (!found && cmd.words.some((w) => CONF_RE.test(w.value))) found = true;
  });
  return found;
}

export const aptNoInstallRecommends: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    // Stages (by index) whose apt is configured not to install recommends from some RUN on.
    const configured = new Set<number>();
    const isConfigured = (run: RunInfo) => {
      for (let s = run.stage, guard = 0; s && guard < 1000; s = s.parent, guard++) if (configured.has(s.index)) return true;
      return false;
    };
    for (const run of model.runs) {
      // What the RUN says on its own, memoised while it is unchanged; the stage logic is not.
      const own = runMemo(run, meta.id, () => ({ configures: configuresNoRecommends(run), installs: installFindings(model, run) }));
      if (own.configures && run.stage) configured.add(run.stage.index);
      if (isConfigured(run)) continue;
      for (const f of own.installs) out.push(f);
    }
    return out;
  },
};

/** `apt-get install` without --no-install-recommends in one RUN. */
function installFindings(model: DockerfileModel, run: RunInfo): Finding[] {
  const out: Finding[] = [];
  forEachCommandOfRun(run, (cmd) => {
    const words = effectiveWords(cmd);
    const install = aptInstallWord(words);
    if (!install) return;
    if (words.some((w, k) => w.value === '--no-install-recommends' || OPT_RE.test(w.value) || (w.value === '-o' && OPT_RE.test(words[k + 1]?.value ?? '')))) return;
    out.push({
      range: model.index.rangeOf(words[0]!.start, install.end),
      message: `"${words[0]!.value} ${install.value}" without --no-install-recommends also installs every recommended package: more software in the image to patch and to abuse.`,
      lazyFixes: plannedFix('suggest', 'Add "--no-install-recommends"', () => {
        const at = model.index.positionAt(install.end);
        return [{ range: { start: at, end: at }, newText: ' --no-install-recommends' }];
      }),
    });
  });
  return out;
}
