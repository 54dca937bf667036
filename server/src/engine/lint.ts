// lint(): text + path -> diagnostics. The single entry point the server and the CLI share, so
// they give the same answer for the same input.
import type {
  Diagnostic,
  FileHints,
  Finding,
  Fix,
  FixClass,
  Language,
  LazyFixes,
  LanguagePlugin,
  LintResult,
  ParsedDocument,
  Position,
  Range,
  RelatedLocation,
  Rule,
  RuleContext,
  RuleMeta,
  Severity,
  TextEdit,
  WorkspaceView,
} from './types';
import { effectiveSeverity, type RampartConfig } from './config';
import { plugins } from './registry';
import { parseErrorMeta } from './rules/parse-error';
import { internalErrorMeta } from './rules/internal-error';
import { applySuppressions } from './suppressions';
import { RecentCache } from './recent-cache';
import { comparePositions, flatText, rangesOverlap, type LineIndex } from './text';
import { detectLanguage } from './detect';
import { describeError } from './errors';
import { maskCredentials } from './secrets';

export interface LintOptions {
  config: RampartConfig;
  workspace: WorkspaceView;
  /** Force a language (CLI `--language`, or a client that knows better). */
  language?: Language;
  /** Parse cache shared across calls (the server keeps one per process). */
  cache?: ParseCache;
  /** Cache key for the document's version; when absent the text itself is the key. */
  version?: number;
  /** What other files say about this one (a compose file's build context for a Dockerfile): `ctx.hints`. */
  hints?: FileHints;
  /**
   * Told whenever the engine contains a mistake of a parser or rule instead of passing it on: a
   * throw, a range outside the document, a fix whose edits fall outside it or overlap. Users get
   * a sound result either way; tests and the fuzzer fail on any call.
   */
  onContained?: (rule: string, problem: string) => void;
}

/** Parsed documents by path, reused while the text (or version) is unchanged. */
export class ParseCache {
  // A RecentCache, not a Map re-set on every hit: see engine/recent-cache.ts.
  private readonly entries: RecentCache<{ key: number | string; language: Language; parsed: ParsedDocument<unknown> }>;
  constructor(capacity = 500) {
    this.entries = new RecentCache(() => capacity);
  }

  get(path: string, key: number | string, language: Language): ParsedDocument<unknown> | undefined {
    const e = this.entries.get(path);
    if (e && e.key === key && e.language === language) {
      this.entries.touch(path);
      return e.parsed;
    }
    return undefined;
  }

  set(path: string, key: number | string, language: Language, parsed: ParsedDocument<unknown>): void {
    this.entries.set(path, { key, language, parsed });
  }

  delete(path: string): void {
    this.entries.delete(path);
  }
}

/**
 * Drops every parse of `path` the engine keeps (the parse cache's, the language plugins' own):
 * what the language server does before it collects the young generation ahead of a new
 * version's lint (lsp/idle-gc.ts).
 */
export function forgetDocument(path: string, cache?: ParseCache): void {
  cache?.delete(path);
  for (const p of plugins) p.forget?.(path);
}

export function pluginFor(language: Language): LanguagePlugin<unknown> | undefined {
  return plugins.find((p) => p.language === language);
}

/**
 * Lints one document. Returns undefined when no language claims the file (or the config
 * ignores it). `path` is absolute with `/` separators; `text` has no leading BOM.
 */
