// Traefik flags written as a block scalar `command:` (`>-`, `|`, `|2` …): each word of the value
// mapped back to its source (yaml/block-map.ts), exact ranges for flags and values, and fixes that
// write in the scalar's own layout (a new flag on its own line, a lone flag removed with its line)
// so the command YAML gives back is the intended one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isMap, isScalar, type Scalar } from 'yaml';
import type { Range, RuleContext, TextEdit } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/engine/text';
import { applyEdits } from '../../server/src/engine/fixes';
import { blockOffset, mapBlockScalar } from '../../server/src/yaml/block-map';
import { parseCompose } from '../../server/src/languages/compose/parse';
import { traefikViewOfCompose, type TraefikView } from '../../server/src/languages/traefik/view';
import { at, scalarOf, type TSource } from '../../server/src/languages/traefik/model';
import { insertEntryAfter, removeStatement, replaceScalar } from '../../server/src/languages/traefik/edits';
import { disableLineEdit } from '../../server/src/lsp/suppress-edits';
import { lintText, MemoryWorkspace, only } from '../helpers/lint';

/** The `command` scalar of `text` (a one-service compose file) and its source. */
function commandScalar(text: string): { node: Scalar; source: string; start: number } {
  const doc = parseDocument(text);
  const services = doc.get('services', true);
  assert.ok(isMap(services));
  const svc = services.items[0]!.value;
  assert.ok(isMap(svc));
  const node = svc.get('command', true);
  assert.ok(isScalar(node) && node.range);
  return { node, source: text.slice(node.range[0], node.range[1]), start: node.range[0] };
}

/** Every whitespace-separated word of the command, with the source text its mapped offset points at. */
function mappedWords(text: string): Array<[string, string | undefined]> {
  const { node, source, start } = commandScalar(text);
  const value = String(node.value);
  const map = mapBlockScalar(source, value);
  assert.ok(map, 'the block scalar maps');
  return [...value.matchAll(/\S+/g)].map((m) => {
    const o = blockOffset(map, m.index, m.index + m[0].length);
    return [m[0], o === undefined ? undefined : text.slice(start + o, start + o + m[0].length)];
  });
}

const compose = (header: string, body: string[], eol = '\n') =>
  ['services:', '  traefik:', '    image: traefik:v3.1', `    command: ${header}`, ...body, '    ports:', '      - "80:80"', ''].join(eol);

describe('yaml/block-map: a block scalar value mapped onto its lines', () => {
  const body = ['      --api.insecure=true', '      --providers.docker --log.level=DEBUG', '      --entrypoints.web.address=:80'];
  for (const header of ['>', '>-', '>+', '|', '|-', '|+']) {
    it(`${header}: every word (several on a line too) points at itself`, () => {
      const words = mappedWords(compose(header, body));
      assert.deepEqual(
        words.map(([w]) => w),
        ['--api.insecure=true', '--providers.docker', '--log.level=DEBUG', '--entrypoints.web.address=:80'],
      );
      for (const [w, src] of words) assert.equal(src, w);
    });
  }

  it('|2: an indentation indicator keeps the deeper first line (its extra spaces are content)', () => {
    const text = compose('|2', ['        --api.insecure', '      --log.level=DEBUG']);
    const { node, source } = commandScalar(text);
    assert.equal(node.value, '  --api.insecure\n--log.level=DEBUG\n');
    const map = mapBlockScalar(source, String(node.value))!;
    assert.equal(map.indent, 6);
    assert.equal(map.explicitIndent, true);
    for (const [w, src] of mappedWords(text)) assert.equal(src, w);
  });

  it('CRLF, a comment after the header, blank lines, trailing spaces and tabs between words', () => {
    const text = compose('>- # static configuration', ['      --api.insecure=true  ', '', '      --log.level=DEBUG\t--ping', '      '], '\r\n');
    const { node } = commandScalar(text);
    assert.equal(node.value, '--api.insecure=true  \n--log.level=DEBUG\t--ping');
    const words = mappedWords(text);
    assert.equal(words.length, 3);
    for (const [w, src] of words) assert.equal(src, w);
  });

  it('a slice spanning a line break or a fold is not located', () => {
    const { node, source } = commandScalar(compose('>', ['      --a=1', '      --b=2']));
    const map = mapBlockScalar(source, String(node.value))!;
    assert.equal(node.value, '--a=1 --b=2\n');
    assert.equal(blockOffset(map, 0, 5), source.indexOf('--a=1'));
    assert.equal(blockOffset(map, 3, 8), undefined); // `1 --b`: across the fold
    assert.equal(blockOffset(map, 6, 11), source.indexOf('--b=2'));
  });

  it('not a block scalar, or a reading that disagrees with the value: no map', () => {
    assert.equal(mapBlockScalar('--a=1', '--a=1'), undefined);
    assert.equal(mapBlockScalar('>-\n  --a=1\n', '--a=2'), undefined);
    assert.equal(mapBlockScalar('>-\n  --a\r=1\n', '--a\n=1'), undefined); // a lone CR
  });
});

