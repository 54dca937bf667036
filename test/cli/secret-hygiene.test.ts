// Secret hygiene over every fixture that holds a secret, in every registered language. The list
// of secret literals is built automatically: the text under each Finding.secretRanges, plus every
// credential-shaped value (token prefixes, PEM headers, the password of a `user:pass@` URL) in
// the fixture. None may appear in any output: diagnostic messages, related messages, fix titles
// and edits (Diagnostic.data), code actions, LSP log lines (window/logMessage, showMessage) and
// the spawned server's stderr, the CLI's text, JSON and SARIF reports (stdout, stderr, --output
// files, the input of SARIF fingerprints), the --fix-dry-run diff, and --fix runs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  CodeActionRequest,
  LogMessageNotification,
  ShowMessageNotification,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_CONFIG, mergeConfig, type RampartConfig } from '../../server/src/engine/config';
import { parseConfigFile } from '../../server/src/engine/config-file';
import { lint } from '../../server/src/engine/lint';
import { findCredential } from '../../server/src/engine/secrets';
import { LineIndex } from '../../server/src/engine/text';
import type { Diagnostic, Language } from '../../server/src/engine/types';
import { fingerprintInput } from '../../server/src/cli/format-sarif';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { URI } from '../../server/src/lsp/uri';
import { dockerfilePlugin } from '../../server/src/languages/dockerfile/plugin';
import { defineMeta } from '../../server/src/engine/meta';
import type { Rule } from '../../server/src/engine/types';
import { fixtureSeeds, fuzzLanguages, FIXTURES_DIR } from '../fuzz/targets';
import { TestServer, clientCapabilities, withTimeout } from '../lsp/harness';
import { repoRoot } from '../helpers/paths';
import { rampart, removeTree, tempTree } from './run';

const STRICT = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
const LANGUAGE_IDS: Record<string, string> = { dockerfile: 'dockerfile', compose: 'dockercompose', nginx: 'nginx', traefik: 'yaml' };

interface SecretCase {
  language: Language;
  /** Path relative to test/fixtures, reused under each temporary folder. */
  rel: string;
  text: string;
  secrets: string[];
  config: RampartConfig;
}

function configFor(path: string): RampartConfig {
  const cfg = join(dirname(path), '.rampart.yaml');
  return existsSync(cfg) ? mergeConfig(STRICT, parseConfigFile(readFileSync(cfg, 'utf8'), cfg.replace(/\\/g, '/')).layer) : STRICT;
}

/** Secret spans of a fixture: the rules' secretRanges and every credential-shaped value. */
function secretSpans(text: string, diagnostics: Diagnostic[]): Array<[number, number]> {
  const index = new LineIndex(text);
  const spans: Array<[number, number]> = [];
  for (const d of diagnostics) for (const r of d.secretRanges) spans.push([index.offsetAt(r.start), index.offsetAt(r.end)]);
  for (let l = 0; l < index.lineCount; l++) {
    const line = index.lineText(l);
    const base = index.lineStart(l);
    let from = 0;
    for (let guard = 0; guard < 50; guard++) {
      const c = findCredential(line.slice(from));
      if (!c) break;
      const found = line.slice(from + c.start, from + c.start + c.length);
      const url = /^[a-z][a-z0-9+.\-]*:\/\/[^:@/]*:(.*)@$/i.exec(found);
      // For `scheme://user:password@`, the password is the secret.
      const start = url ? from + c.start + found.length - 1 - url[1]!.length : from + c.start;
      const end = url ? from + c.start + found.length - 1 : from + c.start + c.length;
      spans.push([base + start, base + end]);
      from += c.start + c.length;
    }
  }
  return spans;
}

/**
 * The literals to look for: long enough to be told apart from ordinary words, and found in the
 * fixture only where they are secret (a value that also appears as a service name or an image
 * tag cannot be checked in reports that quote those).
 */
function literals(text: string, spans: Array<[number, number]>): string[] {
  const out = new Set<string>();
  for (const [s, e] of spans) {
    const v = text.slice(s, e);
    if (v.trim().length < 6) continue;
    let ok = true;
    for (let at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) {
      if (!spans.some(([a, b]) => a <= at && at + v.length <= b)) ok = false;
    }
    if (ok) out.add(v);
  }
  return [...out];
}

function secretCases(): SecretCase[] {
  const out: SecretCase[] = [];
  for (const language of fuzzLanguages() as Language[]) {
    for (const seed of fixtureSeeds(language)) {
      const config = configFor(seed.path);
      const r = lint(seed.path, seed.text, { config, workspace: new FsWorkspace(), language })!;
      const secrets = literals(seed.text, secretSpans(seed.text, [...r.diagnostics, ...r.suppressed]));
      if (secrets.length > 0) out.push({ language, rel: relative(FIXTURES_DIR, seed.path).replace(/\\/g, '/'), text: seed.text, secrets, config });
    }
  }
  return out;
}

