// Runs the built `rampart` command (bin/rampart.js → dist/cli.js, built by npm test's esbuild
// step) in a temporary folder, the way CI runs it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../helpers/paths';

export const BIN = join(repoRoot(), 'bin', 'rampart.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function rampart(cwd: string, args: string[], input?: string, env: Record<string, string> = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder (real path, `/` separators) holding `files`. */
export function tempTree(files: Record<string, string | Buffer> = {}): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-cli-'))).replace(/\\/g, '/');
  writeTree(dir, files);
  return dir;
}

export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const LATEST_MSG = (image: string) => `Base image "${image}" uses the "latest" tag: each build may pull a different image. Pin a version.`;
export const ADD_MSG = (src: string) => `ADD copies local "${src}": use COPY, which cannot fetch URLs or unpack archives by surprise.`;
