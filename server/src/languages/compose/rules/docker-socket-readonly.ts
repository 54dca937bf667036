import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import { projectView } from '../project';
import { isTraefik, mountProvenance, mountRange, socketMounts, traefikAdvice } from './docker-socket';
import { fromBaseFile } from './shared';

export const meta = defineMeta({
  id: 'compose/docker-socket-readonly',
  language: 'compose',
  title: 'Service mounts the Docker socket read-only',
  description:
    'A read-only mount of the Docker, Podman, containerd or CRI-O socket: `:ro` only stops writes to the socket file, the API behind it still accepts every request. Put a socket proxy in between.',
  severity: 'warning',
  fix: 'none',
  sources: [
    'M: "Access to the Docker socket = root-level access to the host system. The user running Mist can: Create privileged containers, Mount host filesystem, Escape container isolation"',
    'compose-lint CL-0001 (":ro" does not help)',
    'KICS: Docker Socket Mounted In Container (d6355c88)',
  ],
  peers: ['CL-0001'],
  tags: ['security', 'CWE-250', 'CWE-668'],
  securitySeverity: '7.0',
  precision: 'very-high',
});

export const dockerSocketReadonly: Rule<ComposeModel> = {
  meta,
  check(model, ctx) {
    const view = projectView(model, ctx);
    const out: Finding[] = [];
    for (const svc of view.services) {
      const advice = isTraefik(svc) ? traefikAdvice(svc) : '; only a socket proxy that filters requests narrows it';
      for (const m of socketMounts(svc)) {
        if (m.volume.readOnly !== true) continue;
        if (m.volume.file !== undefined) {
          const b = fromBaseFile(svc, m.volume);
          if (b) {
            out.push({
              range: b.range,
              message: `Service "${svc.name}" mounts ${m.what} read-only${b.note}, but ":ro" only protects the socket file: the API behind it still accepts every request, including starting a privileged container${advice}.`,
              related: b.related,
            });
          }
          continue;
        }
        const { note, related } = mountProvenance(model, svc, m.volume);
        out.push({
          range: mountRange(m.volume),
          message: `Service "${svc.name}" mounts ${m.what} read-only${note}, but ":ro" only protects the socket file: the API behind it still accepts every request, including starting a privileged container${advice}.`,
          related,
        });
      }
    }
    return out;
  },
};
