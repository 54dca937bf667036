// Blanks secret values out of text that a report shows (the --fix-dry-run diff).
import type { Range } from '../engine/types';
import { LineIndex } from '../engine/text';

export function redactSecrets(text: string, secrets: Range[]): string {
  if (secrets.length === 0) return text;
  const index = new LineIndex(text);
  const spans = secrets.map((r) => [index.offsetAt(r.start), index.offsetAt(r.end)] as const).sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [s, e] of spans) {
    if (e <= cursor) continue;
    const from = Math.max(s, cursor);
    out += text.slice(cursor, from) + '*'.repeat(Math.min(8, e - from));
    cursor = e;
  }
  return out + text.slice(cursor);
}
