// A small POSIX-shell word splitter for RUN bodies. No npm shell parser gives source offsets
// for every word and tolerates Dockerfile fragments (unbalanced quotes mid-edit, BuildKit
// heredocs, `$(…)` inside words), and rules need exact ranges, so this is written by hand.
// It is linear in the input: every loop advances the cursor.

import { MemoSlot } from '../../engine/memo-slot';

export type ShellOp = '' | '&&' | '||' | ';' | '|' | '&' | 'nl' | '(' | ')';

export interface ShellWord {
  /** The word with quotes removed and escapes applied (variables are left as written). */
  value: string;
  /** The word as written. */
  raw: string;
  /** Offsets into the document (not into the script text). */
  start: number;
  end: number;
  /** Indices of the word in its script's `text` (`raw === text.slice(textStart, textEnd)`). */
  textStart: number;
  textEnd: number;
  /** Command and process substitutions inside the word (`$(…)`, backticks, `<(…)`, `>(…)`). */
  subs?: ShellSubstitution[];
}

export interface ShellSubstitution {
  kind: '$(' | '`' | '<(' | '>(';
  /** Document offsets of the whole substitution, `$(` to `)` inclusive. */
  start: number;
  end: number;
  /** The commands inside, tokenised with document offsets. */
  script: ShellScript;
}

export interface ShellCommand {
  words: ShellWord[];
  /** The operator that separates this command from the previous one. */
  op: ShellOp;
  /** Document offsets of that operator (absent for the first command). */
  opStart?: number;
  opEnd?: number;
}

export interface ShellScript {
  /** The script as the shell sees it, with Dockerfile line continuations removed. */
  text: string;
  commands: ShellCommand[];
  /** Document offset of each character of `text`, plus one for the end. */
  offsets: number[];
  /**
   * A quote, backtick or `$(` runs to the end of the script without closing: text appended at
   * the end would land inside it, so fixes must not append there.
   */
  unterminated?: boolean;
}

/** 1 for the ASCII characters the word loop of tokenizeShell appends as they are. */
const PLAIN = new Uint8Array(128);
for (let c = 33; c < 127; c++) PLAIN[c] = 1;
for (const c of ';|()&\\\'"`$<>') PLAIN[c.charCodeAt(0)] = 0;

/**
 * Tokenises `text`, whose character `i` sits at document offset `offsets[i]`
 * (`offsets[text.length]` is the offset just past the end).
 */