const CASES = secretCases();

function assertClean(where: string, output: string, cases: SecretCase[] = CASES): void {
  for (const c of cases) {
    for (const s of c.secrets) {
      const escaped = JSON.stringify(s).slice(1, -1);
      assert.ok(!output.includes(s) && !output.includes(escaped), `${where} contains the secret ${JSON.stringify(s.slice(0, 4))}… of ${c.rel}`);
    }
  }
}

/** Writes every case under `dir` at its fixture path (side files are copied along). */
function writeCases(dir: string, cases: SecretCase[]): string[] {
  return cases.map((c) => {
    const p = join(dir, c.rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, c.text);
    for (const side of ['.env', '.rampart.yaml', '.dockerignore']) {
      const src = join(FIXTURES_DIR, dirname(c.rel), side);
      if (existsSync(src)) writeFileSync(join(dirname(p), side), readFileSync(src));
    }
    return p;
  });
}

describe('secret hygiene: the secret literals', () => {
  it('are found automatically in the fixtures of the secret rules (and of credential-shaped values)', () => {
    const rules = new Set(CASES.map((c) => c.rel.split('/').slice(0, 2).join('/')));
    for (const r of ['dockerfile/secret-in-env', 'compose/secret-in-environment']) assert.ok(rules.has(r), `no secrets found in ${r}`);
    assert.ok(CASES.reduce((n, c) => n + c.secrets.length, 0) >= 20);
  });
});

describe('secret hygiene: engine results', () => {
  for (const c of CASES) {
    it(c.rel, () => {
      const path = join(FIXTURES_DIR, c.rel).replace(/\\/g, '/');
      const r = lint(path, c.text, { config: c.config, workspace: new FsWorkspace(), language: c.language })!;
      const index = new LineIndex(c.text);
      for (const d of [...r.diagnostics, ...r.suppressed]) {
        assertClean(`${d.rule} message`, d.message, [c]);
        assertClean(`${d.rule} related`, JSON.stringify(d.related), [c]);
        assertClean(`${d.rule} fixes (Diagnostic.data)`, JSON.stringify(d.fixes), [c]);
        assertClean(`${d.rule} SARIF fingerprint input`, fingerprintInput(d, index), [c]);
      }
    });
  }
});

describe('secret hygiene: CLI reports, diffs and fixes', () => {
  let dir = '';
  let files: Array<{ language: Language; paths: string[] }> = [];
  before(() => {
    dir = tempTree();
    files = (fuzzLanguages() as Language[])
      .map((language) => ({ language, paths: writeCases(dir, CASES.filter((c) => c.language === language)).map((p) => relative(dir, p)) }))
      .filter((f) => f.paths.length > 0);
  });
  after(() => removeTree(dir));

  const runs: string[][] = [
    ['--format', 'text'],
    ['--format', 'json'],
    ['--format', 'sarif'],
    ['--format', 'sarif', '--profile', 'recommended'],
    ['--fix-dry-run'],
  ];
  for (const args of runs) {
    it(args.join(' '), () => {
      for (const f of files) {
        const r = rampart(dir, ['lint', '--profile', 'strict', '--fail-on', 'never', '--language', f.language, ...args, ...f.paths]);
        assert.equal(r.code, 0, r.stderr);
        assertClean(`stdout of ${args.join(' ')} (${f.language})`, r.stdout);
        assertClean(`stderr of ${args.join(' ')} (${f.language})`, r.stderr);
      }
    });
  }

  it('--output files in every format', () => {
    for (const f of files) {
      for (const format of ['text', 'json', 'sarif']) {
        const out = `report-${f.language}.${format}`;
        const r = rampart(dir, ['lint', '--fail-on', 'never', '--language', f.language, '--format', format, '--output', out, ...f.paths]);
        assertClean('stdout/stderr', r.stdout + r.stderr);
        assertClean(out, readFileSync(join(dir, out), 'utf8'));
      }
    }
  });

  it('--fix: the report after fixing names no secret (the file keeps its own secrets)', () => {
    const fixDir = tempTree();
    try {
      for (const language of fuzzLanguages() as Language[]) {
        const cases = CASES.filter((c) => c.language === language);
        if (cases.length === 0) continue;
        const paths = writeCases(fixDir, cases).map((p) => relative(fixDir, p));
        for (const format of ['text', 'json', 'sarif']) {
          const r = rampart(fixDir, ['lint', '--fix', '--fail-on', 'never', '--language', language, '--format', format, ...paths]);
          assertClean(`--fix ${format}`, r.stdout + r.stderr);
        }
      }
    } finally {
      removeTree(fixDir);
    }
  });
});

