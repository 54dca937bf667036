// Structural equality of JSON-shaped values (what goes over the wire): the diagnostic store uses
// it to keep a report's result id when a re-lint gives the same items, which used to cost a
// JSON.stringify and a SHA-1 of every report on every keystroke.
import type { Diagnostic as LspDiagnostic, Range } from 'vscode-languageserver';

/** True when `a` and `b` have the same JSON shape and values (own enumerable keys; key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (!Object.prototype.hasOwnProperty.call(x, key)) continue;
    if (!Object.prototype.hasOwnProperty.call(y, key) || !jsonEqual(x[key], y[key])) return false;
    count++;
  }
  for (const key in y) if (Object.prototype.hasOwnProperty.call(y, key)) count--;
  return count === 0;
}

function sameRange(x: Range, y: Range): boolean {
  return x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
}

/** Own enumerable keys of a plain object. */
function keyCount(o: object): number {
  let n = 0;
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) n++;
  return n;
}

/** Keys of a diagnostic compared field by field below. */
const KNOWN: ReadonlyArray<keyof LspDiagnostic> = ['range', 'severity', 'source', 'code', 'codeDescription', 'message', 'relatedInformation', 'data', 'tags'];

function knownCount(d: LspDiagnostic): number {
  let n = 0;
  for (let i = 0; i < KNOWN.length; i++) if (Object.prototype.hasOwnProperty.call(d, KNOWN[i]!)) n++;
  return n;
}

/** jsonEqual(a, b), answered without the generic walk when both are `{[key]: same string}`. */
function sameOneKey(a: unknown, b: unknown, key: string): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const v = x[key];
    if (typeof v === 'string' && v === y[key] && keyCount(x) === 1 && keyCount(y) === 1 && Object.prototype.hasOwnProperty.call(x, key) && Object.prototype.hasOwnProperty.call(y, key)) return true;
  }
  return jsonEqual(a, b);
}

function sameDiagnostic(x: LspDiagnostic, y: LspDiagnostic): boolean {
  if (x.message !== y.message || x.code !== y.code || x.severity !== y.severity || x.source !== y.source || !sameRange(x.range, y.range)) return false;
  if (!sameOneKey(x.codeDescription, y.codeDescription, 'href')) return false;
  if (x.relatedInformation !== y.relatedInformation && !jsonEqual(x.relatedInformation, y.relatedInformation)) return false;
  if (x.tags !== y.tags && !jsonEqual(x.tags, y.tags)) return false;
  if (!sameOneKey(x.data, y.data, 'rule')) return false;
  // Any other field (none of Rampart's diagnostics has one): the generic walk decides.
  const n = keyCount(x);
  if (n !== keyCount(y)) return false;
  return n === knownCount(x) && n === knownCount(y) ? true : jsonEqual(x, y);
}

/**
 * jsonEqual for two lists of diagnostics (the same answer), field by field. On a keystroke that
 * changes no finding (most of them) the whole list is compared, and the generic walk (a for-in
 * and a recursive call per field, megamorphic) took 0.16 ms of a 1,000-line compose file's
 * keystroke in the server.
 */
export function sameDiagnostics(a: readonly LspDiagnostic[], b: readonly LspDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameDiagnostic(a[i]!, b[i]!)) return false;
  return true;
}
