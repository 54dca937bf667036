// Per-edit latency through a real LSP connection: a document of ~100, ~1,000 and ~5,000 lines of
// each language is opened in the spawned server; then, one keystroke at a time, the time from
// sending didChange (one character typed into a comment line in the middle of the file) to the
// answer of the textDocument/diagnostic request the editor sends right after it.
import { performance } from 'node:perf_hooks';
import {
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DocumentDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { generators } from './generate';
import { startServer } from './lsp';
import { fmtMs, percentile } from './measure';
import type { Table } from './table';

/** File name per language: one the language claims (Traefik's dynamic files by content). */
const NAMES: Record<string, { name: string; languageId: string }> = {
  dockerfile: { name: 'Dockerfile', languageId: 'dockerfile' },
  compose: { name: 'compose.yaml', languageId: 'dockercompose' },
  nginx: { name: 'nginx.conf', languageId: 'nginx' },
  traefik: { name: 'dynamic.yml', languageId: 'yaml' },
};

// 600 edits at 1,000 lines: a 95th percentile of 150 was the 8th slowest edit, and moved by a
// millisecond from one run to the next on this 2-core machine.
const SIZES = [
  { lines: 100, edits: 300 },
  { lines: 1000, edits: 600 },
  { lines: 5000, edits: 40 },
];

/** p95 budgets (ms) by language at ~1,000 lines. */
const BUDGETS: Record<string, number> = { dockerfile: 5, compose: 5, traefik: 5, nginx: 10 };

// Warm-up edits before timing: at least this many, and for at least WARMUP_MS, so the server's JIT
// has compiled the keystroke path (a long-running server's steady state, which the budgets are for).
const WARMUP = 15;
const WARMUP_MS = 1000;

export async function editLatency(table: Table, only: (language: string) => boolean): Promise<void> {
  const server = await startServer({ settings: { diagnosticMode: 'openFiles' } });
  try {
    for (const [language, generate] of Object.entries(generators)) {
      if (!only(language)) continue;
      const file = NAMES[language] ?? { name: `file.${language}`, languageId: language };
      for (const size of SIZES) {
        const body = generate(size.lines, 42);
        const lines = body.split('\n');
        // A comment line in the middle of the file to type into (every language uses #).
        const at = Math.floor(lines.length / 2);
        const middle = lines.slice(0, at);
        while (middle.length > 1 && /\\$/.test(middle[middle.length - 1]!)) middle.pop(); // not inside a continuation
        const line = middle.length;
        const text = [...lines.slice(0, line), '# note: ', ...lines.slice(line)].join('\n');
        const uri = `file:///rampart-bench/${language}-${size.lines}/${file.name}`;
        let version = 1;
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: file.languageId, version, text } });
        let resultId: string | undefined;
        const first = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
        const findings = first.kind === 'full' ? first.items.length : 0;
        if (first.kind === 'full') resultId = first.resultId;
        const samples: number[] = [];
        let column = '# note: '.length;
        const warmStart = performance.now();
        let warming = true;
        for (let k = 0; samples.length < size.edits; k++) {
          if (warming && k >= WARMUP && performance.now() - warmStart >= WARMUP_MS) warming = false;
          const ch = String.fromCharCode(97 + (k % 26));
          const t0 = performance.now();
          version++;
          void server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column } }, text: ch }],
          });
          const r = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: resultId });
          const ms = performance.now() - t0;
          if (r.kind === 'full') resultId = r.resultId;
          column++;
          if (!warming) samples.push(ms);
        }
        await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        samples.sort((a, b) => a - b);
        const p50 = percentile(samples, 50);
        const p95 = percentile(samples, 95);
        const budget = size.lines === 1000 ? BUDGETS[language] : undefined;
        table.add({
          measure: 'edit → diagnostics (LSP)',
          subject: `${language}, ${(text.split('\n').length - 1).toLocaleString('en-US')} lines, ${findings} findings`,
          result: `p50 ${fmtMs(p50)} ms, p95 ${fmtMs(p95)} ms`,
          ...(budget !== undefined ? { budget: `p95 < ${budget} ms`, pass: p95 < budget } : {}),
        });
      }
    }
  } finally {
    await server.stop();
  }
}
