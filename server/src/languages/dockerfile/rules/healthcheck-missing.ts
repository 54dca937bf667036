import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';
import { baseStage, inheritedWithStage, stageExposedPort, stageHealthcheck } from '../model';
import { imageFacts, isShellLess, type ImageFacts } from '../images';
import { insertRuntimeInstruction } from '../edits';

export const meta = defineMeta({
  id: 'dockerfile/healthcheck-missing',
  language: 'dockerfile',
  title: 'Service image has no HEALTHCHECK',
  description:
    'The final stage starts a service (it sets or inherits CMD/ENTRYPOINT) but defines no HEALTHCHECK, or turns it off with HEALTHCHECK NONE. Docker, Compose and Swarm then cannot tell a hung container from a healthy one.',
  severity: 'info',
  fix: 'suggest',
  sources: ['H: "Health checks implemented for all services"'],
  peers: ['DL3057', 'DS-0026', 'DS026', 'CKV_DOCKER_2'],
  tags: ['security', 'availability', 'CWE-693'],
  securitySeverity: '2.0',
});

const FLAGS = '--interval=30s --timeout=5s --start-period=10s --retries=3';

/** A health probe that works in the image without extra packages, when Rampart knows one. */
export interface HealthcheckTemplate {
  /** The Dockerfile instruction (`HEALTHCHECK --interval=… CMD …`). */
  line: string;
  title: string;
  /** The shell command alone (for a Compose `test: ["CMD-SHELL", …]`). */
  command: string;
  /** What the probe does, for fix titles ("requests http://localhost:3000/health with node (…)"). */
  probe: string;
}

/** A HEALTHCHECK that works in the image without extra packages, when Rampart knows one. */
export function healthcheckTemplate(base: ImageFacts | undefined, port: string | undefined): HealthcheckTemplate | undefined {
  if (!base || isShellLess(base)) return undefined;
  const repo = base.repo.slice(base.repo.lastIndexOf('/') + 1);
  const adjust = 'adjust the URL to your health endpoint';
  const make = (command: string, probe: string): HealthcheckTemplate => ({ line: `HEALTHCHECK ${FLAGS} CMD ${command}`, title: `Add a HEALTHCHECK that ${probe}`, command, probe });
  if (repo === 'node') {
    const url = `http://localhost:${port ?? '3000'}/health`;
    return make(`node -e "require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"`, `requests ${url} with node (${adjust})`);
  }
  if (repo === 'python' || repo === 'pypy') {
    const url = `http://localhost:${port ?? '8000'}/health`;
    return make(`python -c "import urllib.request; urllib.request.urlopen('${url}', timeout=4)" || exit 1`, `requests ${url} with python (${adjust})`);
  }
  const url = `http://localhost:${port ?? '8080'}/health`;
  if (repo === 'alpine' || repo === 'busybox' || base.tag.includes('alpine')) {
    return make(`wget -q --spider ${url} || exit 1`, `requests ${url} with wget (${adjust})`);
  }
  return make(`curl -fsS ${url} || exit 1`, `requests ${url} with curl (needs curl in the image; ${adjust})`);
}

export const healthcheckMissing: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const final = model.finalStage;
    if (!final) return [];
    const start = inheritedWithStage(final, 'CMD') ?? inheritedWithStage(final, 'ENTRYPOINT');
    if (!start) return [];
    const hc = stageHealthcheck(final);
    if (hc && !hc.none) return [];
    const sub = hc?.ins.getArguments()[0];

    const template = healthcheckTemplate(imageFacts(baseStage(final).image), stageExposedPort(model, final));
    const kw = final.from.getInstruction() === final.from.getInstruction().toLowerCase() ? 'healthcheck' : 'HEALTHCHECK';
    const lazy = template
      ? plannedFix('suggest', template.title, () => {
          const line = kw === 'HEALTHCHECK' ? template.line : template.line.replace(/^HEALTHCHECK /, 'healthcheck ').replace(' CMD ', ' cmd ');
          return [hc && hc.stage === final ? { range: hc.ins.getRange(), newText: line } : insertRuntimeInstruction(model, final, line)];
        })
      : undefined;
    const finding: Finding =
      hc && sub
        ? {
            range: sub.getRange(),
            message: `HEALTHCHECK NONE turns off health checking for the service the final stage starts: Docker cannot tell a hung container from a healthy one.`,
            lazyFixes: lazy,
          }
        : {
            range: final.image.range,
            message: `The final stage starts a service with ${start.ins.getKeyword()} but has no HEALTHCHECK: Docker cannot tell a hung container from a healthy one.`,
            lazyFixes: lazy,
          };
    return [finding];
  },
};