export function lint(path: string, text: string, options: LintOptions): LintResult | undefined {
  // Every parser and rule reads the text char by char: a rope is read through an indirection.
  text = flatText(text);
  const language = options.language ?? detectLanguage(path, text, options.config, options.workspace);
  if (!language) return undefined;
  const plugin = pluginFor(language);
  if (!plugin) return undefined;

  const cacheKey = options.version ?? text;
  let parsed = options.cache?.get(path, cacheKey, language);
  if (!parsed) {
    // The path's previous parse is replaced: dropped now, not after the new one is made, so that
    // the young-generation collections during this parse do not copy and promote it.
    options.cache?.delete(path);
    try {
      parsed = plugin.parse(text, path);
    } catch (err) {
      // A parser bug must not take the run (or the server) down with it: one diagnostic says the
      // file was not linted.
      options.onContained?.(`${language} parser`, `threw ${describeError(err)}`);
      const severity = effectiveSeverity(internalErrorMeta, options.config);
      const diagnostics =
        severity === 'off'
          ? []
          : [
              toDiagnostic(internalErrorMeta, severity, {
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                message: `Rampart could not lint this file (${describeError(err)}); no findings are shown. Please report this.`,
              }),
            ];
      return { path, language, diagnostics, suppressed: [] };
    }
    options.cache?.set(path, cacheKey, language, parsed);
  }
  const index = parsed.index;
  const onContained = options.onContained;
  const contain = (rule: string, f: Finding): Finding | undefined => containFinding(f, index, rule, onContained);

  const ctx: RuleContext = {
    path,
    workspace: options.workspace,
    settings: { nginxVersion: options.config.nginxVersion, nginxDirectives: options.config.nginxDirectives, traefikVersion: options.config.traefikVersion },
    ...(options.hints ? { hints: options.hints } : {}),
  };

  // Cross-file facts for this lint (a failure here only costs them: the rules still run).
  try {
    plugin.prepare?.(parsed.model, ctx);
  } catch {
    // The model keeps what its parse gave it.
  }

  const raw: Diagnostic[] = [];
  // Rampart's own rules are on in every profile; a project may still change their severity.
  const parseSeverity = effectiveSeverity(parseErrorMeta, options.config);
  const internalSeverity = effectiveSeverity(internalErrorMeta, options.config);
  if (parseSeverity !== 'off') {
    for (const f of parsed.parseErrors) {
      const c = contain(parseErrorMeta.id, f);
      if (c) raw.push(toDiagnostic(parseErrorMeta, parseSeverity, c));
    }
  }

  // Rules that threw: their findings are unknown (see RulesJudged).
  let failed: Set<string> | undefined;
  for (const rule of plugin.rules) {
    const severity = effectiveSeverity(rule.meta, options.config);
    if (severity === 'off') continue;
    let findings: Finding[];
    try {
      findings = rule.check(parsed.model, ctx);
    } catch (err) {
      options.onContained?.(rule.meta.id, `threw ${describeError(err)}`);
      // Its findings are unknown, so suppressions naming it cannot be judged unused.
      (failed ??= new Set()).add(rule.meta.id);
      // Contain the failure: one internal diagnostic naming the rule, the rest still run.
      if (internalSeverity === 'off') continue;
      raw.push(
        toDiagnostic(internalErrorMeta, internalSeverity, {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: `Rule ${rule.meta.id} failed on this file (${describeError(err)}); its findings are missing. Please report this.`,
        }),
      );
      continue;
    }
    for (const found of findings) {
      const f = contain(rule.meta.id, found);
      if (!f) continue;
      if (f.lazyFixes && !f.fixes) raw.push(new LazyDiagnostic(rule.meta, severity, f, f.lazyFixes, index, !!parsed.syntaxBroken, onContained));
      else raw.push(toDiagnostic(rule.meta, severity, parsed.syntaxBroken ? asSuggestion(f) : f));
    }
  }

  const { kept, suppressed } = applySuppressions(parsed, raw, new RulesJudged(plugin.rules, options.config, failed), options.config);
  kept.sort(compareDiagnostics);
  suppressed.sort(compareDiagnostics);
  return { path, language, diagnostics: kept, suppressed };
}

/**
 * The rules a lint judged: the enabled ones that did not throw. Asked only about the rules a
 * suppression comment names, so it is answered then rather than built as a set on every lint (a
 * Set of ninety ids per keystroke, for the few files that have suppressions).
 */
class RulesJudged {
  constructor(
    private readonly rules: ReadonlyArray<Rule<unknown>>,
    private readonly config: RampartConfig,
    private readonly failed: ReadonlySet<string> | undefined,
  ) {}

  has(id: string): boolean {
    if (this.failed?.has(id)) return false;
    const rule = this.rules.find((r) => r.meta.id === id);
    return rule !== undefined && effectiveSeverity(rule.meta, this.config) !== 'off';
  }
}

const MAX_MESSAGE = 1000;

/** A position moved into the document (line, then character within the line's text). */
function clampPosition(index: LineIndex, p: Position | undefined): Position {
  const line = Math.max(0, Math.min(Number.isInteger(p?.line) ? p!.line : 0, index.lineCount - 1));
  const character = Math.max(0, Math.min(Number.isInteger(p?.character) ? p!.character : 0, index.lineLength(line)));
  return { line, character };
}

function inside(index: LineIndex, r: Range | undefined): boolean {
  return !!r && insidePosition(index, r.start) && insidePosition(index, r.end) && comparePositions(r.start, r.end) <= 0;
}

function insidePosition(index: LineIndex, p: Position | undefined): boolean {
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < index.lineCount && p.character >= 0 && p.character <= index.lineLength(p.line);
}

function clampRange(index: LineIndex, r: Range | undefined): Range {
  const start = clampPosition(index, r?.start);
  const end = clampPosition(index, r?.end);
  return comparePositions(start, end) <= 0 ? { start, end } : { start, end: start };
}

