// Text edits the traefik fixes share, each in the form the user already writes: a YAML or TOML
// value, a label, a flag (list or string `command:`), an env entry (list or map). Edits touch the
// smallest span (a value, a key segment, a statement's lines) and never re-serialise anything;
// when the source does not spell a value verbatim (escapes, folded scalars, anchors), no edit is
// offered rather than a guess.
import type { TextEdit } from '../../engine/types';
import type { Decl, Span, TField, TList, TMap, TScalar } from './model';
import type { TraefikView } from './view';

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
  const out: TextEdit[] = [];
  for (const i of remove) {
    const lines = blockLines(view, spans[i]!, true);
    if (!lines) return undefined;
    out.push(edit(view, lines.start, lines.end, ''));
  }
  return out;
}

/** Leading whitespace of the line holding `offset`. */
function indentAt(view: TraefikView, offset: number): string {
  const line = view.index.positionAt(offset).line;
  return /^[ \t]*/.exec(view.index.lineText(line))![0];
}

function lineEndAfter(view: TraefikView, offset: number): number {
  return view.index.lineEnd(view.index.positionAt(offset).line);
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
      const at = lineEndAfter(view, lastDecl.span.end);
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
    const at = lineEndAfter(view, after ? after.span.end : holder.decl.span.end);
    const indent = after ? indentAt(view, after.span.start) : '';
    return edit(view, at, at, `${eol}${indent}${key} = ${value}`);
  }
  if (lastDecl && node.kind === 'map') {
    // Dotted keys (`providers.docker.endpoint = …`): repeat the prefix as written.
    const lastField = written.find((f) => f.decl === lastDecl)!;
    let keyStart = view.index.offsetAt(lastField.keyRange.start);
    if (/["']/.test(view.text[keyStart - 1] ?? '') && lastField.keyExact) keyStart--;
    const prefix = view.text.slice(lastDecl.span.start, keyStart);
    const at = lineEndAfter(view, lastDecl.span.end);
    return edit(view, at, at, `${eol}${indentAt(view, lastDecl.span.start)}${prefix}${key} = ${value}`);
  }
  return undefined;
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
  if (decl.layout === 'words') return edit(view, end, end, ` ${key}${joiner}${value}`);
  if (decl.entry === 'pair') {
    const v = JSON.stringify(value);
    if (decl.layout === 'flow') return edit(view, end, end, `, ${key}: ${v}`);
    const at = lineEndAfter(view, end);
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
  const at = lineEndAfter(view, end);
  return edit(view, at, at, `${eol}${dash[0]}${item}`);
}

/** A map node's written fields, for "is there anything else in this middleware" decisions. */
export function writtenFields(m: TMap): TField[] {
  return m.fields.filter((f) => !f.template);
}
