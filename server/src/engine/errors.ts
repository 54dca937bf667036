// How Rampart names an exception in a diagnostic, a log line or on stderr: its class and message,
// never the input. Engine messages can quote the text being processed (V8's JSON.parse says
// `Unexpected token 'A', "AKIA…" is not valid JSON`), so quoted spans are elided and
// credential-shaped values masked before anything is shown.
import { findCredential } from './secrets';

const MAX = 200;

export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  let message = String(err.message ?? '')
    .slice(0, 2000)
    .replace(/\s+/g, ' ')
    .replace(/(["'`])[^"'`]*\1/g, '$1…$1');
  for (let guard = 0; guard < 20; guard++) {
    const c = findCredential(message);
    if (!c) break;
    message = message.slice(0, c.start) + '********' + message.slice(c.start + c.length);
  }
  if (message.length > MAX) message = message.slice(0, MAX - 1) + '…';
  return message ? `${err.name}: ${message}` : err.name;
}
