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
  /**
   * A `{{` with no `}}` after it: Traefik cannot render the file, and everything after it is
   * masked, so whatever a fix inserts there is never read again.
   */
  unclosed?: boolean;
}

export function hasTemplates(text: string): boolean {
  return text.includes('{{');
}

export function maskTemplates(text: string): Masked {
  // The facts of a template's line are gathered once per line: a line of thousands of templates
  // (a fuzzer's) made the per-template scans of the line quadratic (60 KB took 2 s). A template
  // that runs on past its line (or to the end of the text) is asked about as before.
  let line: LineFacts | undefined;
  return maskWith(text, (start, end, closed) => {
    if (!line || start >= line.le) line = new LineFacts(text, start);
    if (!closed || end > line.le) return judge(text, start, end);
    return line.insideQuotes(start) ? 'as-is' : line.onlyTemplates() ? 'blank' : line.inKey(start, end) ? 'key' : 'value';
  });
}

/**
 * maskTemplates asking each template's line afresh (quadratic on a line of many templates): the
 * reference the line-at-a-time version is tested against.
 */
export function maskTemplatesReference(text: string): Masked {
  return maskWith(text, (start, end) => judge(text, start, end));
}

type Treatment = 'as-is' | 'blank' | 'key' | 'value';

function judge(text: string, start: number, end: number): Treatment {
  return insideQuotes(text, start) ? 'as-is' : fillsItsLines(text, start, end) ? 'blank' : inKey(text, start, end) ? 'key' : 'value';
}

/** Every template of the text (`{{` to the next `}}`, or to the end), masked as `treat` says. */
function maskWith(text: string, treat: (start: number, end: number, closed: boolean) => Treatment): Masked {
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
    const how = treat(i, end, close >= 0);
    if (how === 'as-is') out += piece;
    else if (how === 'blank') out += piece.replace(/[^\r\n]/g, ' ');
    else out += placeholder(piece, how === 'key');
    cursor = end;
    i = text.indexOf('{{', end);
  }
  out += text.slice(cursor);
  const last = regions[regions.length - 1];
  return { text: out, regions, ...(last && !text.endsWith('}}', last[1]) ? { unclosed: true } : {}) };
}

/**
 * What the template rules ask of one line, answered for templates in text order in time linear
 * in the line: the same answers as `insideQuotes`, `fillsItsLines` and `inKey` for a template
 * that ends on this line.
 */
class LineFacts {
  readonly ls: number;
  readonly le: number;
  private quotePos: number;
  private quote: string | undefined;
  private quoteDone = false;
  private blank: boolean | undefined;
  /** First `=`, first `:` followed by a blank, first `=` or `:` (offsets; Infinity when none). */
  private readonly firstEq: number;
  private readonly firstColonBlank: number;
  private readonly firstEqOrColon: number;
  private readonly bracketFirst: number;
  /** Offsets of `"`, `'`, `=` and `:` on the line, in order, and a cursor into them. */
  private readonly specials: number[] = [];
  private next = 0;

  constructor(private readonly text: string, at: number) {
    this.ls = text.lastIndexOf('\n', at - 1) + 1;
    const le = text.indexOf('\n', at);
    this.le = le < 0 ? text.length : le;
    this.quotePos = this.ls;
    let eq = Infinity;
    let colonBlank = Infinity;
    let eqOrColon = Infinity;
    let bracket = Infinity;
    let seenText = false;
    for (let k = this.ls; k < this.le; k++) {
      const c = text.charCodeAt(k);
      if (!seenText && !isSpace(c)) {
        seenText = true;
        if (c === 91) bracket = k; // [
      }
      if (c === 34 || c === 39 || c === 61 || c === 58) this.specials.push(k);
      if (c === 61 && eq === Infinity) eq = k;
      if ((c === 61 || c === 58) && eqOrColon === Infinity) eqOrColon = k;
      if (c === 58 && colonBlank === Infinity && k + 1 < text.length && isSpace(text.charCodeAt(k + 1))) colonBlank = k;
    }
    this.firstEq = eq;
    this.firstColonBlank = colonBlank;
    this.firstEqOrColon = eqOrColon;
    this.bracketFirst = bracket;
  }

  /** `insideQuotes(text, at)`, scanning on from where the last call stopped. */
  insideQuotes(at: number): boolean {
    const text = this.text;
    let i = this.quotePos;
    let q = this.quote;
    if (!this.quoteDone) {
      for (; i < at; i++) {
        const c = text[i]!;
        if (q) {
          if (c === '\\' && q === '"') i++;
          else if (c === q) q = undefined;
        } else if (c === '"' || c === "'") {
          if (c === "'" && i > this.ls && /\w/.test(text[i - 1]!)) continue;
          q = c;
        } else if (c === '#') {
          // A comment: nothing after it on the line is inside quotes.
          this.quoteDone = true;
          q = undefined;
          break;
        }
      }
    }
    this.quotePos = Math.max(i, at);
    this.quote = q;
    return !this.quoteDone && q !== undefined;
  }

  /** `fillsItsLines` for a template on this line: nothing but blanks and templates on it. */
  onlyTemplates(): boolean {
    // (A `{{` left over opens a template closed on a later line: text beside this one.)
    this.blank ??= withoutTemplates(this.text.slice(this.ls, this.le)).trim() === '';
    return this.blank;
  }

  /** `inKey(text, start, end)` for a template on this line. */
  inKey(start: number, end: number): boolean {
    // before = [ls, start): `^\s*\[` with no `=`/`:` before the template: a TOML table header.
    if (this.bracketFirst < start && !(this.firstEqOrColon < start)) return true;
    // `=` or `: ` before it: a value.
    if (this.firstEq < start || this.firstColonBlank + 1 < start) return false;
    // after = [end, le): the first of `"'=:` is `=`, or the first of `"':` is `:` then a blank or the end.
    const sp = this.specials;
    while (this.next < sp.length && sp[this.next]! < end) this.next++;
    const k = sp[this.next];
    if (k === undefined) return false;
    const c = this.text.charCodeAt(k);
    if (c === 61) return true; // `key = …` (TOML)
    if (c !== 58) return false; // a quote first
    return k + 1 >= this.le || isSpace(this.text.charCodeAt(k + 1));
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 12 || c === 11;
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
  // maskTemplates gives the regions in order and disjoint (their ends increase too): the first
  // region ending after `start` is the only candidate. A search, not a walk: every scalar and key
  // of a templated file asks.
  let lo = 0;
  let hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid]![1] > start) hi = mid;
    else lo = mid + 1;
  }
  const r = regions[lo];
  return r !== undefined && r[0] < Math.max(end, start + 1);
}