/**
 * A rule's finding made sound for every consumer: ranges moved into the document, fixes whose
 * edits fall outside it or overlap each other dropped (a client would reject or misapply them).
 * Each repair is reported; a finding without a message is dropped.
 */
function containFinding(f: Finding, index: LineIndex, rule: string, onContained: LintOptions['onContained']): Finding | undefined {
  if (!f || typeof f.message !== 'string') {
    onContained?.(rule, 'returned a finding without a message');
    return undefined;
  }
  // This runs for every finding: the checks are plain loops (closures over `index` made every
  // call allocate), and the rare repairs are functions of their own.
  let out = f;
  // Messages quote names and values from the file; a 1 MB image reference must not become a
  // 1 MB diagnostic in every editor and report.
  if (f.message.length > MAX_MESSAGE) out = { ...out, message: f.message.slice(0, MAX_MESSAGE - 1) + '…' };
  if (!inside(index, f.range)) {
    onContained?.(rule, `reported a range outside the document (${JSON.stringify(f.range)})`);
    out = { ...out, range: clampRange(index, f.range) };
  }
  const related = f.related;
  if (related) {
    for (let i = 0; i < related.length; i++) {
      if (related[i]!.path || inside(index, related[i]!.range)) continue;
      onContained?.(rule, 'reported a related range outside the document');
      out = { ...out, related: clampRelated(index, related) };
      break;
    }
  }
  const secrets = f.secretRanges;
  if (secrets) {
    for (let i = 0; i < secrets.length; i++) {
      if (inside(index, secrets[i]!)) continue;
      onContained?.(rule, 'marked a secret range outside the document');
      out = { ...out, secretRanges: clampRanges(index, secrets) };
      break;
    }
  }
  const fixes = f.fixes;
  if (fixes) {
    for (let i = 0; i < fixes.length; i++) {
      if (validFix(index, fixes[i]!)) continue;
      out = { ...out, fixes: validFixes(index, fixes, rule, onContained) };
      break;
    }
  }
  return maskFinding(out);
}

function clampRelated(index: LineIndex, related: RelatedLocation[]): RelatedLocation[] {
  return related.map((r) => (r.path || inside(index, r.range) ? r : { ...r, range: clampRange(index, r.range) }));
}

function clampRanges(index: LineIndex, ranges: Range[]): Range[] {
  return ranges.map((r) => clampRange(index, r));
}

function validFixes(index: LineIndex, fixes: Fix[], rule: string, onContained: LintOptions['onContained']): Fix[] {
  for (const x of fixes) if (!validFix(index, x)) onContained?.(rule, `offered a fix ("${x?.title}") with edits outside the document or overlapping`);
  return fixes.filter((x) => validFix(index, x));
}

/**
 * Nor may a quoted value show a credential (a token in a proxied URL's query, a URL password):
 * whatever a rule quotes, every report, log line and hover gets it masked.
 */
function maskFinding(f: Finding): Finding {
  let out = f;
  const message = maskCredentials(f.message);
  if (message !== f.message) out = { ...out, message };
  const related = f.related;
  if (related) {
    for (let i = 0; i < related.length; i++) {
      if (maskCredentials(related[i]!.message) === related[i]!.message) continue;
      out = { ...out, related: related.map((r) => ({ ...r, message: maskCredentials(r.message) })) };
      break;
    }
  }
  const fixes = out.fixes;
  if (fixes) {
    for (let i = 0; i < fixes.length; i++) {
      if (maskCredentials(fixes[i]!.title) === fixes[i]!.title) continue;
      out = { ...out, fixes: fixes.map((x) => ({ ...x, title: maskCredentials(x.title) })) };
      break;
    }
  }
  return out;
}

function validFix(index: LineIndex, fix: Fix): boolean {
  if (!fix || !Array.isArray(fix.edits) || typeof fix.title !== 'string') return false;
  const edits = fix.edits;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    if (!e || typeof e.newText !== 'string' || !inside(index, e.range)) return false;
  }
  if (edits.length < 2) return true;
  // A few edits (the usual one to three): every pair, without a sorted copy per fix.
  if (edits.length <= 8) {
    for (let i = 0; i < edits.length; i++) for (let j = i + 1; j < edits.length; j++) if (rangesOverlap(edits[i]!.range, edits[j]!.range)) return false;
    return true;
  }
  const sorted = [...edits].sort(byStart);
  for (let i = 1; i < sorted.length; i++) if (rangesOverlap(sorted[i - 1]!.range, sorted[i]!.range)) return false;
  return true;
}

function byStart(a: TextEdit, b: TextEdit): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end);
}