export function tokenizeShell(text: string, offsets: number[], depth = 0): ShellScript {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let op: ShellOp = '';
  let opStart: number | undefined;
  let opEnd: number | undefined;
  let i = 0;
  const n = text.length;
  const at = (k: number) => offsets[Math.min(k, n)] ?? offsets[n]!;
  let unterminated = false;

  const flush = (nextOp: ShellOp, len: number) => {
    if (words.length > 0) {
      const cmd: ShellCommand = { words, op };
      if (opStart !== undefined) {
        cmd.opStart = opStart;
        cmd.opEnd = opEnd;
      }
      commands.push(cmd);
    } else if (nextOp === 'nl' && (op === '|' || op === '&&' || op === '||')) {
      // A newline after `|`, `&&` or `||` continues the command list.
      return;
    }
    words = [];
    op = nextOp;
    opStart = nextOp === '' ? undefined : at(i);
    opEnd = nextOp === '' ? undefined : at(i + len);
  };

  const sub = (kind: ShellSubstitution['kind'], from: number, innerStart: number, innerEnd: number, to: number): ShellSubstitution => ({
    kind,
    start: at(from),
    end: at(to),
    script:
      depth < 16
        ? tokenizeShell(text.slice(innerStart, innerEnd), offsets.slice(innerStart, innerEnd + 1), depth + 1)
        : { text: '', commands: [], offsets: [at(innerStart)] },
  });

  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      // Shell line continuation (in heredoc scripts).
      i += text[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === '\n') {
      flush('nl', 1);
      i++;
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of the line (only at the start of a word).
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const next = text[i + 1];
    const two = (c === '&' && next === '&') || (c === '|' && next === '|') ? (c === '&' ? '&&' : '||') : c === '|' && next === '&' ? '|&' : '';
    if (two === '&&' || two === '||') {
      flush(two, 2);
      i += 2;
      continue;
    }
    if (two === '|&') {
      flush('|', 2);
      i += 2;
      continue;
    }
    if (c === '|' || c === ';' || c === '(' || c === ')') {
      flush(c === '|' ? '|' : c === ';' ? ';' : c, 1);
      i++;
      continue;
    }
    if (c === '&' && text[i + 1] !== '>') {
      flush('&', 1);
      i++;
      continue;
    }
    // A word: runs until unquoted whitespace or an operator character.
    const start = i;
    let value = '';
    let subs: ShellSubstitution[] | undefined;
    const addSub = (s: ShellSubstitution) => (subs ??= []).push(s);
    // Most words are plain characters only: one slice instead of a new string per character
    // (which was a tenth of a Dockerfile lint's allocation). The loop below takes over at the
    // first character it treats specially, reading the text around it as before.
    while (i < n && PLAIN[text.charCodeAt(i)] === 1) i++;
    value = text.slice(start, i);
    while (i < n) {
      const ch = text[i]!;
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ';' || ch === '|' || ch === ')') break;
      if (ch === '(' && !(i > start && (text[i - 1] === '<' || text[i - 1] === '>'))) break;
      if (ch === '&' && text[i + 1] !== '>' && !(i > start && (text[i - 1] === '>' || text[i - 1] === '<'))) break;
      if (ch === '\\') {
        if (text[i + 1] === '\n') {
          i += 2;
          continue;
        }
        if (i + 1 < n) value += text[i + 1];
        i += 2;
        continue;
      }
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) unterminated = true;
        const stop = close < 0 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(text[i + 1]!)) {
            if (text[i + 1] !== '\n') value += text[i + 1];
            i += 2;
            continue;
          }
          if (text[i] === '$' && text[i + 1] === '(') {
            const close = matchParen(text, i + 1);
            if (text[i + 2] !== '(') addSub(sub('$(', i, i + 2, close, close + 1));
            value += text.slice(i, close + 1);
            i = close + 1;
            continue;
          }
          if (text[i] === '`') {
            const close = skipBacktick(text, i);
            addSub(sub('`', i, i + 1, Math.max(i + 1, close - 1), close));
            value += text.slice(i, close);
            i = close;
            continue;
          }
          value += text[i];
          i++;
        }
        if (i >= n) unterminated = true;
        i++;
        continue;
      }
      if (ch === '`') {
        const close = skipBacktick(text, i);
        if (close - 1 <= i || text[close - 1] !== '`') unterminated = true;
        addSub(sub('`', i, i + 1, Math.max(i + 1, close - 1), close));
        value += text.slice(i, close);
        i = close;
        continue;
      }
      if ((ch === '$' || ch === '<' || ch === '>') && text[i + 1] === '(') {
        const close = matchParen(text, i + 1);
        if (close >= n) unterminated = true;
        // `$((…))` is arithmetic, not a command.
        if (!(ch === '$' && text[i + 2] === '(')) addSub(sub(ch === '$' ? '$(' : ch === '<' ? '<(' : '>(', i, i + 2, close, close + 1));
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      value += ch;
      i++;
    }
    const end = Math.min(i, n);
    const word: ShellWord = { value, raw: text.slice(start, end), start: at(start), end: at(end), textStart: start, textEnd: end };
    if (subs) word.subs = subs;
    words.push(word);
  }
  flush('', 0);
  return unterminated ? { text, commands, offsets, unterminated } : { text, commands, offsets };
}

/** Nesting of `"$(` inside `$("` that is followed; deeper counts as unclosed (no stack overflow). */
const MAX_NESTING = 200;

/** Index of the `)` that closes the `(` at `open` (or the text length), skipping quotes. */
function matchParen(text: string, open: number, nesting = 0): number {
  const n = text.length;
  if (nesting > MAX_NESTING) return n;
  let depth = 0;
  let j = open;
  while (j < n) {
    const c = text[j]!;
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === "'") {
      const k = text.indexOf("'", j + 1);
      j = k < 0 ? n : k + 1;
      continue;
    }
    if (c === '"') {
      j = skipDouble(text, j, nesting + 1);
      continue;
    }
    if (c === '`') {
      j = skipBacktick(text, j);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return j;
    }
    j++;
  }
  return n;
}

