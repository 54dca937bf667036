// Diagnostics per open document, keyed by (version, config epoch): a document is linted at most
// once per version until settings or a config file change (which bumps the epoch). A re-lint
// whose items equal the previous report's keeps its result id, so a re-pull with nothing changed
// answers "unchanged".
import { randomBytes } from 'node:crypto';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { sameDiagnostics } from './json-equal';

export interface Report {
  resultId: string;
  items: LspDiagnostic[];
}

interface Entry extends Report {
  version: number;
  epoch: number;
  /** A file it depends on changed: kept only to compare the next report with. */
  stale: boolean;
}

// Result ids are a per-process tag plus a counter rather than a hash of the items: hashing the
// JSON of every report was a measurable part of each keystroke; a re-lint whose items are equal
// (an edit that changed no finding) keeps the previous id. The random tag keeps an id a
// client remembers from an earlier server process from matching one of this process.
const PROCESS_TAG = randomBytes(9).toString('base64url');
let issued = 0;

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
    return e && !e.stale && e.version === version && e.epoch === epoch ? e : undefined;
  }

  set(uri: string, version: number, epoch: number, items: LspDiagnostic[]): Report {
    const prev = this.entries.get(uri);
    const resultId = prev && sameDiagnostics(prev.items, items) ? prev.resultId : `${PROCESS_TAG}.${(++issued).toString(36)}`;
    const e: Entry = { resultId, items, version, epoch, stale: false };
    this.entries.set(uri, e);
    return e;
  }

  /** Marks a document's report out of date (a file it depends on changed); what was pushed is kept for comparison. */
  invalidate(uri: string): void {
    const e = this.entries.get(uri);
    if (e) e.stale = true;
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
