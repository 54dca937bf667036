import { defineMeta } from '../../../engine/meta';
import type { Finding, LazyFixes, RelatedLocation, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import { exactSource, subRange, type ServiceView, type Value } from '../view';
import { planServiceKey } from '../edits';
import { projectView, serviceDockerfile } from '../project';
import { isRootUser, stageRunsAsRoot } from '../../dockerfile/model';
import { dockerfileRelated, dockerfileWhere } from './dockerfile-refs';
import { fromBaseFile, originRelated, provenanceNote } from './shared';

export const meta = defineMeta({
  id: 'compose/user-root',
  language: 'compose',
  title: 'Service runs as root',
  description:
    'The service sets `user: root` (or uid 0), or sets no user while the Dockerfile it builds runs as root in its final (or `target`) stage. A compromised process then has root inside the container and a shorter path to the host.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['M: "Run as non-root user"', 'H: "Production stage runs as non-root user"', 'H: "Non-root user execution verified"', 'compose-lint CL-0018'],
  peers: ['CL-0018'],
  tags: ['security', 'CWE-250', 'CWE-269'],
  securitySeverity: '6.5',
});

const USER = '"10001:10001"';
const CONSEQUENCE = 'a compromised process gets root inside the container and an easier path to the host.';

export const userRoot: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const user = svc.user;
      if (user) {
        if (user.text === undefined || user.text.trim() === '' || !isRootUser(user.text)) continue;
        if (user.file !== undefined) {
          // Written in another file (override, extends base, include): that file reports it, and
          // this one at the `extends` key of a service that inherits it from there. The
          // service's own user wins over its base's.
          const b = fromBaseFile(svc, user);
          if (b) out.push({ range: b.range, message: `Service "${svc.name}" sets user "${user.text.trim()}"${b.note}, which runs it as root: ${CONSEQUENCE}`, related: b.related, lazyFixes: insertFix(model, svc) });
          continue;
        }
        out.push({
          range: user.range,
          message: `Service "${svc.name}" sets user "${user.text.trim()}"${provenanceNote(user)}, which runs it as root: ${CONSEQUENCE}`,
          related: originRelated(svc.name, user),
          lazyFixes: replaceFix(model, svc, user),
        });
        continue;
      }
      // No user: the image decides. Judged where the service's base definition is.
      if (!svc.judgedHere) continue;
      const image = serviceDockerfile(svc, ctx);
      if (image.kind !== 'dockerfile') continue;
      const verdict = stageRunsAsRoot(image.model, image.stage);
      if (!verdict) continue;
      const where = dockerfileWhere(image, model.path);
      const why =
        verdict.kind === 'user'
          ? `${where} runs as USER "${verdict.written}"${verdict.value.trim() !== verdict.written.trim() ? ` (resolves to "${verdict.value.trim()}")` : ''}`
          : `${where} sets no USER, so it runs as root (the default of "${verdict.base.image.resolved ?? verdict.base.image.text}")`;
      const related: RelatedLocation[] = dockerfileRelated(
        image,
        verdict.kind === 'user' ? verdict.range : image.stage.image.range,
        verdict.kind === 'user' ? `USER "${verdict.written}" is in effect here` : 'No USER is set in this stage or the stages it is built FROM',
      );
      out.push({
        range: svc.keyRange,
        message: `Service "${svc.name}" sets no user, and ${why}: ${CONSEQUENCE}`,
        related,
        lazyFixes: insertFix(model, svc),
      });
    }
    return out;
  },
};

function insertFix(model: ComposeModel, svc: ServiceView): LazyFixes | undefined {
  const def = svc.service.localDefinition;
  const edit = def && !def.aliasSite ? planServiceKey(model, def, 'user', () => ({ lines: [], inline: USER, flowValue: USER })) : undefined;
  return edit && { best: 'suggest', make: () => [{ title: `Run service "${svc.name}" as user ${USER}`, kind: 'suggest', edits: [edit()] }] };
}

function replaceFix(model: ComposeModel, svc: ServiceView, v: Value): LazyFixes | undefined {
  const entry = svc.entry('user');
  const own = v.via.length === 0 && !v.layer?.inherited;
  if (own && entry) {
    // `${APP_USER:-root}`: change the default that supplies the value, keep the variable.
    const raw = v.raw ?? '';
    const dflt = [...v.iv.vars].reverse().find((u) => u.from === 'default' && u.defaultStart !== undefined && !raw.slice(u.defaultStart, u.defaultEnd).includes('$'));
    if (dflt && v.iv.vars.every((u) => u.from === 'default') && exactSource(v.node)) {
      return {
        best: 'suggest',
        make: () => [{ title: `Change the default of \${${dflt.name}} to 10001:10001 in service "${svc.name}"`, kind: 'suggest', edits: [{ range: subRange(model, v.node, dflt.defaultStart!, dflt.defaultEnd!).range, newText: '10001:10001' }] }],
      };
    }
    if (v.iv.vars.length > 0) return undefined;
    return { best: 'suggest', make: () => [{ title: `Run service "${svc.name}" as user ${USER}`, kind: 'suggest', edits: [{ range: entry.aliasRange ?? v.range, newText: USER }] }] };
  }
  // From an anchor or an `extends` base shared with other services: this service's own key wins.
  return insertFix(model, svc);
}
