// `rampart lint`: resolve the paths, check every config that governs them (before anything is
// written), lint each file, apply safe fixes (--fix) or print them (--fix-dry-run), report.
import { useBatchCaches } from '../engine/cache-budget';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import type { FileHints, Language, RelatedFile, Severity } from '../engine/types';
import type { ConfigLayer, RampartConfig } from '../engine/config';
import { lint, ParseCache, withBuiltFixes, withoutFixes } from '../engine/lint';
import { fixAll } from '../engine/fixes';
import { detectLanguage, isIgnoredByConfig } from '../engine/detect';
import { stripBom } from '../engine/text';
import { gitWorkTree } from '../engine/workspace-bounds';
import { hintFor, relatedFilesOf } from '../engine/related';
import { FsWorkspace, MAX_READ } from '../node/fs-workspace';
import { ConfigResolver } from '../node/config-resolver';
import { discover } from '../node/discover';
import { CliError, UsageError, type LintArgs } from './args';
import { isBinary, keepLineEndings, writeFileAtomic } from './files';
import { formatText } from './format-text';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { redactSecrets } from './redact';
import { describeError } from '../engine/errors';
import type { FileReport } from './report';
import { scan, type Root } from './scan';

/** A configuration file with problems: the run stops before linting (exit 2). */
export class ConfigError extends CliError {}

export interface CliIo {
  stdout(text: string): Promise<void>;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  isTty: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Relative to the current directory when under it, else absolute; always with `/`. */
export function displayPath(abs: string): string {
  // A path below the working folder (every discovered file of `rampart lint .`) is its tail: the
  // general path.relative() was a hundredth of a 10,000-file scan. Discovered paths are resolved
  // (no `.` or `..` segments), and anything else takes the general way.
  const cwd = process.cwd();
  if (abs.length > cwd.length + 1 && abs.startsWith(cwd) && (abs[cwd.length] === sep || cwd.endsWith(sep)) && !/[\\/]\.\.?(?:[\\/]|$)/.test(abs)) {
    return toSlash(abs.slice(cwd.endsWith(sep) ? cwd.length : cwd.length + 1));
  }
  const rel = toSlash(relative(process.cwd(), abs));
  return rel && !rel.startsWith('../') && rel !== '..' && !/^[a-zA-Z]:|^\//.test(rel) ? rel : toSlash(abs);
}

export interface Target {
  abs: string;
  explicit: boolean;
  /** Language from discovery or --language. */
  language?: Language;
  /** What another file says about this one (a compose file's build context). */
  hints?: FileHints;
  stdin?: boolean;
  /**
   * A discovered file whose plugin names other files (compose → Dockerfiles), with the language
   * discovery gave it: the lint reports what it names (TargetResult.related).
   */
  relatedOf?: Language;
}

/**
 * The folders a lint may follow references into (WorkspaceView.roots): the git work tree around
 * each root, else the root itself (a file's folder; the current folder for stdin). A file linted
 * alone in a repository still sees the repository's nginx.conf.
 */
function workspaceRoots(roots: Array<Root | 'stdin'>, workspace: FsWorkspace): string[] {
  const out = new Set<string>();
  for (const r of roots) {
    const folder = r === 'stdin' ? toSlash(process.cwd()) : r.folder ? r.abs : toSlash(dirname(r.abs));
    out.add(gitWorkTree(`${folder}/.`, workspace) ?? folder);
  }
  return [...out];
}

export async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  // Each file is linted once: parses of other files are kept only for the files near it.
  useBatchCaches();
  const workspace = new FsWorkspace();
  const overrides: ConfigLayer = { rules: args.rules };
  if (args.profile) overrides.profile = args.profile;
  let explicitConfig: string | undefined;
  if (args.config !== undefined) {
    explicitConfig = toSlash(resolve(args.config));
    let isFile = false;
    try {
      isFile = statSync(explicitConfig).isFile();
    } catch {
      throw new UsageError(`--config: ${args.config}: no such file`);
    }
    if (!isFile) throw new UsageError(`--config: ${args.config} is not a file`);
  }
  const configs = new ConfigResolver(workspace, undefined, overrides, explicitConfig);
  // Small: a plain lint parses each file once; fixes re-lint the same few texts.
  const cache = new ParseCache(16);

