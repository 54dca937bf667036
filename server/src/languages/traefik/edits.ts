// Text edits the traefik fixes share, each in the form the user already writes: a YAML or TOML
// value, a label, a flag (list, string or block scalar `command:`), an env entry (list or map).
// Edits touch the smallest span (a value, a key segment, a statement's lines) and never
// re-serialise anything; when the source does not spell a value verbatim (escapes, a word split
// across a line break of a block scalar, anchors), no edit is offered rather than a guess. In a
// block scalar (`command: >-`), a new flag goes on a line of its own at the body's indentation
// and a flag alone on its line takes the line with it.
import type { TextEdit } from '../../engine/types';
import type { Decl, Span, TField, TList, TMap, TNode, TScalar, TSource } from './model';
import type { TraefikView } from './view';
import { MemoSlot } from '../../engine/memo-slot';

function edit(view: TraefikView, s: number, e: number, newText: string): TextEdit {
  return { range: view.index.rangeOf(s, e), newText };
}

/** `ipAllowList` written the way the user wrote the old name (`ipwhitelist` → `ipallowlist`). */
export function caseLike(written: string, camel: string): string {
  if (written === written.toLowerCase()) return camel.toLowerCase();
  if (written === written.toUpperCase()) return camel.toUpperCase();
  return camel;
}

/**
 * Replaces a scalar's value. `kind` says what is written: a boolean or keyword is bare in TOML,
 * a string quoted. An implicit flag (`--api.insecure`) gets `=value` appended.
 */
export function replaceScalar(view: TraefikView, s: TScalar, value: string, kind: 'bool' | 'string', form: Decl['form'] | undefined): TextEdit | undefined {
  if (s.template) return undefined;
  if (s.implicit) {
    const at = view.index.offsetAt(s.range.start);
    if (view.index.offsetAt(s.range.end) !== at) return undefined;
    return edit(view, at, at, `=${value}`);
  }
  const start = view.index.offsetAt(s.range.start);
  const end = view.index.offsetAt(s.range.end);
  if (form === 'toml') {
    if (kind === 'bool' && !s.quoted) return edit(view, start, end, value);
    if (s.inner && s.quoted) return edit(view, s.inner.start, s.inner.end, value);
    return edit(view, start, end, kind === 'bool' ? value : JSON.stringify(value));
  }
  if (s.inner) return edit(view, s.inner.start, s.inner.end, value);
  if (form === 'yaml') return edit(view, start, end, JSON.stringify(value));
  return undefined;
}

/** Whether replaceScalar makes an edit. */
export function canReplaceScalar(view: TraefikView, s: TScalar, form: Decl['form'] | undefined): boolean {
  if (s.template) return false;
  if (s.implicit) return view.index.offsetAt(s.range.end) === view.index.offsetAt(s.range.start);
  return form === 'toml' || !!s.inner || form === 'yaml';
}

/** replaceScalar, built later (as the edits of a fix). */
export function planReplaceScalar(view: TraefikView, s: TScalar, value: string, kind: 'bool' | 'string', form: Decl['form'] | undefined): (() => TextEdit[]) | undefined {
  return canReplaceScalar(view, s, form) ? () => [replaceScalar(view, s, value, kind, form)!] : undefined;
}

/**
 * Renames a key segment in place (`ipWhiteList` → `ipAllowList`) everywhere it is written (each
 * label below a middleware repeats it), keeping the user's case style. Undefined when one place
 * cannot be located exactly.
 */
export function renameKey(f: TField, camel: string): TextEdit[] | undefined {
  if (f.template) return undefined;
  const places = f.occurrences ?? [{ range: f.keyRange, exact: f.keyExact }];
  if (places.some((p) => !p.exact)) return undefined;
  return places.map((p) => ({ range: p.range, newText: caseLike(f.raw, camel) }));
}

