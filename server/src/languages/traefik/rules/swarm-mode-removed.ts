import { defineMeta } from '../../../engine/meta';
import type { Finding } from '../../../engine/types';
import { at } from '../model';
import { traefikVersionPhrase } from '../version';
import { statementRange, subject, type TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/swarm-mode-removed',
  language: 'traefik',
  title: 'Docker provider swarmMode set on Traefik v3',
  description:
    '`providers.docker.swarmMode` was removed in Traefik v3, which refuses to start while it is set; Swarm services are read by the separate Swarm provider (`providers.swarm`).',
  severity: 'error',
  fix: 'none',
  sources: ['Traefik migration guide v2 to v3: "Docker & Docker Swarm"', 'Traefik v3 DeprecationLoader: swarmMode is an incompatible option'],
  tags: ['correctness'],
  securitySeverity: '3.0',
  precision: 'very-high',
});

/** v2 options of the Docker provider that moved to the Swarm provider in v3. */
const MOVED: Record<string, string> = { swarmmode: 'providers.swarm', swarmmoderefreshseconds: 'providers.swarm.refreshSeconds' };

export const swarmModeRemoved: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    // Traefik v3 checks every static source for removed options, even one another source overrides.
    for (const src of view.allStaticSources) {
      // Each Traefik service of a compose file by its own image: a v2 service beside a v3 one keeps swarmMode.
      const version = view.versionOf(src);
      if (version.major < 3) continue;
      const docker = at(src.root, ['providers', 'docker']);
      if (!docker || docker.node.kind !== 'map') continue;
      for (const f of docker.node.fields) {
        const moved = MOVED[f.name];
        if (!moved) continue;
        const providers = src.root.byName.get('providers')!;
        out.push({
          range: statementRange(view, f),
          message: `${subject(view, src, [providers, docker, f])} was removed in ${traefikVersionPhrase(version)}: Traefik refuses to start while it is set (Swarm services are read by ${moved} now).`,
        });
      }
    }
    return out;
  },
};