const ctx = (path: string): RuleContext => ({ path, workspace: new MemoryWorkspace({}), settings: {} });

function flagsOf(text: string): { view: TraefikView; src: TSource } {
  const view = traefikViewOfCompose(parseCompose(text, '/w/compose.yaml').model, ctx('/w/compose.yaml'));
  const src = view.sources.find((s) => s.form === 'flag');
  assert.ok(src, 'no flag source');
  return { view, src };
}

function textAt(text: string, r: Range): string {
  const idx = new LineIndex(text);
  return text.slice(idx.offsetAt(r.start), idx.offsetAt(r.end));
}

/** The command Compose runs after `edits`: the block scalar's value split into words. */
function commandAfter(text: string, edits: TextEdit[]): string[] {
  const fixed = applyEdits(text, edits);
  const doc = parseDocument(fixed);
  assert.deepEqual(doc.errors, []);
  return String(doc.getIn(['services', 'traefik', 'command'])).split(/\s+/).filter(Boolean);
}

describe('traefik flags in a block scalar command', () => {
  it('names, values and statements have exact ranges (`>-`, `|`, `|2`, CRLF)', () => {
    for (const [header, eol] of [['>-', '\n'], ['|', '\n'], ['|2', '\n'], ['|- # flags', '\r\n']] as const) {
      const text = compose(header, ['      --api.insecure=true --log.level DEBUG', '', '      --providers.docker.exposedByDefault'], eol);
      const { src } = flagsOf(text);
      const insecure = at(src.root, ['api', 'insecure'])!;
      assert.equal(textAt(text, insecure.keyRange), 'insecure', header);
      assert.equal(textAt(text, scalarOf(insecure)!.range), 'true');
      assert.equal(text.slice(insecure.decl!.span.start, insecure.decl!.span.end), '--api.insecure=true');
      const level = at(src.root, ['log', 'level'])!;
      assert.equal(textAt(text, scalarOf(level)!.range), 'DEBUG');
      assert.equal(text.slice(level.decl!.span.start, level.decl!.span.end), '--log.level DEBUG');
      const ebd = at(src.root, ['providers', 'docker', 'exposedbydefault'])!;
      assert.equal(textAt(text, ebd.keyRange), 'exposedByDefault');
      assert.equal(scalarOf(ebd)!.implicit, true);
    }
  });

  it('a quoted value `>` folds across a line break falls back to the whole scalar, with no fix', () => {
    const text = compose('>-', ['      --api.insecure=true --log.level="DE', '      BUG"']);
    const { view, src } = flagsOf(text);
    const level = at(src.root, ['log', 'level'])!;
    assert.equal(scalarOf(level)!.text, 'DE BUG'); // the fold made the line break a space
    assert.equal(level.keyExact, false);
    assert.equal(level.decl, undefined);
    assert.equal(textAt(text, level.keyRange).startsWith('>-'), true);
    assert.equal(replaceScalar(view, scalarOf(level)!, 'INFO', 'string', 'flag'), undefined);
    // The flag on its own line is still exact.
    assert.equal(textAt(text, at(src.root, ['api', 'insecure'])!.keyRange), 'insecure');
  });

  for (const header of ['>', '>-', '|', '|-']) {
    it(`${header}: a new flag goes on its own line at the body's indentation`, () => {
      const text = compose(header, ['      --providers.docker', '      --api.dashboard=true --ping']);
      const { view, src } = flagsOf(text);
      const docker = at(src.root, ['providers', 'docker'])!;
      const e = insertEntryAfter(view, docker.decl, '--providers.docker.exposedbydefault', 'false', '=')!;
      assert.equal(applyEdits(text, [e]).split('\n')[5], '      --providers.docker.exposedbydefault=false');
      assert.deepEqual(commandAfter(text, [e]), ['--providers.docker', '--providers.docker.exposedbydefault=false', '--api.dashboard=true', '--ping']);
    });
  }

  it('CRLF: the new line keeps the file\'s line breaks; after the last line of the body too', () => {
    const text = compose('>-', ['      --api.dashboard=true', '      --providers.docker'], '\r\n');
    const { view, src } = flagsOf(text);
    const e = insertEntryAfter(view, at(src.root, ['providers', 'docker'])!.decl, '--providers.docker.exposedbydefault', 'false', '=')!;
    const fixed = applyEdits(text, [e]);
    assert.equal(fixed, text.replace('--providers.docker\r\n', '--providers.docker\r\n      --providers.docker.exposedbydefault=false\r\n'));
    assert.deepEqual(commandAfter(text, [e]), ['--api.dashboard=true', '--providers.docker', '--providers.docker.exposedbydefault=false']);
  });

  it('a flag alone on its line is removed with the line; one sharing a line, as a word', () => {
    const text = compose('>-', ['      --api.insecure=true', '      --log.level=DEBUG --ping', '      --providers.docker']);
    const { view, src } = flagsOf(text);
    const alone = removeStatement(view, at(src.root, ['api', 'insecure'])!.decl)!;
    assert.equal(applyEdits(text, [alone]), text.replace('      --api.insecure=true\n', ''));
    assert.deepEqual(commandAfter(text, [alone]), ['--log.level=DEBUG', '--ping', '--providers.docker']);
    const shared = removeStatement(view, at(src.root, ['log', 'level'])!.decl)!;
    assert.equal(applyEdits(text, [shared]), text.replace('--log.level=DEBUG ', ''));
    const last = removeStatement(view, at(src.root, ['providers', 'docker'])!.decl)!;
    assert.deepEqual(commandAfter(text, [last]), ['--api.insecure=true', '--log.level=DEBUG', '--ping']);
  });

  it('the first line is kept when a deeper line would become first and change the indentation', () => {
    const text = compose('|', ['      --api.insecure=true', '        --ping', '      --log.level=DEBUG']);
    const { view, src } = flagsOf(text);
    assert.equal(removeStatement(view, at(src.root, ['api', 'insecure'])!.decl), undefined);
    // With an indentation indicator the indentation cannot change.
    const fixedIndent = compose('|2', ['      --api.insecure=true', '        --ping', '      --log.level=DEBUG']);
    const f = flagsOf(fixedIndent);
    const e = removeStatement(f.view, at(f.src.root, ['api', 'insecure'])!.decl)!;
    assert.deepEqual(commandAfter(fixedIndent, [e]), ['--ping', '--log.level=DEBUG']);
  });

  it('a value is replaced in place, an implicit flag gets `=value`', () => {
    const text = compose('|', ['      --log.level DEBUG --api.insecure', '      --ping']);
    const { view, src } = flagsOf(text);
    const a = replaceScalar(view, scalarOf(at(src.root, ['log', 'level']))!, 'INFO', 'string', 'flag')!;
    const b = replaceScalar(view, scalarOf(at(src.root, ['api', 'insecure']))!, 'false', 'bool', 'flag')!;
    assert.deepEqual(commandAfter(text, [a, b]), ['--log.level', 'INFO', '--api.insecure=false', '--ping']);
  });
});

