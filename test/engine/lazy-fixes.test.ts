// Fixes built when asked for (LazyFixes): linting builds none, a diagnostic states its fix class
// before its fixes exist and builds them once, a `make` that throws is contained, and the CLI
// workers' copy without fixes never builds them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config';
import { lint, withoutFixes } from '../../server/src/engine/lint';
import { plugins } from '../../server/src/engine/registry';
import { describeError } from '../../server/src/engine/errors';
import type { Diagnostic, Finding, Fix, LintResult, Rule } from '../../server/src/engine/types';
import { MemoryWorkspace } from '../helpers/lint';
import { testRule } from '../helpers/rules';

const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' });
const PATH = '/work/app/compose.yaml';
const compose = plugins.find((p) => p.language === 'compose')!;

const TEXT = ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - "8080:80"', '  db:', '    image: postgres:16', ''].join('\n');

function spyRule(name: string, fix: Finding['lazyFixes']): Rule<unknown> {
  return testRule('compose', name, () => [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }, message: `${name} finding`, lazyFixes: fix }]);
}

function lintWith(rules: Rule<unknown>[], onContained?: (rule: string, problem: string) => void): LintResult {
  compose.rules.push(...rules);
  try {
    return lint(PATH, TEXT, { config, workspace: new MemoryWorkspace({ [PATH]: TEXT }), onContained })!;
  } finally {
    for (const r of rules) compose.rules.splice(compose.rules.indexOf(r), 1);
  }
}

function one(r: LintResult, rule: string): Diagnostic {
  const ds = r.diagnostics.filter((d) => d.rule === rule);
  assert.equal(ds.length, 1, `${rule}: ${ds.length} diagnostics`);
  return ds[0]!;
}

/** True when the diagnostic's fixes are a getter (built when read), not data it was made with. */
function lazy(d: Diagnostic): boolean {
  const own = Object.getOwnPropertyDescriptor(d, 'fixes');
  return own ? typeof own.get === 'function' : typeof Object.getOwnPropertyDescriptor(Object.getPrototypeOf(d), 'fixes')?.get === 'function';
}

const SPY_FIX: Fix = { title: 'Spy fix', kind: 'safe', edits: [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } }, newText: ' # fixed' }] };

