// Files that other files give a language and hints: a compose service's `build.dockerfile:
// docker/app.build` is a Dockerfile whatever its name, built with the compose file's context.
// Discovery (CLI, workspace scan), the CLI's explicit files and the language server share this.
import type { Language, RelatedFile, RuleContext, WorkspaceView } from './types';
import type { RampartConfig } from './config';
import { ParseCache, pluginFor } from './lint';
import { detectLanguage } from './detect';
import { stripBom } from './text';
import { composeFilesNear } from '../languages/compose/project';

/** The files a document names, from its language plugin's `relatedFiles` ([] when it names none or fails). */
export function relatedFilesOf(path: string, text: string, language: Language, workspace: WorkspaceView, config: RampartConfig, cache?: ParseCache): RelatedFile[] {
  const plugin = pluginFor(language);
  if (!plugin?.relatedFiles) return [];
  try {
    let parsed = cache?.get(path, text, language);
    if (!parsed) {
      parsed = plugin.parse(text, path);
      cache?.set(path, text, language, parsed);
    }
    const ctx: RuleContext = { path, workspace, settings: { nginxVersion: config.nginxVersion, traefikVersion: config.traefikVersion } };
    return plugin.relatedFiles(parsed, ctx);
  } catch {
    // A hint is a convenience: a file that cannot be read for one gives none.
    return [];
  }
}

export interface HintSources {
  workspace: WorkspaceView;
  configFor(path: string): RampartConfig;
  cache?: ParseCache;
  /** Files to ask first (the language server's open compose documents). */
  sources?: Iterable<string>;
}

/**
 * What the files that may name `path` say about it: `sources`, then the compose files in its
 * folder and the folders above it. Undefined when none names it.
 */
export function hintFor(path: string, o: HintSources): RelatedFile | undefined {
  const seen = new Set<string>();
  const candidates = [...(o.sources ?? []), ...composeFilesNear(path, (p) => o.workspace.exists(p))];
  for (const src of candidates) {
    if (src === path || seen.has(src)) continue;
    seen.add(src);
    const raw = o.workspace.readFile(src);
    if (raw === undefined) continue;
    const text = stripBom(raw).text;
    const config = o.configFor(src);
    const language = detectLanguage(src, text, config);
    if (!language) continue;
    const hit = relatedFilesOf(src, text, language, o.workspace, config, o.cache).find((r) => r.path === path);
    if (hit) return hit;
  }
  return undefined;
}
