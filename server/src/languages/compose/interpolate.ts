// Compose variable interpolation (compose-spec 12-interpolation.md): `$VAR`, `${VAR}`,
// `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`,
// nested (`${A:-${B:-x}}`) and `$$` for a literal `$`.
//
// Rampart never reads the linting machine's environment (the CLI and the editor would disagree),
// so a variable has a value only when the `.env` beside the compose file sets it. A variable that
// is not set takes its default when it has one (that is what ships to every install that forgets
// the variable); otherwise the value is unknown, and rules never report unknown values as bad.

export type ValueState = 'literal' | 'resolved' | 'unknown';

export interface VarUse {
  name: string;
  /** Offsets of the whole `${…}` / `$VAR` expression in the raw string. */
  start: number;
  end: number;
  /** Where the value came from. `default` = the expression's default (or alternative) text. */
  from: 'env-file' | 'default' | 'unknown';
  /** For `${VAR:-d}` / `${VAR-d}`: offsets of the default text in the raw string. */
  defaultStart?: number;
  defaultEnd?: number;
}

export interface Interpolated {
  /** `literal`: no variables; `resolved`: every variable has a value; `unknown`: some do not. */
  state: ValueState;
  /** The text after interpolation; undefined when unknown. */
  value?: string;
  /** Variables referenced (outermost, in order; nested defaults that were used included). */
  vars: VarUse[];
}

/** Values known for variables: `.env` beside the file. `null` = declared but value unknown. */
export type EnvVars = ReadonlyMap<string, string | null>;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const MAX_NEST = 32;

/** True when the text contains an interpolation (`$$` alone does not count). */
export function hasInterpolation(raw: string): boolean {
  for (let i = raw.indexOf('$'); i >= 0 && i < raw.length; i = raw.indexOf('$', i + 1)) {
    const c = raw[i + 1];
    if (c === '$') {
      i++;
      continue;
    }
    if (c === '{' || (c !== undefined && NAME_START.test(c))) return true;
  }
  return false;
}

const NO_VARS: VarUse[] = Object.freeze([]) as unknown as VarUse[];

interface Piece {
  text: string | undefined; // undefined = unknown
}

/** Interpolates a raw string against `.env` variables. */
export function interpolate(raw: string, env: EnvVars): Interpolated {
  // Most scalars have no `$`: they share one empty `vars` (never written to).
  if (!raw.includes('$')) return { state: 'literal', value: raw, vars: NO_VARS };
  const vars: VarUse[] = [];
  const r = evalRange(raw, 0, raw.length, env, vars, 0);
  if (vars.length === 0) return { state: 'literal', value: r.text, vars };
  if (r.text === undefined) return { state: 'unknown', vars };
  return { state: 'resolved', value: r.text, vars };
}

function evalRange(raw: string, start: number, end: number, env: EnvVars, vars: VarUse[], nest: number): Piece {
  let out: string | undefined = '';
  let i = start;
  while (i < end) {
    const d = raw.indexOf('$', i);
    if (d < 0 || d >= end) {
      if (out !== undefined) out += raw.slice(i, end);
      break;
    }
    if (out !== undefined) out += raw.slice(i, d);
    const c = raw[d + 1];
    if (c === '$') {
      if (out !== undefined) out += '$';
      i = d + 2;
      continue;
    }
    if (c !== undefined && NAME_START.test(c) && d + 1 < end) {
      let j = d + 2;
      while (j < end && NAME_CHAR.test(raw[j]!)) j++;
      const name = raw.slice(d + 1, j);
      const v = env.get(name);
      const known = typeof v === 'string';
      vars.push({ name, start: d, end: j, from: known ? 'env-file' : 'unknown' });
      out = known && out !== undefined ? out + v : undefined;
      i = j;
      continue;
    }
    if (c === '{') {
      const close = matchBrace(raw, d + 2, end);
      if (close < 0 || nest > MAX_NEST) {
        // Unterminated `${`: Compose reports an invalid template; Rampart cannot evaluate it.
        vars.push({ name: '', start: d, end, from: 'unknown' });
        return { text: undefined };
      }
      const piece = evalBraced(raw, d, d + 2, close, env, vars, nest);
      out = piece.text !== undefined && out !== undefined ? out + piece.text : undefined;
      i = close + 1;
      continue;
    }
    // A lone `$` (before a digit, a space, the end): kept as written.
    if (out !== undefined) out += '$';
    i = d + 1;
  }
  return { text: out };
}

