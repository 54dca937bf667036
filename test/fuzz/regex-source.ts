// Finds every regular expression written in the product source: regex literals (`/…/flags`) and
// `new RegExp(…)` calls, with file and line. A small tokenizer (strings, template literals,
// comments, and the usual "a `/` after an operator starts a regex" rule) is enough for this code
// base; the regex-audit test and `npm run fuzz` feed each one adversarial strings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface RegexSite {
  file: string;
  line: number;
  /** The literal as written, `/…/flags`, or the source of a `new RegExp(…)` call. */
  text: string;
  /** Compiled regex for a literal; undefined for a RegExp built at run time. */
  regex?: RegExp;
  /**
   * The reviewer's note when a `// regex-audit: …` comment stands on one of the three lines above
   * (a regex that is superlinear alone but only ever runs on bounded input).
   */
  note?: string;
}

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

export function regexLiterals(source: string): Array<{ offset: number; text: string }> {
  const out: Array<{ offset: number; text: string }> = [];
  let i = 0;
  const n = source.length;
  // Whether a `/` here would start a regex: after an operator/punctuator or a keyword, not after
  // an identifier, number, `)` or `]`.
  let regexAllowed = true;
  const braceStack: Array<'code' | 'template'> = [];
  while (i < n) {
    const c = source[i]!;
    if (c === '/' && source[i + 1] === '/') {
      const e = source.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const e = source.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      i = j + 1;
      regexAllowed = false;
      continue;
    }
    if (c === '`' || (c === '}' && braceStack[braceStack.length - 1] === 'template')) {
      if (c === '}') braceStack.pop();
      let j = i + 1;
      while (j < n && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
      if (source[j] === '$') {
        braceStack.push('template');
        i = j + 2;
        regexAllowed = true;
      } else {
        i = j + 1;
        regexAllowed = false;
      }
      continue;
    }
    if (c === '/' && regexAllowed) {
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== '\n') {
        const d = source[j]!;
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      j++;
      while (j < n && /[a-z]/.test(source[j]!)) j++;
      out.push({ offset: i, text: source.slice(i, j) });
      i = j;
      regexAllowed = false;
      continue;
    }
    if (/[A-Za-z_$0-9]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z_$0-9]/.test(source[j]!)) j++;
      const word = source.slice(i, j);
      regexAllowed = KEYWORDS_BEFORE_REGEX.has(word);
      i = j;
      continue;
    }
    if (c === '{') braceStack.push('code');
    else if (c === '}') braceStack.pop();
    if (!/\s/.test(c)) regexAllowed = c !== ')' && c !== ']' && c !== '}';
    i++;
  }
  return out;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

function walk(dir: string, files: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, files);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) files.push(p);
  }
}

/** Every regex site under `root` (the repository), paths relative to it. */
export function regexSites(root: string, dir = 'server/src'): RegexSite[] {
  const files: string[] = [];
  walk(join(root, dir), files);
  const out: RegexSite[] = [];
  for (const f of files) {
    const source = readFileSync(f, 'utf8');
    const file = relative(root, f).replace(/\\/g, '/');
    const lines = source.split('\n');
    const noteFor = (line: number): string | undefined => {
      for (let l = Math.max(0, line - 4); l < line - 1; l++) {
        const m = /\/\/ regex-audit: (.*)$/.exec(lines[l]!);
        if (m) return m[1]!.trim();
      }
      return undefined;
    };
    for (const lit of regexLiterals(source)) {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(lit.text);
      let regex: RegExp | undefined;
      try {
        regex = m ? new RegExp(m[1]!, m[2]) : undefined;
      } catch {
        regex = undefined;
      }
      const line = lineOf(source, lit.offset);
      out.push({ file, line, text: lit.text, regex, note: noteFor(line) });
    }
    for (let at = source.indexOf('new RegExp('); at >= 0; at = source.indexOf('new RegExp(', at + 1)) {
      const e = source.indexOf('\n', at);
      out.push({ file, line: lineOf(source, at), text: source.slice(at, e < 0 ? undefined : e).trim() });
    }
  }
  return out;
}
