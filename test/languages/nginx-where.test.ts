// Messages name the block of a finding (` in location "/api/"`). The block's arguments are quoted
// up to 120 characters: joining all of them for every finding was quadratic on a location with
// thousands of arguments (a 400 KB line took 2.3 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argsText, where } from '../../server/src/languages/nginx/rules/util';

const arg = (raw: string) => ({ raw }) as Parameters<typeof argsText>[0][number];

test('arguments are quoted whole when short', () => {
  assert.equal(argsText([arg('~*'), arg('\\.php$')]), '~* \\.php$');
  assert.equal(argsText([]), '');
});

test('long arguments are cut at 120 characters with an ellipsis', () => {
  const long = 'a'.repeat(300);
  assert.equal(argsText([arg(long)]), `${'a'.repeat(120)}…`);
  const many = Array.from({ length: 1000 }, (_, i) => arg(`w${i}`));
  const text = argsText(many);
  assert.ok(text.endsWith('…'));
  assert.equal(text.length, 121);
  assert.ok(text.startsWith('w0 w1 w2 '));
});

test('a server block is searched for its server_name once, not once per finding', () => {
  // The fuzzer's input: 16,608 proxy_pass findings in one server block without a server_name,
  // each message naming the block; a search of its children per finding took 2.3 s.
  let finds = 0;
  const children = Object.assign([] as Array<{ name: string; args: Array<{ value: string }> }>, {
    find(this: unknown[], f: (c: never) => boolean) {
      finds++;
      return Array.prototype.find.call(this, f as never);
    },
  });
  for (let i = 0; i < 1000; i++) children.push({ name: 'proxy_pass', args: [{ value: 'http://$host' }] });
  const block = { kind: 'server', owner: { name: 'server', args: [] }, children };
  const directives = children.map(() => ({ parent: block }));
  for (const d of directives) assert.equal(where(d as never), ' in a server block');
  assert.equal(finds, 1);
  children.push({ name: 'server_name', args: [{ value: 'example.com' }] });
  const other = { ...block, children: [...children] };
  assert.equal(where({ parent: other } as never), ' in server "example.com"');
});

test('a location with a long argument list is quoted up to 120 characters', () => {
  const block = { kind: 'location', owner: { name: 'location', args: Array.from({ length: 5000 }, (_, i) => ({ raw: `/p${i}` })) }, children: [] };
  const text = where({ parent: block } as never);
  assert.ok(text.startsWith(' in location "/p0 /p1 /p2 '));
  assert.ok(text.endsWith('…"'));
  assert.equal(text.length, ' in location ""'.length + 121);
});
