import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';
import { commandWords, programName, type ShellCommand } from '../shell';
import { imageFacts, sdkImage } from '../images';

export const meta = defineMeta({
  id: 'dockerfile/single-stage-sdk',
  language: 'dockerfile',
  title: 'Single-stage build on an SDK image',
  description:
    'The only stage builds on a compiler/SDK image (golang, rust, maven, gradle, the .NET SDK, a JDK, or node with a build step), so the toolchain, build caches and sources ship with the application. A multi-stage build copies only the result into a slim runtime image.',
  severity: 'info',
  profile: 'strict',
  fix: 'none',
  sources: ['M: "Use multi-stage builds to reduce attack surface"', 'H: "Dockerfile uses multi-stage builds for smaller attack surface"'],
  peers: [],
  tags: ['security', 'CWE-1104'],
  securitySeverity: '2.0',
});

/** The build step a command runs (`npm run build`, `tsc` …), or undefined. */
export function nodeBuildStep(cmd: ShellCommand): string | undefined {
  const w = commandWords(cmd);
  const prog = programName(w[0]);
  const args = w.slice(1).map((x) => x.value).filter((v) => !v.startsWith('-'));
  if (prog === 'tsc') return 'tsc';
  if (prog === 'npx' && args[0] === 'tsc') return 'npx tsc';
  if (prog === 'npm' && (args[0] === 'run' || args[0] === 'run-script') && args[1] === 'build') return 'npm run build';
  if ((prog === 'yarn' || prog === 'pnpm') && (args[0] === 'build' || (args[0] === 'run' && args[1] === 'build'))) return `${prog} ${args[0] === 'run' ? 'run build' : 'build'}`;
  return undefined;
}

export const singleStageSdk: Rule<DockerfileModel> = {
  meta,
  check(model) {
    if (model.stages.length !== 1) return [];
    const stage = model.stages[0]!;
    const f = imageFacts(stage.image);
    if (!f) return [];
    const img = stage.image;
    const shown = img.resolved ?? img.text;
    const sdk = sdkImage(f);
    if (sdk) {
      return [
        {
          range: img.range,
          message: `The only stage builds on "${shown}", which ships ${sdk}: the compiler, build caches and sources stay in the runtime image and widen its attack surface.`,
        },
      ];
    }
    if (f.repo !== 'node') return [];
    for (const run of model.runs) {
      for (const script of run.scripts) {
        for (const cmd of script.commands) {
          const step = nodeBuildStep(cmd);
          if (!step) continue;
          const out: Finding = {
            range: img.range,
            message: `The only stage builds on "${shown}" and runs a build step (${step}): dev dependencies, sources and build tools stay in the runtime image and widen its attack surface.`,
          };
          return [out];
        }
      }
    }
    return [];
  },
};
