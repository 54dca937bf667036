// Processes the suite starts, and proof that they are gone. Each child runs in its own process
// group (spawn detached) so that stopping it also stops what it started (code-server's extension
// hosts and the language server they fork, nvim's language server). Every child also carries
// CHILD_MARK in its environment, inherited by its own children whatever group they end up in.
// Chromium starts its helpers (zygote, renderers, GPU) with an environment of its own, so the
// process groups are also written down (GROUPS_FILE): "ours" is anything with the mark or in one
// of those groups. If the test process dies, an exit handler kills what it knows about, and
// scripts/e2e/run.sh does the same from the outside whatever happened.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUN } from './env';

/** The environment variable, and its value for this run, that marks the suite's processes. */
export const CHILD_MARK_VAR = 'RAMPART_E2E_CHILD';
export const CHILD_MARK = process.env.RAMPART_E2E_RUN_ID || `run-${process.pid}-${Date.now()}`;

const groups = new Set<number>();

/** Where the process groups of this run are listed, one per line (read by run.sh). */
export const GROUPS_FILE = process.env.RAMPART_E2E_GROUPS_FILE || join(RUN, `groups-${CHILD_MARK}`);

/** Remembers a process group of ours (its leader's pid). */
export function registerGroup(pgid: number): void {
  groups.add(pgid);
  try {
    mkdirSync(dirname(GROUPS_FILE), { recursive: true });
    appendFileSync(GROUPS_FILE, `${pgid}\n`);
  } catch {
    // The in-memory list still serves the exit handler.
  }
}

function recordedGroups(): Set<number> {
  const out = new Set(groups);
  try {
    for (const l of readFileSync(GROUPS_FILE, 'utf8').split('\n')) if (/^\d+$/.test(l)) out.add(Number(l));
  } catch {
    // none written yet
  }
  return out;
}

export interface Tracked {
  name: string;
  proc: ChildProcess;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** Spawns `cmd` in a new process group with the run mark, teeing its output to `logFile`. */
export function spawnTracked(name: string, cmd: string, args: string[], opts: SpawnOptions & { logFile: string; keepOutput?: boolean }): Tracked {
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const proc = spawn(cmd, args, {
    ...opts,
    env: { ...(opts.env ?? process.env), [CHILD_MARK_VAR]: CHILD_MARK },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${cmd}`);
  const pid = proc.pid;
  registerGroup(pid);
  let out = '';
  const onData = (b: Buffer) => {
    log.write(b);
    if (opts.keepOutput !== false && out.length < 4_000_000) out += b.toString();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
    proc.on('error', () => resolve({ code: null, signal: null }));
  });
  proc.on('close', () => log.end());
  return { name, proc, pid, exited, output: () => out };
}

interface ProcInfo {
  pid: number;
  pgid: number;
  cmd: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command: state ppid pgrp ...
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (rest[0] === 'Z') return undefined; // a zombie is gone, only not yet reaped
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, pgid: Number(rest[2]), cmd };
  } catch {
    return undefined; // exited meanwhile, or not ours to read
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((p) => p !== process.pid);
}

/** Live processes in a process group. */
export function groupMembers(pgid: number): ProcInfo[] {
  return allPids()
    .map(readProc)
    .filter((p): p is ProcInfo => p !== undefined && p.pgid === pgid);
}

/** Live processes of this run: they carry its mark, or they are in one of its process groups. */
export function markedProcesses(): ProcInfo[] {
  const needle = `${CHILD_MARK_VAR}=${CHILD_MARK}`;
  const ours = recordedGroups();
  const out: ProcInfo[] = [];
  for (const pid of allPids()) {
    const info = readProc(pid);
    if (!info) continue;
    let marked = ours.has(info.pgid);
    if (!marked) {
      try {
        marked = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(needle);
      } catch {
        continue;
      }
    }
    if (marked) out.push(info);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every `every` ms until it holds or `ms` pass; returns whether it held. */
export async function pollUntil(cond: () => boolean | Promise<boolean>, ms: number, every = 100): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() >= end) return false;
    await sleep(every);
  }
}

function signalGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    // The group is already empty.
  }
}

/**
 * Stops a tracked child and everything in its process group: SIGTERM, then SIGKILL for what is
 * still there after `graceMs`. Resolves when the group is empty.
 */
export async function stopTracked(t: Tracked, graceMs = 8000): Promise<void> {
  signalGroup(t.pid, 'SIGTERM');
  if (!(await pollUntil(() => groupMembers(t.pid).length === 0, graceMs))) {
    signalGroup(t.pid, 'SIGKILL');
    await pollUntil(() => groupMembers(t.pid).length === 0, 5000);
  }
  await Promise.race([t.exited, sleep(2000)]);
  groups.delete(t.pid);
}

/** Kills whatever still carries the run mark (the last resort of a teardown). */
export async function killMarked(): Promise<ProcInfo[]> {
  const left = markedProcesses();
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  await pollUntil(() => markedProcesses().length === 0, 5000);
  return left;
}

function killAllNow(): void {
  for (const g of recordedGroups()) signalGroup(g, 'SIGKILL');
  for (const p of markedProcesses()) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

// Last line of defence when the test process itself ends early (a crash, a timeout, Ctrl+C).
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    killAllNow();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}