/** Index just past the `"` that closes the one at `j`. */
function skipDouble(text: string, j: number, nesting = 0): number {
  const n = text.length;
  if (nesting > MAX_NESTING) return n;
  j++;
  while (j < n) {
    const c = text[j]!;
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === '"') return j + 1;
    if (c === '$' && text[j + 1] === '(') {
      j = matchParen(text, j + 1, nesting + 1) + 1;
      continue;
    }
    if (c === '`') {
      j = skipBacktick(text, j);
      continue;
    }
    j++;
  }
  return n;
}

/** Index just past the backtick that closes the one at `j`. */
function skipBacktick(text: string, j: number): number {
  const n = text.length;
  j++;
  while (j < n) {
    if (text[j] === '\\') {
      j += 2;
      continue;
    }
    if (text[j] === '`') return j + 1;
    j++;
  }
  return n;
}

/**
 * Splits a script's commands into pipelines (`a | b | c` is one pipeline of three). Memoised per
 * script (rules ask once per command), so the arrays are shared: read only.
 */
export function pipelines(script: ShellScript): ReadonlyArray<readonly ShellCommand[]> {
  const hit = pipelineCache.get(script);
  if (hit) return hit;
  const out: ShellCommand[][] = [];
  for (const cmd of script.commands) {
    if (cmd.op === '|' && out.length > 0) out[out.length - 1]!.push(cmd);
    else out.push([cmd]);
  }
  pipelineCache.set(script, out);
  return out;
}

const pipelineCache = new MemoSlot<ShellScript, ShellCommand[][]>();

const PREFIX_COMMANDS = new Set(['exec', 'command', 'nohup', 'time', 'builtin', 'env']);

/**
 * The words of a command after leading `VAR=value` assignments and transparent prefixes
 * (`exec`, `env`, `command` …). `sudo` is kept: rules decide what it means. Read only: it may
 * be `cmd.words` itself.
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
  // Most commands have no prefix: hand out their own words rather than a copy (read only).
  return k === 0 ? w : w.slice(k);
}

/** Basename of a program word: `/usr/bin/apt-get` → `apt-get`. */
export function programName(word: ShellWord | undefined): string {
  if (!word) return '';
  const v = word.value;
  const slash = v.lastIndexOf('/');
  return slash >= 0 ? v.slice(slash + 1) : v;
}

/** POSIX-family shells (by basename) whose `-c` strings and heredoc scripts are shell code. */
const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash', 'busybox']);

/** True for `sh`, `/bin/bash`, `/usr/bin/env bash`'s `bash` …: a POSIX-family shell. */
export function isPosixShell(program: string): boolean {
  const slash = program.lastIndexOf('/');
  return SHELL_NAMES.has((slash >= 0 ? program.slice(slash + 1) : program).toLowerCase());
}

// sudo/doas options that take a value (`sudo -u app …`).
const SUDO_VALUE_OPTS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R']);

/**
 * The words of the command `sudo`/`doas` runs (after its options), or `words` unchanged when
 * the command is not one of them. `sudo` alone (`sudo -i`) yields nothing.
 */
export function unwrapSudo(words: ShellWord[]): ShellWord[] {
  const p = programName(words[0]);
  if (p !== 'sudo' && p !== 'doas') return words;
  let k = 1;
  while (k < words.length) {
    const v = words[k]!.value;
    if (v === '--') {
      k++;
      break;
    }
    if (!v.startsWith('-')) break;
    k += SUDO_VALUE_OPTS.has(v) ? 2 : 1;
  }
  return words.slice(k);
}

/**
 * The words from the program that really runs: after assignments, transparent prefixes
 * (`env`, `exec` …) and `sudo`/`doas` with their options (`sudo -E env X=1 apt-get …` → `apt-get …`).
 */
const effectiveCache = new MemoSlot<ShellCommand, ShellWord[]>();

export function effectiveWords(cmd: ShellCommand): ShellWord[] {
  const hit = effectiveCache.get(cmd);
  if (hit) return hit;
  const words = computeEffectiveWords(cmd);
  effectiveCache.set(cmd, words);
  return words;
}

