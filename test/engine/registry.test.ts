// Registry invariants, and the artefacts derived from it (config schema, settings, README index)
// equal what `npm run generate` writes, so none of them can drift from the rule metadata.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, plugins, ruleMeta, rulesForPeer } from '../../server/src/engine/registry';
import { docsPath, docsUrl, HOME_URL } from '../../server/src/engine/identity';
import {
  SCHEMA_PATH,
  configSchema,
  readmeIndexText,
  readmeRuleIndex,
  rulesSetting,
  settingsRuleProperties,
  stringifyJson,
  withReadmeIndex,
  withSettingsRules,
} from '../../server/src/node/generate';
import { repoRoot } from '../helpers/paths';

const ROOT = repoRoot();
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const STALE = 'out of date: run `npm run generate`';

describe('registry invariants', () => {
  it('ids are unique, prefixed by their language, lower-case kebab', () => {
    const ids = allRules.map((m) => m.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    for (const m of allRules) {
      assert.match(m.id, /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/, m.id);
      assert.equal(m.id.slice(0, m.id.indexOf('/')), m.language, m.id);
      assert.equal(ruleMeta(m.id), m);
    }
    // A plugin runs its own language's rules; the compose plugin also hosts traefik/* rules (for
    // labels, flags and env), each of which the traefik plugin runs too.
    const traefik = plugins.find((p) => p.language === 'traefik')!;
    for (const p of plugins) {
      for (const r of p.rules) {
        if (p.language === 'compose' && r.meta.language === 'traefik') {
          assert.ok(traefik.rules.some((t) => t.meta === r.meta), `${r.meta.id}: hosted by compose but not a traefik plugin rule`);
          continue;
        }
        assert.equal(r.meta.language, p.language, r.meta.id);
      }
    }
  });

  it('metadata is complete', () => {
    for (const m of allRules) {
      assert.ok(m.title.trim().length > 0 && !m.title.endsWith('.'), `${m.id}: title non-empty, no final full stop`);
      assert.ok(m.description.trim().length > 0 && m.description.length <= 1024, `${m.id}: description non-empty, ≤1024 (SARIF)`);
      assert.match(m.securitySeverity, /^\d{1,2}\.\d$/, `${m.id}: securitySeverity a number string`);
      const n = Number(m.securitySeverity);
      assert.ok(n >= 0 && n <= 10, `${m.id}: securitySeverity within 0.0–10.0`);
      if (m.tags.includes('security')) assert.ok(n >= 0.1, `${m.id}: a security rule needs a security-severity of at least 0.1`);
      assert.ok(['error', 'warning', 'info'].includes(m.severity), m.id);
      assert.ok(['safe', 'suggest', 'none'].includes(m.fix), m.id);
      assert.ok(['recommended', 'strict'].includes(m.profile), m.id);
      assert.ok(m.sources.length > 0, `${m.id}: sources`);
      assert.match(m.since, /^\d+\.\d+\.\d+$/, m.id);
      assert.equal(docsUrl(m.id), `${HOME_URL}/blob/main/docs/rules/${m.id}.md`);
    }
  });

  it('Rampart\'s own rules are the four of the "Always on" table, then the server\'s two', () => {
    const own = allRules.filter((m) => m.language === 'rampart').map((m) => [m.id, m.severity, m.fix, m.profile]);
    assert.deepEqual(own, [
      ['rampart/parse-error', 'error', 'none', 'recommended'],
      ['rampart/ignore-needs-rule', 'error', 'none', 'recommended'],
      ['rampart/unused-ignore', 'info', 'suggest', 'recommended'],
      ['rampart/internal-error', 'error', 'none', 'recommended'],
      // Raised by the language server: a document over rampart.maxFileSize, a .rampart.yaml problem.
      ['rampart/file-too-large', 'info', 'none', 'recommended'],
      ['rampart/config', 'error', 'none', 'recommended'],
    ]);
  });

  it('peer ids resolve case-insensitively', () => {
    for (const m of allRules) for (const p of m.peers) assert.ok(rulesForPeer(p.toLowerCase()).includes(m), `${m.id} ${p}`);
  });

  it('every rule has a docs page with the house headings and matching metadata', () => {
    const headings = ['## What it finds', '## Why it matters', '## Example', '## The fix', '## Suppress it', '## References'];
    for (const m of allRules) {
      const path = docsPath(m.id);
      assert.ok(existsSync(join(ROOT, path)), `missing ${path}`);
      const text = read(path).replace(/\r\n/g, '\n');
      const lines = text.split('\n');
      assert.equal(lines[0], `# ${m.id}`, `${path}: first line`);
      const meta = lines.find((l) => l.startsWith('Severity:'));
      assert.ok(meta, `${path}: no Severity line`);
      const expected = `Severity: ${m.severity} · Fix: ${m.fix} · Profile: ${m.profile}`;
      assert.ok(meta === expected || meta === `${expected} · Since: ${m.since}`, `${path}: "${meta}" should be "${expected} · Since: ${m.since}"`);
      let at = -1;
      for (const h of headings) {
        const i = lines.indexOf(h);
        assert.ok(i > at, `${path}: heading "${h}" missing or out of order`);
        at = i;
      }
      const suppress = lines.slice(lines.indexOf('## Suppress it'), lines.indexOf('## References')).join('\n');
      assert.ok(suppress.includes(m.id), `${path}: "Suppress it" shows how, naming ${m.id}`);
      if (m.language === 'rampart') assert.match(text, /No\s+seed\s+passage/, `${path}: says it has no seed passage`);
    }
  });
});

describe('generated artefacts', () => {
  it(`${SCHEMA_PATH} equals the generated schema`, () => {
    assert.equal(read(SCHEMA_PATH), stringifyJson(configSchema()), `${SCHEMA_PATH} ${STALE}`);
  });

  it('the schema is draft-07 and lists every rule id', () => {
    const schema = JSON.parse(read(SCHEMA_PATH)) as {
      $schema: string;
      additionalProperties: boolean;
      properties: { rules: { properties: Record<string, { enum: string[]; description: string }>; additionalProperties: boolean }; files: { properties: Record<string, unknown> } };
    };
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties), ['profile', 'rules', 'ignore', 'files', 'nginx', 'traefik']);
    assert.deepEqual(Object.keys(schema.properties.rules.properties), allRules.map((m) => m.id));
    assert.equal(schema.properties.rules.additionalProperties, false);
    for (const m of allRules) {
      const p = schema.properties.rules.properties[m.id]!;
      assert.deepEqual(p.enum, ['off', 'info', 'warning', 'error']);
      assert.ok(p.description.includes(m.title) && p.description.includes(docsUrl(m.id)), m.id);
    }
    assert.deepEqual(Object.keys(schema.properties.files.properties), ['dockerfile', 'compose', 'nginx', 'traefik']);
  });

  it('package.json `rampart.rules` has one property per rule', () => {
    const pkgText = read('package.json');
    const setting = rulesSetting(JSON.parse(pkgText));
    assert.ok(setting, 'contributes.configuration has no rampart.rules');
    assert.deepEqual(setting.properties, settingsRuleProperties(), `package.json ${STALE}`);
    assert.deepEqual(Object.keys(setting.properties ?? {}), allRules.map((m) => m.id));
    assert.equal(withSettingsRules(pkgText), pkgText, `package.json ${STALE}`);
  });

  it('the README rule index equals the generated table', () => {
    const readme = read('README.md');
    assert.equal(readmeIndexText(readme), readmeRuleIndex(), `README.md ${STALE}`);
    assert.equal(withReadmeIndex(readme), readme);
    for (const m of allRules) assert.ok(readme.includes(`| [${m.id}](${docsPath(m.id)}) |`), m.id);
  });

  it('the generator creates the setting when package.json has none, touching nothing else', () => {
    const before = { name: 'x', contributes: { commands: [{ command: 'a' }] } };
    const after = JSON.parse(withSettingsRules(JSON.stringify(before))) as { name: string; contributes: { commands: unknown; configuration: unknown } };
    assert.deepEqual(after.contributes.commands, before.contributes.commands);
    const setting = rulesSetting(after as never)!;
    assert.equal(setting.type, 'object');
    assert.deepEqual(setting.additionalProperties, { enum: ['off', 'info', 'warning', 'error'] });
    assert.deepEqual(setting.properties, settingsRuleProperties());
    // An existing array-form configuration is reused.
    const arr = { contributes: { configuration: [{ title: 'A', properties: { 'rampart.enable': { type: 'boolean' }, 'rampart.rules': { type: 'object' } } }] } };
    const out = JSON.parse(withSettingsRules(JSON.stringify(arr))) as { contributes: { configuration: Array<{ properties: Record<string, { properties?: unknown }> }> } };
    assert.deepEqual(out.contributes.configuration[0]!.properties['rampart.enable'], { type: 'boolean' });
    assert.deepEqual(out.contributes.configuration[0]!.properties['rampart.rules']!.properties, settingsRuleProperties());
  });

  it('the README markers are added when missing', () => {
    assert.equal(withReadmeIndex('# T\n'), `# T\n\n## Rules\n\n<!-- rules:start -->\n${readmeRuleIndex()}\n<!-- rules:end -->\n`);
  });
});