/** The span of whole lines a block statement occupies, when nothing else shares those lines. */
function blockLines(view: TraefikView, span: Span, allowDash: boolean): Span | undefined {
  const idx = view.index;
  const text = view.text;
  const sLine = idx.positionAt(span.start).line;
  const eLine = idx.positionAt(span.end).line;
  const before = text.slice(idx.lineStart(sLine), span.start);
  if (!(/^[ \t]*$/.test(before) || (allowDash && /^[ \t]*-[ \t]+$/.test(before)))) return undefined;
  const after = text.slice(span.end, idx.lineEnd(eLine));
  if (!/^[ \t]*(?:#.*)?$/.test(after)) return undefined;
  if (eLine + 1 < idx.lineCount) return { start: idx.lineStart(sLine), end: idx.lineStart(eLine + 1) };
  // The last line: take the line break before it instead.
  return { start: sLine > 0 ? idx.lineEnd(sLine - 1) : 0, end: text.length };
}

/** Whether removeStatement makes an edit. */
export function canRemoveStatement(view: TraefikView, decl: Decl | undefined): boolean {
  if (!decl) return false;
  if (decl.layout === 'block') return blockLines(view, decl.span, decl.entry === 'item') !== undefined;
  return !(decl.layout === 'words' && decl.block && blockScalarLines(view, decl) === null);
}

/** Whether renameKey makes its edits. */
export function canRenameKey(f: TField): boolean {
  return !f.template && (f.occurrences ?? [{ exact: f.keyExact }]).every((p) => p.exact);
}

/** Removes a statement (a YAML pair, a TOML key/value, a label, flag or env entry). */
export function removeStatement(view: TraefikView, decl: Decl | undefined): TextEdit | undefined {
  if (!decl) return undefined;
  const text = view.text;
  const { start, end } = decl.span;
  if (decl.layout === 'block') {
    const lines = blockLines(view, decl.span, decl.entry === 'item');
    return lines ? edit(view, lines.start, lines.end, '') : undefined;
  }
  if (decl.layout === 'words') {
    if (decl.block) {
      const lines = blockScalarLines(view, decl);
      if (lines === null) return undefined;
      if (lines) return edit(view, lines.start, lines.end, '');
    }
    let i = end;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i > end) return edit(view, start, i, '');
    let j = start;
    while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
    return edit(view, j, end, '');
  }
  // Flow: take the comma after, or else the one before.
  let i = end;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] === ',') {
    i++;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    return edit(view, start, i, '');
  }
  let j = start - 1;
  while (j >= 0 && /\s/.test(text[j]!)) j--;
  if (text[j] === ',') return edit(view, j, end, '');
  return edit(view, start, end, '');
}

/**
 * The lines a flag of a block scalar `command:` occupies alone (indentation and trailing blanks
 * aside), so removing it removes them rather than leaving a blank line; undefined when it shares
 * a line (remove the words instead). Null when removing the lines would change the indentation
 * YAML detects: the first line of a body without an indentation indicator, followed by a deeper
 * line, which would become the first and set a deeper indentation that later lines fall short of.
 */
function blockScalarLines(view: TraefikView, decl: Decl): Span | null | undefined {
  const idx = view.index;
  const text = view.text;
  const sLine = idx.positionAt(decl.span.start).line;
  const eLine = idx.positionAt(decl.span.end).line;
  if (!/^ *$/.test(text.slice(idx.lineStart(sLine), decl.span.start))) return undefined;
  if (!/^[ \t]*$/.test(text.slice(decl.span.end, idx.lineEnd(eLine)))) return undefined;
  const block = decl.block!;
  if (!block.explicitIndent && idx.lineStart(sLine) === block.firstLine) {
    for (let l = eLine + 1; l < idx.lineCount; l++) {
      const line = idx.lineText(l);
      if (/^ *$/.test(line) && line.length <= block.indent.length) continue; // an empty line of the body
      if (/^ */.exec(line)![0].length > block.indent.length) return null;
      break;
    }
  }
  if (eLine + 1 < idx.lineCount) return { start: idx.lineStart(sLine), end: idx.lineStart(eLine + 1) };
  // The last line of the file: take the line break before it instead.
  return { start: sLine > 0 ? idx.lineEnd(sLine - 1) : 0, end: text.length };
}

/**
 * Removes some items of a YAML/TOML list: the lines of block items, or the flow list's items
 * rewritten without them (the kept items keep their text). Undefined when every item goes or an
 * item cannot be removed cleanly.
 */
export function removeListItems(view: TraefikView, list: TList, remove: ReadonlySet<number>): TextEdit[] | undefined {
  if (remove.size === 0 || remove.size >= list.items.length) return undefined;
  const spans = list.items.map((n) => ({ start: view.index.offsetAt(n.range.start), end: view.index.offsetAt(n.range.end) }));
  if (list.flow) {
    const first = spans[0]!;
    const last = spans[spans.length - 1]!;
    const kept = spans.filter((_, i) => !remove.has(i)).map((s) => view.text.slice(s.start, s.end));
    const multiline = view.index.positionAt(first.start).line !== view.index.positionAt(last.end).line;
    if (multiline) {
      const line = view.index.positionAt(first.start).line;
      const indent = /^[ \t]*/.exec(view.index.lineText(line))![0];
      return [edit(view, first.start, last.end, kept.join(`,${view.index.eol}${indent}`))];
    }
    return [edit(view, first.start, last.end, kept.join(', '))];
  }
  const cut: Span[] = [];
  for (const i of [...remove].sort((a, b) => a - b)) {
    const lines = blockLines(view, spans[i]!, true);
    if (!lines) return undefined;
    // The last line's removal takes the line break before it, which the removal of the line
    // above already takes: one edit for both, or the client gets overlapping edits.
    const prev = cut[cut.length - 1];
    if (prev && lines.start <= prev.end) prev.end = Math.max(prev.end, lines.end);
    else cut.push(lines);
  }
  return cut.map((c) => edit(view, c.start, c.end, ''));
}

