// The nginx position lexer: nginx's token rules, exact offsets, linear time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lex, tokenValue, type Token } from '../../server/src/languages/nginx/lexer';

/** `kind:text` per token, for compact expectations. */
function kinds(text: string, template = false): string[] {
  return lex(text, { template }).tokens.map((t) => `${t.kind}:${text.slice(t.start, t.end)}`);
}

describe('nginx lexer', () => {
  it('splits words, punctuation and comments with exact offsets', () => {
    const text = 'server {\n  listen 80; # web\n}\n';
    const { tokens } = lex(text);
    const view = tokens.map((t) => [t.kind, t.start, t.end, t.lineFirst]);
    assert.deepEqual(view, [
      ['word', 0, 6, true],
      ['{', 7, 8, false],
      ['word', 11, 17, true],
      ['word', 18, 20, false],
      [';', 20, 21, false],
      ['comment', 22, 27, false],
      ['}', 28, 29, true],
    ]);
  });

  it('starts a comment only where a token could start', () => {
    assert.deepEqual(kinds('return 301 http://a/#x;'), ['word:return', 'word:301', 'word:http://a/#x', ';:;']);
    assert.deepEqual(kinds('a foo#bar;#c'), ['word:a', 'word:foo#bar', ';:;', 'comment:#c']);
    assert.deepEqual(kinds('a 1;\n   #  own line\nb 2;'), ['word:a', 'word:1', ';:;', 'comment:#  own line', 'word:b', 'word:2', ';:;']);
  });

  it('reads quoted strings with escapes, across lines', () => {
    const text = `add_header X "a; b # not a comment \\" still";\nlog_format m 'x\n  y';`;
    assert.deepEqual(kinds(text), [
      'word:add_header',
      'word:X',
      'string:"a; b # not a comment \\" still"',
      ';:;',
      'word:log_format',
      'word:m',
      "string:'x\n  y'",
      ';:;',
    ]);
    const str = lex(text).tokens[2]!;
    assert.equal(str.closed, true);
    assert.equal(tokenValue(text, str), 'a; b # not a comment " still');
  });

  it('keeps ${VAR}, $var and escapes inside one word, and `}` as a word character like nginx', () => {
    assert.deepEqual(kinds('proxy_pass http://${HOST}:$port/a\\ b;'), ['word:proxy_pass', 'word:http://${HOST}:$port/a\\ b', ';:;']);
    assert.deepEqual(kinds('server_name ${DOMAIN};'), ['word:server_name', 'word:${DOMAIN}', ';:;']);
    // nginx ends a bare word at whitespace, ";" or "{" only.
    assert.deepEqual(kinds('location /a{ x y}'), ['word:location', 'word:/a', '{:{', 'word:x', 'word:y}']);
  });

  it('resolves escapes the way nginx does', () => {
    const text = 'a "t\\tq\\"b\\\\s\\x";';
    const t = lex(text).tokens[1]!;
    assert.equal(tokenValue(text, t), 't\tq"b\\s\\x');
  });

  it('marks an unterminated string and text glued to a closing quote', () => {
    const text = 'a "b;\nc d;';
    const r = lex(text);
    assert.equal(r.tokens[1]!.kind, 'string');
    assert.equal(r.tokens[1]!.closed, false);
    assert.equal(r.tokens[1]!.end, text.length);
    // Recovery closes it at its line end.
    const rec = lex(text, { forceClose: new Set([2]) });
    assert.deepEqual(
      rec.tokens.map((t) => text.slice(t.start, t.end)),
      ['a', '"b;', 'c', 'd', ';'],
    );
    assert.deepEqual(lex('a "x"y;').issues, [{ kind: 'junk-after-quote', offset: 5 }]);
    assert.deepEqual(lex('if ($a = "x") { }').issues, []);
  });

  it('skips *_by_lua_block bodies, reading them as Lua', () => {
    const text = 'content_by_lua_block {\n  local t = { a = 1 }\n  ngx.say("#x")\n}\nreturn 200;';
    assert.deepEqual(
      lex(text).tokens.map((t) => t.kind),
      ['word', '{', 'verbatim', '}', 'word', 'word', ';'],
    );
    const verbatim = lex(text).tokens[2]!;
    assert.equal(text.slice(verbatim.start, verbatim.end), '\n  local t = { a = 1 }\n  ngx.say("#x")\n');
    // A brace inside a Lua string does not end the block (lua-nginx-module lexes the body as Lua).
    const tricky = 'content_by_lua_block { ngx.say("}") }';
    const toks = lex(tricky).tokens;
    assert.equal(toks[3]!.kind, '}');
    assert.equal(toks[3]!.start, tricky.length - 1);
  });

  it('counts Lua braces outside strings, long strings and comments only', () => {
    const cases: Array<[string, string]> = [
      ['strings with braces and escaped quotes', `ngx.say("{", '}', "\\"}", 'it\\'s }')`],
      ['a table holding a brace string', 'local t = { a = "{" }'],
      ['long strings of any level', 'local s = [[ } ]] .. [==[ ]] } ]=] { ]==]'],
      ['line comments', '-- } {{\nlocal x = 1'],
      ['long comments', '--[[ } ]] --[=[ { ]] ]=] local y = {}'],
      ['a string left open ends at its line (Lua rejects it; the block still closes)', 'local z = "}\n'],
    ];
    for (const [what, body] of cases) {
      const text = `content_by_lua_block {${body}}\nreturn 200;`;
      const toks = lex(text).tokens;
      assert.deepEqual(toks.map((t) => t.kind), ['word', '{', 'verbatim', '}', 'word', 'word', ';'], what);
      assert.equal(text.slice(toks[2]!.start, toks[2]!.end), body, what);
    }
  });

  it('an unclosed Lua body runs to the end of the file', () => {
    const text = 'content_by_lua_block { local s = [[ }\nreturn 200;';
    assert.deepEqual(lex(text).tokens.map((t) => t.kind), ['word', '{', 'verbatim']);
  });

  it('reads {{ … }} template text as words, and alone at a statement start as template control', () => {
    assert.deepEqual(kinds('{{ range .S }}\nlisten {{ .Port }};\nserver_name {{.H}}.example.com;', true), [
      'template:{{ range .S }}',
      'word:listen',
      'word:{{ .Port }}',
      ';:;',
      'word:server_name',
      'word:{{.H}}.example.com',
      ';:;',
    ]);
    // Without template mode `{` is punctuation.
    assert.deepEqual(kinds('a {{ b }}'), ['word:a', '{:{', '{:{', 'word:b', '}:}', '}:}']);
  });

  it('treats CRLF and lone CR as line breaks', () => {
    const { tokens } = lex('a 1;\r\nb 2;\rc 3;');
    assert.deepEqual(
      tokens.filter((t: Token) => t.lineFirst).map((t) => t.start),
      [0, 6, 11],
    );
  });

  it('is linear on hostile input', () => {
    const long = 'a ' + 'x'.repeat(2_000_000) + ';';
    const manyBraces = '{'.repeat(200_000);
    const manyTemplates = 'a ' + '{{'.repeat(200_000);
    const t0 = performance.now();
    assert.equal(lex(long).tokens.length, 3);
    assert.equal(lex(manyBraces).tokens.length, 200_000);
    lex(manyTemplates, { template: true });
    assert.ok(performance.now() - t0 < 2000, 'lexing took too long');
  });
});
