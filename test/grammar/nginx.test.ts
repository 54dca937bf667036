// The nginx TextMate grammar (syntaxes/nginx.tmLanguage.json), tokenized the way VS Code does
// (vscode-textmate + vscode-oniguruma): exact scopes per token. Whitespace-only tokens are left
// out of the expectations (they carry only enclosing meta, string or comment scopes, which is checked).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize, type Tok } from './tokenize';
import { KNOWN_DIRECTIVES } from '../../server/src/languages/nginx/reference/index';
import { repoRoot } from '../helpers/paths';

type Expect = Array<[string, string]>;

/** Non-whitespace tokens of each line as [text, scopes]. */
async function lines(text: string): Promise<Expect[]> {
  const toks = await tokenize(text);
  return toks.map((line: Tok[]) => {
    for (const t of line) if (t.text.trim() === '') assert.match(t.scopes, /^((meta|string|comment)\.[^ ]+( |$))*$/, `whitespace token with scopes "${t.scopes}"`);
    return line.filter((t) => t.text.trim() !== '').map((t) => [t.text, t.scopes] as [string, string]);
  });
}

async function line(text: string): Promise<Expect> {
  return (await lines(text))[0]!;
}

const B = 'meta.block.nginx';
const TERM: [string, string] = [';', 'punctuation.terminator.nginx'];
const OPEN = (meta = B): [string, string] => ['{', `${meta} punctuation.section.block.begin.nginx`];
const CLOSE = (meta = B): [string, string] => ['}', `${meta} punctuation.section.block.end.nginx`];
const DIR = 'keyword.other.directive.nginx';
const VAR = 'variable.other.nginx';
const DOLLAR = 'variable.other.nginx punctuation.definition.variable.nginx';

describe('nginx grammar: comments and statements', () => {
  it('a comment starts only where a token could', async () => {
    assert.deepEqual(await line('# full line'), [
      ['#', 'comment.line.number-sign.nginx punctuation.definition.comment.nginx'],
      [' full line', 'comment.line.number-sign.nginx'],
    ]);
    assert.deepEqual(await line('user nginx; # trailing'), [
      ['user', DIR],
      [' nginx', ''],
      TERM,
      ['#', 'comment.line.number-sign.nginx punctuation.definition.comment.nginx'],
      [' trailing', 'comment.line.number-sign.nginx'],
    ]);
    assert.deepEqual(await line('proxy_pass http://a/#frag;'), [['proxy_pass', DIR], [' http://a/#frag', ''], TERM]);
    assert.deepEqual(await line('set $a foo#bar;'), [['set', DIR], ['$', DOLLAR], ['a', VAR], [' foo#bar', ''], TERM]);
  });

  it('block openers, known, control, include, third-party and unknown directives', async () => {
    assert.deepEqual(await lines('http {\n    server_tokens off;\n    sever_name x;\n    more_set_headers "A: b";\n}'), [
      [['http', 'storage.type.block.nginx'], OPEN()],
      [[`server_tokens`, `${B} ${DIR}`], ['off', `${B} constant.language.boolean.nginx`], [';', `${B} punctuation.terminator.nginx`]],
      [['sever_name', `${B} keyword.other.directive.unknown.nginx`], [' x', B], [';', `${B} punctuation.terminator.nginx`]],
      [
        ['more_set_headers', `${B} keyword.other.directive.third-party.nginx`],
        ['"', `${B} string.quoted.double.nginx punctuation.definition.string.begin.nginx`],
        ['A: b', `${B} string.quoted.double.nginx`],
        ['"', `${B} string.quoted.double.nginx punctuation.definition.string.end.nginx`],
        [';', `${B} punctuation.terminator.nginx`],
      ],
      [CLOSE()],
    ]);
    assert.deepEqual(await line('return 301 https://$host$request_uri;'), [
      ['return', 'keyword.control.flow.nginx'],
      ['301', 'constant.numeric.nginx'],
      [' https://', ''],
      ['$', DOLLAR],
      ['host', VAR],
      ['$', DOLLAR],
      ['request_uri', VAR],
      TERM,
    ]);
    assert.deepEqual(await line('include /etc/nginx/conf.d/*.conf;'), [['include', 'keyword.control.import.nginx'], [' /etc/nginx/conf.d/*.conf', ''], TERM]);
    assert.deepEqual(await line('}'), [['}', 'invalid.illegal.stray-brace.nginx']]);
  });

  it('every directive nginx.org documents is highlighted as known', async () => {
    const names = [...KNOWN_DIRECTIVES];
    const toks = await tokenize(names.map((n) => `${n} x;`).join('\n'));
    const known = /^(keyword\.other\.directive\.nginx|storage\.type\.block\.nginx|keyword\.control\.(flow|import|conditional)\.nginx|meta\.statement\.(location|if)\.nginx storage\.type\.block\.nginx|meta\.statement\.if\.nginx keyword\.control\.conditional\.nginx)$/;
    const wrong = names.filter((_, i) => !known.test(toks[i]![0]!.scopes));
    assert.deepEqual(wrong, []);
  });

  it('third-party names from the allow list, globs included', async () => {
    for (const n of ['lua_shared_dict', 'more_clear_headers', 'brotli_comp_level', 'vhost_traffic_status_zone', 'modsecurity_rules_file', 'SecRulesEnabled']) {
      assert.deepEqual((await line(`${n} x;`))[0], [n, 'keyword.other.directive.third-party.nginx'], n);
    }
  });
});

