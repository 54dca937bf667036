// lint(): text + path -> diagnostics. The single entry point the server and the CLI share, so
// they give the same answer for the same input.
import type {
  Diagnostic,
  Finding,
  FixClass,
  Language,
  LanguagePlugin,
  LintResult,
  ParsedDocument,
  RuleContext,
  RuleMeta,
  Severity,
  WorkspaceView,
} from './types';
import { effectiveSeverity, type RampartConfig } from './config';
import { plugins } from './registry';
import { parseErrorMeta } from './rules/parse-error';
import { internalErrorMeta } from './rules/internal-error';
import { applySuppressions } from './suppressions';
import { comparePositions } from './text';
import { detectLanguage } from './detect';

export interface LintOptions {
  config: RampartConfig;
  workspace: WorkspaceView;
  /** Force a language (CLI `--language`, or a client that knows better). */
  language?: Language;
  /** Parse cache shared across calls (the server keeps one per process). */
  cache?: ParseCache;
  /** Cache key for the document's version; when absent the text itself is the key. */
  version?: number;
}

/** Parsed documents by path, reused while the text (or version) is unchanged. */
export class ParseCache {
  private readonly entries = new Map<string, { key: number | string; language: Language; parsed: ParsedDocument<unknown> }>();
  constructor(private readonly capacity = 500) {}

  get(path: string, key: number | string, language: Language): ParsedDocument<unknown> | undefined {
    const e = this.entries.get(path);
    if (e && e.key === key && e.language === language) {
      // Refresh recency.
      this.entries.delete(path);
      this.entries.set(path, e);
      return e.parsed;
    }
    return undefined;
  }

  set(path: string, key: number | string, language: Language, parsed: ParsedDocument<unknown>): void {
    this.entries.delete(path);
    this.entries.set(path, { key, language, parsed });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(path: string): void {
    this.entries.delete(path);
  }
}

export function pluginFor(language: Language): LanguagePlugin<unknown> | undefined {
  return plugins.find((p) => p.language === language);
}

/**
 * Lints one document. Returns undefined when no language claims the file (or the config
 * ignores it). `path` is absolute with `/` separators; `text` has no leading BOM.
 */
export function lint(path: string, text: string, options: LintOptions): LintResult | undefined {
  const language = options.language ?? detectLanguage(path, text, options.config);
  if (!language) return undefined;
  const plugin = pluginFor(language);
  if (!plugin) return undefined;

  const cacheKey = options.version ?? text;
  let parsed = options.cache?.get(path, cacheKey, language);
  if (!parsed) {
    parsed = plugin.parse(text, path);
    options.cache?.set(path, cacheKey, language, parsed);
  }

  const ctx: RuleContext = {
    path,
    workspace: options.workspace,
    settings: { nginxVersion: options.config.nginxVersion, traefikVersion: options.config.traefikVersion },
  };

  const raw: Diagnostic[] = [];
  // Rampart's own rules are on in every profile; a project may still change their severity.
  const parseSeverity = effectiveSeverity(parseErrorMeta, options.config);
  const internalSeverity = effectiveSeverity(internalErrorMeta, options.config);
  if (parseSeverity !== 'off') for (const f of parsed.parseErrors) raw.push(toDiagnostic(parseErrorMeta, parseSeverity, f));

  const evaluated = new Set<string>();
  for (const rule of plugin.rules) {
    const severity = effectiveSeverity(rule.meta, options.config);
    if (severity === 'off') continue;
    evaluated.add(rule.meta.id);
    let findings: Finding[];
    try {
      findings = rule.check(parsed.model, ctx);
    } catch (err) {
      // Its findings are unknown, so suppressions naming it cannot be judged unused.
      evaluated.delete(rule.meta.id);
      // Contain the failure: one internal diagnostic naming the rule, the rest still run.
      if (internalSeverity === 'off') continue;
      raw.push(
        toDiagnostic(internalErrorMeta, internalSeverity, {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: `Rule ${rule.meta.id} failed on this file (${errorName(err)}); its findings are missing. Please report this.`,
        }),
      );
      continue;
    }
    for (const f of findings) raw.push(toDiagnostic(rule.meta, severity, parsed.syntaxBroken ? asSuggestion(f) : f));
  }

  const { kept, suppressed } = applySuppressions(parsed, raw, evaluated, options.config);
  kept.sort(compareDiagnostics);
  suppressed.sort(compareDiagnostics);
  return { path, language, diagnostics: kept, suppressed };
}

/** The finding with its safe fixes offered as suggestions (the document's structure is broken). */
function asSuggestion(f: Finding): Finding {
  if (!f.fixes?.some((x) => x.kind === 'safe')) return f;
  return { ...f, fixes: f.fixes.map((x) => (x.kind === 'safe' ? { ...x, kind: 'suggest' as const } : x)) };
}

function errorName(err: unknown): string {
  // Only the error's class and message: never a stack that could quote file content.
  if (err instanceof Error) return `${err.name}: ${err.message.slice(0, 200)}`;
  return 'unknown error';
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