  // 1. The roots, each checked before anything is read.
  const stdinPath = toSlash(resolve('<stdin>'));
  const roots: Array<Root | 'stdin'> = [];
  for (const p of args.paths) {
    if (p === '-') {
      roots.push('stdin');
      continue;
    }
    const abs = toSlash(resolve(p));
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `${p}: no such file or folder` : `${p}: cannot be read (${code ?? 'error'})`);
    }
    roots.push({ abs, folder: st.isDirectory() });
  }
  const workspaceFolders = workspaceRoots(roots, workspace);
  workspace.roots = workspaceFolders;

  const reports: FileReport[] = [];
  const diffs: string[] = [];
  const notes: string[] = [];
  const keepText = args.format === 'sarif';
  const ctx: TargetContext = { args, configs, workspace, cache, io, keepText };
  const take = (r: TargetResult) => {
    if (r.report) reports.push(r.report);
    notes.push(...r.notes);
    if (r.diff) diffs.push(r.diff);
  };
  if (!args.fix && !args.fixDryRun && !roots.includes('stdin')) {
    // 2. A plain lint: linted while the walk goes on, on every core for a large run (scan.ts);
    // then every config that governs a target must be valid (CI must not pass with a broken one).
    const done = await scan(roots as Root[], args.language, ctx, { overrides, explicitConfig, maxFileSize: args.maxFileSize, keepText, roots: workspaceFolders });
    checkConfigs(configs, explicitConfig ? [explicitConfig] : done.map((d) => configs.configPathFor(d.target.abs)));
    for (const d of done) take(d.result);
  } else {
    // 2. Targets: explicit files (claimed or not), folders walked with discovery, stdin.
    const targets: Target[] = [];
    const seen = new Set<string>();
    const add = (t: Target) => {
      if (seen.has(t.abs)) return;
      seen.add(t.abs);
      targets.push(t);
    };
    for (const root of roots) {
      if (root === 'stdin') add({ abs: stdinPath, explicit: true, stdin: true, language: args.language });
      else if (root.folder) {
        for (const f of discover([root.abs], { configFor: (path) => configs.configFor(path), workspace, cache })) {
          add({ abs: f.path, explicit: false, language: args.language ?? f.language, hints: f.hints });
        }
      } else add({ abs: root.abs, explicit: true, language: args.language });
    }
    // 3. Every config that governs a target must be valid, and nothing is written before this check.
    checkConfigs(configs, explicitConfig ? [explicitConfig] : targets.map((t) => configs.configPathFor(t.abs)));
    // 4. Lint and fix each target, here and in order.
    for (const t of targets) take(await lintTarget(t, ctx));
  }

  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // 5. Report.
  const colour = args.output === undefined && (args.color ?? (io.isTty && !process.env.NO_COLOR));
  const formatted = args.format === 'json' ? formatJson(reports) : args.format === 'sarif' ? formatSarif(reports) : formatText(reports, colour);
  if (args.output !== undefined) {
    try {
      writeFileAtomic(toSlash(resolve(args.output)), formatted);
    } catch (err) {
      throw new CliError(`--output: cannot write ${args.output} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  for (const n of notes) io.stderr(`rampart: ${n}\n`);
  if (args.fixDryRun) await io.stdout(diffs.join(''));
  else if (args.output === undefined) await io.stdout(formatted);

  if (args.failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[args.failOn];
  return reports.some((r) => r.diagnostics.some((d) => SEVERITY_RANK[d.severity] >= threshold)) ? 1 : 0;
}

export interface TargetContext {
  args: Pick<LintArgs, 'fix' | 'fixDryRun' | 'maxFileSize'>;
  configs: ConfigResolver;
  workspace: FsWorkspace;
  cache: ParseCache;
  io: Pick<CliIo, 'readStdin'>;
  /** Keep each file's text in its report (SARIF fingerprints need it). */
  keepText: boolean;
}

export interface TargetResult {
  report?: FileReport;
  notes: string[];
  diff?: string;
  /** For a `relatedOf` target: the files it names, as discovery would have found them. */
  related?: RelatedFile[];
}

/** What lintOne read of a file: related files are found in the same bytes. */
interface FileRead {
  size?: number;
  buf?: Buffer;
}

/**
 * The bytes of an open regular file of `size` bytes (fewer if it shrank meanwhile): the size is
 * known from the fstat above, and readFileSync would ask for it again.
 */
function readSized(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const r = readSync(fd, buf, n, size - n, n);
    if (r === 0) break;
    n += r;
  }
  return n === size ? buf : buf.subarray(0, n);
}

/** Lints (and fixes) one target. The CLI's loop and its worker threads both run this. */
export async function lintTarget(t: Target, ctx: TargetContext): Promise<TargetResult> {
  const config = ctx.configs.configFor(t.abs);
  const read: FileRead = {};
  const result = await lintOne(t, ctx, config, read);
  if (t.relatedOf) result.related = relatedOfTarget(t, t.relatedOf, ctx, config, read);
  return result;
}

/**
 * The files a discovered file names, from the text its lint read (parsed once: the lint left
 * the parse in the cache), exactly as discovery finds them: discovery reads through FsWorkspace,
 * which gives up on files over MAX_READ bytes.
 */
function relatedOfTarget(t: Target, language: Language, ctx: TargetContext, config: RampartConfig, read: FileRead): RelatedFile[] {
  if (read.size === undefined || read.size > MAX_READ) return [];
  let raw: string;
  try {
    raw = read.buf ? read.buf.toString('utf8') : readFileSync(t.abs, 'utf8');
  } catch {
    return [];
  }
  return relatedFilesOf(t.abs, stripBom(raw).text, language, ctx.workspace, config, ctx.cache);
}

async function lintOne(t: Target, ctx: TargetContext, config: RampartConfig, read: FileRead): Promise<TargetResult> {
  const { args, configs, workspace, cache } = ctx;
  const notes: string[] = [];
  const path = t.stdin ? '-' : displayPath(t.abs);
  const report = (language: Language | undefined, extra: Partial<FileReport>): TargetResult => ({
    report: { path, absPath: t.abs, language, diagnostics: [], suppressed: [], ...extra },
    notes,
  });

  if (!t.stdin && t.explicit && isIgnoredByConfig(t.abs, config)) {
    notes.push(`${path}: ignored by ${config.configPath ? displayPath(config.configPath) : 'the configuration'}`);
    return { notes };
  }

  let raw: string;
  let mode: number | undefined;
  const nameLanguage = t.language ?? detectLanguage(t.abs, '', config);
  if (t.stdin) {
    raw = await ctx.io.readStdin();
  } else {
    let buf: Buffer;
    try {
      // Size and mode from the open descriptor (fstat), not a stat of the path before reading
      // it: one path lookup per file fewer (a stat was a sixtieth of a 10,000-file scan).
      const fd = openSync(t.abs, 'r');
      try {
        const st = fstatSync(fd);
        if (st.isFile()) read.size = st.size;
        if (st.isFile()) mode = st.mode & 0o7777;
        if (st.isFile() && st.size > args.maxFileSize) {
          if (nameLanguage) {
            notes.push(`${path}: skipped, larger than ${args.maxFileSize} bytes (--max-file-size)`);
            return report(nameLanguage, { skipped: 'too-large' });
          }
          return t.explicit ? report(undefined, { skipped: 'unrecognised' }) : { notes };
        }
        // A size of 0 may not be the truth (files under /proc): those are read to their end.
        buf = st.isFile() && st.size > 0 ? readSized(fd, st.size) : readFileSync(fd);
      } finally {
        closeSync(fd);
      }
      read.buf = buf;
    } catch (err) {
      notes.push(`${path}: skipped, cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return report(nameLanguage, { skipped: 'unreadable' });
    }
    if (isBinary(buf)) {
      if (nameLanguage) {
        notes.push(`${path}: skipped, binary content`);
        return report(nameLanguage, { skipped: 'binary' });
      }
      return t.explicit ? report(undefined, { skipped: 'unrecognised' }) : { notes };
    }
    raw = buf.toString('utf8');
  }

  const { text, bom } = stripBom(raw);
  let language = t.language ?? detectLanguage(t.abs, text, config, workspace);
  let hints = t.hints;
  if (!t.stdin && t.explicit && (!language || language === 'dockerfile') && !hints) {
    // A file named on the command line: a compose file near it may say what it is (its
    // `build.dockerfile`) and give its build context.
    const hint = hintFor(t.abs, { workspace, configFor: (p) => configs.configFor(p), cache });
    if (hint && (!language || hint.language === language)) {
      language = hint.language;
      hints = hint.hints;
    }
  }
  if (!language) {
    if (t.explicit) {
      notes.push(`${path}: skipped, not a file Rampart recognises (use --language, or files: in .rampart.yaml)`);
      return report(undefined, { skipped: 'unrecognised' });
    }
    return { notes };
  }

  let current = text;
  let diff: string | undefined;
  if (args.fix || args.fixDryRun) {
    let fixed = { text };
    try {
      fixed = fixAll(t.abs, text, { config, workspace, language, cache, hints });
    } catch (err) {
      // A rule produced clashing edits: fix nothing in this file rather than something wrong.
      notes.push(`${path}: not fixed, a rule's fix failed (${describeError(err)}); please report it`);
    }
    if (fixed.text !== text) {
      const out = keepLineEndings(text, fixed.text);
      if (args.fix) {
        try {
          writeFileAtomic(t.abs, (bom ? '\ufeff' : '') + out, mode);
        } catch (err) {
          throw new CliError(`${path}: cannot write the fixed file (${(err as NodeJS.ErrnoException).code ?? 'error'}); it is unchanged`);
        }
        workspace.invalidate(t.abs);
        current = out;
      } else {
        diff = redactedDiff(path, text, out, t.abs, language, config, workspace, cache, hints);
      }
    }
  }
  const r = lint(t.abs, current, { config, workspace, language, cache, hints });
  // Plain copies: a report lives until the run ends (and a worker's is cloned to the main thread),
  // and a diagnostic whose fixes are built lazily holds its file's whole parse. Only SARIF prints
  // fixes (`--fix` applied them above).
  const copy = ctx.keepText ? withBuiltFixes : withoutFixes;
  const result = report(language, { diagnostics: (r?.diagnostics ?? []).map(copy), suppressed: (r?.suppressed ?? []).map(copy), ...(ctx.keepText || t.stdin ? { text: current } : {}) });
  if (diff !== undefined) result.diff = diff;
  return result;
}