describe('nginx grammar: arguments', () => {
  it('strings with escapes and variables, multi-line', async () => {
    assert.deepEqual(await line(`log_format main '$remote_addr "\${request}" $1 \\'x\\'';`), [
      ['log_format', DIR],
      [' main ', ''],
      ["'", 'string.quoted.single.nginx punctuation.definition.string.begin.nginx'],
      ['$', `string.quoted.single.nginx ${DOLLAR}`],
      ['remote_addr', `string.quoted.single.nginx ${VAR}`],
      [' "', 'string.quoted.single.nginx'],
      ['${', `string.quoted.single.nginx ${VAR} punctuation.definition.variable.begin.nginx`],
      ['request', `string.quoted.single.nginx ${VAR}`],
      ['}', `string.quoted.single.nginx ${VAR} punctuation.definition.variable.end.nginx`],
      ['" ', 'string.quoted.single.nginx'],
      ['$', 'string.quoted.single.nginx variable.other.capture.nginx punctuation.definition.variable.nginx'],
      ['1', 'string.quoted.single.nginx variable.other.capture.nginx'],
      ["\\'", 'string.quoted.single.nginx constant.character.escape.nginx'],
      ['x', 'string.quoted.single.nginx'],
      ["\\'", 'string.quoted.single.nginx constant.character.escape.nginx'],
      ["'", 'string.quoted.single.nginx punctuation.definition.string.end.nginx'],
      TERM,
    ]);
    assert.deepEqual(await lines(`add_header Content-Security-Policy "default-src 'self';\n    script-src 'self'" always;`), [
      [
        ['add_header', DIR],
        [' Content-Security-Policy ', ''],
        ['"', 'string.quoted.double.nginx punctuation.definition.string.begin.nginx'],
        ["default-src 'self';", 'string.quoted.double.nginx'],
      ],
      [
        ["    script-src 'self'", 'string.quoted.double.nginx'],
        ['"', 'string.quoted.double.nginx punctuation.definition.string.end.nginx'],
        ['always', 'constant.language.nginx'],
        TERM,
      ],
    ]);
  });

  it('envsubst placeholders differ from nginx variables; {{ }} templates are embedded', async () => {
    assert.deepEqual(await line('listen ${NGINX_PORT};'), [
      ['listen', DIR],
      ['${', 'variable.other.environment.nginx punctuation.definition.variable.begin.nginx'],
      ['NGINX_PORT', 'variable.other.environment.nginx'],
      ['}', 'variable.other.environment.nginx punctuation.definition.variable.end.nginx'],
      TERM,
    ]);
    assert.deepEqual(await line('{{ if .TLS }}'), [
      ['{{', 'meta.embedded.template.nginx punctuation.section.embedded.begin.nginx'],
      [' if .TLS ', 'meta.embedded.template.nginx'],
      ['}}', 'meta.embedded.template.nginx punctuation.section.embedded.end.nginx'],
    ]);
  });

  it('numbers with size, time and rate units; key=value parameters', async () => {
    assert.deepEqual(await line('limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;'), [
      ['limit_req_zone', DIR],
      ['$', DOLLAR],
      ['binary_remote_addr', VAR],
      ['zone', 'variable.parameter.nginx'],
      ['=', 'keyword.operator.assignment.nginx'],
      ['api:', ''],
      ['10', 'constant.numeric.nginx'],
      ['m', 'keyword.other.unit.nginx'],
      ['rate', 'variable.parameter.nginx'],
      ['=', 'keyword.operator.assignment.nginx'],
      ['10', 'constant.numeric.nginx'],
      ['r/s', 'keyword.other.unit.nginx'],
      TERM,
    ]);
    assert.deepEqual(await line('keepalive_timeout 1h30m;'), [['keepalive_timeout', DIR], ['1h30m', 'constant.numeric.duration.nginx'], TERM]);
    assert.deepEqual(await line('client_body_timeout 500ms;'), [['client_body_timeout', DIR], ['500', 'constant.numeric.nginx'], ['ms', 'keyword.other.unit.nginx'], TERM]);
    assert.deepEqual(await line('client_max_body_size 1G;'), [['client_max_body_size', DIR], ['1', 'constant.numeric.nginx'], ['G', 'keyword.other.unit.nginx'], TERM]);
  });

  it('addresses and ports: IPv4 with CIDR, IPv6 in brackets and bare, unix sockets, host:port', async () => {
    assert.deepEqual(await line('listen 127.0.0.1:8080 default_server;'), [
      ['listen', DIR],
      ['127.0.0.1', 'constant.other.ip-address.nginx'],
      [':', 'punctuation.separator.port.nginx'],
      ['8080', 'constant.numeric.port.nginx'],
      ['default_server', 'constant.language.nginx'],
      TERM,
    ]);
    assert.deepEqual(await line('listen [::1]:443 ssl;'), [
      ['listen', DIR],
      ['[', 'punctuation.definition.ip-address.begin.nginx'],
      ['::1', 'constant.other.ip-address.nginx'],
      [']', 'punctuation.definition.ip-address.end.nginx'],
      [':', 'punctuation.separator.port.nginx'],
      ['443', 'constant.numeric.port.nginx'],
      ['ssl', 'constant.language.nginx'],
      TERM,
    ]);
    assert.deepEqual(await line('allow 10.0.0.0/8;'), [['allow', DIR], ['10.0.0.0/8', 'constant.other.ip-address.nginx'], TERM]);
    assert.deepEqual(await line('allow 2001:db8::/32;'), [['allow', DIR], ['2001:db8::/32', 'constant.other.ip-address.nginx'], TERM]);
    assert.deepEqual(await line('listen unix:/run/nginx.sock;'), [
      ['listen', DIR],
      ['unix', 'constant.language.unix-socket.nginx'],
      [':', 'punctuation.separator.nginx'],
      ['/run/nginx.sock', ''],
      TERM,
    ]);
    assert.deepEqual(await line('proxy_pass http://backend:3000;'), [
      ['proxy_pass', DIR],
      [' http://backend', ''],
      [':', 'punctuation.separator.port.nginx'],
      ['3000', 'constant.numeric.port.nginx'],
      TERM,
    ]);
  });

  it('named locations and =code in try_files', async () => {
    assert.deepEqual(await line('try_files $uri @fallback =404;'), [
      ['try_files', DIR],
      ['$', DOLLAR],
      ['uri', VAR],
      ['@', 'variable.function.location.nginx punctuation.definition.location.nginx'],
      ['fallback', 'variable.function.location.nginx'],
      ['=', 'keyword.operator.nginx'],
      ['404', 'constant.numeric.nginx'],
      TERM,
    ]);
  });
});

