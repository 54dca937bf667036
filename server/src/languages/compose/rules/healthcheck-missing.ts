import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, RelatedLocation, Rule, TextEdit } from '../../../engine/types';
import type { ComposeModel } from '../model';
import type { HealthcheckSpec, ServiceView } from '../view';
import { inFile, planServiceKey } from '../edits';
import { projectView, serviceDockerfile, type ServiceImage } from '../project';
import { baseStage, stageExposedPort, stageHealthcheck } from '../../dockerfile/model';
import { imageFacts, repositoryOf, type ImageFacts } from '../../dockerfile/images';
import { healthcheckTemplate } from '../../dockerfile/rules/healthcheck-missing';
import { dockerfileRelated, dockerfileWhere } from './dockerfile-refs';
import { fromBaseFile, originRelated, provenanceNote } from './shared';

export const meta = defineMeta({
  id: 'compose/healthcheck-missing',
  language: 'compose',
  title: 'Service has no healthcheck',
  description:
    'A service with no `healthcheck` (or one turned off with `disable: true` or `test: ["NONE"]`) whose image, when built from the workspace, has no HEALTHCHECK either. Docker cannot tell a hung container from a healthy one, and `depends_on: condition: service_healthy` cannot wait for it.',
  severity: 'info',
  fix: 'suggest',
  sources: ['H: "Health checks implemented for all services"', 'KICS: Healthcheck Not Set (698ed579)'],
  tags: ['security', 'availability', 'CWE-693'],
  securitySeverity: '2.0',
});

const CONSEQUENCE = 'Docker cannot tell a hung container from a healthy one.';

export const healthcheckMissing: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const hc = svc.healthcheck;
      if (hc?.disabled) {
        // Turned off: reported where that is written (this file, or the file that does it).
        const by = hc.disabledBy;
        // Another file's setting: that file reports it, and this one at the `extends` key of a
        // service that inherits it from there.
        const base = by && by.file !== undefined ? fromBaseFile(svc, by) : undefined;
        if (!by || (by.file !== undefined && !base)) continue;
        const image = serviceDockerfile(svc, ctx);
        const dockerHc = image.kind === 'dockerfile' ? stageHealthcheck(image.stage) : undefined;
        const what = by.raw?.toUpperCase() !== 'NONE' ? `disable: ${by.raw}` : hc.test?.kind === 'seq' ? `test: ["${by.raw}"]` : `test: ${by.raw}`;
        const also = dockerHc && !dockerHc.none && image.kind === 'dockerfile' ? `, which also turns off the HEALTHCHECK of ${dockerfileWhere(image, model.path)}` : '';
        out.push({
          range: base ? base.range : by.range,
          message: `Service "${svc.name}" turns its health check off (${what}${(base ? base.note : provenanceNote(by)).replace(/^ \((.*)\)$/, '; $1')})${also}: ${CONSEQUENCE}`,
          related: base ? base.related : originRelated(svc.name, by),
          lazyFixes: disabledFix(model, svc, hc, image, !!dockerHc && !dockerHc.none),
        });
        continue;
      }
      if (hc?.test) continue;
      // Missing: judged where the service's base definition is.
      if (!svc.judgedHere) continue;
      const image = serviceDockerfile(svc, ctx);
      if (image.kind === 'unknown') continue;
      let related: RelatedLocation[] = [];
      let tail = '';
      if (image.kind === 'dockerfile') {
        const dockerHc = stageHealthcheck(image.stage);
        if (dockerHc && !dockerHc.none) continue; // the image's HEALTHCHECK applies
        const where = dockerfileWhere(image, model.path);
        if (dockerHc) {
          tail = `, and ${where} turns it off with HEALTHCHECK NONE`;
          related = dockerfileRelated(image, dockerHc.ins.getRange(), 'HEALTHCHECK NONE');
        } else {
          tail = `, and ${where} defines no HEALTHCHECK`;
          related = dockerfileRelated(image, image.stage.image.range, 'No HEALTHCHECK in this stage or the stages it is built FROM');
        }
      } else if (hc) {
        continue; // options without a test: the published image's own HEALTHCHECK may supply it
      }
      const head = hc ? `Service "${svc.name}" sets healthcheck options but no test` : `Service "${svc.name}" has no healthcheck`;
      out.push({
        range: svc.keyRange,
        message: `${head}${tail}: ${CONSEQUENCE}`,
        related,
        lazyFixes: hc ? undefined : insertFix(model, svc, image),
      });
    }
    return out;
  },
};

interface Probe {
  command: string;
  probe: string;
}

/** Health commands for well-known images that ship their own client (no HTTP endpoint). */
const SERVICE_PROBES: Record<string, Probe> = {
  postgres: { command: 'pg_isready -U $${POSTGRES_USER:-postgres}', probe: 'runs pg_isready' },
  redis: { command: 'redis-cli ping | grep -q PONG', probe: 'runs redis-cli ping (add -a when the server needs a password)' },
  valkey: { command: 'valkey-cli ping | grep -q PONG', probe: 'runs valkey-cli ping' },
  mysql: { command: 'mysqladmin ping -h 127.0.0.1 --silent', probe: 'runs mysqladmin ping' },
  mariadb: { command: 'healthcheck.sh --connect --innodb_initialized', probe: 'runs the image\'s healthcheck.sh' },
  mongo: { command: `mongosh --quiet --eval "db.adminCommand('ping').ok"`, probe: 'runs a mongosh ping' },
};

