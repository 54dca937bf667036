// The server's view of the engine: one ParseCache, one FsWorkspace whose overlay is the open
// buffers (so nothing on the keystroke path reads the disk for an open file), one ConfigResolver
// whose settings layer is set per document just before the config is resolved.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { forgetDocument, lint, pluginFor, ParseCache } from '../engine/lint';
import { detectLanguage, isIgnoredByConfig } from '../engine/detect';
import { hintFor } from '../engine/related';
import { fixAll, fixRounds } from '../engine/fixes';
import { comparePositions } from '../engine/text';
import type { ComposeModel } from '../languages/compose/model';
import { hardenRound, isHardeningOf, serviceAtKey, serviceSpans } from '../languages/compose/harden';
import type { NginxModel } from '../languages/nginx/model';
import { TLS_PROFILE_RULES, tlsProfileRound, tlsServerAt } from '../languages/nginx/tls-profile';
import { CONFIG_FILE_NAMES, parseConfigFile } from '../engine/config-file';
import { DEFAULT_CONFIG, effectiveSeverity, mergeConfig, type RampartConfig } from '../engine/config';
import type { FileHints, Language, LintResult, ParsedDocument, Range, Severity, WorkspaceView } from '../engine/types';
import { LineIndex } from '../engine/text';
import { FsWorkspace } from '../node/fs-workspace';
import { ConfigResolver } from '../node/config-resolver';
import { internalErrorMeta } from '../engine/rules/internal-error';
import { describeError } from '../engine/errors';
import { fileTooLargeMeta } from '../engine/rules/file-too-large';
import { configErrorMeta } from '../engine/rules/config-error';
import { ownDiagnostic, toLspDiagnostic } from './convert';
import { DependencyGraph, RecordingWorkspace } from './dependencies';
import { settingsLayer, type RampartSettings } from './settings';
import { URI } from './uri';

const SNIFF_CHARS = 64 * 1024;

export function isConfigFilePath(path: string): boolean {
  return CONFIG_FILE_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}


export class ServerLinter {
  readonly cache = new ParseCache();
  /** Parses of the compose files asked for hints (keyed by text, apart from the open documents' versions). */
  private readonly hintCache = new ParseCache(64);
  /** Open documents by file path, the overlay that shadows the disk. */
  private readonly open = new Map<string, TextDocument>();
  readonly workspace = new FsWorkspace((path) => this.open.get(path)?.getText());
  readonly configs = new ConfigResolver(this.workspace);
  /** What each open document's last lint read through the workspace (for re-linting dependents). */
  readonly dependencies = new DependencyGraph();

  didOpen(doc: TextDocument): void {
    const path = URI.toPath(doc.uri);
    if (path) this.open.set(path, doc);
  }

  didChange(doc: TextDocument): void {
    this.didOpen(doc);
  }

  didClose(doc: TextDocument): void {
    const path = URI.toPath(doc.uri);
    if (!path) return;
    this.open.delete(path);
    this.cache.delete(path);
    this.dependencies.forget(path);
    // The disk copy is what counts again.
    this.workspace.invalidate(path);
  }

  /** Forgets cached config files and file reads (a config changed, a watcher fired). */
  invalidate(paths: string[] = []): void {
    for (const p of paths) this.workspace.invalidate(p);
    if (paths.length === 0) this.workspace.clear();
    this.configs.invalidate();
  }

  configFor(path: string, settings: RampartSettings): RampartConfig {
    this.configs.settings = settingsLayer(settings);
    return this.configs.configFor(path);
  }

  /** The language Rampart gives a document, or undefined when it is not Rampart's. */
  languageOf(path: string, text: string, config: RampartConfig): Language | undefined {
    return this.resolve(path, text, config, this.workspace).language;
  }

  /**
   * The language of a document and what other files say about it: its name, config globs and
   * content first; for a file nothing claims (or a Dockerfile), the compose files that build it
   * (the open ones, then those in its folder and the folders above) may make it a Dockerfile
   * and give its build context. Reads go through `workspace`, so a lint records them.
   */
  resolve(path: string, text: string, config: RampartConfig, workspace: WorkspaceView): { language?: Language; hints?: FileHints } {
    const detected = detectLanguage(path, text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text, config, workspace);
    if ((detected && detected !== 'dockerfile') || isIgnoredByConfig(path, config)) return { language: detected };
    const settings = this.configs.settings;
    const hint = hintFor(path, {
      workspace,
      configFor: (p) => {
        this.configs.settings = settings;
        return this.configs.configFor(p);
      },
      cache: this.hintCache,
      sources: [...this.open.keys()].filter((p) => p !== path && /\.ya?ml$/i.test(p)),
    });
    if (hint && (!detected || hint.language === detected)) return { language: hint.language, hints: hint.hints };
    return { language: detected };
  }