describe('nginx grammar: location and if', () => {
  const L = 'meta.statement.location.nginx';
  it('location modifiers, regexes, paths and names', async () => {
    assert.deepEqual(await line('location ~* \\.(css|js)$ { }'), [
      ['location', `${L} storage.type.block.nginx`],
      ['~*', `${L} keyword.operator.location.regexp.nginx`],
      ['\\.(css|js)$', `${L} string.regexp.nginx`],
      OPEN(),
      CLOSE(),
    ]);
    assert.deepEqual(await line('location = /exact { }'), [
      ['location', `${L} storage.type.block.nginx`],
      ['=', `${L} keyword.operator.location.nginx`],
      ['/exact', `${L} string.unquoted.path.nginx`],
      OPEN(),
      CLOSE(),
    ]);
    assert.deepEqual((await line('location ^~ /static/ { }')).slice(1, 3), [
      ['^~', `${L} keyword.operator.location.nginx`],
      ['/static/', `${L} string.unquoted.path.nginx`],
    ]);
    assert.deepEqual((await line('location @fallback { }')).slice(1, 3), [
      ['@', `${L} entity.name.function.location.nginx punctuation.definition.location.nginx`],
      ['fallback', `${L} entity.name.function.location.nginx`],
    ]);
    assert.deepEqual((await line('location /api/ { }'))[1], ['/api/', `${L} string.unquoted.path.nginx`]);
  });

  const I = 'meta.statement.if.nginx';
  const C = `${I} meta.condition.nginx`;
  it('if conditions: regex operators (regexes with parentheses), file tests, comparisons', async () => {
    assert.deepEqual(await line('if ($uri ~ ^/(a|b)$) { }'), [
      ['if', `${I} keyword.control.conditional.nginx`],
      ['(', `${C} punctuation.section.condition.begin.nginx`],
      ['$', `${C} ${DOLLAR}`],
      ['uri', `${C} ${VAR}`],
      ['~', `${C} keyword.operator.regexp.nginx`],
      ['^/(a|b)$', `${C} string.regexp.nginx`],
      [')', `${C} punctuation.section.condition.end.nginx`],
      OPEN(),
      CLOSE(),
    ]);
    assert.deepEqual((await line('if ($request_uri !~* "^/old/(.*)$") {'))[4], ['!~*', `${C} keyword.operator.regexp.nginx`]);
    assert.deepEqual((await line('if ($request_uri !~* "^/old/(.*)$") {'))[5], ['"^/old/(.*)$"', `${C} string.regexp.nginx`]);
    assert.deepEqual((await line('if (!-f $request_filename) { }'))[2], ['!-f', `${C} keyword.operator.file-test.nginx`]);
    assert.deepEqual((await line('if ($http_x != "") { }'))[4], ['!=', `${C} keyword.operator.comparison.nginx`]);
  });
});

