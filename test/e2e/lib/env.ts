// Where the e2e suite keeps things. Everything it installs or writes lives under the git-ignored
// cache folder (.cache/e2e by default): the tools that scripts/e2e/install.sh puts there, the
// packaged extensions (build/), one run folder that each run starts afresh (run/) and the
// screenshots and logs worth keeping (artifacts/).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths';

export const ROOT = repoRoot();
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const CACHE = process.env.RAMPART_E2E_CACHE || join(ROOT, '.cache', 'e2e');
export const BUILD = join(CACHE, 'build');
export const RUN = join(CACHE, 'run');
export const ARTIFACTS = join(CACHE, 'artifacts');
export const NODE24 = join(CACHE, `node-${NODE_VERSION}`, 'bin', 'node');
export const CODE_SERVER_ENTRY = join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const RAMPART_VSIX = join(BUILD, 'rampart.vsix');
export const PROBE_VSIX = join(BUILD, 'rampart-e2e-probe.vsix');
/** The language server as packaged (production bundle of the staged `npm run package`). */
export const SERVER_JS = join(BUILD, 'repo', 'dist', 'server.js');
export const WORKSPACE_FIXTURE = join(ROOT, 'test', 'e2e', 'workspace');
export const CASES_DIR = join(ROOT, 'test', 'e2e', 'cases');
export const DOCS_IMAGES = join(ROOT, 'docs', 'images');
export const CHROMIUM = process.env.RAMPART_E2E_CHROMIUM || '/usr/bin/chromium';
export const NVIM = process.env.RAMPART_E2E_NVIM || 'nvim';

/**
 * Marks every process the suite starts: children inherit the environment, so code-server's
 * extension hosts, the language server, chromium's helpers and nvim's server carry it too.
 * scripts/e2e/run.sh and the teardown look for it to prove nothing is left running.
 */
export const RUN_MARK_VAR = 'RAMPART_E2E_RUN';
export const RUN_MARK = process.env[RUN_MARK_VAR] || `pid${process.pid}`;
process.env[RUN_MARK_VAR] = RUN_MARK;

/** Copies the passing run's screenshots to docs/images (RAMPART_E2E_UPDATE_IMAGES=1). */
export const UPDATE_IMAGES = process.env.RAMPART_E2E_UPDATE_IMAGES === '1';

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A fresh copy of the fixture workspace at `dest`, made a git repository of its own. It lives in
 * the cache folder, which the repository's .gitignore ignores; the workspace scan honours the
 * enclosing work tree's .gitignore files as git does, so without a repository of its own the copy
 * would be ignored whole and never-opened files never reported.
 */
export function copyWorkspace(dest: string): string {
  rmSync(dest, { recursive: true, force: true });
  cpSync(WORKSPACE_FIXTURE, dest, { recursive: true });
  execFileSync('git', ['init', '-q', dest], { stdio: 'ignore' });
  return dest;
}

/** The tools install.sh provides; a clear error when the suite is run without it. */
export function assertInstalled(): void {
  const missing = [NODE24, CODE_SERVER_ENTRY, RAMPART_VSIX, PROBE_VSIX, SERVER_JS].filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run the suite with \`npm run test:e2e\` (scripts/e2e/run.sh installs and packages first)`);
}

interface Manifest {
  contributes?: {
    languages?: Array<{ id?: string }>;
    grammars?: Array<{ language?: string; scopeName?: string; path?: string }>;
  };
}

/** Languages the extension itself contributes (package.json), with their grammar scope if any. */
export function contributedLanguages(): Map<string, { scopeName: string | undefined }> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const out = new Map<string, { scopeName: string | undefined }>();
  for (const l of manifest.contributes?.languages ?? []) {
    if (!l.id) continue;
    const grammar = manifest.contributes?.grammars?.find((g) => g.language === l.id);
    out.set(l.id, { scopeName: grammar?.scopeName });
  }
  return out;
}