/** Leading whitespace of the line holding `offset`. */
function indentAt(view: TraefikView, offset: number): string {
  const line = view.index.positionAt(offset).line;
  return /^[ \t]*/.exec(view.index.lineText(line))![0];
}

function lineEndAfter(view: TraefikView, offset: number): number {
  return view.index.lineEnd(view.index.positionAt(offset).line);
}

/** The end of the line a statement ends on (a block value's span may run past its line break). */
function lineEndOfEnd(view: TraefikView, end: number): number {
  let o = end;
  while (o > 0 && /\s/.test(view.text[o - 1]!)) o--;
  return view.index.lineEnd(view.index.positionAt(o).line);
}

/**
 * Adds `key: value` (YAML) or `key = value` (TOML) to the mapping a field holds
 * (`providers.docker`), after its last written key, or as its first key when it has none
 * (`docker:`, `docker: {}`, `[providers.docker]`).
 */
export function insertOption(view: TraefikView, holder: TField, key: string, value: string): TextEdit | undefined {
  const eol = view.index.eol;
  const node = holder.node;
  const form = holder.decl?.form ?? (view.format === 'toml' ? 'toml' : 'yaml');
  const written = node.kind === 'map' ? node.fields.filter((f) => f.decl && f.decl.form === form) : [];
  const lastDecl = written.reduce<Decl | undefined>((a, f) => (!a || f.decl!.span.end > a.span.end ? f.decl : a), undefined);
  if (form === 'yaml') {
    const sep = ': ';
    if (node.kind === 'map' && node.flow) {
      if (lastDecl) return edit(view, lastDecl.span.end, lastDecl.span.end, `, ${key}${sep}${value}`);
      const open = view.text.indexOf('{', view.index.offsetAt(node.range.start));
      if (open < 0) return undefined;
      return edit(view, open + 1, open + 1, `${key}${sep}${value}`);
    }
    if (lastDecl && lastDecl.layout === 'block') {
      const at = lineEndOfEnd(view, lastDecl.span.end);
      return edit(view, at, at, `${eol}${indentAt(view, lastDecl.span.start)}${key}${sep}${value}`);
    }
    if (!holder.decl || (node.kind === 'scalar' && node.value !== null) || (node.kind === 'map' && node.fields.length > 0)) return undefined;
    // `docker:` with no value: the first key, one indentation step in.
    const at = lineEndAfter(view, holder.decl.span.start);
    const col = indentAt(view, holder.decl.span.start) + view.indent;
    return edit(view, at, at, `${eol}${col}${key}${sep}${value}`);
  }
  // TOML
  if (node.kind === 'map' && node.flow) {
    if (lastDecl) return edit(view, lastDecl.span.end, lastDecl.span.end, `, ${key} = ${value}`);
    const open = view.text.indexOf('{', view.index.offsetAt(node.range.start));
    if (open < 0) return undefined;
    return edit(view, open + 1, open + 1, ` ${key} = ${value} `);
  }
  if (holder.decl && isTableHeader(view, holder.decl)) {
    // The table's own `key = value` lines (a sub-table header like `[providers.docker.tls]` is not one).
    const own = written.map((f) => f.decl!).filter((d) => !isTableHeader(view, d) && d.span.start > holder.decl!.span.end);
    const after = own.reduce<Decl | undefined>((a, d) => (!a || d.span.end > a.span.end ? d : a), undefined);
    const at = lineEndOfEnd(view, after ? after.span.end : holder.decl.span.end);
    const indent = after ? indentAt(view, after.span.start) : '';
    return edit(view, at, at, `${eol}${indent}${key} = ${value}`);
  }
  if (lastDecl && node.kind === 'map') {
    // Dotted keys (`providers.docker.endpoint = …`): repeat the prefix as written.
    const lastField = written.find((f) => f.decl === lastDecl)!;
    let keyStart = view.index.offsetAt(lastField.keyRange.start);
    if (/["']/.test(view.text[keyStart - 1] ?? '') && lastField.keyExact) keyStart--;
    const prefix = view.text.slice(lastDecl.span.start, keyStart);
    const at = lineEndOfEnd(view, lastDecl.span.end);
    return edit(view, at, at, `${eol}${indentAt(view, lastDecl.span.start)}${prefix}${key} = ${value}`);
  }
  return undefined;
}

/** Whether insertOption makes an edit (under any key). */
export function canInsertOption(view: TraefikView, holder: TField): boolean {
  const node = holder.node;
  const form = holder.decl?.form ?? (view.format === 'toml' ? 'toml' : 'yaml');
  const written = node.kind === 'map' ? node.fields.filter((f) => f.decl && f.decl.form === form) : [];
  const lastDecl = written.reduce<Decl | undefined>((a, f) => (!a || f.decl!.span.end > a.span.end ? f.decl : a), undefined);
  if (node.kind === 'map' && node.flow) return !!lastDecl || view.text.indexOf('{', view.index.offsetAt(node.range.start)) >= 0;
  if (form === 'yaml') {
    if (lastDecl && lastDecl.layout === 'block') return true;
    return !(!holder.decl || (node.kind === 'scalar' && node.value !== null) || (node.kind === 'map' && node.fields.length > 0));
  }
  if (holder.decl && isTableHeader(view, holder.decl)) return true;
  return !!lastDecl && node.kind === 'map';
}

function isTableHeader(view: TraefikView, d: Decl): boolean {
  return d.form === 'toml' && view.text[d.span.start] === '[';
}

/**
 * Adds a label, flag or env entry next to an existing one, in the same form: a new `- "…"` list
 * item (same quotes and indentation), a new `KEY: "value"` map pair, `, "…"` in a flow list, or a
 * new word in a `command:` string.
 */
export function insertEntryAfter(view: TraefikView, decl: Decl | undefined, key: string, value: string, joiner: '=' | ' '): TextEdit | undefined {
  if (!decl) return undefined;
  const eol = view.index.eol;
  const end = decl.span.end;
  if (decl.layout === 'words') {
    // A block scalar's body: a line of its own at the content indentation (`>` folds the line
    // break into the space that separates the words).
    if (decl.block) {
      const at = lineEndOfEnd(view, end);
      return edit(view, at, at, `${eol}${decl.block.indent}${key}${joiner}${value}`);
    }
    return edit(view, end, end, ` ${key}${joiner}${value}`);
  }
  if (decl.entry === 'pair') {
    const v = JSON.stringify(value);
    if (decl.layout === 'flow') return edit(view, end, end, `, ${key}: ${v}`);
    const at = lineEndOfEnd(view, end);
    return edit(view, at, at, `${eol}${indentAt(view, decl.span.start)}${key}: ${v}`);
  }
  const entry = `${key}${joiner}${value}`;
  const q = decl.quote ?? '';
  const item = q ? `${q}${entry}${q}` : /^[\w./@~-][^,[\]{}#]*$/.test(entry) && !/: /.test(entry) ? entry : JSON.stringify(entry);
  if (decl.layout === 'flow') return edit(view, end, end, `, ${item}`);
  const line = view.index.positionAt(decl.span.start).line;
  const lineText = view.index.lineText(line);
  const dash = /^[ \t]*-[ \t]*/.exec(lineText);
  if (!dash) return undefined;
  const at = lineEndOfEnd(view, end);
  return edit(view, at, at, `${eol}${dash[0]}${item}`);
}

/** Whether insertEntryAfter makes an edit (for any key and value). */
export function canInsertEntryAfter(view: TraefikView, decl: Decl | undefined): boolean {
  if (!decl) return false;
  if (decl.layout === 'words' || decl.entry === 'pair' || decl.layout === 'flow') return true;
  return /^[ \t]*-[ \t]*/.test(view.index.lineText(view.index.positionAt(decl.span.start).line));
}

/** A map node's written fields, for "is there anything else in this middleware" decisions. */
export function writtenFields(m: TMap): TField[] {
  return m.fields.filter((f) => !f.template);
}

// ---------------------------------------------------------------------------------------------
// Insertions of new options and middlewares (the graph rules' fixes), in the source's own form.

/** A value a fix writes: a boolean, a number, a string, or a list of strings. */
export type Leaf = boolean | number | string | string[];

const YAML_PLAIN = /^[A-Za-z0-9_./@-][A-Za-z0-9_./@:-]*$/;
const YAML_SPECIAL = /^(?:true|false|yes|no|on|off|null|~|[-+]?[\d.]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+)$/i;

function yamlScalar(v: boolean | number | string): string {
  if (typeof v !== 'string') return String(v);
  return YAML_PLAIN.test(v) && !YAML_SPECIAL.test(v) && !/:$/.test(v) ? v : JSON.stringify(v);
}

function tomlScalar(v: boolean | number | string): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
}

/** Edits inserting at the same offset become one edit (their texts in order); the rest stay. */
export function mergeInserts(edits: ReadonlyArray<TextEdit | undefined>): TextEdit[] | undefined {
  if (edits.some((e) => !e)) return undefined;
  const out: TextEdit[] = [];
  for (const e of edits as TextEdit[]) {
    const same = out.find(
      (o) =>
        o.range.start.line === e.range.start.line &&
        o.range.start.character === e.range.start.character &&
        o.range.end.line === o.range.start.line &&
        o.range.end.character === o.range.start.character &&
        e.range.end.line === e.range.start.line &&
        e.range.end.character === e.range.start.character,
    );
    if (same) same.newText += e.newText;
    else out.push({ range: e.range, newText: e.newText });
  }
  return out;
}

/** How far a block sequence's `-` sits inside its key in this file (`key:\n  - a` → two spaces). */
export function sequenceOffset(view: TraefikView): string {
  let v = seqMemo.get(view);
  if (v === undefined) {
    v = findSequenceOffset(view);
    seqMemo.set(view, v);
  }
  return v;
}

const seqMemo = new MemoSlot<TraefikView, string>();
const tomlIndentMemo = new MemoSlot<TraefikView, string>();
const lastDeclMemo = new MemoSlot<TField, Map<string, Decl | undefined>>();

function findSequenceOffset(view: TraefikView): string {
  // `[^\r\n]`, not `[^\n]`: with CRLF, `#[^\n]*\r?\n` could end a comment line two ways, and a
  // run of comment lines backtracked exponentially (found by test/fuzz/regex-audit.test.ts).
  const m = /^([ \t]*)[^\s#-][^\r\n]*:[ \t]*\r?\n(?:[ \t]*#[^\r\n]*\r?\n)*([ \t]*)-[ \t]/m.exec(view.text);
  if (m && m[2]!.length >= m[1]!.length) return ' '.repeat(m[2]!.length - m[1]!.length);
  return view.indent;
}

function yamlBlock(view: TraefikView, indent: string, rest: readonly string[], leaves: ReadonlyArray<[string, Leaf]>): string[] {
  const unit = view.indent;
  const lines: string[] = [];
  rest.forEach((seg, i) => lines.push(`${indent}${unit.repeat(i)}${yamlKeyText(seg)}:`));
  const ind = indent + unit.repeat(rest.length);
  const seq = sequenceOffset(view);
  for (const [k, v] of leaves) {
    if (Array.isArray(v)) {
      lines.push(`${ind}${yamlKeyText(k)}:`);
      for (const item of v) lines.push(`${ind}${seq}- ${yamlScalar(item)}`);
    } else lines.push(`${ind}${yamlKeyText(k)}: ${yamlScalar(v)}`);
  }
  return lines;
}

function yamlKeyText(k: string): string {
  return YAML_PLAIN.test(k) ? k : JSON.stringify(k);
}

function yamlFlow(rest: readonly string[], leaves: ReadonlyArray<[string, Leaf]>): string {
  const inner = leaves.map(([k, v]) => `${yamlKeyText(k)}: ${Array.isArray(v) ? `[${v.map(yamlScalar).join(', ')}]` : yamlScalar(v)}`).join(', ');
  let out = inner;
  for (let i = rest.length - 1; i >= 0; i--) out = `${yamlKeyText(rest[i]!)}: {${out}}`;
  return out;
}

/** The last statement written anywhere in a map, in a form (memoised per map). */
function lastDeclIn(m: TMap, form: Decl['form']): Decl | undefined {
  let memo = lastInMemo.get(m);
  if (!memo) {
    memo = new Map();
    lastInMemo.set(m, memo);
  }
  if (memo.has(form)) return memo.get(form);
  let last: Decl | undefined;
  for (const f of m.fields) {
    const d = lastDeclOf(f, form);
    if (d && (!last || d.span.end > last.span.end)) last = d;
  }
  memo.set(form, last);
  return last;
}

const lastInMemo = new MemoSlot<TMap, Map<string, Decl | undefined>>();
const firstInMemo = new MemoSlot<TMap, Map<string, Decl | undefined>>();

function lastDeclOf(f: TField, form: Decl['form']): Decl | undefined {
  // A YAML pair's span covers its whole value: nothing below it ends later.
  if (form === 'yaml' && f.decl?.form === 'yaml') return f.decl;
  let m = lastDeclMemo.get(f);
  if (!m) {
    m = new Map();
    lastDeclMemo.set(f, m);
  }
  if (m.has(form)) return m.get(form);
  let last: Decl | undefined = f.decl && f.decl.form === form ? f.decl : undefined;
  if (f.node.kind === 'map') {
    const d = lastDeclIn(f.node, form);
    if (d && (!last || d.span.end > last.span.end)) last = d;
  }
  m.set(form, last);
  return last;
}

/** The first statement (by position) among a map's direct fields, in a form (memoised per map). */
function firstDeclIn(m: TMap, form: Decl['form']): Decl | undefined {
  let memo = firstInMemo.get(m);
  if (!memo) {
    memo = new Map();
    firstInMemo.set(m, memo);
  }
  if (memo.has(form)) return memo.get(form);
  let first: Decl | undefined;
  for (const f of m.fields) if (f.decl && f.decl.form === form && (!first || f.decl.span.start < first.span.start)) first = f.decl;
  memo.set(form, first);
  return first;
}

/** Walks from `trail` into the sections of `rest` that exist: the fields on the way, what is left, where it stops. */
function walkNested(src: TSource, trail: readonly TField[], rest: readonly string[]): { path: TField[]; todo: string[]; node: TNode } {
  const path = [...trail];
  const todo = [...rest];
  let node: TNode = trail.length > 0 ? trail[trail.length - 1]!.node : src.root;
  while (todo.length > 0) {
    const f = node.kind === 'map' ? node.byName.get(todo[0]!.toLowerCase()) : undefined;
    if (!f) break;
    path.push(f);
    node = f.node;
    todo.shift();
  }
  return { path, todo, node };
}

/** Whether insertNested makes its edits: the same conditions, without rendering anything. */
export function canInsertNested(view: TraefikView, src: TSource, trail: readonly TField[], rest: readonly string[], leaves: ReadonlyArray<[string, Leaf]>, after?: Decl): boolean {
  const { path, todo, node } = walkNested(src, trail, rest);
  if (node.kind !== 'map' && !(node.kind === 'scalar' && node.value === null && path.length > 0)) return false;
  const holder = path[path.length - 1];
  const form = src.form;
  if (form === 'label' || form === 'flag' || form === 'env') {
    const anchor = after ?? (holder ? lastDeclOf(holder, form) : lastDeclIn(src.root, form));
    return !!anchor && (leaves.length === 0 || canInsertEntryAfter(view, anchor));
  }
  if (form === 'yaml') {
    if (node.kind === 'map' && node.flow) {
      if (!holder?.decl) return false;
      return node.fields.some((f) => f.decl?.form === 'yaml') || view.text.indexOf('{', view.index.offsetAt(node.range.start)) >= 0;
    }
    const first = node.kind === 'map' ? firstDeclIn(node, 'yaml') : undefined;
    if (first && node.kind === 'map') return view.text.slice(view.index.lineStart(view.index.positionAt(first.span.start).line), first.span.start).trim() === '';
    if (holder?.decl && (node.kind === 'scalar' || (node.kind === 'map' && node.fields.length === 0 && !node.flow))) return holder.decl.layout === 'block';
    return !holder && node.kind === 'map' && node.fields.length === 0;
  }
  // TOML
  if (path.some((f) => f.node.kind === 'map' && f.node.flow && f !== holder)) return false;
  if (holder && holder.node.kind === 'map' && holder.node.flow) return todo.length === 0 && (leaves.length === 0 || canInsertOption(view, holder));
  const headerHolder = holder?.decl && isTableHeader(view, holder.decl);
  const directKeys = holder && holder.node.kind === 'map' ? holder.node.fields.filter((f) => f.decl && f.decl.form === 'toml') : [];
  const lastDirect = directKeys.reduce<Decl | undefined>((a, f) => (!a || f.decl!.span.end > a.span.end ? f.decl : a), undefined);
  if (holder && (headerHolder || (lastDirect && !isTableHeader(view, lastDirect)))) return leaves.length === 0 || canInsertOption(view, holder);
  return !(todo.length === 0 && !holder);
}

/**
 * Adds options below a field, creating the missing sections of `rest` on the way:
 * `insertNested(view, src, [entryPoints, web], ['http', 'redirections', 'entryPoint'], [['to', 'websecure']])`.
 * `trail` is the field's path from the source's root (empty: the root). Sections of `rest` that
 * already exist are walked into. YAML: block lines (or a flow mapping inside a flow mapping);
 * TOML: keys in the table, dotted keys, or a new table at the end of the file; labels, flags and
 * env: one entry per option after `after` (or the last entry below the field).
 */
export function insertNested(
  view: TraefikView,
  src: TSource,
  trail: readonly TField[],
  rest: readonly string[],
  leaves: ReadonlyArray<[string, Leaf]>,
  after?: Decl,
): TextEdit[] | undefined {
  const { path, todo, node } = walkNested(src, trail, rest);
  if (node.kind !== 'map' && !(node.kind === 'scalar' && node.value === null && path.length > 0)) return undefined;
  const holder = path[path.length - 1];
  const form = src.form;
  const eol = view.index.eol;

  if (form === 'label' || form === 'flag' || form === 'env') {
    const anchor = after ?? (holder ? lastDeclOf(holder, form) : lastDeclIn(src.root, form));
    if (!anchor) return undefined;
    const names = [...path.map((f) => f.raw), ...todo];
    let prefix: string;
    let sep: string;
    if (form === 'label') {
      prefix = 'traefik.';
      sep = '.';
    } else if (form === 'flag') {
      prefix = /^["']?(-+)/.exec(view.text.slice(anchor.span.start, anchor.span.end))?.[1] ?? '--';
      sep = '.';
    } else {
      prefix = 'TRAEFIK_';
      sep = '_';
    }
    const edits = leaves.map(([k, v]) => {
      let key = prefix + [...names, k].join(sep);
      if (form === 'env') key = key.toUpperCase();
      return insertEntryAfter(view, anchor, key, Array.isArray(v) ? v.join(',') : String(v), '=');
    });
    return mergeInserts(edits);
  }

  if (form === 'yaml') {
    if (node.kind === 'map' && node.flow) {
      if (!holder?.decl) return undefined;
      const own = node.fields.filter((f) => f.decl?.form === 'yaml');
      const last = own.reduce<Decl | undefined>((a, f) => (!a || f.decl!.span.end > a.span.end ? f.decl : a), undefined);
      const text = yamlFlow(todo, leaves);
      if (last) return [edit(view, last.span.end, last.span.end, `, ${text}`)];
      const open = view.text.indexOf('{', view.index.offsetAt(node.range.start));
      if (open < 0) return undefined;
      return [edit(view, open + 1, open + 1, text)];
    }
    const first = node.kind === 'map' ? firstDeclIn(node, 'yaml') : undefined;
    let at: number;
    let indent: string;
    if (first && node.kind === 'map') {
      const last = lastDeclIn(node, 'yaml')!;
      at = lineEndOfEnd(view, last.span.end);
      indent = indentAt(view, first.span.start);
      if (view.text.slice(view.index.lineStart(view.index.positionAt(first.span.start).line), first.span.start).trim() !== '') return undefined; // `- key: …` or flow
    } else if (holder?.decl && (node.kind === 'scalar' || (node.kind === 'map' && node.fields.length === 0 && !node.flow))) {
      if (holder.decl.layout !== 'block') return undefined;
      at = lineEndOfEnd(view, holder.decl.span.end);
      indent = indentAt(view, holder.decl.span.start) + view.indent;
    } else if (!holder && node.kind === 'map' && node.fields.length === 0) {
      at = view.text.length;
      indent = '';
    } else return undefined;
    const body = yamlBlock(view, indent, todo, leaves).join(eol);
    if (view.text.trim() === '') return [edit(view, 0, view.text.length, body + eol)];
    return [edit(view, at, at, eol + body)];
  }

  // TOML
  if (path.some((f) => f.node.kind === 'map' && f.node.flow && f !== holder)) return undefined;
  if (holder && holder.node.kind === 'map' && holder.node.flow) {
    if (todo.length > 0) return undefined;
    return mergeInserts(leaves.map(([k, v]) => insertOption(view, holder, tomlKey(k), tomlValue(v))));
  }
  const dotted = todo.map(tomlKey).join('.');
  const keyOf = (k: string) => (dotted ? `${dotted}.${tomlKey(k)}` : tomlKey(k));
  const headerHolder = holder?.decl && isTableHeader(view, holder.decl);
  const directKeys = holder && holder.node.kind === 'map' ? holder.node.fields.filter((f) => f.decl && f.decl.form === 'toml') : [];
  const lastDirect = directKeys.reduce<Decl | undefined>((a, f) => (!a || f.decl!.span.end > a.span.end ? f.decl : a), undefined);
  if (holder && (headerHolder || (lastDirect && !isTableHeader(view, lastDirect)))) {
    return mergeInserts(leaves.map(([k, v]) => insertOption(view, holder, keyOf(k), tomlValue(v))));
  }
  if (todo.length === 0 && !holder) return undefined;
  // A new table at the end of the file.
  const header = [...path.map((f) => tomlKey(f.raw)), ...todo.map(tomlKey)].join('.');
  const keyIndent = tomlKeyIndent(view);
  const body = [`[${header}]`, ...leaves.map(([k, v]) => `${keyIndent}${tomlKey(k)} = ${tomlValue(v)}`)].join(eol);
  const end = view.text.length;
  const lead = view.text.length === 0 ? '' : view.text.endsWith('\n') ? eol : eol + eol;
  return [edit(view, end, end, `${lead}${body}${eol}`)];
}

function tomlValue(v: Leaf): string {
  return Array.isArray(v) ? `[${v.map(tomlScalar).join(', ')}]` : tomlScalar(v);
}

/** The indentation of keys under table headers in this file. */
function tomlKeyIndent(view: TraefikView): string {
  let v = tomlIndentMemo.get(view);
  if (v === undefined) {
    v = findTomlKeyIndent(view);
    tomlIndentMemo.set(view, v);
  }
  return v;
}

function findTomlKeyIndent(view: TraefikView): string {
  // A header line is `[` and anything to the end of the line: `[^\n]*\n` has one way to match.
  // (It was `[^\n]*\]?[ \t]*\r?\n`, the same lines, but three quantifiers sharing a line of
  // blanks backtrack quadratically: 16,000 took 200 ms; found by the timed regex audit.)
  const m = /^[ \t]*\[[^\n]*\n([ \t]*)[A-Za-z0-9_"'-][^\n=]*=/m.exec(view.text);
  return m ? m[1]! : '';
}

/** Whether appendListItem makes an edit (for any item). */
export function canAppendListItem(view: TraefikView, f: TField): boolean {
  const n = f.node;
  const form = f.decl?.form;
  if (n.kind === 'list') {
    if (form !== 'yaml' && form !== 'toml') return false;
    const last = n.items[n.items.length - 1];
    if (n.flow || form === 'toml') return !!last || view.text.indexOf('[', view.index.offsetAt(n.range.start)) >= 0;
    if (!last) return false;
    const s = view.index.offsetAt(last.range.start);
    const lineStart = view.index.lineStart(view.index.positionAt(s).line);
    const dash = /^[ \t]*-[ \t]*/.exec(view.text.slice(lineStart, s));
    return !!dash && lineStart + dash[0].length === s;
  }
  if (n.kind !== 'scalar' || n.template || n.text === undefined || !n.inner) return false;
  if (!form || form === 'yaml' || form === 'toml') return false;
  return n.raw === n.text;
}

/**
 * Appends a name to a list-valued option in the source's form: a YAML block or flow sequence, a
 * TOML array, or a comma-separated label value. Undefined when the value is not spelled so it can
 * be extended exactly.
 */
export function appendListItem(view: TraefikView, f: TField, item: string): TextEdit | undefined {
  const n = f.node;
  const form = f.decl?.form;
  if (n.kind === 'list') {
    if (form !== 'yaml' && form !== 'toml') return undefined;
    const render = form === 'toml' ? (s: string, q?: string) => (q ? `${q}${s}${q}` : JSON.stringify(s)) : (s: string, q?: string) => (q ? `${q}${s}${q}` : yamlScalar(s));
    const last = n.items[n.items.length - 1];
    const lastText = last ? view.text.slice(view.index.offsetAt(last.range.start), view.index.offsetAt(last.range.end)) : '';
    const q = /^["']/.test(lastText) ? lastText[0] : undefined;
    if (n.flow || form === 'toml') {
      if (last) {
        const end = view.index.offsetAt(last.range.end);
        return edit(view, end, end, `, ${render(item, q)}`);
      }
      const open = view.text.indexOf('[', view.index.offsetAt(n.range.start));
      if (open < 0) return undefined;
      return edit(view, open + 1, open + 1, render(item, q));
    }
    if (!last) return undefined;
    const s = view.index.offsetAt(last.range.start);
    const lineStart = view.index.lineStart(view.index.positionAt(s).line);
    const dash = /^[ \t]*-[ \t]*/.exec(view.text.slice(lineStart, s));
    if (!dash || lineStart + dash[0].length !== s) return undefined;
    const at = lineEndOfEnd(view, view.index.offsetAt(last.range.end));
    return edit(view, at, at, `${view.index.eol}${dash[0]}${render(item, q)}`);
  }
  if (n.kind !== 'scalar' || n.template || n.text === undefined || !n.inner) return undefined;
  if (!form) return undefined; // written in an anchor other services share
  if (form === 'yaml' || form === 'toml') return undefined; // a single string where Traefik wants a list
  if (n.raw !== n.text) return undefined;
  const end = n.inner.end;
  return edit(view, end, end, n.text.trim() === '' ? item : `,${item}`);
}
