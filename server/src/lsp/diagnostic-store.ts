// Diagnostics per open document, keyed by (version, config epoch): a document is linted at most
// once per version until settings or a config file change (which bumps the epoch). The result id
// is a hash of the items, so a re-pull with nothing changed answers "unchanged".
import { createHash } from 'node:crypto';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';

export interface Report {
  resultId: string;
  items: LspDiagnostic[];
}

interface Entry extends Report {
  version: number;
  epoch: number;
}

export class DiagnosticStore {
  private readonly entries = new Map<string, Entry>();
  private readonly pushed = new Map<string, string>();
  private current = 0;

  /** Changes whenever settings or config files change. */
  get epoch(): number {
    return this.current;
  }

  bump(): void {
    this.current++;
  }

  get(uri: string, version: number, epoch: number): Report | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version && e.epoch === epoch ? e : undefined;
  }

  set(uri: string, version: number, epoch: number, items: LspDiagnostic[]): Report {
    const resultId = createHash('sha1').update(JSON.stringify(items)).digest('base64url').slice(0, 22);
    const e: Entry = { resultId, items, version, epoch };
    this.entries.set(uri, e);
    return e;
  }

  /** Drops a document's report (a file it depends on changed); what was pushed is kept for comparison. */
  invalidate(uri: string): void {
    this.entries.delete(uri);
  }

  pushedId(uri: string): string | undefined {
    return this.pushed.get(uri);
  }

  markPushed(uri: string, resultId: string): void {
    this.pushed.set(uri, resultId);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.pushed.delete(uri);
  }
}
