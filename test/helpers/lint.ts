// Small helpers the rule, fix and engine tests share.
import { DEFAULT_CONFIG, mergeConfig, type ConfigLayer } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import type { Diagnostic, FileHints, Language, LintResult, Range, WorkspaceView } from '../../server/src/engine/types';
import { FsWorkspace } from '../../server/src/node/fs-workspace';

/** `L:C-L:C`, 1-based like the editor shows, for readable expectations. */
export function fmtRange(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/**
 * An in-memory workspace: absolute path -> text. Every file in it is the workspace's unless
 * `roots` says where the workspace ends (null: the view does not know, see WorkspaceView.roots).
 */
export class MemoryWorkspace implements WorkspaceView {
  readonly roots: readonly string[] | undefined;
  constructor(
    private readonly files: Record<string, string> = {},
    roots: readonly string[] | null = ['/'],
  ) {
    this.roots = roots ?? undefined;
  }
  readFile(path: string): string | undefined {
    return this.files[path];
  }
  exists(path: string): boolean {
    return path in this.files || Object.keys(this.files).some((f) => f.startsWith(path + '/'));
  }
  /** Entries of a folder (folders with a trailing `/`), undefined when nothing is below it. */
  list(dir: string): string[] | undefined {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const names = new Set<string>();
    for (const f of Object.keys(this.files)) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    return names.size > 0 ? [...names].sort() : undefined;
  }
}

export interface LintTextOptions {
  path?: string;
  language?: Language;
  config?: ConfigLayer;
  workspace?: WorkspaceView;
  /** What another file says about this one (a compose file's build context). */
  hints?: FileHints;
}

/** Lints text with every rule on (strict profile) unless the config says otherwise. */
export function lintText(text: string, o: LintTextOptions = {}): LintResult {
  const path = o.path ?? '/work/Dockerfile';
  const config = mergeConfig(DEFAULT_CONFIG, { profile: 'strict' }, o.config);
  const contained: string[] = [];
  const r = lint(path, text, { config, workspace: o.workspace ?? new FsWorkspace(), language: o.language, hints: o.hints, onContained: (rule, problem) => contained.push(`${rule} ${problem}`) });
  if (!r) throw new Error(`no language claimed ${path}`);
  assertFixClasses(r);
  // A rule that only parses (a fixture of broken syntax) may still be contained; a fix that
  // promised a class and built none may not.
  const broken = contained.filter((c) => / promised a | building its fixes/.test(c));
  if (broken.length > 0) throw new Error(`fixes contained in ${path}: ${broken.join('; ')}`);
  return r;
}

/**
 * Every diagnostic's `fix` class is what its fixes are: fixes a rule builds lazily (LazyFixes)
 * are built here, so every test that lints through this helper holds each rule to its promise.
 */
export function assertFixClasses(r: LintResult): void {
  for (const d of [...r.diagnostics, ...r.suppressed]) {
    const fixes = d.fixes;
    const actual = fixes.some((x) => x.kind === 'safe') ? 'safe' : fixes.length > 0 ? 'suggest' : 'none';
    if (actual !== d.fix) throw new Error(`${d.rule} at ${fmtRange(d.range)} says its fix is ${d.fix} but built ${actual}`);
  }
}

export function only(diags: Diagnostic[], rule: string): Diagnostic[] {
  return diags.filter((d) => d.rule === rule);
}

/** Compact, exact view of diagnostics for deepStrictEqual. */
export function view(diags: Diagnostic[]): Array<{ rule: string; range: string; message: string }> {
  return diags.map((d) => ({ rule: d.rule, range: fmtRange(d.range), message: d.message }));
}
