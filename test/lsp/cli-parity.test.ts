// Same answer everywhere: for every fires-*.Dockerfile fixture, the language server's
// diagnostics equal the CLI's JSON report (rule, severity, range, message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES, repoRoot } from '../helpers/paths';
import { TestServer } from './harness';
import { URI } from '../../server/src/lsp/uri';

function fixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...fixtures(p));
    else if (name.startsWith('fires-') && name.endsWith('.Dockerfile') && !name.endsWith('.fixed.Dockerfile')) out.push(p);
  }
  return out;
}

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };
const files = fixtures(join(FIXTURES, 'dockerfile'));

test('there are Dockerfile fixtures to compare', () => {
  assert.ok(files.length > 0);
});

test('server diagnostics equal `rampart lint --format json --profile strict` for every fires-*.Dockerfile', async () => {
  const s = await TestServer.start({ settings: { profile: 'strict' } });
  try {
    for (const file of files) {
      const out = execFileSync(process.execPath, [join(repoRoot(), 'bin', 'rampart.js'), 'lint', file, '--format', 'json', '--profile', 'strict', '--fail-on', 'never'], {
        encoding: 'utf8',
      });
      const report = JSON.parse(out) as { files: Array<{ diagnostics: Array<{ rule: string; severity: string; range: unknown; message: string }> }> };
      const cli = report.files[0]!.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, range: d.range, message: d.message }));

      const uri = URI.fromPath(file);
      await s.open(uri, readFileSync(file, 'utf8'));
      const lsp = (await s.pullItems(uri)).map((d) => ({ rule: d.code, severity: SEVERITY[d.severity!], range: d.range, message: d.message }));
      assert.deepEqual(lsp, cli, relative(repoRoot(), file));
      assert.ok(lsp.length > 0, `${relative(repoRoot(), file)} fires`);
      await s.close(uri);
    }
  } finally {
    await s.stop();
  }
});
