// The catalog's intent, whole: a configuration hardened the way the rule pages recommend produces
// nothing, with every rule on (strict profile). A rule that fires here fires on the advice Rampart
// gives, which is a bug in the rule (or in the advice).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, MemoryWorkspace, view } from '../helpers/lint';
import { repoRoot } from '../helpers/paths';

const CLEAN = join(repoRoot(), 'test', 'fixtures-clean');

describe('hardened configurations produce no findings (strict profile)', () => {
  it('nginx: TLS with the Mozilla intermediate profile, headers, rate limits, dotfiles denied, metrics restricted, HTTP redirected with an ACME location', () => {
    const text = readFileSync(join(CLEAN, 'hardened-nginx.conf'), 'utf8');
    const path = '/work/site/nginx.conf';
    const r = lintText(text, { path, workspace: new MemoryWorkspace({ [path]: text }) });
    assert.equal(r.language, 'nginx');
    assert.deepEqual(view(r.diagnostics), []);
  });
});
