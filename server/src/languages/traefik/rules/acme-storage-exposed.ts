import { defineMeta } from '../../../engine/meta';
import type { Finding, RelatedLocation, RuleContext } from '../../../engine/types';
import { child, match, textOf, type TSource } from '../model';
import { mountedHostPath, normalisePath, type TraefikService } from '../compose';
import { dirOf, gitIgnoreVerdict, nearbyCompose } from '../workspace';
import type { TraefikView } from '../view';
import type { TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/acme-storage-exposed',
  language: 'traefik',
  title: 'ACME certificate storage exposed',
  description:
    'The ACME storage file (`acme.json`, which holds the private key of every certificate Traefik obtained) is in the workspace and `.gitignore` does not ignore it, or its mode lets group or other users read it.',
  severity: 'error',
  fix: 'none',
  sources: ['M: "Certificate stored in /opt/mist/letsencrypt/acme.json" … "Should show: -rw------- (600 permissions)"', 'M: "No secrets committed to Git repositories"', 'Traefik ACME local store: refuses a storage file whose mode is not 600'],
  tags: ['security', 'CWE-312', 'CWE-732', 'CWE-538'],
  securitySeverity: '7.5',
});

/** Traefik's working directory in the official image: relative storage paths start here. */
const WORKDIR = '/';

interface Candidate {
  host: string;
  related?: RelatedLocation;
}

/** The workspace path a container path is bind-mounted from, by the most specific mount. */
function throughMounts(t: TraefikService, containerPath: string, composePath: string, sameFile: boolean): Candidate | undefined {
  const m = mountedHostPath(t, containerPath, composePath);
  if (!m) return undefined;
  return {
    host: m.host,
    related: { ...(sameFile ? {} : { path: composePath }), range: m.range, message: `Service "${t.name}" mounts it from the workspace here` },
  };
}

function candidates(view: TraefikView, ctx: RuleContext, src: TSource, storage: string): Candidate[] {
  const inContainer = storage.startsWith('/') ? storage : normalisePath(`${WORKDIR}/${storage}`);
  if (view.host === 'compose') {
    const t = view.services.find((s) => s.name === src.service);
    const c = t && throughMounts(t, inContainer, view.path, true);
    return c ? [c] : [];
  }
  const out: Candidate[] = [];
  const composes = nearbyCompose(ctx);
  const services = composes.flatMap((c) => c.traefik.services.map((t) => ({ t, path: c.path })));
  const mine = services.filter((s) => s.t.configFile?.hostPath === view.path);
  for (const s of mine.length > 0 ? mine : services) {
    const c = throughMounts(s.t, inContainer, s.path, false);
    if (c) out.push(c);
  }
  if (services.length === 0) {
    // Traefik run outside a container: a relative path is relative to where it runs, usually
    // beside its configuration.
    out.push({ host: storage.startsWith('/') ? normalisePath(storage) : normalisePath(`${dirOf(view.path)}/${storage}`) });
  }
  return out;
}

function relative(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return [...Array(up).fill('..'), ...b.slice(i)].join('/') || '.';
}

export const acmeStorageExposed: TraefikRule = {
  meta,
  check(view, ctx) {
    const out: Finding[] = [];
    for (const src of view.staticSources) {
      for (const m of match(src.root, ['certificatesresolvers', '*', 'acme'])) {
        const storageField = child(m.field.node, 'storage');
        const storage = storageField ? textOf(storageField) : 'acme.json';
        if (!storage) continue;
        for (const c of candidates(view, ctx, src, storage)) {
          if (!ctx.workspace.exists(c.host)) continue;
          const notIgnored = gitIgnoreVerdict(c.host, ctx.workspace) === 'not-ignored';
          const mode = ctx.workspace.mode?.(c.host);
          const loose = mode !== undefined && (mode & 0o077) !== 0;
          if (!notIgnored && !loose) continue;
          const rel = relative(dirOf(view.path), c.host);
          const problem =
            notIgnored && loose
              ? 'which .gitignore does not ignore and whose permissions are wider than 600'
              : notIgnored
                ? 'which .gitignore does not ignore'
                : 'whose permissions are wider than 600';
          const tail = loose ? ', and other users of the host can read it (Traefik itself refuses a storage file that is not 600)' : ', so one commit publishes them';
          out.push({
            range: storageField ? (storageField.node.kind === 'scalar' ? storageField.node.range : storageField.keyRange) : m.field.keyRange,
            message: `ACME storage of resolver "${m.names[0]}"${view.where(src)} is the workspace file ${rel}, ${problem}: it holds the private key of every certificate Traefik obtained${tail}.`,
            related: c.related ? [c.related] : [],
          });
          break;
        }
      }
    }
    return out;
  },
};