/** Stops the run with every problem of every config in use, as `file:line:col: message`. */
function checkConfigs(configs: ConfigResolver, paths: Array<string | undefined>): void {
  const lines: string[] = [];
  for (const cp of [...new Set(paths)].filter((p): p is string => p !== undefined).sort()) {
    const r = configs.loadFile(cp);
    if (!r) {
      lines.push(`${displayPath(cp)}: cannot be read`);
      continue;
    }
    for (const p of r.problems) lines.push(`${displayPath(cp)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  }
  if (lines.length > 0) throw new ConfigError(lines.join('\n'));
}

/** A unified diff of a fix with secret values masked on both sides (each side's own secret spans). */
function redactedDiff(
  path: string,
  before: string,
  after: string,
  abs: string,
  language: Language,
  config: RampartConfig,
  workspace: FsWorkspace,
  cache: ParseCache,
  hints?: FileHints,
): string {
  const secrets = (text: string) => {
    const r = lint(abs, text, { config, workspace, language, cache, hints });
    return r ? [...r.diagnostics, ...r.suppressed].flatMap((d) => d.secretRanges) : [];
  };
  const a = redactSecrets(before, secrets(before));
  const b = redactSecrets(after, secrets(after));
  const name = path === '-' ? '-' : path;
  // A change inside a secret (`$` doubled in a password hash) masks to the same text on both
  // sides and would vanish from the diff: say that it is there instead.
  const raw = changedLines(before, after);
  const shown = changedLines(a, b);
  const hidden = Math.max(raw.removed - shown.removed, raw.added - shown.added);
  const note = hidden > 0 ? `# rampart: ${hidden} changed line${hidden === 1 ? '' : 's'} of ${name} ${hidden === 1 ? 'holds' : 'hold'} a secret and ${hidden === 1 ? 'is' : 'are'} not shown; --fix applies ${hidden === 1 ? 'it' : 'them'}.\n` : '';
  if (a === b) return note;
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, a, b, undefined, undefined, { context: 3 });
  // Drop jsdiff's "=====" banner: the rest is what `git apply` and `patch -p1` read (they skip
  // the note before it).
  return note + patch.replace(/^=+\n/, '');
}

/** Lines removed and added between two texts (a line changed in place counts once in each). */
function changedLines(a: string, b: string): { removed: number; added: number } {
  const n = { removed: 0, added: 0 };
  if (a === b) return n;
  for (const h of structuredPatch('a', 'b', a, b, undefined, undefined, { context: 0 }).hunks) {
    for (const l of h.lines) {
      if (l[0] === '-') n.removed++;
      else if (l[0] === '+') n.added++;
    }
  }
  return n;
}
