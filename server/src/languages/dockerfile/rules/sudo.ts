import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import { forEachCommandOfRun, runFindings, type DockerfileModel } from '../model';
import { commandWords, programName } from '../shell';

export const meta = defineMeta({
  id: 'dockerfile/sudo',
  language: 'dockerfile',
  title: 'sudo used in RUN',
  description:
    'A RUN calls sudo. Build steps that need root should run under `USER root`; a sudo that works during the build usually means a sudoers entry that lets the running container regain root.',
  severity: 'warning',
  fix: 'none',
  sources: ['hadolint DL3004', 'Trivy DS-0010', 'Checkov CKV2_DOCKER_1'],
  peers: ['DL3004', 'DS-0010', 'DS010', 'AVD-DS-0010', 'CKV2_DOCKER_1'],
  tags: ['security', 'CWE-250'],
  securitySeverity: '5.0',
});

export const sudo: Rule<DockerfileModel> = {
  meta,
  check(model) {
    // Per RUN, memoised while the RUN is unchanged: the findings read only its commands.
    return runFindings(model, meta.id, (run) => {
      const out: Finding[] = [];
      forEachCommandOfRun(run, (cmd) => {
        // `sudo` as the program (after `VAR=x`, `env`, `exec` …); `apt-get install sudo` names a package.
        const w = commandWords(cmd)[0];
        const p = programName(w);
        if (!w || (p !== 'sudo' && p !== 'doas')) return;
        out.push({
          range: model.index.rangeOf(w.start, w.end),
          message: `RUN calls "${p}": build steps already run as the USER in effect, and a ${p} that works here usually lets the running container regain root.`,
        });
      });
      return out;
    });
  },
};
