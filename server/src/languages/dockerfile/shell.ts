// A small POSIX-shell word splitter for RUN bodies. No npm shell parser gives source offsets
// for every word and tolerates Dockerfile fragments (unbalanced quotes mid-edit, BuildKit
// heredocs, `$(…)` inside words), and rules need exact ranges, so this is written by hand.
// It is linear in the input: every loop advances the cursor.

export type ShellOp = '' | '&&' | '||' | ';' | '|' | '&' | 'nl' | '(' | ')';

export interface ShellWord {
  /** The word with quotes removed and escapes applied (variables are left as written). */
  value: string;
  /** The word as written. */
  raw: string;
  /** Offsets into the document (not into the script text). */
  start: number;
  end: number;
}

export interface ShellCommand {
  words: ShellWord[];
  /** The operator that separates this command from the previous one. */
  op: ShellOp;
}

export interface ShellScript {
  /** The script as the shell sees it, with Dockerfile line continuations removed. */
  text: string;
  commands: ShellCommand[];
}

/**
 * Tokenises `text`, whose character `i` sits at document offset `offsets[i]`
 * (`offsets[text.length]` is the offset just past the end).
 */
export function tokenizeShell(text: string, offsets: number[]): ShellScript {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let op: ShellOp = '';
  let i = 0;
  const n = text.length;

  const flush = (nextOp: ShellOp) => {
    if (words.length > 0) commands.push({ words, op });
    words = [];
    op = nextOp;
  };

  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      flush('nl');
      i++;
      continue;
    }
    if (c === '#' ) {
      // A comment runs to the end of the line (only at the start of a word).
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      flush(two);
      i += 2;
      continue;
    }
    if (two === '|&') {
      flush('|');
      i += 2;
      continue;
    }
    if (c === '|' || c === ';' || c === '(' || c === ')') {
      flush(c === '|' ? '|' : c === ';' ? ';' : c);
      i++;
      continue;
    }
    if (c === '&' && text[i + 1] !== '>') {
      flush('&');
      i++;
      continue;
    }
    // A word: runs until unquoted whitespace or an operator character.
    const start = i;
    let value = '';
    let depth = 0; // nesting of $( … ) inside the word
    while (i < n) {
      const ch = text[i]!;
      if (depth === 0 && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ';' || ch === '|' || ch === '(' || ch === ')')) break;
      if (depth === 0 && ch === '&' && text[i + 1] !== '>' && !(i > start && (text[i - 1] === '>' || text[i - 1] === '<'))) break;
      if (ch === '\\') {
        if (i + 1 < n) value += text[i + 1];
        i += 2;
        continue;
      }
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(text[i + 1]!)) {
            value += text[i + 1];
            i += 2;
            continue;
          }
          value += text[i];
          i++;
        }
        i++;
        continue;
      }
      if (ch === '`') {
        const close = text.indexOf('`', i + 1);
        const stop = close < 0 ? n : close + 1;
        value += text.slice(i, stop);
        i = stop;
        continue;
      }
      if (ch === '$' && text[i + 1] === '(') {
        depth++;
        value += '$(';
        i += 2;
        continue;
      }
      if (ch === '(' && depth > 0) depth++;
      if (ch === ')' && depth > 0) depth--;
      value += ch;
      i++;
    }
    const end = Math.min(i, n);
    words.push({ value, raw: text.slice(start, end), start: offsets[start]!, end: offsets[end] ?? offsets[n]! });
  }
  flush('');
  return { text, commands };
}

/** Splits a script's commands into pipelines (`a | b | c` is one pipeline of three). */
export function pipelines(script: ShellScript): ShellCommand[][] {
  const out: ShellCommand[][] = [];
  for (const cmd of script.commands) {
    if (cmd.op === '|' && out.length > 0) out[out.length - 1]!.push(cmd);
    else out.push([cmd]);
  }
  return out;
}

const PREFIX_COMMANDS = new Set(['exec', 'command', 'nohup', 'time', 'builtin', 'env']);

/**
 * The words of a command after leading `VAR=value` assignments and transparent prefixes
 * (`exec`, `env`, `command` …). `sudo` is kept: rules decide what it means.
 */
export function commandWords(cmd: ShellCommand): ShellWord[] {
  let k = 0;
  const w = cmd.words;
  while (k < w.length) {
    const v = w[k]!.value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) k++;
    else if (PREFIX_COMMANDS.has(v)) k++;
    else if (k > 0 && w[k - 1]!.value === 'env' && v.startsWith('-')) k++;
    else break;
  }
  return w.slice(k);
}

/** Basename of a program word: `/usr/bin/apt-get` → `apt-get`. */
export function programName(word: ShellWord | undefined): string {
  if (!word) return '';
  const v = word.value;
  const slash = v.lastIndexOf('/');
  return slash >= 0 ? v.slice(slash + 1) : v;
}
