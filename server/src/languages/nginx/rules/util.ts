// Small helpers the nginx rules share: where a directive sits (for messages), indentation and
// line insertion for fixes. Include resolution lives in ../includes.ts.
import type { LineIndex } from '../../../engine/text';
import type { Range, TextEdit } from '../../../engine/types';
import type { NginxArg, NginxBlock, NginxDirective } from '../model';
import { MemoSlot } from '../../../engine/memo-slot';

/** Characters of a block's arguments a message quotes (` in location "…"`). */
const MAX_ARGS_TEXT = 120;

/**
 * A block's arguments as written, cut after MAX_ARGS_TEXT characters. Messages name the block of
 * every finding in it: a whole join per finding was quadratic on a `location` with thousands of
 * arguments (a 400 KB line took 2.3 s; found by the fuzzer).
 */
export function argsText(args: readonly NginxArg[]): string {
  let out = '';
  for (const a of args) {
    const room = MAX_ARGS_TEXT - out.length - (out ? 1 : 0);
    if (room <= 0 || a.raw.length > room) return `${out}${out ? ' ' : ''}${a.raw.slice(0, Math.max(0, room))}…`;
    out += out ? ` ${a.raw}` : a.raw;
  }
  return out;
}

/** The first `server_name` of each server block, found once per block (see where). */
const serverNames = new MemoSlot<NginxBlock, string | undefined>();

/** ` in location "/static/"`, ` in server "example.com"`, ` in the http block`, or ``. */
export function where(d: NginxDirective): string {
  const b = d.parent;
  const owner = b.owner;
  if (!owner) return '';
  if (b.kind === 'location' || b.kind === 'if' || b.kind === 'limit_except') {
    return ` in ${owner.name} "${argsText(owner.args)}"`;
  }
  if (b.kind === 'server') {
    let names = serverNames.get(b);
    if (names === undefined && !serverNames.has(b)) {
      names = b.children.find((c) => c.name === 'server_name')?.args[0]?.value;
      serverNames.set(b, names);
    }
    return names ? ` in server "${names}"` : ' in a server block';
  }
  if (b.kind === 'http' || b.kind === 'stream' || b.kind === 'mail' || b.kind === 'events') return ` in the ${b.kind} block`;
  return '';
}

/** "A", "A and B", "A, B and C". */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The whitespace before the first non-blank character of a line. */
export function lineIndent(index: LineIndex, line: number): string {
  const text = index.lineText(line);
  const m = /^[ \t]*/.exec(text);
  return m ? m[0] : '';
}

/** One level of indentation as this file writes it (a tab, or the first indentation seen). */
export function indentUnit(index: LineIndex): string {
  const n = Math.min(index.lineCount, 2000);
  for (let l = 0; l < n; l++) {
    const ind = lineIndent(index, l);
    if (ind.length > 0 && index.lineText(l).trim() !== '') return ind[0] === '\t' ? '\t' : ' '.repeat(Math.min(ind.length, 8));
  }
  return '    ';
}

function firstOnLine(index: LineIndex, offset: number): boolean {
  const pos = index.positionAt(offset);
  return index.lineText(pos.line).slice(0, pos.character).trim() === '';
}

/**
 * An edit that makes `statement` the first directive of a block, on its own line with the
 * block's indentation (or right after the `{` when the block is written on one line).
 */
export function insertFirstInBlock(index: LineIndex, block: NginxBlock, statement: string): TextEdit | undefined {
  if (!block.open || !block.owner) return undefined;
  const openEnd = index.offsetAt(block.open.end);
  const openLine = block.open.end.line;
  const rest = index.text.slice(openEnd, index.lineEnd(openLine)).trim();
  const first = block.children[0];
  if (rest !== '' && !rest.startsWith('#')) {
    const at = index.positionAt(openEnd);
    return { range: { start: at, end: at }, newText: ` ${statement}` };
  }
  const indent =
    first && firstOnLine(index, first.start) && first.line > openLine
      ? lineIndent(index, first.line)
      : lineIndent(index, block.owner.line) + indentUnit(index);
  if (openLine + 1 < index.lineCount) {
    const at = { line: openLine + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${indent}${statement}${index.eol}` };
  }
  const at = index.positionAt(index.lineEnd(openLine));
  return { range: { start: at, end: at }, newText: `${index.eol}${indent}${statement}` };
}

/** The range from the first to the last of some arguments. */
export function spanOf(args: NginxArg[]): Range {
  return { start: args[0]!.range.start, end: args[args.length - 1]!.range.end };
}
/**
 * True when a location turns every request away (`deny all` with no `allow`, or `return` 403,
 * 404, 410 or 444): it serves no content, so it does not make a redirect-only server a
 * content server (the dotfile location hidden-files-exposed inserts is one).
 */
export function refusesEveryone(block: NginxBlock): boolean {
  const kids = block.children;
  if (kids.some((c) => c.name === 'return' && ['403', '404', '410', '444'].includes(c.args[0]?.value ?? ''))) return true;
  return kids.some((c) => c.name === 'deny' && c.args[0]?.value.toLowerCase() === 'all') && !kids.some((c) => c.name === 'allow');
}
