// A test stand-in for VS Code's workspace pull: keeps the result id and diagnostics of every
// file like vscode-languageclient does (full reports replace, unchanged reports keep), sends
// `workspace/diagnostic` with all known result ids and a partial result token, and applies the
// streamed batches as they arrive.
import { relative } from 'node:path';
import {
  CancellationTokenSource,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
} from 'vscode-languageserver-protocol/node';
import { URI } from '../../server/src/lsp/uri';
import { withTimeout, type TestServer } from './harness';

export interface Pull {
  /** Every report of this answer (streamed batches and the final result), in order. */
  reports: WorkspaceDocumentDiagnosticReport[];
  /** How many partial result batches arrived. */
  batches: number;
}

let nextToken = 0;

export class WorkspaceClient {
  readonly ids = new Map<string, string>();
  readonly diagnostics = new Map<string, Diagnostic[]>();

  constructor(readonly s: TestServer) {}

  /** Starts one request; `result` settles when the server answers (or fails). */
  start(options: { partial?: boolean } = {}): { result: Promise<Pull>; cancel: () => void } {
    const partial = options.partial ?? true;
    const source = new CancellationTokenSource();
    const token = `ws-${++nextToken}`;
    const pull: Pull = { reports: [], batches: 0 };
    const sub = partial
      ? this.s.client.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (p: WorkspaceDiagnosticReportPartialResult) => {
          pull.batches++;
          this.apply(p.items, pull);
        })
      : undefined;
    const result = this.s.client
      .sendRequest(
        WorkspaceDiagnosticRequest.type,
        { previousResultIds: [...this.ids].map(([uri, value]) => ({ uri, value })), ...(partial ? { partialResultToken: token } : {}) },
        source.token,
      )
      .then((r) => {
        this.apply(r.items, pull);
        return pull;
      })
      .finally(() => sub?.dispose());
    return { result, cancel: () => source.cancel() };
  }

  /** One request, awaited. */
  pull(options: { partial?: boolean } = {}): Promise<Pull> {
    return withTimeout(this.start(options).result, 'workspace/diagnostic');
  }

  private apply(items: WorkspaceDocumentDiagnosticReport[], pull: Pull): void {
    for (const r of items) {
      pull.reports.push(r);
      if (r.kind === 'full') {
        this.diagnostics.set(r.uri, r.items);
        if (r.resultId) this.ids.set(r.uri, r.resultId);
        else this.ids.delete(r.uri);
      } else this.ids.set(r.uri, r.resultId);
    }
  }

  /** Files (relative to the test folder) the client shows problems for, sorted. */
  withProblems(): string[] {
    return [...this.diagnostics]
      .filter(([, items]) => items.length > 0)
      .map(([uri]) => this.rel(uri))
      .sort();
  }

  /** Rule ids shown for one file (relative path), sorted. */
  rules(rel: string): string[] {
    return (this.diagnostics.get(this.s.uri(rel)) ?? []).map((d) => String(d.code)).sort();
  }

  rel(uri: string): string {
    return relative(this.s.dir, URI.toPath(uri)!).replace(/\\/g, '/');
  }
}

/** Relative paths of the full reports in a pull, with their item counts: `path:count`. */
export function fullReports(c: WorkspaceClient, pull: Pull): string[] {
  return pull.reports
    .filter((r) => r.kind === 'full')
    .map((r) => `${c.rel(r.uri)}:${(r as { items: unknown[] }).items.length}`)
    .sort();
}

export function unchangedReports(c: WorkspaceClient, pull: Pull): string[] {
  return pull.reports
    .filter((r) => r.kind === 'unchanged')
    .map((r) => c.rel(r.uri))
    .sort();
}

/** True when the promise has not settled after `ms` (a long-poll still waiting). */
export async function stillPending(p: Promise<unknown>, ms = 300): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setTimeout(r, ms));
  return !settled;
}
