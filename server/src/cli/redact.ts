// Blanks secret values out of source text that a report shows (the --fix-dry-run diff, SARIF
// fingerprint input). Two layers: the spans rules mark as secret (Finding.secretRanges), and a
// language-agnostic scan for credential-shaped values and for the values of secret-shaped names
// (`PASSWORD=…`, `api_key: …`, `ENV TOKEN …`), so a value no rule flagged is not echoed either.
import type { Range } from '../engine/types';
import { LineIndex } from '../engine/text';
import { findCredential, isSecretName } from '../engine/secrets';

const MASK = '********';

/** Offsets [start, end) of secret values in a text, sorted and merged. */
export function secretSpans(text: string, secrets: Range[] = []): Array<[number, number]> {
  const index = new LineIndex(text);
  const spans: Array<[number, number]> = secrets.map((r) => [index.offsetAt(r.start), index.offsetAt(r.end)]);
  for (let l = 0; l < index.lineCount; l++) {
    const start = index.lineStart(l);
    for (const [s, e] of lineSecrets(index.lineText(l))) spans.push([start + s, start + e]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of spans) {
    if (e <= s) continue;
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

// NAME=value, NAME: value, NAME value (Dockerfile legacy ENV), optionally quoted; NAME may carry
// a `--build-arg `/`-e ` prefix or sit in a list item. A match starts only where a run of name
// characters starts (skipping a leading run of digits, dots and dashes, which a name cannot
// start with): retrying from every character of a long run is quadratic.
const ASSIGNMENT = /(?<![A-Za-z0-9_.\-])([0-9.\-]*)([A-Za-z_][A-Za-z0-9_.\-]*)(\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|[^\s"',;}\]]+)/g;

/** Secret spans within one line. */
function lineSecrets(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let rest = line;
  let base = 0;
  // Every credential-shaped value, not only the first.
  for (let guard = 0; guard < 50; guard++) {
    const c = findCredential(rest);
    if (!c) break;
    const found = rest.slice(c.start, c.start + c.length);
    if (/^[a-z][a-z0-9+.\-]*:\/\/[^:@/]*:.*@$/i.test(found)) {
      // `scheme://user:password@`: mask the password only, the URL stays readable.
      const from = found.indexOf(':', found.indexOf('://') + 3) + 1;
      out.push([base + c.start + from, base + c.start + found.length - 1]);
    } else out.push([base + c.start, base + c.start + c.length]);
    base += c.start + c.length;
    rest = line.slice(base);
  }
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(line); m; m = ASSIGNMENT.exec(line)) {
    const [whole, prefix, name, sep, value] = m as unknown as [string, string, string, string, string];
    const nameStart = m.index + prefix.length;
    // `NAME value` without = or : is only an assignment after ENV/ARG/LABEL.
    const legacy = !/[=:]/.test(sep);
    if (!isSecretName(name) || (legacy && !/^\s*(ENV|ARG|LABEL)\s+$/i.test(line.slice(0, nameStart)))) {
      // Not an assignment of a secret: look again from the next word (`ENV TOKEN=x` matched as `ENV …`).
      ASSIGNMENT.lastIndex = nameStart + name.length;
      continue;
    }
    const inner = value.length >= 2 && (value[0] === '"' || value[0] === "'") ? [1, value.length - 1] : [0, value.length];
    if (inner[1]! <= inner[0]!) continue;
    const v = value.slice(inner[0], inner[1]);
    // References and empty placeholders are not secrets.
    if (/^\$\{?[A-Za-z_]/.test(v) || /^<[^>]*>$/.test(v)) continue;
    const at = m.index + whole.length - value.length + inner[0]!;
    out.push([at, at + v.length]);
  }
  return out;
}

/** The text with every secret span replaced by a fixed mask (the length is not revealed). */
export function redactSecrets(text: string, secrets: Range[] = []): string {
  const spans = secretSpans(text, secrets);
  if (spans.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const [s, e] of spans) {
    out += text.slice(cursor, s) + MASK;
    cursor = e;
  }
  return out + text.slice(cursor);
}
