// What the status item and the scan command show, as plain functions of the server's data (no
// VS Code import, so node --test checks them). status.ts and scan.ts put them on screen.
import type { ScanResult, WorkspaceStatus } from '../../server/src/lsp/workspace-diagnostics';

export type { ScanResult, WorkspaceStatus };

export interface StatusView {
  text: string;
  tooltip: string;
  /** Hidden when there is nothing of Rampart's in the workspace and no scan runs. */
  visible: boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** A status from the server's notification, or undefined when it is malformed. */
export function parseStatus(raw: unknown): WorkspaceStatus | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const n = (k: string) => (typeof r[k] === 'number' && Number.isFinite(r[k]) && (r[k] as number) >= 0 ? (r[k] as number) : 0);
  const mode = r.mode === 'openFiles' ? 'openFiles' : 'workspace';
  return {
    mode,
    scanning: r.scanning === true,
    done: n('done'),
    total: n('total'),
    files: n('files'),
    filesWithProblems: n('filesWithProblems'),
    errors: n('errors'),
    warnings: n('warnings'),
    infos: n('infos'),
  };
}

export function statusView(s: WorkspaceStatus): StatusView {
  const counts = `$(error) ${s.errors.toLocaleString('en-US')} $(warning) ${s.warnings.toLocaleString('en-US')}`;
  const where = s.mode === 'workspace' ? 'in the workspace' : 'in the open files';
  const lines = [
    `Rampart: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info', 'infos')} ${where}`,
    s.mode === 'workspace' ? `${plural(s.filesWithProblems, 'file')} with problems out of ${plural(s.files, 'Rampart file')}` : 'rampart.diagnosticMode is "openFiles": only open files are linted',
  ];
  if (s.scanning) {
    const progress = s.total > 0 ? ` ${s.done.toLocaleString('en-US')}/${s.total.toLocaleString('en-US')}` : '';
    lines.unshift(`Scanning the workspace…${progress}`);
    return { text: `$(sync~spin) Rampart${progress}`, tooltip: [...lines, 'Click to show the output'].join('\n'), visible: true };
  }
  return {
    text: `$(shield) Rampart ${counts}`,
    tooltip: [...lines, 'Click to show the output'].join('\n'),
    visible: s.files > 0 || s.errors + s.warnings + s.infos > 0,
  };
}

/** One line for the output and the closing message of a scan. */
export function scanSummary(r: ScanResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const counts = `${n(r.errors)} errors, ${n(r.warnings)} warnings, ${n(r.infos)} infos in ${n(r.filesWithProblems)} of ${n(r.files)} files`;
  return r.cancelled ? `Scan cancelled after ${n(r.ms)} ms: ${counts} so far.` : `Scanned the workspace in ${n(r.ms)} ms: ${counts}.`;
}