describe('secret hygiene: the language server', () => {
  it('diagnostics, Diagnostic.data, code actions (fix all included), hovers, log lines', async () => {
    const s = await TestServer.start();
    try {
      // Hover documents nginx directives; it must not quote a secret either.
      assert.equal(s.initializeResult.capabilities.hoverProvider, true);
      writeCases(s.dir, CASES);
      for (const c of CASES) {
        const uri = URI.fromPath(join(s.dir, c.rel));
        await s.open(uri, c.text, LANGUAGE_IDS[c.language]);
        const items = await s.pullItems(uri);
        assertClean(`diagnostics of ${c.rel}`, JSON.stringify(items), [c]);
        const whole = { start: { line: 0, character: 0 }, end: { line: new LineIndex(c.text).lineCount, character: 0 } };
        const actions = await s.codeActions(uri, whole, items);
        assertClean(`code actions of ${c.rel}`, JSON.stringify(actions), [c]);
        const fixAll = await s.codeActions(uri, whole, [], ['source.fixAll.rampart']);
        assertClean(`fix all of ${c.rel}`, JSON.stringify(fixAll), [c]);
        // Hover at the first word of every line and on every secret.
        const index = new LineIndex(c.text);
        const points: Array<[number, number]> = [];
        for (let l = 0; l < index.lineCount; l++) points.push([l, index.lineText(l).search(/\S|$/)]);
        for (const v of c.secrets) {
          const at = c.text.indexOf(v);
          if (at >= 0) {
            const pos = index.positionAt(at);
            points.push([pos.line, pos.character]);
          }
        }
        for (const [l, ch] of points) assertClean(`hover of ${c.rel} at ${l}:${ch}`, JSON.stringify(await s.hover(uri, l, ch)), [c]);
      }
      assertClean('window/logMessage', s.logs.join('\n'));
      assertClean('window/showMessage', s.messages.join('\n'));
    } finally {
      await s.stop();
    }
  });

  it('a rule that throws with the secret in its error message: diagnostics and logs stay clean', async () => {
    const values = CASES.filter((c) => c.language === 'dockerfile').flatMap((c) => c.secrets);
    const leaky: Rule<unknown> = {
      meta: defineMeta({ id: 'test/leaky', language: 'dockerfile', title: 'Leaky', description: 'Test only.', severity: 'warning', fix: 'none', sources: [], securitySeverity: '0.0' }),
      check() {
        // What V8 says for JSON.parse of a value: it quotes the input.
        throw new SyntaxError(`Unexpected token, "${values.join('", "')}" is not valid JSON`);
      },
    };
    dockerfilePlugin.rules.push(leaky as Rule<never>);
    const s = await TestServer.start();
    try {
      for (const c of CASES.filter((x) => x.language === 'dockerfile')) {
        const uri = URI.fromPath(join(s.dir, c.rel));
        await s.open(uri, c.text, 'dockerfile');
        const items = await s.pullItems(uri);
        assert.ok(items.some((d) => d.code === 'rampart/internal-error'));
        assertClean('diagnostics', JSON.stringify(items));
      }
      assertClean('logs', s.logs.join('\n'));
    } finally {
      dockerfilePlugin.rules.splice(dockerfilePlugin.rules.indexOf(leaky as Rule<never>), 1);
      await s.stop();
    }
  });

  it('the spawned server: stderr and window/logMessage', async () => {
    const proc = spawn(process.execPath, [join(repoRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const logs: string[] = [];
    conn.onNotification(LogMessageNotification.type, (p) => void logs.push(p.message));
    conn.onNotification(ShowMessageNotification.type, (p) => void logs.push(p.message));
    conn.listen();
    const dir = tempTree();
    try {
      writeCases(dir, CASES);
      await withTimeout(conn.sendRequest(InitializeRequest.type, { processId: null, rootUri: URI.fromPath(dir), capabilities: clientCapabilities({ configuration: false }) }), 'initialize');
      await conn.sendNotification(InitializedNotification.type, {});
      for (const c of CASES) {
        const uri = URI.fromPath(join(dir, c.rel));
        await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: LANGUAGE_IDS[c.language]!, version: 1, text: c.text } });
        const report = await withTimeout(conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 'diagnostics');
        const items = (report as { items?: unknown[] }).items ?? [];
        assertClean(`spawned diagnostics of ${c.rel}`, JSON.stringify(items), [c]);
        const actions = await withTimeout(
          conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: items as never } }),
          'code actions',
        );
        assertClean(`spawned code actions of ${c.rel}`, JSON.stringify(actions), [c]);
      }
      await withTimeout(conn.sendRequest(ShutdownRequest.type), 'shutdown');
      await conn.sendNotification(ExitNotification.type);
      await withTimeout(exited, 'exit');
      assertClean('server stderr', stderr);
      assertClean('window/logMessage', logs.join('\n'));
    } finally {
      conn.dispose();
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      removeTree(dir);
    }
  });
});
