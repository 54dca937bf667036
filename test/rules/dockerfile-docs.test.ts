// Every dockerfile/* rule has a docs page in the house structure whose header line agrees with
// the rule's metadata (severity, fix class, profile, since).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/engine/registry';
import { repoRoot } from '../helpers/paths';

const SECTIONS = ['## What it finds', '## Why it matters', '## Example', '## The fix', '## Suppress it', '## References'];

describe('dockerfile rule docs', () => {
  for (const meta of allRules.filter((m) => m.language === 'dockerfile')) {
    it(meta.id, () => {
      const page = join(repoRoot(), 'docs', 'rules', `${meta.id}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      const text = readFileSync(page, 'utf8');
      const lines = text.split('\n');
      assert.equal(lines[0], `# ${meta.id}`);
      assert.equal(lines[2], `Severity: ${meta.severity} · Fix: ${meta.fix} · Profile: ${meta.profile} · Since: ${meta.since}`);
      const headings = lines.filter((l) => l.startsWith('## '));
      assert.deepEqual(headings, SECTIONS, 'sections in the house order');
      assert.ok(text.includes(`# rampart-ignore ${meta.id}`), 'the Suppress section shows the comment');
    });
  }
});
