// A lone CR (old Mac line endings, or one stray CR) breaks the line for YAML 1.2, for Compose and
// Traefik (Go's yaml.v3) and for the editor. The `yaml` library read it as part of the scalar:
// `read_only: false` became the string "false\r", its range reached into the next line, and the
// fix that replaced it removed the line break (found by `npm run fuzz`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import { lintText, MemoryWorkspace, only, view } from '../helpers/lint';

const workspace = new MemoryWorkspace();

test('compose: a value before a lone CR ends at the CR, and its fix keeps the line break', () => {
  const text = 'services:\r  web:\r    image: nginx:1.27\r    read_only: false\r    user: "1000"\r';
  const r = lintText(text, { path: '/w/compose.yaml', language: 'compose', workspace });
  assert.deepEqual(view(only(r.diagnostics, 'compose/read-only-rootfs')), [
    {
      rule: 'compose/read-only-rootfs',
      range: '4:16-4:21',
      message: 'Service "web" sets read_only to false: a compromised process can replace binaries and plant tools in the container.',
    },
  ]);
  assert.deepEqual(only(r.diagnostics, 'rampart/parse-error'), []);
  const fix = only(r.diagnostics, 'compose/read-only-rootfs')[0]!.fixes[0]!;
  assert.equal(fix.title, 'Set read_only: true with a tmpfs on /tmp in service "web"');
  // The lines it adds end as the file's lines do.
  const fixed = applyEdits(text, fix.edits);
  assert.equal(fixed, 'services:\r  web:\r    image: nginx:1.27\r    read_only: true\r    user: "1000"\r    tmpfs:\r      - /tmp\r');
  const after = lintText(fixed, { path: '/w/compose.yaml', language: 'compose', workspace });
  assert.deepEqual(only(after.diagnostics, 'compose/read-only-rootfs'), []);
  assert.deepEqual(only(after.diagnostics, 'rampart/parse-error'), []);
  const rulesBefore = new Set(r.diagnostics.map((d) => d.rule));
  assert.deepEqual(after.diagnostics.filter((d) => !rulesBefore.has(d.rule)), []);
});

test('compose: a comment before a lone CR does not swallow the next line', () => {
  const text = 'services:\r  web:  # the app\r    image: nginx:1.27\r    privileged: true\r';
  const r = lintText(text, { path: '/w/compose.yaml', language: 'compose', workspace });
  assert.deepEqual(view(only(r.diagnostics, 'compose/privileged')).map((d) => d.range), ['4:17-4:21']);
});

test('Traefik: keys and values read line by line at lone CRs', () => {
  const text = 'http:\r  routers:\r    web:\r      rule: Host(`a.example.com`)\r      service: app\r      tls: {}\r';
  const r = lintText(text, { path: '/w/dynamic.yml', language: 'traefik', workspace });
  assert.deepEqual(only(r.diagnostics, 'rampart/parse-error'), []);
  assert.deepEqual(view(only(r.diagnostics, 'traefik/rate-limit-missing')).map((d) => d.range), ['3:5-3:8']);
});
