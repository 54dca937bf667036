// Rampart in a real VS Code: code-server 4.139 (VS Code 1.139) in a fresh profile with the packaged
// rampart.vsix and the probe extension, driven by Debian's Chromium through playwright-core.
// Assertions go through the VS Code API (the probe: getDiagnostics, executeCodeActionProvider)
// and through the page (squiggles, hover, Problems panel, lightbulb menu, editor text).
//
// Per case of test/e2e/cases/ (one fixture file per language): diagnostics with the right rule
// ids and ranges; the hover shows the rule link; the quick fix from the lightbulb edits the text
// and the diagnostic goes; "Disable … for this line" inserts the comment and silences it. Then
// for the workspace: `.rampart.yaml` turns rules off without a reload; nginx's language and
// grammar (once package.json contributes them); the never-opened files' findings (the workspace
// scan: `open: false` cases). Screenshots on failure go to .cache/e2e/artifacts/; the
// passing run's hover and quick-fix screenshots too (RAMPART_E2E_UPDATE_IMAGES=1 copies them to
// docs/images/).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { ARTIFACTS, DOCS_IMAGES, PROBE_VSIX, RAMPART_VSIX, RUN, UPDATE_IMAGES, WORKSPACE_FIXTURE, assertInstalled, contributedLanguages, copyWorkspace, ensureDir } from './lib/env';
import { keys, loadCases, type Case } from './lib/cases';
import { codeServerDirs, codeServerEnv, prepareProfile, startCodeServer, type CodeServer } from './lib/code-server';
import { killMarked, markedProcesses } from './lib/procs';
import { Probe, type ProbeCodeActions, type Snapshot } from './lib/probe';
import { Workbench, launchChromium, retry } from './lib/workbench';

const WAIT = 60_000; // generous: a loaded 2-core machine
const TEST = { timeout: 180_000 };

const allCases = loadCases();
const opened = allCases.filter((c) => c.open);
const unopened = allCases.filter((c) => !c.open);
const dir = join(RUN, 'vscode');
const workspace = join(dir, 'workspace');
const probeDir = join(dir, 'probe');
const shots = join(ARTIFACTS, 'shots');
const pathOf = (c: Case) => join(workspace, ...c.file.split('/'));

let server: CodeServer | undefined;
let context: BrowserContext | undefined;
let wb: Workbench;
let probe: Probe;
let failures = 0;
let stopped = false;
const timings: string[] = [];