/** The finding with its safe fixes offered as suggestions (the document's structure is broken). */
function asSuggestion(f: Finding): Finding {
  if (!f.fixes?.some((x) => x.kind === 'safe')) return f;
  return { ...f, fixes: f.fixes.map((x) => (x.kind === 'safe' ? { ...x, kind: 'suggest' as const } : x)) };
}

/**
 * A diagnostic whose fixes are built on first read (LazyFixes): made, contained and masked as
 * eager ones are in containFinding, once. A `make` that throws, or that builds nothing of the
 * class it promised, is reported like any other contained mistake.
 *
 * A class with the getter on its prototype, not an object literal with a getter: V8 gives each
 * literal whose getter is a new closure a hidden class of its own, and a lint's worth of those
 * made every young-generation collection five times slower. The price: a spread or a structured
 * clone does not see `fixes` (they read own properties), so copies go through `withoutFixes` or
 * `withSuppression`.
 */
class LazyDiagnostic implements Diagnostic {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly fix: FixClass;
  readonly related: RelatedLocation[];
  readonly secretRanges: Range[];
  /** Declared only: an own `suppression` is set when there is one (withSuppression), as on an eager diagnostic. */
  declare suppression?: Diagnostic['suppression'];
  // ES private fields: the diagnostic's own enumerable properties are the Diagnostic's, as for
  // an eager one (deep equality, JSON and key listings see no internals).
  readonly #lazy: LazyFixes;
  readonly #index: LineIndex;
  readonly #broken: boolean;
  readonly #onContained: LintOptions['onContained'];
  #built: Fix[] | undefined;

  constructor(meta: RuleMeta, severity: Severity, f: Finding, lazy: LazyFixes, index: LineIndex, broken: boolean, onContained: LintOptions['onContained']) {
    this.rule = meta.id;
    this.severity = severity;
    this.message = f.message;
    this.range = f.range;
    this.fix = broken ? 'suggest' : lazy.best;
    this.related = f.related ?? [];
    this.secretRanges = f.secretRanges ?? [];
    this.#lazy = lazy;
    this.#index = index;
    this.#broken = broken;
    this.#onContained = onContained;
  }

  get fixes(): Fix[] {
    if (this.#built) return this.#built;
    const lazy = this.#lazy;
    const onContained = this.#onContained;
    const rule = this.rule;
    let made: Fix[];
    try {
      made = lazy.make();
    } catch (err) {
      onContained?.(rule, `threw building its fixes (${describeError(err)})`);
      made = [];
    }
    if (!Array.isArray(made)) made = [];
    const f = { range: this.range, message: this.message, fixes: made };
    let fixes = maskFinding(containFinding(f, this.#index, rule, onContained) ?? f).fixes ?? [];
    if (!fixes.some((x) => x.kind === lazy.best)) onContained?.(rule, `promised a ${lazy.best} fix and built none`);
    if (this.#broken) fixes = asSuggestion({ range: this.range, message: this.message, fixes }).fixes ?? [];
    this.#built = fixes;
    return fixes;
  }
}

/** `d` marked as suppressed; a lazy diagnostic stays lazy (a spread would drop its fixes). */
export function withSuppression(d: Diagnostic, suppression: NonNullable<Diagnostic['suppression']>): Diagnostic {
  if (d instanceof LazyDiagnostic) {
    d.suppression = suppression;
    return d;
  }
  return { ...d, suppression };
}

/** A copy of `d` with no fixes, for results that never offer them (built lazily, they stay unbuilt). */
export function withoutFixes(d: Diagnostic): Diagnostic {
  return plainDiagnostic(d, []);
}

/** A plain-object copy of `d` with its fixes built (for a structured clone, which drops getters). */
export function withBuiltFixes(d: Diagnostic): Diagnostic {
  return plainDiagnostic(d, d.fixes);
}

function plainDiagnostic(d: Diagnostic, fixes: Fix[]): Diagnostic {
  const out: Diagnostic = { rule: d.rule, severity: d.severity, message: d.message, range: d.range, fix: d.fix, fixes, related: d.related, secretRanges: d.secretRanges };
  if (d.suppression) out.suppression = d.suppression;
  return out;
}

export function toDiagnostic(meta: RuleMeta, severity: Severity, f: Finding): Diagnostic {
  const fixes = f.fixes ?? [];
  const fix: FixClass = fixes.some((x) => x.kind === 'safe') ? 'safe' : fixes.length > 0 ? 'suggest' : 'none';
  return {
    rule: meta.id,
    severity,
    message: f.message,
    range: f.range,
    fix,
    fixes,
    related: f.related ?? [],
    secretRanges: f.secretRanges ?? [],
  };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return comparePositions(a.range.start, b.range.start) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