describe('nginx grammar: blocks with their own bodies', () => {
  it('map and geo entries are keys, not directives; regex keys and hash keywords', async () => {
    const H = `meta.block.hash.nginx`;
    assert.deepEqual(await lines("map $http_upgrade $c {\n    default upgrade;\n    ''      close;\n    ~^/api/  1;\n    listen   2;\n}"), [
      [['map', 'storage.type.block.nginx'], ['$', DOLLAR], ['http_upgrade', VAR], ['$', DOLLAR], ['c', VAR], OPEN(H)],
      [['default', `${H} keyword.other.hash.nginx`], [' upgrade', H], [';', `${H} punctuation.terminator.nginx`]],
      [["''", `${H} entity.other.attribute-name.key.nginx`], ['      close', H], [';', `${H} punctuation.terminator.nginx`]],
      [['~', `${H} keyword.operator.regexp.nginx`], ['^/api/', `${H} string.regexp.nginx`], ['1', `${H} constant.numeric.nginx`], [';', `${H} punctuation.terminator.nginx`]],
      [['listen', `${H} entity.other.attribute-name.key.nginx`], ['2', `${H} constant.numeric.nginx`], [';', `${H} punctuation.terminator.nginx`]],
      [CLOSE(H)],
    ]);
  });

  it('types map media types (mime.types is highlighted too)', async () => {
    const T = 'meta.block.types.nginx';
    assert.deepEqual(await lines('types {\n    text/html html htm;\n}'), [
      [['types', 'storage.type.block.nginx'], OPEN(T)],
      [['text/html', `${T} constant.other.mediatype.nginx`], [' html htm', T], [';', `${T} punctuation.terminator.nginx`]],
      [CLOSE(T)],
    ]);
  });

  it('upstream servers are directives, not server blocks', async () => {
    const U = 'meta.block.upstream.nginx';
    assert.deepEqual((await lines('upstream b {\n    server 10.0.0.1:8080 weight=5;\n}'))[1]!.slice(0, 2), [
      ['server', `${U} ${DIR}`],
      ['10.0.0.1', `${U} constant.other.ip-address.nginx`],
    ]);
  });

  it('Lua blocks embed source.lua, with nested braces, until the matching brace', async () => {
    const E = 'meta.embedded.block.lua';
    assert.deepEqual(await lines('content_by_lua_block {\n    local t = { a = 1 }\n    ngx.say("}")\n}\nserver_tokens off;'), [
      [['content_by_lua_block', 'storage.type.block.lua.nginx'], ['{', 'punctuation.section.block.begin.nginx']],
      [['local', `${E} keyword.control.lua`], [' t = ', E], ['{', E], [' a = 1 ', E], ['}', E]],
      [['    ngx.say(', E], ['"}"', `${E} string.quoted.double.lua`], [')', E]],
      [['}', 'punctuation.section.block.end.nginx']],
      [['server_tokens', DIR], ['off', 'constant.language.boolean.nginx'], TERM],
    ]);
  });
});

