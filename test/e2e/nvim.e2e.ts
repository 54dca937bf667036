// Neovim (Debian's 0.7.2) as a second real LSP client, headless, over `--stdio`: diagnostics for
// each language's fixture, a code action applied, the diagnostic cleared; and the never-opened
// files' findings, pushed by the workspace scan. nvim/init.lua does the editor side and writes
// what it saw as JSON; the assertions are here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, NVIM, ROOT, RUN, SERVER_JS, assertInstalled, copyWorkspace, ensureDir } from './lib/env';
import { keys, loadCases, type Range4 } from './lib/cases';
import { markedProcesses, spawnTracked, stopTracked, type Tracked } from './lib/procs';

const TIMEOUT_MS = 30_000;
const allCases = loadCases();
const cases = allCases.filter((c) => c.open);
const unopened = allCases.filter((c) => !c.open);
const dir = join(RUN, 'nvim');
const workspace = join(dir, 'workspace');

interface NvimDiagnostic {
  rule: string;
  range: Range4;
  message: string;
  severity: number;
}
interface NvimCase {
  name: string;
  got_diagnostics: boolean;
  diagnostics_ms: number;
  diagnostics: NvimDiagnostic[];
  actions?: string[];
  fixed_line?: string;
  cleared?: boolean;
  cleared_ms?: number;
  diagnostics_after_fix?: NvimDiagnostic[];
  error?: string;
}
interface NvimUnopened {
  name: string;
  got_diagnostics: boolean;
  diagnostics_ms: number;
  diagnostics: NvimDiagnostic[];
  loaded: boolean;
}
interface NvimResults {
  cases: NvimCase[];
  unopened?: NvimUnopened[];
  error?: string;
  client_stopped?: boolean;
  server_capabilities?: { diagnosticProvider: boolean; codeActionProvider: boolean };
}

let results: NvimResults | undefined;
let runError: Error | undefined;

function resultFor(name: string): NvimCase {
  if (runError) throw runError;
  const r = results?.cases.find((c) => c.name === name);
  assert.ok(r, `nvim reported nothing for ${name}`);
  assert.equal(r.error, undefined, `nvim: ${r.error}`);
  return r;
}

describe('Neovim over stdio', { timeout: 180_000 }, () => {
  before(async () => {
    assertInstalled();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyWorkspace(workspace);
    const out = join(dir, 'results.json');
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        cmd: [process.execPath, SERVER_JS, '--stdio'],
        root: workspace,
        timeout: TIMEOUT_MS,
        out,
        cases: cases.map((c) => ({ name: c.name, path: join(workspace, c.file), focus: c.focus })),
        unopened: unopened.map((c) => ({ name: c.name, path: join(workspace, c.file), expected: c.diagnostics.length })),
      }),
    );
    const xdg = (n: string) => ensureDir(join(dir, 'xdg', n));
    const env = {
      ...process.env,
      HOME: ensureDir(join(dir, 'home')),
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_STATE_HOME: xdg('state'),
      XDG_CACHE_HOME: xdg('cache'),
      RAMPART_NVIM_CONFIG: config,
    };
    const t0 = Date.now();
    const nvim: Tracked = spawnTracked('nvim', NVIM, ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', join(ROOT, 'test', 'e2e', 'nvim', 'init.lua')], {
      cwd: workspace,
      env,
      logFile: join(ensureDir(ARTIFACTS), 'nvim.log'),
    });
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([nvim.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 120_000)))]);
    clearTimeout(timer);
    await stopTracked(nvim, 3000);
    console.log(`nvim run: ${Date.now() - t0} ms`);
    try {
      results = JSON.parse(readFileSync(out, 'utf8')) as NvimResults;
    } catch {
      results = undefined;
    }
    if (done === 'timeout') runError = new Error(`nvim did not exit within 120 s; output:\n${nvim.output()}`);
    else if (!results) runError = new Error(`nvim wrote no results (exit ${JSON.stringify(done)}); output:\n${nvim.output()}`);
    else if (results.error) runError = new Error(`nvim init.lua failed: ${results.error}\n${nvim.output()}`);
    else if (done.code !== 0) runError = new Error(`nvim exited with ${JSON.stringify(done)}\n${nvim.output()}`);
    if (results) writeFileSync(join(ARTIFACTS, 'nvim-results.json'), JSON.stringify(results, null, 1));
  }, { timeout: 170_000 });

  for (const c of cases) {
    it(`${c.name}: diagnostics pushed with the right rule ids and ranges (${c.file})`, () => {
      const r = resultFor(c.name);
      assert.ok(r.got_diagnostics, `no diagnostics within ${TIMEOUT_MS} ms`);
      assert.deepEqual(keys(r.diagnostics), keys(c.diagnostics));
      console.log(`  ${c.name}: ${r.diagnostics.length} diagnostics after ${r.diagnostics_ms} ms`);
    });

    if (c.focus) {
      const focus = c.focus;
      it(`${c.name}: code action "${focus.fix.title}" applied, ${focus.rule} cleared`, () => {
        const r = resultFor(c.name);
        assert.ok(r.actions?.includes(focus.fix.title), `actions offered: ${JSON.stringify(r.actions)}`);
        assert.ok(r.actions?.some((t) => t.startsWith(`Disable ${focus.rule} for this line`)), 'the disable-for-line action is offered too');
        assert.equal(r.fixed_line, focus.fix.text);
        assert.ok(r.cleared, `${focus.rule} still reported ${TIMEOUT_MS} ms after the fix`);
        const others = c.diagnostics.filter((d) => d.rule !== focus.rule);
        assert.deepEqual(
          (r.diagnostics_after_fix ?? []).map((d) => d.rule).sort(),
          others.map((d) => d.rule).sort(),
          'the other diagnostics stay',
        );
        console.log(`  ${c.name}: cleared ${r.cleared_ms} ms after the fix`);
      });
    }
  }

  for (const c of unopened) {
    it(`${c.name}: never-opened ${c.file}'s diagnostics pushed by the workspace scan`, () => {
      if (runError) throw runError;
      const r = results?.unopened?.find((u) => u.name === c.name);
      assert.ok(r, `nvim reported nothing for ${c.name}`);
      assert.ok(r.got_diagnostics, `no diagnostics within ${TIMEOUT_MS} ms: ${JSON.stringify(r.diagnostics)}`);
      assert.deepEqual(keys(r.diagnostics), keys(c.diagnostics));
      assert.equal(r.loaded, false, `${c.file} was never loaded into a buffer`);
      console.log(`  ${c.name}: ${r.diagnostics.length} diagnostics ${r.diagnostics_ms} ms after the open files were done`);
    });
  }

  it('Neovim 0.7 has no pull diagnostics: the server offers none and pushes instead', () => {
    if (runError) throw runError;
    assert.deepEqual(results?.server_capabilities, { diagnosticProvider: false, codeActionProvider: true });
  });

  it('nvim and its language server exit', () => {
    if (runError) throw runError;
    assert.equal(results?.client_stopped, true, 'the LSP client stopped');
    assert.deepEqual(
      markedProcesses().filter((p) => p.cmd.includes('nvim') || p.cmd.includes('server.js')),
      [],
    );
  });

  after(() => {
    // Nothing may outlive the test; stopTracked already waited for the group.
    for (const p of markedProcesses().filter((p) => p.cmd.includes('nvim'))) process.kill(p.pid, 'SIGKILL');
  });
});
