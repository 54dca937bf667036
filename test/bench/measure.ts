// Measuring helpers for `npm run bench`: percentiles, the load average, and whole-process
// CPU time, wall time and peak RSS of a child process (GNU time when present, else /proc).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = resolve(__dirname, '../../..');
export const CACHE = join(ROOT, '.cache', 'bench');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k]!;
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

export interface ProcessCost {
  /** Seconds of user + system CPU of the whole process (all threads). */
  cpu: number;
  wall: number;
  /** Peak resident set size, MB (undefined when it cannot be measured). */
  peakMb?: number;
  status: number | null;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command to completion and measures it. stdout/stderr of the command are discarded. */
export function measureProcess(cmd: string, args: string[], options: SpawnSyncOptions = {}): ProcessCost {
  if (existsSync(GNU_TIME)) {
    const t0 = performance.now();
    const r = spawnSync(GNU_TIME, ['-f', '@@%U %S %M', cmd, ...args], { ...options, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = (performance.now() - t0) / 1000;
    const line = String(r.stderr ?? '')
      .split('\n')
      .reverse()
      .find((l) => l.startsWith('@@'));
    if (line) {
      const [u, s, m] = line.slice(2).trim().split(/\s+/).map(Number);
      // GNU time exits with the command's status.
      return { cpu: u! + s!, wall, peakMb: m! / 1024, status: r.status };
    }
  }
  // No GNU time: children's CPU from /proc/self/stat (cutime + cstime), no peak RSS.
  const before = childCpu();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { ...options, stdio: 'ignore' });
  const wall = (performance.now() - t0) / 1000;
  const after = childCpu();
  return { cpu: before !== undefined && after !== undefined ? after - before : wall, wall, status: r.status };
}

function childCpu(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: cutime and cstime are fields 16 and 17 (1-based), in clock ticks (100/s on Linux).
    return (Number(f[16 - 3]) + Number(f[17 - 3])) / 100;
  } catch {
    return undefined;
  }
}

/** Resident set size of a process in MB, now (VmRSS) and at its peak (VmHWM), from /proc. */
export function rssOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export function fmtMs(n: number): string {
  return n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0);
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