  /** The engine's result for an open document (parse cached by version). */
  lintResult(doc: TextDocument, settings: RampartSettings): LintResult | undefined {
    const path = URI.toPath(doc.uri);
    if (!path || !settings.enable || isConfigFilePath(path)) return undefined;
    const text = doc.getText();
    if (Buffer.byteLength(text, 'utf8') > settings.maxFileSize) return undefined;
    const config = this.configFor(path, settings);
    // Rules read other files only through this view: what they read is what the result depends on
    // (the compose files that make it a Dockerfile included).
    const recorder = new RecordingWorkspace(this.workspace);
    const { language, hints } = this.resolve(path, text, config, recorder);
    const result = language ? lint(path, text, { config, workspace: recorder, cache: this.cache, version: doc.version, language, hints }) : undefined;
    this.dependencies.record(path, recorder.paths, recorder.dirs);
    return result;
  }

  /**
   * Drops the parses kept of an open document, before its next version is linted (the server
   * collects the young generation right then: lsp/idle-gc.ts).
   */
  release(doc: TextDocument): void {
    const path = URI.toPath(doc.uri);
    if (path) forgetDocument(path, this.cache);
  }

  /** The parsed document for code actions (the same cache entry lint() filled). */
  parsed(doc: TextDocument, settings: RampartSettings): ParsedDocument<unknown> | undefined {
    const path = URI.toPath(doc.uri);
    if (!path || isConfigFilePath(path)) return undefined;
    const text = doc.getText();
    const language = this.languageOf(path, text, this.configFor(path, settings));
    if (!language) return undefined;
    let parsed = this.cache.get(path, doc.version, language);
    if (!parsed) {
      const plugin = pluginFor(language);
      if (!plugin) return undefined;
      parsed = plugin.parse(text, path);
      this.cache.set(path, doc.version, language, parsed);
    }
    return parsed;
  }

  /** The text after every safe fix, applied round after round until it converges. */
  fixAll(doc: TextDocument, settings: RampartSettings): string | undefined {
    const path = URI.toPath(doc.uri);
    if (!path || !settings.enable || isConfigFilePath(path)) return undefined;
    const text = doc.getText();
    if (Buffer.byteLength(text, 'utf8') > settings.maxFileSize) return undefined;
    const config = this.configFor(path, settings);
    const { language, hints } = this.resolve(path, text, config, this.workspace);
    if (!language) return undefined;
    // No parse cache here: intermediate texts have no version and must not evict the real one.
    return fixAll(path, text, { config, workspace: this.workspace, language, hints }).text;
  }

  /** The parsed document when it is Rampart's and of `language` (the code actions of one language). */
  private parsedAs(doc: TextDocument, settings: RampartSettings, language: Language): ParsedDocument<unknown> | undefined {
    const path = URI.toPath(doc.uri);
    if (!path || !settings.enable || isConfigFilePath(path) || this.languageOf(path, doc.getText(), this.configFor(path, settings)) !== language) return undefined;
    return this.parsed(doc, settings);
  }

  /** Path, text and config of a document of `language` that is enabled and under the size cap. */
  private lintableAs(doc: TextDocument, settings: RampartSettings, language: Language): { path: string; text: string; config: RampartConfig } | undefined {
    const path = URI.toPath(doc.uri);
    if (!path || !settings.enable || isConfigFilePath(path)) return undefined;
    const text = doc.getText();
    if (Buffer.byteLength(text, 'utf8') > settings.maxFileSize) return undefined;
    const config = this.configFor(path, settings);
    return this.languageOf(path, text, config) === language ? { path, text, config } : undefined;
  }

  /**
   * The compose services "Harden service" is offered for at a code action request: the service
   * whose key is on the request's line, and the services whose hardening findings the request
   * touches. Empty for other languages.
   */
  hardenTargets(doc: TextDocument, settings: RampartSettings, range: Range, current: () => LintResult['diagnostics']): string[] {
    const parsed = this.parsedAs(doc, settings, 'compose');
    if (!parsed) return [];
    const spans = serviceSpans(parsed.model as ComposeModel);
    const names: string[] = [];
    const add = (n: string | undefined) => n !== undefined && !names.includes(n) && names.push(n);
    add(serviceAtKey(spans, range.start)?.name);
    for (const d of current()) {
      if (!touches(d.range, range)) continue;
      for (const s of spans) if (isHardeningOf(spans, d, s.name)) add(s.name);
    }
    return names;
  }

