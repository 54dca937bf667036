// SARIF 2.1.0 as GitHub code scanning needs it (github/docs sarif-support: required fields,
// limits), suppressed findings, fingerprints that survive line shifts, safe fixes as `fixes`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Log, Result } from 'sarif';
import { ruleMeta } from '../../server/src/engine/registry';
import { rampart, removeTree, tempTree } from './run';

const DOCKERFILE = [
  'FROM node:latest',
  'ADD app.js /app/',
  '# rampart-ignore dockerfile/add-instead-of-copy -- ADD keeps the mtime here',
  'ADD b.js /b/',
  '# hadolint ignore=DL3007',
  'FROM debian:latest',
  'USER nobody',
  '',
].join('\n');

function sarif(dir: string, args: string[] = []): Log {
  const r = rampart(dir, ['lint', '--format', 'sarif', ...args]);
  if (args.length === 0) assert.equal(r.stderr, '');
  return JSON.parse(r.stdout) as Log;
}

describe('rampart lint --format sarif', () => {
  let dir = '';
  before(() => {
    dir = tempTree({ 'svc/Dockerfile': DOCKERFILE, 'clean/Dockerfile': 'FROM node:20\nUSER node\n' });
  });
  after(() => removeTree(dir));

  it('has every field GitHub code scanning requires', () => {
    const log = sarif(dir);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'rampart');
    assert.equal(run.tool.driver.semanticVersion, '0.1.0');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${dir}/` } });
    assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);

    // Rules: exactly those that fired (suppressed ones included), with their metadata.
    const rules = run.tool.driver.rules!;
    assert.deepEqual(rules.map((r) => r.id), ['dockerfile/image-latest', 'dockerfile/add-instead-of-copy']);
    for (const r of rules) {
      const m = ruleMeta(r.id)!;
      assert.equal(r.shortDescription?.text, m.title);
      assert.equal(r.fullDescription?.text, m.description);
      assert.ok(r.fullDescription!.text.length <= 1024 && r.shortDescription!.text.length <= 1024);
      assert.ok(r.help?.text && r.help.markdown?.includes(r.helpUri!));
      assert.equal(r.helpUri, `https://github.com/rampart-dev/rampart/blob/main/docs/rules/${r.id}.md`);
      assert.equal(r.defaultConfiguration?.level, 'warning');
      assert.equal(r.properties?.['security-severity'], m.securitySeverity);
      assert.deepEqual(r.properties?.tags, m.tags);
      assert.ok((r.name ?? '').length <= 255);
    }

    const results = run.results!;
    assert.ok(results.length <= 25_000);
    for (const res of results) {
      assert.equal(typeof res.message.text, 'string');
      assert.equal(res.ruleId, rules[res.ruleIndex!]!.id);
      assert.equal(res.locations!.length, 1);
      const loc = res.locations![0]!.physicalLocation!;
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.equal(loc.artifactLocation!.uri, 'svc/Dockerfile');
      const reg = loc.region!;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(reg[k]) && reg[k]! >= 1, k);
      assert.match(res.partialFingerprints!.primaryLocationLineHash!, /^[0-9a-f]{16}:\d+$/);
    }
  });

  it('results: 1-based regions with an exclusive end column, suppressed findings as inSource suppressions', () => {
    const results = sarif(dir).runs[0]!.results!;
    const view = (r: Result) => ({
      ruleId: r.ruleId,
      level: r.level,
      region: r.locations![0]!.physicalLocation!.region,
      suppressions: r.suppressions,
      fixes: r.fixes?.length ?? 0,
    });
    assert.deepEqual(results.map(view), [
      { ruleId: 'dockerfile/image-latest', level: 'warning', region: { startLine: 1, startColumn: 11, endLine: 1, endColumn: 17 }, suppressions: undefined, fixes: 0 },
      { ruleId: 'dockerfile/add-instead-of-copy', level: 'warning', region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 }, suppressions: undefined, fixes: 1 },
      {
        ruleId: 'dockerfile/add-instead-of-copy',
        level: 'warning',
        region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 4 },
        suppressions: [{ kind: 'inSource', justification: 'ADD keeps the mtime here' }],
        fixes: 1,
      },
      // A peer pragma without a reason: no empty justification.
      { ruleId: 'dockerfile/image-latest', level: 'warning', region: { startLine: 6, startColumn: 13, endLine: 6, endColumn: 19 }, suppressions: [{ kind: 'inSource' }], fixes: 0 },
    ]);
  });

  it('safe fixes are SARIF fixes with the replacement', () => {
    const results = sarif(dir).runs[0]!.results!;
    assert.deepEqual(results[1]!.fixes, [
      {
        description: { text: 'Replace ADD with COPY' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'svc/Dockerfile', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 }, insertedContent: { text: 'COPY' } }],
          },
        ],
      },
    ]);
  });

  it('fingerprints survive lines inserted above and tell identical lines apart', () => {
    const shifted = tempTree({ 'svc/Dockerfile': `# a new header\n\n${DOCKERFILE.replace('ADD b.js /b/', 'ADD b.js /b/\nADD app.js /app/')}` });
    try {
      const fp = (log: Log) => log.runs[0]!.results!.map((r) => `${r.ruleId} ${r.locations![0]!.physicalLocation!.region!.startLine} ${r.partialFingerprints!.primaryLocationLineHash}`);
      const a = fp(sarif(dir));
      const b = fp(sarif(shifted));
      const hash = (s: string) => s.split(' ')[2]!;
      // Same findings, two lines lower, same fingerprints.
      assert.equal(hash(b[0]!), hash(a[0]!));
      assert.equal(hash(b[1]!), hash(a[1]!));
      assert.equal(hash(b[2]!), hash(a[2]!));
      // The duplicate `ADD app.js /app/` line gets the next occurrence number.
      assert.equal(hash(b[3]!), hash(a[1]!).replace(/:1$/, ':2'));
      assert.equal(hash(b[4]!), hash(a[3]!));
      // Different lines, different hashes.
      assert.notEqual(hash(a[0]!).split(':')[0], hash(a[3]!).split(':')[0]);
    } finally {
      removeTree(shifted);
    }
  });

  it('skipped files are tool notifications; files outside the current directory are file URIs', () => {
    const other = tempTree({ 'Dockerfile': 'FROM node:latest\n' });
    try {
      writeFileSync(`${dir}/notes.txt`, 'hi\n');
      const log = sarif(dir, ['notes.txt', `${other}/Dockerfile`, '--fail-on', 'never']);
      const run = log.runs[0]!;
      assert.deepEqual(run.invocations![0]!.toolExecutionNotifications, [
        {
          level: 'warning',
          message: { text: 'notes.txt: not linted (not a file Rampart recognises).' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'notes.txt', uriBaseId: '%SRCROOT%' } } }],
          descriptor: { id: 'skipped/unrecognised' },
        },
      ]);
      assert.deepEqual(run.results![0]!.locations![0]!.physicalLocation!.artifactLocation, { uri: `file://${other}/Dockerfile` });
    } finally {
      removeTree(other);
    }
  });

  it('a file over the size cap is a skipped/too-large notification, not a result', () => {
    const big = tempTree({ 'Dockerfile': `FROM node:latest\n${'# padding\n'.repeat(50)}` });
    try {
      const run = sarif(big, ['.', '--max-file-size', '100', '--fail-on', 'never']).runs[0]!;
      assert.deepEqual(run.results, []);
      assert.deepEqual(run.invocations![0]!.toolExecutionNotifications, [
        {
          level: 'warning',
          message: { text: 'Dockerfile: not linted (larger than --max-file-size).' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' } } }],
          descriptor: { id: 'skipped/too-large' },
        },
      ]);
    } finally {
      removeTree(big);
    }
  });

  it('a clean run is still a valid log with an empty result list', () => {
    const run = sarif(`${dir}/clean`).runs[0]!;
    assert.deepEqual(run.results, []);
    assert.deepEqual(run.tool.driver.rules, []);
  });
});
