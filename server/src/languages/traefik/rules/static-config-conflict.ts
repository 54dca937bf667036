import { defineMeta } from '../../../engine/meta';
import type { Finding, RelatedLocation } from '../../../engine/types';
import { listWords, type TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/static-config-conflict',
  language: 'traefik',
  title: 'Traefik static configuration given in two places',
  description:
    'A Traefik service mounts a static configuration file and also passes static flags or `TRAEFIK_*` variables (or passes flags and variables): Traefik reads one static source (a file, else flags, else environment) and ignores the others.',
  severity: 'warning',
  fix: 'none',
  sources: ['Traefik docs, configuration overview: the static configuration sources are mutually exclusive', 'Traefik cmd: loaders FileLoader, FlagLoader, EnvLoader (first that finds configuration wins)'],
  tags: ['correctness', 'security'],
  securitySeverity: '3.0',
  precision: 'very-high',
});

/** `its static flag`, `its 3 static flags`. */
function its(n: number, one: string, many: string): string {
  return n === 1 ? `its ${one}` : `its ${n} ${many}`;
}

export const staticConfigConflict: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    for (const t of view.services) {
      const ignored = [t.flags, t.env].filter((s) => s && !s.inEffect);
      if (ignored.length === 0) continue;
      const first = ignored[0]!;
      const parts: string[] = [];
      if (t.flags && !t.flags.inEffect) parts.push(`${its(t.flags.entries ?? 0, 'static flag', 'static flags')} in "command"`);
      if (t.env && !t.env.inEffect) {
        const fromFiles = t.envFileVars.length;
        const inline = (t.env.entries ?? 0) - fromFiles;
        if (inline > 0) parts.push(`${its(inline, 'TRAEFIK_* variable', 'TRAEFIK_* variables')} in "environment"`);
        if (fromFiles > 0) {
          const files = [...new Set(t.envFileVars.map((v) => `"${v.shown}"`))];
          parts.push(`${its(fromFiles, 'TRAEFIK_* variable', 'TRAEFIK_* variables')} from env_file ${listWords(files)}`);
        }
      }
      const related: RelatedLocation[] = [];
      let winner: string;
      if (t.effective === 'file' && t.configFile) {
        const f = t.configFile;
        winner = f.how === 'flag' ? `reads the static configuration file ${f.containerPath} (--configFile)` : `mounts the static configuration file ${f.containerPath}`;
        related.push({ range: f.range, message: `Traefik reads ${f.containerPath} instead` });
      } else {
        winner = 'passes static flags in "command"';
        if (t.commandKey) related.push({ range: t.commandKey, message: 'Traefik reads these flags instead' });
      }
      // Variables of env files are not in this file: show where each is set.
      if (t.env && !t.env.inEffect) for (const v of t.envFileVars) related.push({ path: v.path, range: v.line, message: `${v.name} is ignored` });
      out.push({
        range: first.holder?.keyRange ?? t.keyRange,
        message: `Service "${t.name}" ${winner}, so Traefik ignores ${parts.join(' and ')}: it reads one static source (a file, else flags, else environment), and settings written only in the others have no effect.`,
        related,
      });
    }
    return out;
  },
};