function computeEffectiveWords(cmd: ShellCommand): ShellWord[] {
  let words = commandWords(cmd);
  for (let guard = 0; guard < 4; guard++) {
    const inner = unwrapSudo(words);
    if (inner === words) break;
    words = commandWords({ words: inner, op: cmd.op });
  }
  return words;
}

/**
 * The word that holds the script of `sh -c '…'`, `bash -ec "…"` or `su -c "…"` (after sudo),
 * or undefined when the command is not such a call.
 */
export function shellCWord(cmd: ShellCommand): ShellWord | undefined {
  const words = effectiveWords(cmd);
  const p = programName(words[0]);
  if (p === 'su') {
    for (let k = 1; k < words.length - 1; k++) {
      const v = words[k]!.value;
      if (v === '-c' || v === '--command') return words[k + 1];
      if (v.startsWith('--command=')) return undefined;
    }
    return undefined;
  }
  if (!isPosixShell(p)) return undefined;
  let sawC = false;
  for (let k = 1; k < words.length; k++) {
    const v = words[k]!.value;
    if (v === '--') return sawC ? words[k + 1] : undefined;
    if ((v.startsWith('-') || v.startsWith('+')) && v.length > 1 && !v.startsWith('--')) {
      if (v === '-o' || v === '+o') k++;
      else if (v.includes('c')) sawC = true;
      continue;
    }
    if (v.startsWith('--')) continue;
    return sawC ? words[k] : undefined;
  }
  return undefined;
}

/**
 * Tokenises a word of `script` as a script of its own (the string of `sh -c '…'`), with
 * document offsets, when the word is one literal: unquoted, or wholly in one pair of quotes.
 */
const innerCache = new MemoSlot<ShellWord, ShellScript | null>();

export function innerScript(script: ShellScript, word: ShellWord): ShellScript | undefined {
  let hit = innerCache.get(word);
  if (hit === undefined) {
    hit = computeInnerScript(script, word) ?? null;
    innerCache.set(word, hit);
    remember(script, word);
  }
  return hit ?? undefined;
}

/** The words of each script innerScript memoised, so shiftScript needs no lookup per word. */
const innerWords = new MemoSlot<ShellScript, ShellWord[]>();

function remember(script: ShellScript, word: ShellWord): void {
  const list = innerWords.get(script);
  if (list) list.push(word);
  else innerWords.set(script, [word]);
}

