// .dockerignore as BuildKit reads it (moby/patternmatcher + ignorefile.ReadAll), re-implemented
// because neither `ignore` (gitignore rules: unanchored names, trailing-slash directory
// patterns) nor picomatch (no parent-directory matching, dotfile rules) has the same meaning:
//   - a line whose first character is `#` is a comment (after trimming it is a pattern again);
//   - patterns are trimmed, `path.Clean`ed and anchored at the context root (`/x` = `x`,
//     `*.pem` matches only top-level files: use `**/*.pem` for any depth);
//   - `*` and `?` never cross `/`; `**` spans any number of folders (also none);
//   - `[…]` classes and `\` escapes pass through to the regular expression;
//   - a path is excluded when it or one of its parent folders matches, and the last matching
//     pattern wins (`!` re-includes).
// Pure: callers pass the text they read through the WorkspaceView.
import { posixNormalize } from '../../engine/posix-path';

export interface IgnorePattern {
  /** The cleaned pattern without `!`. */
  pattern: string;
  /** `!pattern`: re-includes what earlier patterns excluded. */
  exclusion: boolean;
  /** 0-based line in the .dockerignore. */
  line: number;
  match(path: string): boolean;
}

/** Go's path.Clean for slash-separated paths: the workspace's POSIX normalisation. */
export const cleanPath = posixNormalize;

const REGEX_SPECIAL = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

// Wildcards as patternmatcher writes them: `*` is "[^/]*" (within a folder), `**` is "(.*/)?"
// (any folders), and a `**` that ends the pattern is ".*".
type Wildcard = 'star' | 'folders' | 'all';
const WILDCARD_RE: Record<Wildcard, string> = { star: '[^/]*', folders: '(.*/)?', all: '.*' };

// The regular expression of a run of wildcards with nothing between them, simplified to an
// equivalent one of at most two quantifiers. Go's regexp (RE2) matches `***…*` in linear time; a
// backtracking engine does not: 2,578 stars in a COPY source took 2.9 s to match a few paths
// (found by the fuzzer). Two "within a folder" in a row are one; two "any folders" are one; "any
// folders" followed later by "within a folder" matches any text (split it at its last `/`); and
// "anything" absorbs the rest.
function wildcardRun(run: Wildcard[]): string {
  if (run.includes('all')) return WILDCARD_RE.all;
  const folders = run.indexOf('folders');
  if (folders >= 0 && run.lastIndexOf('star') > folders) return WILDCARD_RE.all;
  return (run[0] === 'star' ? WILDCARD_RE.star : '') + (folders >= 0 ? WILDCARD_RE.folders : '');
}

/** Compiles one cleaned pattern the way patternmatcher does (exact, prefix, suffix or regexp match). */
export function compilePattern(pattern: string): (path: string) => boolean {
  let re = '^';
  let run: Wildcard[] = [];
  const wildcard = (w: Wildcard) => run.push(w);
  const text = (t: string) => {
    if (run.length > 0) {
      re += wildcardRun(run);
      run = [];
    }
    re += t;
  };
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  const chars = Array.from(pattern);
  for (let i = 0, k = 0; i < chars.length; i++, k++) {
    const ch = chars[i]!;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            wildcard('all');
            type = 'regexp';
          }
        } else {
          wildcard('folders');
          type = 'regexp';
        }
        if (k === 0) type = 'suffix';
      } else {
        wildcard('star');
        type = 'regexp';
      }
    } else if (ch === '?') {
      text('[^/]');
      type = 'regexp';
    } else if (REGEX_SPECIAL.has(ch)) {
      text('\\' + ch);
    } else if (ch === '\\') {
      if (i + 1 < chars.length) {
        text('\\' + chars[++i]);
        type = 'regexp';
      } else {
        text('\\\\');
      }
    } else if (ch === '[' || ch === ']') {
      text(ch);
      type = 'regexp';
    } else {
      text(ch);
    }
  }
  text('');
  switch (type) {
    case 'exact':
      return (p) => p === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (p) => p.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (p) => p.endsWith(suffix) || (suffix.startsWith('/') && p === suffix.slice(1));
    }
    default: {
      let compiled: RegExp | undefined;
      try {
        compiled = new RegExp(re + '$');
      } catch {
        compiled = undefined; // BuildKit rejects the file; match nothing here.
      }
      // V8 compiles a regex on its first use: a huge pattern (60,000 characters of `=x`) throws
      // "Regular expression too large" there, not in the constructor. BuildKit's own matcher would
      // not match such a pattern either: match nothing.
      return (p) => {
        if (!compiled) return false;
        try {
          return compiled.test(p);
        } catch {
          compiled = undefined;
          return false;
        }
      };
    }
  }
}

/** Parses .dockerignore text into patterns, in order. */
export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, line) => {
    if (raw.startsWith('#')) return;
    let p = raw.trim();
    if (p === '') return;
    const exclusion = p.startsWith('!');
    if (exclusion) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    if (p === '') return;
    out.push({ pattern: p, exclusion, line, match: compilePattern(p) });
  });
  return out;
}

/**
 * True when BuildKit leaves `path` (relative to the context root, `/`-separated) out of the
 * context: the last pattern that matches it or one of its parent folders is not a `!` pattern.
 */
export function isIgnored(patterns: IgnorePattern[], path: string): boolean {
  const file = cleanPath(path.replace(/^\/+/, ''));
  if (file === '.') return false;
  const parts = file.split('/');
  const parents: string[] = [];
  for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join('/'));
  let matched = false;
  for (const pat of patterns) {
    if (pat.exclusion !== matched) continue;
    let m = pat.match(file);
    if (!m) m = parents.some((d) => pat.match(d));
    if (m) matched = !pat.exclusion;
  }
  return matched;
}

/**
 * The .dockerignore files BuildKit would consult for a Dockerfile, in order: the one named
 * after the Dockerfile beside it (`app.Dockerfile.dockerignore`), then `<context>/.dockerignore`.
 * The context defaults to the Dockerfile's folder.
 */
export function dockerignoreCandidates(dockerfilePath: string, contextDir?: string): string[] {
  const slash = dockerfilePath.lastIndexOf('/');
  const dir = slash >= 0 ? dockerfilePath.slice(0, slash) : '.';
  const ctx = (contextDir ?? dir).replace(/(?<!\/)\/+$/, '') || '/';
  return [`${dockerfilePath}.dockerignore`, `${ctx === '/' ? '' : ctx}/.dockerignore`];
}

export interface LoadedDockerignore {
  path: string;
  patterns: IgnorePattern[];
}

/** Reads the .dockerignore in effect through `readFile`; undefined when there is none. */
export function loadDockerignore(
  readFile: (path: string) => string | undefined,
  dockerfilePath: string,
  contextDir?: string,
): LoadedDockerignore | undefined {
  for (const path of dockerignoreCandidates(dockerfilePath, contextDir)) {
    const text = readFile(path);
    if (text !== undefined) return { path, patterns: parseDockerignore(text) };
  }
  return undefined;
}