describe('lazy fixes', () => {
  it('linting calls no make: the class is known before the fixes, which are built once on first read', () => {
    let made = 0;
    const r = lintWith([spyRule('lazy-spy', { best: 'safe', make: () => (made++, [SPY_FIX]) })]);
    const d = one(r, 'test/lazy-spy');
    assert.equal(made, 0);
    assert.equal(d.fix, 'safe');
    assert.equal(lazy(d), true);
    // No internals among its own properties (deep equality and JSON see a Diagnostic's fields only).
    assert.deepEqual(
      Object.keys(d).filter((k) => k !== 'fixes'),
      ['rule', 'severity', 'message', 'range', 'fix', 'related', 'secretRanges'],
    );
    const first = d.fixes;
    assert.equal(made, 1);
    assert.deepEqual(first, [SPY_FIX]);
    assert.equal(d.fixes, first);
    assert.equal(made, 1);
  });

  it('compose rules on the hot path report their fix class without building their fixes', () => {
    const r = lintWith([]);
    const expected: Array<[string, string, 'safe' | 'suggest', string[]]> = [
      ['compose/no-new-privileges', 'web', 'safe', ['Add "no-new-privileges:true" to service "web"']],
      ['compose/no-new-privileges', 'db', 'safe', ['Add "no-new-privileges:true" to service "db"']],
      ['compose/cap-drop-all', 'web', 'suggest', ['Add cap_drop: [ALL] to service "web"']],
      ['compose/read-only-rootfs', 'web', 'suggest', ['Set read_only: true with a tmpfs on /tmp in service "web"']],
      ['compose/pids-limit', 'db', 'suggest', ['Add "pids_limit: 512" to service "db"']],
      ['compose/resource-limits', 'web', 'suggest', ['Add CPU and memory limits to service "web" (placeholder values: size them)']],
      ['compose/port-all-interfaces', 'web', 'suggest', ['Bind port 8080 of service "web" to 127.0.0.1']],
    ];
    for (const [rule, service, fix, titles] of expected) {
      const d = r.diagnostics.find((x) => x.rule === rule && x.message.includes(`"${service}"`));
      assert.ok(d, `${rule} on ${service}`);
      assert.equal(lazy(d), true, `${rule} on ${service} built its fixes while linting`);
      assert.equal(d.fix, fix, rule);
      const fixes = d.fixes;
      assert.deepEqual(
        fixes.map((f) => f.title),
        titles,
        rule,
      );
      assert.equal(fixes.some((f) => f.kind === 'safe') ? 'safe' : 'suggest', fix, rule);
      assert.equal(d.fixes, fixes, `${rule}: a second read builds again`);
    }
    // Every diagnostic of the file either has no fixes or builds them only when read.
    for (const d of r.diagnostics) assert.equal(d.fix === 'none' || lazy(d), true, d.rule);
  });

  it('traefik labels: the middleware fixes are built only when read', () => {
    const path = '/work/labels/compose.yaml';
    const text = ['services:', '  web:', '    image: nginx:1.27', '    labels:', '      - traefik.http.routers.web.rule=Host(`example.com`)', '      - traefik.http.routers.web.tls=true', ''].join('\n');
    const r = lint(path, text, { config, workspace: new MemoryWorkspace({ [path]: text }) })!;
    const expected: Array<[string, string]> = [
      ['traefik/rate-limit-missing', 'Add a rateLimit middleware "rate-limit" (average 10, burst 50 requests per second) and attach it'],
      ['traefik/security-headers-missing', 'Add a headers middleware "security-headers" (stsSeconds 31536000, stsIncludeSubdomains, frameDeny, contentTypeNosniff) and attach it'],
    ];
    for (const [rule, title] of expected) {
      const d = one(r, rule);
      assert.equal(lazy(d), true, rule);
      assert.equal(d.fix, 'suggest', rule);
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.kind, f.edits.length]),
        [[title, 'suggest', 1]],
      );
    }
  });

  it('a make that throws: no fixes, and one contained report for the throw and one for the broken promise', () => {
    const contained: string[] = [];
    const err = new Error('no edits today');
    const r = lintWith(
      [
        spyRule('lazy-throws', {
          best: 'safe',
          make: () => {
            throw err;
          },
        }),
      ],
      (rule, problem) => contained.push(`${rule}: ${problem}`),
    );
    const d = one(r, 'test/lazy-throws');
    assert.deepEqual(contained, []);
    assert.equal(d.fix, 'safe');
    assert.deepEqual(d.fixes, []);
    assert.deepEqual(contained, [`test/lazy-throws: threw building its fixes (${describeError(err)})`, 'test/lazy-throws: promised a safe fix and built none']);
    assert.deepEqual(d.fixes, []);
    assert.equal(contained.length, 2);
  });

  it('withoutFixes copies everything but the fixes and never builds them', () => {
    let made = 0;
    const r = lintWith([spyRule('lazy-strip', { best: 'suggest', make: () => (made++, [{ ...SPY_FIX, kind: 'suggest' }]) })]);
    const d = one(r, 'test/lazy-strip');
    const stripped = withoutFixes(d);
    assert.equal(made, 0);
    assert.deepEqual(stripped, {
      rule: 'test/lazy-strip',
      severity: 'warning',
      message: 'lazy-strip finding',
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } },
      fix: 'suggest',
      fixes: [],
      related: [],
      secretRanges: [],
    });
    assert.equal(Object.getOwnPropertyDescriptor(stripped, 'fixes')?.get, undefined);
    assert.equal(stripped.range, d.range);
    // The original still builds its own when asked.
    assert.deepEqual(
      d.fixes.map((f) => f.kind),
      ['suggest'],
    );
    assert.equal(made, 1);
  });

  it('withoutFixes keeps a suppression', () => {
    const d: Diagnostic = {
      rule: 'compose/privileged',
      severity: 'error',
      message: 'm',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      fix: 'safe',
      get fixes(): Fix[] {
        throw new Error('built');
      },
      related: [],
      secretRanges: [],
      suppression: { kind: 'inSource', justification: 'why', source: 'rampart-disable' },
    } as Diagnostic;
    assert.deepEqual(withoutFixes(d), {
      rule: 'compose/privileged',
      severity: 'error',
      message: 'm',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      fix: 'safe',
      fixes: [],
      related: [],
      secretRanges: [],
      suppression: { kind: 'inSource', justification: 'why', source: 'rampart-disable' },
    });
  });
});
