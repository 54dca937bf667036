// The suite's side of the probe extension (test/e2e/probe/extension.ts): requests and answers as
// JSON files in the probe folder, and waits on the VS Code API's view of things.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from './procs';

export interface ProbeDiagnostic {
  source?: string;
  code?: string | number;
  target?: string;
  severity: number;
  message: string;
  range: [number, number, number, number];
}

export interface Snapshot {
  vscodeVersion: string;
  rampart: { installed: boolean; active: boolean };
  diagnostics: Array<{ uri: string; path: string; items: ProbeDiagnostic[] }>;
  documents: Array<{ path: string; languageId: string; isDirty: boolean; version: number; lineCount: number }>;
  visible: string[];
  active?: string;
}

export interface ProbeCodeActions {
  rule: string;
  range: [number, number, number, number];
  actions: Array<{ title: string; kind?: string; isPreferred: boolean; hasEdit: boolean }>;
}

export class Probe {
  private next = 1;
  last: Snapshot | undefined;

  constructor(readonly dir: string) {}

  async ready(ms: number): Promise<{ pid: number; vscodeVersion: string }> {
    const file = join(this.dir, 'ready.json');
    if (!(await pollUntil(() => existsSync(file), ms, 100))) throw new Error(`the probe extension did not start within ${ms / 1000} s`);
    return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; vscodeVersion: string };
  }

  async request<T>(cmd: string, args: Record<string, unknown> = {}, ms = 30_000): Promise<T> {
    const id = `${process.pid}-${this.next++}`;
    const tmp = join(this.dir, `.req-${id}.tmp`);
    writeFileSync(tmp, JSON.stringify({ cmd, args }));
    renameSync(tmp, join(this.dir, `req-${id}.json`));
    const res = join(this.dir, `res-${id}.json`);
    if (!(await pollUntil(() => existsSync(res), ms, 50))) throw new Error(`probe: no answer to ${cmd} within ${ms / 1000} s`);
    const answer = JSON.parse(readFileSync(res, 'utf8')) as { ok: boolean; result?: T; error?: string };
    if (!answer.ok) throw new Error(`probe ${cmd}: ${answer.error}`);
    return answer.result as T;
  }

  async snapshot(): Promise<Snapshot> {
    this.last = await this.request<Snapshot>('snapshot');
    return this.last;
  }

  /** Polls snapshots until `pred` holds; the error names `what` and shows the last snapshot. */
  async waitFor(what: string, pred: (s: Snapshot) => boolean, ms: number): Promise<Snapshot> {
    let last: Snapshot | undefined;
    const ok = await pollUntil(async () => pred((last = await this.snapshot())), ms, 150);
    if (!ok || !last) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}; VS Code reports: ${JSON.stringify(last?.diagnostics ?? null)}`);
    return last;
  }

  /** Rampart's diagnostics of one file, as VS Code reports them. */
  static rampart(s: Snapshot, path: string): ProbeDiagnostic[] {
    return (s.diagnostics.find((d) => d.path === path)?.items ?? []).filter((d) => d.source === 'rampart');
  }
}
