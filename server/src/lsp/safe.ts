// Every handler runs through these wrappers: an exception (or a rejected promise) becomes one
// logged error and a harmless answer, never a dead server or an unanswered request.
import { describeError } from '../engine/errors';

export type Log = (message: string) => void;

/** The error's class, its message with quoted input elided, and where it was thrown (never the text being linted). */
export function describe(err: unknown): string {
  const frames = err instanceof Error && err.stack ? err.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 5) : [];
  return [describeError(err), ...frames].join('\n');
}

/** Wraps a request handler: on failure logs and answers `fallback`. */
export function safeRequest<P extends unknown[], R>(log: Log, name: string, fallback: () => R, fn: (...args: P) => R | Promise<R>) {
  return async (...args: P): Promise<R> => {
    try {
      return await fn(...args);
    } catch (err) {
      log(`Rampart: ${name} failed: ${describe(err)}`);
      return fallback();
    }
  };
}

/** Wraps a notification handler: on failure logs; nothing to answer. */
export function safeNotification<P extends unknown[]>(log: Log, name: string, fn: (...args: P) => void | Promise<void>) {
  return (...args: P): void => {
    try {
      const r = fn(...args);
      if (r && typeof (r as Promise<void>).catch === 'function') {
        (r as Promise<void>).catch((err: unknown) => log(`Rampart: ${name} failed: ${describe(err)}`));
      }
    } catch (err) {
      log(`Rampart: ${name} failed: ${describe(err)}`);
    }
  };
}
