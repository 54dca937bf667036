// Tokenizes text with the shipped nginx grammar through vscode-textmate and vscode-oniguruma (the
// engine VS Code uses), for the grammar tests. An optional stand-in `source.lua` grammar shows
// what the embedded Lua body hands to the Lua grammar.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';
import { repoRoot } from '../helpers/paths';

let grammar: Promise<IGrammar> | undefined;

const FAKE_LUA = JSON.stringify({
  scopeName: 'source.lua',
  patterns: [
    { match: '"(?:[^"\\\\]|\\\\.)*"', name: 'string.quoted.double.lua' },
    { match: '\\b(?:local|if|then|end|return|not)\\b', name: 'keyword.control.lua' },
  ],
});

export function nginxGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const root = repoRoot();
    const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const path = join(root, 'syntaxes/nginx.tmLanguage.json');
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new OnigScanner(p), createOnigString: (s: string) => new OnigString(s) }),
      loadGrammar: async (scope: string) => {
        if (scope === 'source.nginx') return parseRawGrammar(readFileSync(path, 'utf8'), path);
        if (scope === 'source.lua') return parseRawGrammar(FAKE_LUA, 'lua.json');
        return null;
      },
    });
    const g = await registry.loadGrammar('source.nginx');
    if (!g) throw new Error('grammar did not load');
    return g;
  })();
  return grammar;
}

export interface Tok {
  text: string;
  /** Scopes below `source.nginx`, space-separated. */
  scopes: string;
}

/** Tokens per line, the grammar's state carried across lines. */
export async function tokenize(text: string): Promise<Tok[][]> {
  const g = await nginxGrammar();
  let state: StateStack = INITIAL;
  const out: Tok[][] = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state, 1000);
    if (r.stoppedEarly) throw new Error(`tokenizing stopped early on: ${line}`);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1).join(' ') })));
    state = r.ruleStack;
  }
  return out;
}