/** The probe for a service: a database client for known images, else an HTTP request with a tool the image has. */
function probeFor(svc: ServiceView, image: ServiceImage): Probe | undefined {
  let facts: ImageFacts | undefined;
  let exposed: string | undefined;
  if (image.kind === 'dockerfile') {
    facts = imageFacts(baseStage(image.stage).image);
    exposed = stageExposedPort(image.model, image.stage);
  } else {
    const img = svc.image;
    if (img?.name) facts = { repo: repositoryOf(img.name), tag: (img.tag ?? '').toLowerCase() };
  }
  if (facts) {
    const known = SERVICE_PROBES[facts.repo];
    if (known) return known;
  }
  const port = svc.ports.map((p) => p.target?.text).find((t) => t !== undefined && /^\d{1,5}$/.test(t)) ?? exposed;
  const t = healthcheckTemplate(facts, port);
  return t ? { command: t.command, probe: t.probe } : undefined;
}

function block(model: ComposeModel, command: string, first: string[] = []): { lines: string[]; flowValue: string } {
  const keys = [...first, `test: ${test(command)}`, 'interval: 30s', 'timeout: 5s', 'retries: 3', 'start_period: 10s'];
  return { lines: keys.map((k) => `${model.indent}${k}`), flowValue: `{${keys.join(', ')}}` };
}

function insertFix(model: ComposeModel, svc: ServiceView, image: ServiceImage): LazyFixes | undefined {
  // The probe (read from the image as it is now) decides whether there is a fix.
  const probe = probeFor(svc, image);
  const def = svc.service.localDefinition;
  if (!probe || !def || def.aliasSite) return undefined;
  const edit = planServiceKey(model, def, 'healthcheck', () => block(model, probe.command));
  return edit && { best: 'suggest', make: () => [{ title: `Add a healthcheck to service "${svc.name}" that ${probe.probe}`, kind: 'suggest', edits: [edit()] }] };
}

/**
 * A health check turned off in this service: `test: ["NONE"]` gets a probe as its test;
 * `disable: true` becomes that test (or `disable: false` when a test is written beside it or the
 * Dockerfile has a HEALTHCHECK, which then applies again).
 */
function disabledFix(model: ComposeModel, svc: ServiceView, hc: HealthcheckSpec, image: ServiceImage, imageHasCheck: boolean): LazyFixes | undefined {
  const by = hc.disabledBy;
  // Another file's setting is fixed here only when it is inherited (through `extends`).
  if (!by || (by.file !== undefined && !by.layer?.inherited)) return undefined;
  const title = (probe: Probe) => `Check service "${svc.name}" with a test that ${probe.probe}`;
  const one = (t: string, edit: () => TextEdit): LazyFixes => ({ best: 'suggest', make: () => [{ title: t, kind: 'suggest', edits: [edit()] }] });
  if (by.via.length > 0 || by.layer?.inherited) {
    // From an anchor (a service key replaces a merged one) or an `extends` base (maps merge, so
    // the service's own block also says `disable: false`): give this service its own check.
    const def = svc.service.localDefinition;
    const probe = probeFor(svc, image);
    const written = def?.map?.byKey.get('healthcheck');
    if (!probe || !def || def.aliasSite || (written && written.via.length === 0)) return undefined;
    const edit = planServiceKey(model, def, 'healthcheck', () => block(model, probe.command, by.layer?.inherited ? ['disable: false'] : []));
    return edit && one(title(probe), edit);
  }
  if (by.raw?.toUpperCase() === 'NONE') {
    const te = hc.testEntry;
    if (!te || te.via.length > 0 || te.def?.inherited || !inFile(model, te.value)) return undefined;
    const probe = probeFor(svc, image);
    if (!probe) return undefined;
    return one(title(probe), () => ({ range: te.aliasRange ?? te.value.range, newText: test(probe.command) }));
  }
  const dis = svc.service.at(['healthcheck', 'disable']);
  if (!dis || dis.via.length > 0 || !inFile(model, dis.value)) return undefined;
  const map = hc.entry.value;
  const ownTest = map.kind === 'map' ? map.byKey.get('test') : undefined;
  if (ownTest || imageHasCheck) return one(`Turn the health check of service "${svc.name}" back on`, () => ({ range: by.range, newText: 'false' }));
  const probe = probeFor(svc, image);
  if (!probe) return undefined;
  return one(title(probe), () => ({ range: { start: dis.keyRange.start, end: by.range.end }, newText: `test: ${test(probe.command)}` }));
}

function test(command: string): string {
  return `["CMD-SHELL", ${JSON.stringify(command)}]`;
}