async function timed<T>(what: string, step: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await step();
  } finally {
    const line = `${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    timings.push(line);
    console.log(`  [time] ${line}`);
  }
}

/** Runs a test body; on failure keeps a screenshot and the probe's view next to it. */
async function ui(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    failures++;
    const slug = name.replace(/[^\w.-]+/g, '-').slice(0, 80);
    ensureDir(ARTIFACTS);
    try {
      await wb?.page.screenshot({ path: join(ARTIFACTS, `fail-${slug}.png`), timeout: 15_000 });
      writeFileSync(join(ARTIFACTS, `fail-${slug}.html`), await wb.page.content());
    } catch {
      // no page to take a picture of
    }
    try {
      writeFileSync(join(ARTIFACTS, `fail-${slug}.probe.json`), JSON.stringify(await probe.snapshot(), null, 1));
    } catch {
      // the probe is gone too
    }
    throw err;
  }
}

function rampartKeys(s: Snapshot, c: Case): string[] {
  return keys(Probe.rampart(s, pathOf(c)).map((d) => ({ rule: String(d.code), range: d.range })));
}

/** Puts the cursor inside the focus diagnostic (through the API: positioning is not under test). */
async function cursorAt(c: Case, rule: string): Promise<[number, number, number, number]> {
  const d = c.diagnostics.find((x) => x.rule === rule);
  assert.ok(d, `${c.name}: no expected diagnostic ${rule}`);
  await probe.request('reveal', { path: pathOf(c), line: d.range[0], character: d.range[1] });
  await wb.editor().locator('.cursors-layer .cursor').first().waitFor({ state: 'attached', timeout: 15_000 });
  return d.range;
}

/** Reverts the file to its text on disk and waits until its diagnostics are back. */
async function revert(c: Case): Promise<void> {
  await probe.request('reveal', { path: pathOf(c), line: 0, character: 0 });
  await probe.request('command', { id: 'workbench.action.files.revert' });
  await probe.waitFor(`${c.file} reverted with its diagnostics back`, (s) => {
    const doc = s.documents.find((d) => d.path === pathOf(c));
    return !!doc && !doc.isDirty && JSON.stringify(rampartKeys(s, c)) === JSON.stringify(keys(c.diagnostics));
  }, WAIT);
}

async function stopEverything(): Promise<void> {
  if (stopped) return;
  stopped = true;
  try {
    await probe?.snapshot().then((s) => writeFileSync(join(ARTIFACTS, 'vscode-probe-final.json'), JSON.stringify(s, null, 1)));
  } catch {
    // best effort
  }
  // Playwright closes the browser; if it hangs, the process-group kill below still ends it.
  if (context) await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 30_000).unref())]);
  await server?.stop();
  // Logs worth keeping: code-server's, the extension hosts' (activation, LS output).
  const logs = join(dir, 'data', 'logs');
  if (existsSync(logs)) cpSync(logs, join(ARTIFACTS, 'code-server-logs'), { recursive: true });
}

describe('VS Code (code-server + Chromium)', { timeout: 900_000 }, () => {
  before(async () => {
    try {
      await setUp();
    } catch (err) {
      failures++;
      await wb?.page.screenshot({ path: join(ensureDir(ARTIFACTS), 'fail-setup.png'), timeout: 15_000 }).catch(() => undefined);
      throw err;
    }
  }, { timeout: 600_000 });

  async function setUp(): Promise<void> {
    assertInstalled();
    rmSync(dir, { recursive: true, force: true });
    rmSync(shots, { recursive: true, force: true });
    ensureDir(shots);
    copyWorkspace(workspace);
    ensureDir(probeDir);

    const dirs = codeServerDirs(dir);
    const env = codeServerEnv(dirs, { RAMPART_PROBE_DIR: probeDir });
    await timed('install rampart.vsix + probe into a fresh profile', () => prepareProfile(dirs, [RAMPART_VSIX, PROBE_VSIX], env));
    server = await timed('start code-server', () => startCodeServer(dirs, env, join(ARTIFACTS, 'code-server.log')));
    context = await timed('launch chromium', () => launchChromium(join(dir, 'chromium')));
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    wb = new Workbench(page);
    probe = new Probe(probeDir);
    await timed('workbench + explorer', () => wb.open(server!.url, workspace));
    const ready = await timed('probe extension up', () => probe.ready(120_000));
    console.log(`  VS Code ${ready.vscodeVersion}`);
    await timed('Rampart active', () => probe.waitFor('the Rampart extension to activate', (s) => s.rampart.installed && s.rampart.active, 120_000));
    await wb.showProblems();
  }

  for (const c of opened) {
    it(`${c.name}: ${c.file} shows diagnostics with the right rule ids and ranges`, TEST, () =>
      ui(`${c.name}-diagnostics`, async () => {
        const p = pathOf(c);
        await timed(`${c.name}: open from the explorer`, () =>
          openFromExplorer(c.file, async () => {
            await probe.waitFor(`${c.file} to be the active editor`, (s) => s.active === p, 10_000);
          }),
        );
        const snap = await timed(`${c.name}: diagnostics (API)`, () =>
          probe.waitFor(`${c.file}'s diagnostics ${JSON.stringify(keys(c.diagnostics))}`, (s) => JSON.stringify(rampartKeys(s, c)) === JSON.stringify(keys(c.diagnostics)), WAIT),
        );
        // Every diagnostic links to its rule page.
        for (const d of Probe.rampart(snap, p)) {
          assert.match(d.target ?? '', new RegExp(`/docs/rules/${String(d.code)}\\.md$`), `${String(d.code)} links to its rule page`);
        }
        const doc = snap.documents.find((d) => d.path === p);
        assert.ok(doc, `${c.file} is open`);
        // A language of the extension's own is only checked once package.json contributes it.
        if (c.languageId && (!c.languageFromExtension || contributedLanguages().has(c.languageId))) assert.equal(doc.languageId, c.languageId, `${c.file}'s language`);
        console.log(`  ${c.file}: language ${doc.languageId}`);
        // The page: one squiggle per diagnostic in the editor, one Problems row each.
        await timed(`${c.name}: squiggles`, async () => {
          const ok = await pollSquiggles(c.diagnostics.length);
          assert.ok(ok, `expected ${c.diagnostics.length} squiggles, saw ${await wb.squiggles().count()}`);
        });
        const rows = await wb.waitProblems(`${c.file}'s rows`, (r) => problemsShow(r, c), WAIT);
        logProblems(rows, c);
      }),
    );
  }

  for (const c of opened.filter((x) => x.focus)) {
    const focus = c.focus!;

    it(`${c.name}: hovering ${focus.rule} shows the message and the rule link`, TEST, () =>
      ui(`${c.name}-hover`, async () => {
        await cursorAt(c, focus.rule);
        const hover = await timed(`${c.name}: hover`, () => wb.hoverAtCursor(focus.rule));
        const link = hover.locator('a').filter({ hasText: focus.rule }).first();
        await link.waitFor({ state: 'attached', timeout: 10_000 });
        const attrs = await link.evaluate((a) => [a.getAttribute('href'), a.getAttribute('data-href'), a.getAttribute('title')].filter(Boolean).join(' '));
        assert.match(attrs, new RegExp(`https://github\\.com/rampart-dev/rampart/blob/main/docs/rules/${focus.rule}\\.md`), `the hover links ${focus.rule} to its page (${attrs})`);
        await wb.page.screenshot({ path: join(shots, `${c.name}-hover.png`) });
      }),
    );

    it(`${c.name}: the lightbulb's "${focus.fix.title}" edits the text and ${focus.rule} goes`, TEST, () =>
      ui(`${c.name}-quickfix`, async () => {
        await cursorAt(c, focus.rule);
        // The API reports the same actions the menu shows.
        const reported = await probe.request<ProbeCodeActions[]>('codeActions', { path: pathOf(c), rule: focus.rule });
        const titles = reported.flatMap((r) => r.actions.map((a) => a.title));
        assert.ok(titles.includes(focus.fix.title), `executeCodeActionProvider: ${JSON.stringify(titles)}`);
        assert.ok(titles.includes(`Disable ${focus.rule} for this line`), `executeCodeActionProvider: ${JSON.stringify(titles)}`);
        const menu = await timed(`${c.name}: lightbulb menu`, () => wb.openLightbulbMenu());
        const item = wb.menuItem(menu, focus.fix.title);
        await item.waitFor({ state: 'visible', timeout: 10_000 });
        await item.hover();
        await wb.page.screenshot({ path: join(shots, `${c.name}-quickfix.png`) });
        await item.click();
        await menu.waitFor({ state: 'hidden', timeout: 10_000 });
        await timed(`${c.name}: fix applied, diagnostic gone`, async () => {
          const s = await probe.waitFor(`${focus.rule} to go after the fix`, (x) => !Probe.rampart(x, pathOf(c)).some((d) => d.code === focus.rule), WAIT);
          const others = c.diagnostics.filter((d) => d.rule !== focus.rule);
          assert.deepEqual(rampartKeys(s, c), keys(others), 'only the fixed diagnostic goes');
        });
        const lines = await probe.request<string[]>('text', { path: pathOf(c) });
        assert.equal(lines[focus.fix.line], focus.fix.text, 'the fixed line (API)');
        const rendered = await wb.editorLines();
        assert.ok(rendered.includes(focus.fix.text), `the editor shows ${JSON.stringify(focus.fix.text)}: ${JSON.stringify(rendered)}`);
        assert.ok(await pollSquiggles(c.diagnostics.length - 1), 'one squiggle fewer');
        await revert(c);
      }),
    );

    it(`${c.name}: "Disable ${focus.rule} for this line" inserts the comment and silences it`, TEST, () =>
      ui(`${c.name}-disable`, async () => {
        await cursorAt(c, focus.rule);
        const menu = await wb.openLightbulbMenu();
        const item = wb.menuItem(menu, `Disable ${focus.rule} for this line`);
        await item.waitFor({ state: 'visible', timeout: 10_000 });
        await item.click();
        await menu.waitFor({ state: 'hidden', timeout: 10_000 });
        const s = await probe.waitFor(`${focus.rule} to be silenced`, (x) => !Probe.rampart(x, pathOf(c)).some((d) => d.code === focus.rule), WAIT);
        const lines = await probe.request<string[]>('text', { path: pathOf(c) });
        assert.equal(lines[focus.disable.line], focus.disable.text, 'the inserted comment');
        // Nothing else changes: no unused-ignore, the other findings stay (one line further down
        // when the comment was inserted above them).
        const others = Probe.rampart(s, pathOf(c)).map((d) => String(d.code)).sort();
        assert.deepEqual(others, c.diagnostics.filter((d) => d.rule !== focus.rule).map((d) => d.rule).sort());
        assert.ok((await wb.editorLines()).includes(focus.disable.text), 'the editor shows the comment');
        await revert(c);
      }),
    );
  }

  it('.rampart.yaml turning rules off removes their diagnostics without a reload, and back', TEST, () =>
    ui('config-off', async () => {
      const targets = opened.filter((c) => c.focus);
      const off = targets.map((c) => c.focus!.rule);
      const config = join(workspace, '.rampart.yaml');
      const original = readFileSync(join(WORKSPACE_FIXTURE, '.rampart.yaml'), 'utf8');
      const expectAll = (s: Snapshot, without: string[]) =>
        opened.every((c) => JSON.stringify(rampartKeys(s, c)) === JSON.stringify(keys(c.diagnostics.filter((d) => !without.includes(d.rule)))));
      writeFileSync(config, `profile: recommended\nrules:\n${off.map((r) => `  ${r}: off\n`).join('')}`);
      await timed('config: rules off', () => probe.waitFor(`${off.join(', ')} to go from every open file`, (s) => expectAll(s, off), WAIT));
      await wb.waitProblems('the rules turned off to leave the Problems panel', (rows) => !rows.some((r) => off.some((rule) => r.includes(rule))), WAIT);
      writeFileSync(config, original);
      await timed('config: rules back', () => probe.waitFor('every diagnostic to come back', (s) => expectAll(s, []), WAIT));
      await wb.waitProblems('the rules to come back in the Problems panel', (rows) => off.every((rule) => rows.some((r) => r.includes(rule))), WAIT);
    }),
  );

  const nginxLanguage = contributedLanguages().get('nginx');
  const nginxCase = opened.find((c) => c.languageId === 'nginx');
  it(
    'nginx files get the nginx language and coloured tokens from the grammar',
    {
      ...TEST,
      skip: !nginxCase
        ? 'no nginx case in test/e2e/cases'
        : !nginxLanguage
          ? 'package.json contributes no `nginx` language yet (the nginx language + grammar work); this check turns on by itself once it does'
          : false,
    },
    () =>
      ui('nginx-language', async () => {
        const c = nginxCase!;
        const s = await probe.waitFor(`${c.file} in the nginx language`, (x) => x.documents.find((d) => d.path === pathOf(c))?.languageId === 'nginx', WAIT);
        assert.equal(s.documents.find((d) => d.path === pathOf(c))?.languageId, 'nginx');
        await probe.request('reveal', { path: pathOf(c), line: 0, character: 0 });
        // Tokenised by a grammar: several token colours on the page, where plain text has one.
        let classes: string[] = [];
        const ok = await pollUntilAsync(async () => {
          classes = await wb
            .editor()
            .locator('.view-lines .view-line span[class*="mtk"]')
            .evaluateAll((els) => [...new Set(els.flatMap((e) => [...e.classList].filter((k) => /^mtk\d+$/.test(k))))]);
          return classes.length >= 3;
        }, WAIT);
        assert.ok(ok, `nginx.conf shows ${classes.length} token colours (${classes.join(' ')})${nginxLanguage?.scopeName ? `; grammar ${nginxLanguage.scopeName}` : ''}`);
      }),
  );

  // The workspace scan: files the suite never opens get their findings anyway (VS Code pulls
  // them through workspace/diagnostic). `rampart.diagnosticMode` is `workspace` in the profile.
  for (const c of unopened) {
    it(`${c.name}: never-opened ${c.file}'s findings reach getDiagnostics and the Problems panel`, TEST, () =>
      ui(`${c.name}-never-opened`, async () => {
        const p = pathOf(c);
        const s = await timed(`${c.name}: workspace scan (API)`, () =>
          probe.waitFor(`${c.file}'s diagnostics ${JSON.stringify(keys(c.diagnostics))} from the workspace scan`, (x) => JSON.stringify(rampartKeys(x, c)) === JSON.stringify(keys(c.diagnostics)), WAIT),
        );
        assert.ok(!s.documents.some((d) => d.path === p), `${c.file} was never opened`);
        const rows = await wb.waitProblems(`${c.file}'s rows`, (r) => problemsShow(r, c), WAIT);
        assert.ok(!(await probe.snapshot()).documents.some((d) => d.path === p), `${c.file} is still not open`);
        logProblems(rows, c);
      }),
    );
  }

  it('stops code-server, its extension hosts, the language server and chromium', TEST, async () => {
    await timed('stop everything', stopEverything);
    const left = markedProcesses();
    if (left.length > 0) await killMarked();
    assert.deepEqual(left.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`), [], 'processes left running');
    // A passing run keeps its pictures; with RAMPART_E2E_UPDATE_IMAGES=1 they become the docs'.
    if (UPDATE_IMAGES && failures === 0) {
      mkdirSync(DOCS_IMAGES, { recursive: true });
      for (const f of readdirSync(shots).filter((n) => n.endsWith('.png'))) copyFileSync(join(shots, f), join(DOCS_IMAGES, `e2e-${f}`));
      console.log(`  screenshots copied to ${DOCS_IMAGES}`);
    }
    console.log(`  timings:\n    ${timings.join('\n    ')}`);
  });

  after(async () => {
    await stopEverything();
    await killMarked();
  });
});

/**
 * The Problems panel's rows under a file's row: the panel lists a row per file (name, folder
 * when not at the top, count: "traefik.ymlunopened 2") followed by a row per finding ("message
 * rampart traefik/debug-log [Ln 5, Col 10]"). Undefined when the file has no row.
 */
function rowsOf(rows: string[], c: Case): { file: string; markers: string[] } | undefined {
  const slash = c.file.lastIndexOf('/');
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const header = new RegExp(`^${esc(c.file.slice(slash + 1))}\\s*${esc(slash > 0 ? c.file.slice(0, slash) : '')}\\s*\\d+$`);
  const isMarker = (r: string) => /\[Ln \d+, Col \d+\]$/.test(r);
  const at = rows.findIndex((r) => !isMarker(r) && header.test(r));
  if (at < 0) return undefined;
  const markers: string[] = [];
  for (let i = at + 1; i < rows.length && isMarker(rows[i]!); i++) markers.push(rows[i]!);
  return { file: rows[at]!, markers };
}

function logProblems(rows: string[], c: Case): void {
  const mine = rowsOf(rows, c);
  console.log(`  Problems panel: "${mine?.file}": ${mine?.markers.map((m) => m.slice(m.lastIndexOf(' rampart ') + 1)).join('; ')}`);
}

/** The file's row counts exactly its expected findings, and each one is listed under it at its position. */
function problemsShow(rows: string[], c: Case): boolean {
  const mine = rowsOf(rows, c);
  return (
    !!mine &&
    mine.file.endsWith(` ${c.diagnostics.length}`) &&
    mine.markers.length === c.diagnostics.length &&
    c.diagnostics.every((d) => mine.markers.some((r) => r.endsWith(` rampart ${d.rule} [Ln ${d.range[0] + 1}, Col ${d.range[1] + 1}]`)))
  );
}

async function pollUntilAsync(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function pollSquiggles(n: number): Promise<boolean> {
  return pollUntilAsync(async () => (await wb.squiggles().count()) === n, WAIT);
}

/**
 * Opens a workspace file from the explorer: expands its folders, then double-clicks its row until
 * `opened` confirms it (a known flaky step on a loaded machine).
 */
async function openFromExplorer(file: string, opened: () => Promise<void>): Promise<void> {
  const parts = file.split('/');
  await retry(`open ${file}`, 3, async () => {
    for (const folder of parts.slice(0, -1)) {
      const row = wb.explorerRow(folder);
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      if ((await row.getAttribute('aria-expanded')) !== 'true') {
        await row.click();
        await pollUntilAsync(async () => (await row.getAttribute('aria-expanded')) === 'true', 10_000);
      }
    }
    const row = wb.explorerRow(parts[parts.length - 1]!);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.dblclick();
    await opened();
  });
}
