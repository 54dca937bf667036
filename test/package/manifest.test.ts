// The extension manifest (package.json): settings, commands and activation agree with the
// server and the client code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/lsp/settings';
import { COMMANDS } from '../../client/src/client-options';

interface Property {
  type: string;
  default: unknown;
  scope?: string;
  markdownDescription?: string;
  enum?: string[];
  additionalProperties?: unknown;
  properties?: unknown;
}

const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, Property>;

test('every setting the server reads is contributed, with a scope and a markdown description', () => {
  assert.deepEqual(Object.keys(props).sort(), [
    'rampart.diagnosticMode',
    'rampart.enable',
    'rampart.maxFileSize',
    'rampart.profile',
    'rampart.rules',
    'rampart.trace.server',
  ]);
  for (const [name, p] of Object.entries(props)) {
    assert.ok(['resource', 'window', 'machine-overridable', 'application'].includes(p.scope ?? ''), `${name} scope`);
    assert.ok((p.markdownDescription ?? '').length > 20, `${name} markdownDescription`);
  }
  assert.equal(props['rampart.trace.server']!.scope, 'window');
  assert.deepEqual(props['rampart.trace.server']!.enum, ['off', 'messages', 'verbose']);
});

test('rampart.rules maps rule ids to a severity (the generator fills `properties`)', () => {
  const rules = props['rampart.rules']!;
  assert.equal(rules.type, 'object');
  assert.deepEqual(rules.additionalProperties, { enum: ['off', 'info', 'warning', 'error'] });
  assert.equal(typeof rules.properties, 'object');
});

test('the manifest defaults are the server defaults', () => {
  const raw: Record<string, unknown> = { trace: { server: props['rampart.trace.server']!.default } };
  for (const [name, p] of Object.entries(props)) if (!name.startsWith('rampart.trace.')) raw[name.slice('rampart.'.length)] = p.default;
  assert.deepEqual(normalizeSettings(raw), { ...DEFAULT_SETTINGS, profile: 'recommended' });
});

test('commands: every command the client registers is contributed, in category Rampart', () => {
  const commands = pkg.contributes.commands as Array<{ command: string; title: string; category: string }>;
  assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  for (const c of commands) assert.equal(c.category, 'Rampart');
  const titles = Object.fromEntries(commands.map((c) => [c.command, c.title]));
  assert.equal(titles[COMMANDS.restartServer], 'Restart Server');
  assert.equal(titles[COMMANDS.showOutput], 'Show Output');
  assert.equal(titles[COMMANDS.scanWorkspace], 'Scan Workspace');
});

test('engines.vscode matches @types/vscode; activation covers the languages VS Code owns', () => {
  assert.equal(pkg.engines.vscode, `^${pkg.devDependencies['@types/vscode']}`);
  assert.equal(pkg.main, './dist/extension.js');
  for (const e of ['onLanguage:dockerfile', 'onLanguage:dockercompose', 'onLanguage:yaml', 'workspaceContains:**/Dockerfile', 'workspaceContains:**/.rampart.yaml']) {
    assert.ok(pkg.activationEvents.includes(e), e);
  }
  // Files the selector takes by pattern: VS Code opens `.conf` as `properties` (its ini
  // extension) and has no TOML language of its own (`toml` comes with TOML extensions); a
  // workspace of nginx fragments only (conf.d/, sites-*) starts the server too.
  for (const e of ['onLanguage:properties', 'onLanguage:toml', 'workspaceContains:**/conf.d/*.conf', 'workspaceContains:**/sites-enabled/*']) {
    assert.ok(pkg.activationEvents.includes(e), e);
  }
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('Restricted Mode: no setting can hold a path or a program, so none is restricted (and the list says so)', () => {
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, []);
  type Schema = { type?: string; enum?: unknown[]; additionalProperties?: Schema; properties?: Record<string, Schema> };
  const props = pkg.contributes.configuration.properties as Record<string, Schema>;
  // Only a free-form string can name a path or a command: every setting is a boolean, a number,
  // an enumerated string, or an object of enumerated strings. A new free-form string setting must
  // be added to restrictedConfigurations (and this test updated with it).
  const closed = (s: Schema | undefined): boolean =>
    !!s &&
    (s.type === 'boolean' ||
      s.type === 'integer' ||
      s.type === 'number' ||
      (s.type === 'string' && Array.isArray(s.enum)) ||
      (s.type === undefined && Array.isArray(s.enum)) ||
      (s.type === 'object' && closed(s.additionalProperties) && Object.values(s.properties ?? {}).every(closed)));
  for (const [key, p] of Object.entries(props)) assert.ok(closed(p), `${key} can hold free text: restrict it (restrictedConfigurations)`);
});
