// code-server (VS Code 1.139 for the web) in a fresh profile: settings, the two extensions
// installed from their .vsix files, and a server on a free 127.0.0.1 port. Every folder it
// writes to (user data, extensions, XDG, HOME) is inside the run folder.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { CODE_SERVER_ENTRY, NODE24, ensureDir } from './env';
import { CHILD_MARK, CHILD_MARK_VAR, pollUntil, spawnTracked, stopTracked, type Tracked } from './procs';

const execFileP = promisify(execFile);

/** A quiet, deterministic fresh profile (see shared notes on real clients). */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'workbench.layoutControl.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.cursorBlinking': 'solid',
  'editor.hover.delay': 300,
  'editor.fontSize': 14,
  // Only matters once the server scans the workspace (the never-opened fixture's check).
  'rampart.diagnosticMode': 'workspace',
};

export interface CodeServer {
  url: string;
  proc: Tracked;
  logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerDirs {
  root: string;
  userData: string;
  extensions: string;
  config: string;
}

export function codeServerDirs(root: string): CodeServerDirs {
  return { root, userData: join(root, 'data'), extensions: join(root, 'extensions'), config: join(root, 'config.yaml') };
}

export function codeServerEnv(dirs: CodeServerDirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}`,
    HOME: ensureDir(join(dirs.root, 'home')),
    XDG_CONFIG_HOME: ensureDir(join(dirs.root, 'xdg', 'config')),
    XDG_DATA_HOME: ensureDir(join(dirs.root, 'xdg', 'data')),
    XDG_CACHE_HOME: ensureDir(join(dirs.root, 'xdg', 'cache')),
    // No marketplace: a gallery on a closed loopback port, so nothing leaves 127.0.0.1.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/items',
      resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}',
    }),
    [CHILD_MARK_VAR]: CHILD_MARK,
    ...extra,
  };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'NODE_OPTIONS' || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
}

function baseArgs(dirs: CodeServerDirs): string[] {
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', dirs.config];
}

/** Writes the profile and installs the .vsix files into it with code-server's own CLI. */
export async function prepareProfile(dirs: CodeServerDirs, vsixes: string[], env: NodeJS.ProcessEnv): Promise<string> {
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const args = [CODE_SERVER_ENTRY, ...baseArgs(dirs), ...vsixes.flatMap((v) => ['--install-extension', v])];
  const { stdout, stderr } = await execFileP(NODE24, args, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  const out = stdout + stderr;
  const installed = (out.match(/was successfully installed/g) ?? []).length;
  if (installed !== vsixes.length) throw new Error(`code-server --install-extension installed ${installed} of ${vsixes.length}:\n${out}`);
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${url}/healthz`, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Starts code-server on a free loopback port; tries another port if that one was taken meanwhile. */
export async function startCodeServer(dirs: CodeServerDirs, env: NodeJS.ProcessEnv, logFile: string): Promise<CodeServer> {
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const proc = spawnTracked('code-server', NODE24, [
      CODE_SERVER_ENTRY,
      ...baseArgs(dirs),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--reconnection-grace-time', '5',
    ], { env, cwd: dirs.root, logFile });
    let exited = false;
    void proc.exited.then(() => (exited = true));
    const up = await pollUntil(async () => exited || (await healthy(url)), 60_000, 200);
    if (up && !exited) return { url, proc, logFile, stop: () => stopTracked(proc) };
    lastError = exited ? `code-server exited:\n${proc.output().slice(-3000)}` : `code-server not healthy within 60 s:\n${proc.output().slice(-3000)}`;
    await stopTracked(proc);
    if (!/EADDRINUSE/.test(proc.output())) break;
  }
  throw new Error(lastError);
}