/** Index of the `}` closing a `${` whose body starts at `from`, or -1. */
function matchBrace(raw: string, from: number, end: number): number {
  let depth = 1;
  for (let i = from; i < end; i++) {
    const ch = raw[i];
    if (ch === '$' && raw[i + 1] === '$') {
      i++;
      continue;
    }
    if (ch === '$' && raw[i + 1] === '{') {
      depth++;
      i++;
      continue;
    }
    if (ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function evalBraced(raw: string, exprStart: number, bodyStart: number, close: number, env: EnvVars, vars: VarUse[], nest: number): Piece {
  let j = bodyStart;
  while (j < close && NAME_CHAR.test(raw[j]!)) j++;
  const name = raw.slice(bodyStart, j);
  const rest = raw.slice(j, close);
  const use: VarUse = { name, start: exprStart, end: close + 1, from: 'unknown' };
  vars.push(use);
  if (name === '' || !NAME_START.test(name[0]!)) return { text: undefined };
  const v = env.get(name);
  const known = typeof v === 'string'; // set in .env with a known value
  const declared = env.has(name); // set in .env, possibly with an unknown value
  if (rest === '') {
    if (known) use.from = 'env-file';
    return { text: known ? v : undefined };
  }
  const op = rest.startsWith(':') ? rest.slice(0, 2) : rest.slice(0, 1);
  const wordStart = j + op.length;
  const word = () => evalRange(raw, wordStart, close, env, vars, nest + 1);
  switch (op) {
    case ':-':
    case '-': {
      use.defaultStart = wordStart;
      use.defaultEnd = close;
      // A variable Rampart cannot see is assumed unset: its default is what ships.
      const useValue = known && (op === '-' || v !== '');
      if (useValue) {
        use.from = 'env-file';
        return { text: v };
      }
      if (declared && !known) return { text: undefined };
      use.from = 'default';
      return word();
    }
    case ':?':
    case '?': {
      if (known && (op === '?' || v !== '')) {
        use.from = 'env-file';
        return { text: v };
      }
      return { text: undefined };
    }
    case ':+':
    case '+': {
      if (!declared) return { text: undefined };
      if (!known) return { text: undefined };
      use.from = 'env-file';
      if (op === '+' || v !== '') {
        use.from = 'default';
        return word();
      }
      return { text: '' };
    }
    default:
      return { text: undefined };
  }
}

/**
 * Parses a `.env` file (Compose's dotenv dialect): `KEY=value`, `export KEY=value`, `#` comments,
 * single quotes (literal), double quotes (escapes, may span lines), unquoted values with an inline
 * ` #` comment, and `${VAR}` references to earlier keys. `KEY` alone reads the shell: unknown.
 * `lines`, when given, receives the 0-based line each key was last set on (for findings that point
 * into the file).
 */
export function parseEnvFile(text: string, lines?: Map<string, number>): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  const src = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let li = 0; li < src.length; li++) {
    let line = src[li]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    if (eq < 0) {
      const key = line.trim();
      if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
        vars.set(key, null);
        lines?.set(key, li);
      }
      continue;
    }
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue;
    lines?.set(key, li);
    let value = line.slice(eq + 1).trimStart();
    if (value.startsWith("'")) {
      const endQ = value.indexOf("'", 1);
      vars.set(key, endQ >= 0 ? value.slice(1, endQ) : value.slice(1));
      continue;
    }
    if (value.startsWith('"')) {
      let body = value.slice(1);
      let endQ = closingQuote(body);
      while (endQ < 0 && li + 1 < src.length) {
        body += '\n' + src[++li];
        endQ = closingQuote(body);
      }
      body = endQ >= 0 ? body.slice(0, endQ) : body;
      body = body.replace(/\\([nrt"\\$])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
      const r = interpolate(body, vars);
      vars.set(key, r.value ?? null);
      continue;
    }
    const hash = value.search(/\s#/);
    if (hash >= 0) value = value.slice(0, hash);
    value = value.trimEnd();
    const r = interpolate(value, vars);
    vars.set(key, r.value ?? null);
  }
  return vars;
}

function closingQuote(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

/** Compose's reading of a boolean string (`y`, `yes`, `true`, `on` and their negatives, any case). */
export function parseComposeBool(text: string): boolean | undefined {
  switch (text.trim().toLowerCase()) {
    case 'y':
    case 'yes':
    case 'true':
    case 'on':
      return true;
    case 'n':
    case 'no':
    case 'false':
    case 'off':
      return false;
    default:
      return undefined;
  }
}
