import type { LineIndex } from './text';

// The engine's vocabulary. Nothing here knows about LSP transports, the CLI or the disk:
// positions are LSP-shaped (0-based line, UTF-16 character) so the server can pass them through.

export type Language = 'dockerfile' | 'compose' | 'nginx' | 'traefik';
/** Rules about Rampart itself (parse errors, suppressions) use the pseudo-language `rampart`. */
export type RuleLanguage = Language | 'rampart';
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type FixClass = 'safe' | 'suggest' | 'none';
export type Profile = 'recommended' | 'strict';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** One way to resolve a finding: a titled set of non-overlapping edits on the linted document. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** `safe` fixes go into "fix all", `--fix` and fix-on-save; `suggest` only into the lightbulb. */
  kind: 'safe' | 'suggest';
}

export interface RelatedLocation {
  /** Absent means "the same file". */
  path?: string;
  range: Range;
  message: string;
}

/**
 * Fixes built only when something asks for them: a code action, fix-all, `--fix`, SARIF. Most
 * findings are shown and never fixed, and building their edits (indentation, insertion points,
 * rendered blocks) was about a tenth of a compose lint on every keystroke. `best` is the class the
 * built fixes have, which diagnostics, JSON reports and the editor show without building them;
 * `make` must then return at least one fix of that class (tests hold every rule to it), and may
 * read only the parsed document (a cross-file fact can change before the fixes are asked for).
 */
export interface LazyFixes {
  best: 'safe' | 'suggest';
  make: () => Fix[];
}

/** What a rule's check returns. The engine adds the rule id, severity and suppression state. */
export interface Finding {
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Instead of `fixes`: the fixes, built when asked for (see LazyFixes). */
  lazyFixes?: LazyFixes;
  related?: RelatedLocation[];
  /**
   * Spans of the document that hold secret values. Reports that show source text (diffs,
   * snippets) blank them out; messages never contain them in the first place.
   */
  secretRanges?: Range[];
}

export interface RuleMeta {
  /** Stable public id, `<language>/<name>`. Never renamed. */
  id: string;
  language: RuleLanguage;
  /** Short title, sentence case, no final full stop (SARIF shortDescription, `rules` command). */
  title: string;
  /** One or two sentences: what the rule finds and why (SARIF fullDescription). */
  description: string;
  severity: Severity;
  /** `strict` rules are off in the default `recommended` profile. */
  profile: Profile;
  /** The best fix the rule can offer; its fixes never exceed this class. */
  fix: FixClass;
  /** Where the rule comes from: seed passages ("M: …", "H: …") and other references. */
  sources: string[];
  /** Peer tool ids this rule answers for (hadolint DL3002, Trivy DS-0002, BuildKit check names …). */
  peers: string[];
  /** SARIF tags: `security`, CWE ids such as `CWE-250`. */
  tags: string[];
  /** GitHub code scanning score, "0.1"–"10.0". */
  securitySeverity: string;
  precision: 'very-high' | 'high' | 'medium' | 'low';
  since: string;
}

/** Read-only access to other files, by path. The engine never touches the disk itself. */
export interface WorkspaceView {
  /** Text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  /**
   * Permission bits of a file (`0o600`), or undefined when unknown: the file is missing, the
   * platform has no POSIX modes (Windows), or the view has no file system behind it.
   */
  mode?(path: string): number | undefined;
  /**
   * Names of the entries of a folder, sorted, folders with a trailing `/` (`["a.yml", "sub/"]`),
   * or undefined when it is not a readable folder or the view cannot list (callers then treat
   * the folder's content as unknown). Optional: views without a file system may leave it out.
   */
  list?(dir: string): string[] | undefined;
  /**
   * The folders the workspace spans (absolute, `/`-separated, no trailing `/`): the CLI's lint
   * roots (or the git work trees holding them), the editor's workspace folders. Files outside
   * them belong to no project Rampart lints, and rules that follow references (nginx `include`)
   * do not read them. Undefined when the view does not know (see workspaceBounds).
   */
  readonly roots?: readonly string[];
}

export interface RuleContext {
  /** Absolute, normalised path of the linted file (with `/`). */
  path: string;
  workspace: WorkspaceView;
  settings: LanguageSettings;
  /** What another file says about this one (a compose file's build context for a Dockerfile). */
  hints?: FileHints;
}

/** Facts about a file that only another file knows (see LanguagePlugin.relatedFiles). */
export interface FileHints {
  /**
   * Absolute folder of the build context a compose file gives this Dockerfile (`build.context`):
   * where `<context>/.dockerignore` is read when there is no `<Dockerfile>.dockerignore`.
   */
  buildContext?: string;
}