  /** The text after every hardening fix of one compose service, applied round after round. */
  hardenService(doc: TextDocument, settings: RampartSettings, service: string): string | undefined {
    const t = this.lintableAs(doc, settings, 'compose');
    if (!t) return undefined;
    return fixRounds(t.path, t.text, { config: t.config, workspace: this.workspace, language: 'compose' }, hardenRound(t.path, service, new Set())).text;
  }

  /**
   * The TLS server blocks (by ordinal among the file's TLS servers) "Apply Mozilla intermediate TLS
   * profile" is offered for: the one the request's start is on or in, and those whose TLS findings
   * the request touches. Empty for other languages.
   */
  tlsProfileTargets(doc: TextDocument, settings: RampartSettings, range: Range, current: () => LintResult['diagnostics']): Array<{ ordinal: number; name: string }> {
    const parsed = this.parsedAs(doc, settings, 'nginx');
    if (!parsed) return [];
    const model = parsed.model as NginxModel;
    const out: Array<{ ordinal: number; name: string }> = [];
    const add = (hit: ReturnType<typeof tlsServerAt>) => {
      if (hit && !out.some((o) => o.ordinal === hit.ordinal)) out.push({ ordinal: hit.ordinal, name: hit.server.serverNames[0] ?? hit.server.listens[0]?.address ?? '' });
    };
    add(tlsServerAt(model, range.start));
    for (const d of current()) {
      if (!TLS_PROFILE_RULES.has(d.rule) || !touches(d.range, range)) continue;
      add(tlsServerAt(model, d.range.start));
    }
    return out;
  }

  /** The text after "Apply Mozilla intermediate TLS profile" on one TLS server block. */
  tlsProfileText(doc: TextDocument, settings: RampartSettings, ordinal: number): string | undefined {
    const t = this.lintableAs(doc, settings, 'nginx');
    if (!t) return undefined;
    // HSTS is part of the profile whatever the project's severities for the HSTS rules.
    const config: RampartConfig = { ...t.config, rules: { ...t.config.rules, 'nginx/hsts-missing': 'warning', 'nginx/hsts-weak': 'warning' } };
    return fixRounds(t.path, t.text, { config, workspace: this.workspace, language: 'nginx' }, tlsProfileRound(ordinal)).text;
  }

  /** Every diagnostic Rampart shows for an open document. Never throws. */
  diagnose(doc: TextDocument, settings: RampartSettings): LspDiagnostic[] {
    const path = URI.toPath(doc.uri);
    if (!path || !settings.enable) return [];
    try {
      const text = doc.getText();
      if (isConfigFilePath(path)) {
        // The file under validation cannot configure its own checking: the editor settings can.
        const severity = effectiveSeverity(configErrorMeta, mergeConfig(DEFAULT_CONFIG, settingsLayer(settings)));
        return severity === 'off' ? [] : this.validateConfig(text, path, severity);
      }
      const size = Buffer.byteLength(text, 'utf8');
      if (size > settings.maxFileSize) {
        const config = this.configFor(path, settings);
        if (!this.languageOf(path, text, config)) return [];
        const severity = effectiveSeverity(fileTooLargeMeta, config);
        if (severity === 'off') return [];
        const first = new LineIndex(text.slice(0, 4096));
        return [
          ownDiagnostic(
            fileTooLargeMeta,
            severity,
            { start: { line: 0, character: 0 }, end: { line: 0, character: first.lineText(0).length } },
            `Rampart skipped this file: it is ${formatBytes(size)}, more than rampart.maxFileSize (${formatBytes(settings.maxFileSize)}), so no rule ran. Raise the setting to lint it.`,
          ),
        ];
      }
      const result = this.lintResult(doc, settings);
      return result ? result.diagnostics.map((d) => toLspDiagnostic(d, doc.uri)) : [];
    } catch (err) {
      // Fail soft: one diagnostic saying the file was not linted, never a dead server. At the
      // rule's own severity: the configuration may be what failed.
      return [
        ownDiagnostic(
          internalErrorMeta,
          internalErrorMeta.severity,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          `Rampart could not lint this file (${describeError(err)}); no findings are shown. Please report this.`,
        ),
      ];
    }
  }

  /** Problems of an open `.rampart.yaml`, in the file itself (rampart/config). */
  validateConfig(text: string, path: string, severity: Severity = configErrorMeta.severity): LspDiagnostic[] {
    return parseConfigFile(text, path).problems.map((p) => ownDiagnostic(configErrorMeta, severity, p.range, p.message));
  }
}

/** Whether a finding's range meets a code action request's range (ends included). */
function touches(finding: Range, request: Range): boolean {
  return comparePositions(finding.end, request.start) >= 0 && comparePositions(finding.start, request.end) <= 0;
}