describe('nginx language contribution', () => {
  const root = repoRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  it('contributes the nginx language, its configuration and the grammar with Lua embedded', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'nginx');
    assert.ok(lang, 'nginx language');
    assert.deepEqual(lang.filenames.slice(0, 1), ['nginx.conf']);
    for (const f of ['mime.types', 'fastcgi_params']) assert.ok(lang.filenames.includes(f), f);
    assert.ok(lang.extensions.includes('.nginx') && lang.extensions.includes('.conf.template'));
    const config = JSON.parse(readFileSync(join(root, lang.configuration), 'utf8'));
    assert.deepEqual(config.comments, { lineComment: '#' });
    assert.deepEqual(config.brackets, [['{', '}'], ['(', ')'], ['[', ']']]);
    const g = pkg.contributes.grammars.find((x: { language: string }) => x.language === 'nginx');
    assert.deepEqual(g, { language: 'nginx', scopeName: 'source.nginx', path: './syntaxes/nginx.tmLanguage.json', embeddedLanguages: { 'meta.embedded.block.lua': 'lua' } });
    const grammar = JSON.parse(readFileSync(join(root, g.path), 'utf8'));
    assert.equal(grammar.scopeName, 'source.nginx');
    assert.ok(pkg.activationEvents.includes('onLanguage:nginx'));
  });
});