function computeInnerScript(script: ShellScript, word: ShellWord): ShellScript | undefined {
  const raw = word.raw;
  let a = word.textStart;
  let b = word.textEnd;
  if (raw.length >= 2 && (raw[0] === "'" || raw[0] === '"') && raw[raw.length - 1] === raw[0]) {
    if (raw[0] === "'" && raw.indexOf("'", 1) !== raw.length - 1) return undefined;
    a++;
    b--;
  } else if (/["']/.test(raw)) {
    return undefined;
  }
  if (script.text.slice(word.textStart, word.textEnd) !== raw) return undefined;
  return tokenizeShell(script.text.slice(a, b), script.offsets.slice(a, b + 1), 1);
}

/**
 * Visits every command of a script, then (depth-first, right after each command) the commands
 * inside its substitutions (`$(…)`, backticks, `<(…)`) and the script of `sh -c '…'`.
 * `depth` is 0 for the script's own commands.
 */
export function forEachCommand(
  script: ShellScript,
  visit: (cmd: ShellCommand, script: ShellScript, depth: number) => void,
  depth = 0,
): void {
  if (depth !== 0) {
    walkCommands(script, depth, visit);
    return;
  }
  // Most Dockerfile rules walk every RUN's commands on every lint; the walk (finding `sh -c`
  // scripts and substitutions) is the same each time, so it is done once per script.
  let visits = visitsCache.get(script);
  if (!visits) {
    const list: CommandVisit[] = [];
    walkCommands(script, 0, (cmd, sc, d) => list.push({ cmd, script: sc, depth: d }));
    visitsCache.set(script, list);
    visits = list;
  }
  for (let k = 0; k < visits.length; k++) {
    const v = visits[k]!;
    visit(v.cmd, v.script, v.depth);
  }
}

interface CommandVisit {
  cmd: ShellCommand;
  script: ShellScript;
  depth: number;
}

const visitsCache = new MemoSlot<ShellScript, CommandVisit[]>();

function walkCommands(script: ShellScript, depth: number, visit: (cmd: ShellCommand, script: ShellScript, depth: number) => void): void {
  if (depth > 8) return;
  for (const cmd of script.commands) {
    visit(cmd, script, depth);
    for (const w of cmd.words) for (const s of w.subs ?? []) walkCommands(s.script, depth + 1, visit);
    const cw = shellCWord(cmd);
    if (cw && !cw.subs) {
      const inner = innerScript(script, cw);
      if (inner) walkCommands(inner, depth + 1, visit);
    }
  }
}

/**
 * A copy of `script` whose document offsets are `delta` further on: the same RUN, unchanged,
 * after an edit earlier in the file changed the length of the text before it. Much cheaper than
 * tokenising again, and the facts memoised on the original (effective words, `sh -c` scripts)
 * are carried over to the copy.
 */
export function shiftScript(script: ShellScript, delta: number): ShellScript {
  const asked = innerWords.get(script);
  const askedSet = asked ? new Set(asked) : undefined;
  const moved: ShellWord[] = [];
  const commands: ShellCommand[] = new Array(script.commands.length);
  for (let c = 0; c < commands.length; c++) {
    const cmd = script.commands[c]!;
    const n = cmd.words.length;
    const words: ShellWord[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const w = cmd.words[k]!;
      const copy = shiftWord(w, delta);
      words[k] = copy;
      if (askedSet?.has(w)) {
        const inner = innerCache.get(w);
        if (inner !== undefined) {
          innerCache.set(copy, inner === null ? null : shiftScript(inner, delta));
          moved.push(copy);
        }
      }
    }
    const out: ShellCommand = { words, op: cmd.op };
    if (cmd.opStart !== undefined) {
      out.opStart = cmd.opStart + delta;
      out.opEnd = cmd.opEnd === undefined ? undefined : cmd.opEnd + delta;
    }
    // Effective words are always a tail of the command's words (assignments and prefixes cut).
    const effective = effectiveCache.get(cmd);
    if (effective && (effective.length === 0 || effective[0] === cmd.words[n - effective.length])) {
      effectiveCache.set(out, words.slice(n - effective.length));
    }
    commands[c] = out;
  }
  const out = { text: script.text, commands } as ShellScript;
  shiftedOffsets(out, script, delta);
  if (script.unterminated) out.unterminated = true;
  if (moved.length > 0) innerWords.set(out, moved);
  return out;
}

function shiftWord(w: ShellWord, delta: number): ShellWord {
  const out: ShellWord = { value: w.value, raw: w.raw, start: w.start + delta, end: w.end + delta, textStart: w.textStart, textEnd: w.textEnd };
  if (w.subs) out.subs = w.subs.map((s) => ({ kind: s.kind, start: s.start + delta, end: s.end + delta, script: shiftScript(s.script, delta) }));
  return out;
}

/** Offsets of scripts copied by shiftScript and not read yet: the materialised array they derive from, and by how much. */
const pendingOffsets = new MemoSlot<ShellScript, { base: number[]; delta: number }>();

/**
 * Gives `copy` the offsets of `from` moved by `delta`, computed when first read: rules rarely
 * read them (a script's offsets have one entry per character, and a keystroke moves every RUN
 * after it). A copy of a copy derives from the same materialised array, never from a chain.
 */
function shiftedOffsets(copy: ShellScript, from: ShellScript, delta: number): void {
  const pending = pendingOffsets.get(from);
  const base = pending ? pending.base : from.offsets;
  const total = pending ? pending.delta + delta : delta;
  pendingOffsets.set(copy, { base, delta: total });
  Object.defineProperty(copy, 'offsets', {
    enumerable: true,
    configurable: true,
    get(this: ShellScript): number[] {
      const offsets = new Array<number>(base.length);
      for (let k = 0; k < base.length; k++) offsets[k] = base[k]! + total;
      Object.defineProperty(this, 'offsets', { value: offsets, enumerable: true, configurable: true, writable: true });
      pendingOffsets.delete(this);
      return offsets;
    },
  });
}
