// Go templates in file-provider configuration. Traefik renders `{{ … }}` before it reads a
// dynamic file, so a file may hold `{{ range … }}` lines and `{{ .Domain }}` values that are not
// YAML or TOML. Rampart masks them before parsing, keeping every offset: a template that fills a
// line becomes spaces, one elsewhere becomes a same-length quoted placeholder (`"xxxxxx"`), and a
// template inside a quoted string is left alone. Values and keys that overlap a template are
// unknown to the rules (`TScalar.template`), never reported as bad and never parse errors.

export interface Masked {
  /** The text with templates masked, the same length as the original. */
  text: string;
  /** Offsets of every template in the original text. */
  regions: Array<[number, number]>;
}

export function hasTemplates(text: string): boolean {
  return text.includes('{{');
}

export function maskTemplates(text: string): Masked {
  const regions: Array<[number, number]> = [];
  if (!hasTemplates(text)) return { text, regions };
  let out = '';
  let cursor = 0;
  let i = text.indexOf('{{');
  while (i >= 0) {
    const close = text.indexOf('}}', i + 2);
    const end = close < 0 ? text.length : close + 2;
    regions.push([i, end]);
    out += text.slice(cursor, i);
    const piece = text.slice(i, end);
    if (insideQuotes(text, i)) out += piece;
    else if (fillsItsLines(text, i, end)) out += piece.replace(/[^\r\n]/g, ' ');
    else out += placeholder(piece, inKey(text, i, end));
    cursor = end;
    i = text.indexOf('{{', end);
  }
  out += text.slice(cursor);
  return { text: out, regions };
}

/**
 * A same-length stand-in: bare `xxxx` inside a key (a TOML table header, before `=` or a YAML
 * `key:`), a quoted `"xxxx"` in a value. Line breaks inside the template are kept.
 */
function placeholder(piece: string, key: boolean): string {
  if (/[\r\n]/.test(piece)) return piece.replace(/[^\r\n]/g, ' ');
  if (key) return 'x'.repeat(piece.length);
  return `"${'x'.repeat(Math.max(0, piece.length - 2))}"`.slice(0, piece.length);
}

/** Whether a template stands in a key: a `[table.header]`, or before the line's `=` or `key:`. */
function inKey(text: string, start: number, end: number): boolean {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le < 0) le = text.length;
  const before = text.slice(ls, start);
  const after = text.slice(end, le);
  if (/^\s*\[/.test(before) && !/[=:]/.test(before)) return true;
  if (/[=]|:\s/.test(before)) return false;
  return /^[^"'=:]*=/.test(after) || /^[^"':]*:(\s|$)/.test(after);
}

/** True when only whitespace (or other templates) stands beside the template on its lines. */
function fillsItsLines(text: string, start: number, end: number): boolean {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le < 0) le = text.length;
  const rest = withoutTemplates(text.slice(ls, start) + text.slice(end, le));
  return rest.trim() === '';
}

/**
 * The text with every `{{ … }}` removed (each `{{` to the first `}}` after it). A scan instead of
 * `replace(/\{\{[\s\S]*?\}\}/g, '')`: that regex rescans to the end from every `{{` no `}}`
 * follows, quadratic on a line of `{` (16,000 took 42 ms; found by the timed regex audit).
 */
export function withoutTemplates(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = s.indexOf('{{', from);
    if (open < 0) break;
    const close = s.indexOf('}}', open + 2);
    // No `}}` after this `{{`: none after any later one either, the rest stays.
    if (close < 0) break;
    out += s.slice(from, open);
    from = close + 2;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Whether offset `at` lies inside a `"…"` or `'…'` string on its line (a line-local guess). */
function insideQuotes(text: string, at: number): boolean {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  let q: string | undefined;
  for (let i = ls; i < at; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = undefined;
    } else if (c === '"' || c === "'") {
      // An apostrophe inside a word (`don't`) does not open a string.
      if (c === "'" && i > ls && /\w/.test(text[i - 1]!)) continue;
      q = c;
    } else if (c === '#') return false;
  }
  return q !== undefined;
}

/** True when `[start, end)` overlaps a template region. */
export function overlapsTemplate(regions: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  for (const [s, e] of regions) if (s < Math.max(end, start + 1) && start < e) return true;
  return false;
}