/** A file another file names, and the language it must be linted as (a compose service's `build.dockerfile`). */
export interface RelatedFile {
  /** Absolute, normalised path. */
  path: string;
  language: Language;
  hints?: FileHints;
}

/** Per-language facts from configuration that rules may read. */
export interface LanguageSettings {
  nginxVersion?: string;
  /** Extra directive names or `*` globs nginx/unknown-directive accepts (`.rampart.yaml` `nginx.directives`). */
  nginxDirectives?: string[];
  traefikVersion?: string;
}

export interface Rule<M> {
  meta: RuleMeta;
  check(model: M, ctx: RuleContext): Finding[];
}

/** A `#` comment as the suppression engine sees it. */
export interface CommentInfo {
  /** Text after the `#`. */
  text: string;
  range: Range;
  /** True when nothing but whitespace precedes the comment on its line. */
  ownLine: boolean;
}

/** What a language plugin hands the engine after parsing. */
export interface ParsedDocument<M> {
  model: M;
  /** Line table of the parsed text (the same text the rules see). */
  index: LineIndex;
  comments: CommentInfo[];
  /**
   * Lines covered by a suppression comment that precedes `line`: for Dockerfiles, every line of
   * the instruction that starts there (continuations included); elsewhere just that line.
   */
  statementSpan(line: number): { start: number; end: number } | undefined;
  /** Where "Disable … for this file" inserts its comment (after Dockerfile parser directives). */
  fileSuppressionLine: number;
  /** Syntax errors, reported as `rampart/parse-error` (or the language's own syntax rule). */
  parseErrors: Finding[];
  /**
   * The text's structure did not parse cleanly (a YAML syntax error, unbalanced nginx braces or
   * quotes). Edits computed on a broken structure can land in the wrong place, so the engine
   * offers every fix of such a document as a suggestion, never as a safe fix (fix all, --fix).
   */
  syntaxBroken?: boolean;
}

/** What hovering shows: Markdown, and the span of the document it describes. */
export interface HoverInfo {
  markdown: string;
  range: Range;
}

export interface LanguagePlugin<M> {
  language: Language;
  /** Claims a file by its name and path alone (config globs are handled by the engine). */
  matchesName(path: string): boolean;
  /**
   * Claims a file by content when its name is ambiguous. With a workspace, a plugin may also
   * claim a file other files name (an nginx.conf that includes it).
   */
  matchesContent?(path: string, text: string, workspace?: WorkspaceView): boolean;
  parse(text: string, path: string): ParsedDocument<M>;
  /**
   * Drops what the plugin's own caches keep of the document at `path` (its parse, cached by path
   * so that other files' rules reuse it), before a new version of it is parsed: the language
   * server collects the young generation at that point, when the old parse is no longer
   * reachable (lsp/idle-gc.ts).
   */
  forget?(path: string): void;
  /**
   * Called once per lint, before the rules, with that lint's context: lets the model reflect
   * cross-file facts that may change while its parse is cached (an nginx fragment takes the
   * module family of the block its includer includes it in). Must be idempotent.
   */
  prepare?(model: M, ctx: RuleContext): void;
  rules: Rule<M>[];
  /** Documentation for what is at a position (a directive, a variable), if the language has any. */
  hover?(parsed: ParsedDocument<M>, position: Position): HoverInfo | undefined;
  /**
   * Files this document names that must be linted as a given language whatever their name (the
   * Dockerfiles a compose file builds, `docker/app.build`), with what it knows about them (their
   * build context). Discovery lints such files when nothing else claims them; the language server
   * uses the hints of the compose files it knows for an open document.
   */
  relatedFiles?(parsed: ParsedDocument<M>, ctx: RuleContext): RelatedFile[];
}

/** A finding after the engine has attached rule identity, severity and suppression state. */
export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** What the diagnostic carries: `safe` when a safe fix is present, `suggest` for another fix. */
  fix: FixClass;
  /**
   * Built on first read when the rule made them lazily (a getter: spreading or cloning a
   * diagnostic builds them; `withoutFixes` in engine/lint.ts copies one without).
   */
  fixes: Fix[];
  related: RelatedLocation[];
  secretRanges: Range[];
  /** Present when a comment or pragma suppresses the finding (SARIF reports it as suppressed). */
  suppression?: { kind: 'inSource'; justification: string; source: string };
}

export type SkipReason = 'too-large' | 'binary' | 'unreadable' | 'unrecognised';

export interface LintResult {
  path: string;
  language: Language;
  /** Findings that are not suppressed, sorted by position then rule id. */
  diagnostics: Diagnostic[];
  suppressed: Diagnostic[];
  /** Set when the file was recognised but not linted. */
  skipped?: SkipReason;
}
