// Structural equality of JSON-shaped values (what goes over the wire): the diagnostic store uses
// it to keep a report's result id when a re-lint gives the same items, which used to cost a
// JSON.stringify and a SHA-1 of every report on every keystroke.

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
