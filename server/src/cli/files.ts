// Reading and writing files for the CLI: decoding (BOM, binary), and atomic writes that keep the
// file's mode, line endings and BOM, so `--fix` never leaves a half-written or reformatted file.
import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** True when the buffer looks binary (a NUL byte in the first 8000 bytes, as git decides). */
export function isBinary(buf: Buffer): boolean {
  // indexOf is a native scan: a byte loop here was a measurable share of linting small files.
  const i = buf.indexOf(0);
  return i >= 0 && i < 8000;
}

/** True when every line break in the text is CRLF (and there is at least one). */
export function usesCrlf(text: string): boolean {
  let crlf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) !== 13) return false;
    crlf++;
  }
  return crlf > 0;
}

/**
 * The fixed text in the original's line-ending style: when the original used CRLF throughout,
 * a lone LF that a fix inserted becomes CRLF too.
 */
export function keepLineEndings(original: string, fixed: string): string {
  return usesCrlf(original) ? fixed.replace(/\r?\n/g, '\r\n') : fixed;
}

/**
 * Writes a file atomically: a temporary file in the same folder, flushed, given the target's
 * mode, then renamed over it. A symlink is resolved first, so the link stays a link. On failure
 * the temporary file is removed and the original is untouched.
 */
export function writeFileAtomic(path: string, content: string, mode?: number): void {
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // A new file (the --output report): write where asked.
  }
  let keepMode = mode;
  if (keepMode === undefined) {
    try {
      keepMode = statSync(target).mode & 0o7777;
    } catch {
      keepMode = 0o644;
    }
  }
  const tmp = `${dirname(target)}/.${basename(target)}.rampart-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', keepMode);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(tmp, keepMode); // the umask may have narrowed the mode given to open
    renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already closed.
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing to clean up.
    }
    throw err;
  }
}