describe('yaml/block-map: generated block scalars', () => {
  it('every block scalar the library reads maps, and points every word it locates at its own text', () => {
    let seed = 7;
    const rnd = (n: number) => {
      // mulberry32: the low bits of a power-of-two LCG repeat too soon for `% n`.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const words = ['--a=1', '--b', 'x', '"q', 'r"', '--c.d=:80', '#x', '-e'];
    let mapped = 0;
    for (let n = 0; n < 400; n++) {
      const style = rnd(2) ? '>' : '|';
      const chomp = ['', '-', '+'][rnd(3)]!;
      const explicit = rnd(4) === 0;
      const header = `${style}${explicit ? '2' : ''}${chomp}${rnd(4) === 0 ? ' # c' : ''}`;
      const eol = rnd(3) === 0 ? '\r\n' : '\n';
      const lines: string[] = [];
      for (let l = 1 + rnd(5); l > 0; l--) {
        const kind = rnd(8);
        if (kind === 0) lines.push('');
        else if (kind === 1) lines.push('        ' + words[rnd(words.length)]); // deeper: content spaces (`|`), kept breaks (`>`)
        else {
          const k = 1 + rnd(3);
          const line = Array.from({ length: k }, () => words[rnd(words.length)]).join(rnd(4) === 0 ? '\t' : ' ');
          lines.push('      ' + line + (rnd(5) === 0 ? '  ' : ''));
        }
      }
      const text = compose(header, lines, eol);
      const doc = parseDocument(text);
      if (doc.errors.length > 0) continue; // a deeper first line without an indicator is an error
      const { node, source, start } = commandScalar(text);
      const value = String(node.value);
      const map = mapBlockScalar(source, value);
      if (/\S/.test(value)) assert.ok(map, `${JSON.stringify(text)} maps`);
      if (!map) continue;
      mapped++;
      for (const m of value.matchAll(/[^\s]+/g)) {
        const o = blockOffset(map, m.index, m.index + m[0].length);
        // Words hold no blanks, so none spans a line break: each is located.
        assert.ok(o !== undefined, JSON.stringify(text));
        assert.equal(text.slice(start + o, start + o + m[0].length), m[0], JSON.stringify(text));
      }
    }
    assert.ok(mapped > 300, `${mapped} of 400 mapped`);
  });
});

describe('suppressing a finding inside a block scalar command', () => {
  // A `#` in the body is text of the value (Traefik would get it as an argument): the comment
  // goes above or after the header, and covers the body.
  const body = ['      --providers.docker.exposedbydefault=false', '      --api.insecure=true'];
  const lint = (text: string) => lintText(text, { path: '/w/compose.yaml', workspace: new MemoryWorkspace({}) });

  it('a comment above `command:` or after its header covers the flags of the body', () => {
    const plain = compose('>-', body);
    assert.equal(only(lint(plain).diagnostics, 'traefik/api-insecure').length, 1);
    assert.equal(only(lint(plain).diagnostics, 'traefik/api-insecure')[0]!.range.start.line, 5);
    const above = plain.replace('    command: >-', '    # rampart-ignore traefik/api-insecure -- lab only\n    command: >-');
    assert.equal(only(lint(above).diagnostics, 'traefik/api-insecure').length, 0);
    assert.equal(only(lint(above).suppressed, 'traefik/api-insecure').length, 1);
    const after = compose('>- # rampart-ignore traefik/api-insecure -- lab only', body, '\r\n');
    assert.equal(only(lint(after).diagnostics, 'traefik/api-insecure').length, 0);
    assert.equal(only(lint(after).suppressed, 'traefik/api-insecure').length, 1);
  });

  it('"Disable for this line" writes its comment above the header, not into the value', () => {
    const text = compose('|', body);
    const r = lint(text);
    const d = only(r.diagnostics, 'traefik/api-insecure')[0]!;
    const parsed = parseCompose(text, '/w/compose.yaml');
    const fixed = applyEdits(text, [disableLineEdit(parsed, 'traefik/api-insecure', d.range.start.line)]);
    assert.equal(fixed, text.replace('    command: |', '    # rampart-ignore traefik/api-insecure\n    command: |'));
    assert.equal(only(lint(fixed).diagnostics, 'traefik/api-insecure').length, 0);
    assert.deepEqual(commandAfter(fixed, []), ['--providers.docker.exposedbydefault=false', '--api.insecure=true']);
  });
});
