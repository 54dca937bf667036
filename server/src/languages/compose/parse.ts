// Compose detection and parsing into the engine's ParsedDocument shape.
//
// YAML 1.2 with eemeli/yaml, `uniqueKeys: false` (a repeated `<<` must stay visible; other
// repeated keys are reported by the tree builder), Compose's `!reset` and `!override` tags
// registered, every document of the stream kept. Merge keys are resolved by tree.ts, not by the
// library, so every value keeps its source range.
import { Composer, Lexer, Parser, YAMLMap, YAMLSeq } from 'yaml';
import type { CST, Document, Tags } from 'yaml';

type Token = CST.Token;
import type { Finding, ParsedDocument } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import { buildModel, type ComposeModel } from './model';
import type { ConvertLimits } from './tree';
import { fastParseYaml, type FastYamlConfig, type RawComment } from '../../yaml/fast-yaml';
import { isMapNode, isScalarNode, isSeqNode } from '../../yaml/kinds';
import { nestingMessage, yamlNestingOverflow } from '../../yaml/nesting';
import { loneCrAsLf } from '../../yaml/chars';
import { commentInfo } from '../../yaml/comment-info';

/** `compose.yaml|yml`, `compose.*.yaml|yml`, `docker-compose*.yaml|yml` (any case). */
export function isComposeName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (!/\.ya?ml$/.test(base)) return false;
  return /^compose\.ya?ml$/.test(base) || /^compose\..+\.ya?ml$/.test(base) || /^docker-compose.*\.ya?ml$/.test(base);
}

const SERVICE_KEYS =
  'image|build|command|entrypoint|environment|env_file|ports|expose|volumes|volumes_from|networks|network_mode|depends_on|' +
  'restart|container_name|healthcheck|labels|deploy|extends|privileged|cap_add|cap_drop|security_opt|user|working_dir|' +
  'profiles|secrets|configs|logging|ulimits|devices|dns|extra_hosts|hostname|init|ipc|pid|read_only|stdin_open|tty|tmpfs|' +
  'sysctls|shm_size|stop_signal|stop_grace_period|platform|pull_policy|mem_limit|cpus|runtime|scale|develop|use_api_socket|<<';
const SERVICE_KEY_RE = new RegExp(`^[ \\t]+(?:- )?["']?(?:${SERVICE_KEYS})["']?[ \\t]*:(?:[ \\t]|$)`);
const FLOW_SERVICE_KEY_RE = new RegExp(`[{,][ \\t]*["']?(?:${SERVICE_KEYS})["']?[ \\t]*:`);
const SERVICES_BLOCK_RE = /^services[ \t]*:[ \t]*(?:&[^\s]+[ \t]*)?(?:#.*)?$/m;
const SERVICES_FLOW_RE = /^services[ \t]*:[ \t]*\{/m;

/**
 * Content sniffing for YAML files with other names: a top-level `services:` whose entries are
 * service-shaped mappings (they use Compose service keys). A line scan, no YAML parse, so
 * non-candidates cost next to nothing.
 */
export function looksLikeCompose(path: string, text: string): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  const flow = SERVICES_FLOW_RE.exec(text);
  if (flow) {
    const tail = text.slice(flow.index, flow.index + 4000);
    if (FLOW_SERVICE_KEY_RE.test(tail.slice(tail.indexOf('{') + 1))) return true;
  }
  const m = SERVICES_BLOCK_RE.exec(text);
  if (!m) return false;
  const lines = text.slice(m.index + m[0].length).split(/\r?\n/, 400);
  let serviceIndent = -1;
  for (const line of lines) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t === '---') continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) break; // next top-level key: end of services
    if (serviceIndent < 0) {
      if (t.startsWith('-')) return false; // a list, not a mapping of services
      serviceIndent = indent;
      // `web: {image: x}` on one line
      if (FLOW_SERVICE_KEY_RE.test(t)) return true;
      continue;
    }
    if (indent > serviceIndent && SERVICE_KEY_RE.test(line)) return true;
  }
  return false;
}

const passthrough = <T>(x: T): T => x;

/** Compose's custom tags, for scalars, mappings and sequences alike. */
export const COMPOSE_TAGS: Tags = ['!reset', '!override'].flatMap((tag) => [
  { tag, identify: () => false, resolve: passthrough },
  { tag, identify: () => false, collection: 'map' as const, nodeClass: YAMLMap, resolve: passthrough },
  { tag, identify: () => false, collection: 'seq' as const, nodeClass: YAMLSeq, resolve: passthrough },
]);

const TEMPLATE_RE = /\{\{|\{%/;

export interface ComposeParseOptions {
  limits?: ConvertLimits;
}

/** At most this many syntax errors per file: the first ones say enough. */
const MAX_PARSE_ERRORS = 50;

export function parseCompose(text: string, path: string, options: ComposeParseOptions = {}): ParsedDocument<ComposeModel> {
  const index = new LineIndex(text);
  const parseErrors: Finding[] = [];
  let rawComments: RawComment[];
  let docs: Document.Parsed[];
  const fast = fastParseYaml(text, COMPOSE_FAST);
  // Nesting past the cap is refused before the library reads it (yaml/nesting.ts says why). The
  // fast path bails past the same depth itself, so a file it reads never needs the pre-scan.
  const tooDeep = fast ? undefined : yamlNestingOverflow(text);
  if (fast) {
    rawComments = fast.comments;
    docs = fast.docs;
  } else if (tooDeep !== undefined) {
    rawComments = [];
    docs = [];
    parseErrors.push({ range: index.rangeOf(tooDeep, Math.min(tooDeep + 1, index.lineEnd(index.positionAt(tooDeep).line))), message: nestingMessage() });
  } else {
    try {
      ({ docs, comments: rawComments } = composeYamlLibrary(text));
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      // The yaml library recurses once per nesting level (`? ? ? …`, `- - - …`, `[[[…`): tens of
      // thousands of levels overflow the stack. Nothing of the file can be read then.
      rawComments = [];
      docs = [];
      parseErrors.push({ range: index.rangeOf(0, index.lineEnd(0)), message: yamlErrorMessage('', 'Maximum call stack size exceeded') });
    }
  }
  const model = buildModel(path, index, docs, options.limits);

  // Templates (Helm-style `{{ }}`, Jinja `{% %}`) are not YAML: lint what parses, and do not
  // report the template regions as syntax errors.
  const templated = TEMPLATE_RE.test(text);
  for (const d of docs) {
    for (const e of d.errors) {
      if (templated || parseErrors.length >= MAX_PARSE_ERRORS) break;
      let [s, t] = e.pos;
      if (t <= s) {
        const lineEnd = index.lineEnd(index.positionAt(s).line);
        t = Math.min(s + 1, Math.max(s, lineEnd));
      }
      parseErrors.push({ range: index.rangeOf(s, t), message: yamlErrorMessage(e.code, e.message) });
    }
  }
  parseErrors.push(...model.resolveErrors);
  // One broken indentation can make every following line an error: the first ones say enough,
  // and an editor should not receive a hundred thousand diagnostics.
  if (parseErrors.length > MAX_PARSE_ERRORS) parseErrors.length = MAX_PARSE_ERRORS;

  const comments = rawComments.map((c) => commentInfo(c, index));
  let fileSuppressionLine = 0;
  // Keep a leading `# yaml-language-server: $schema=…` modeline first.
  while (fileSuppressionLine < index.lineCount && /^#\s*yaml-language-server\s*:/.test(index.lineText(fileSuppressionLine))) fileSuppressionLine++;

  return {
    model,
    index,
    comments,
    parseErrors,
    syntaxBroken: parseErrors.length > 0 || docs.some((d) => d.errors.length > 0),
    fileSuppressionLine,
    statementSpan: blockScalarSpans(docs, index),
  };
}

/**
 * `statementSpan` for compose: a line is its own statement, except the lines of a multi-line
 * block scalar (`command: >-` and its body), which are one. A body line cannot hold a comment (a
 * `#` there is text of the value), so a finding on it (a Traefik flag of a block scalar command)
 * is suppressed by a comment above or after the header, and "Disable for this line" writes its
 * comment above the header rather than into the value. Found on first use: most lints never ask.
 */
function blockScalarSpans(docs: readonly Document.Parsed[], index: LineIndex): (line: number) => { start: number; end: number } {
  let spans: Array<{ start: number; end: number }> | undefined;
  return (line) => {
    spans ??= findBlockScalars(docs, index);
    // The spans are disjoint and in document order: the last one starting at or before `line`.
    let lo = 0;
    let hi = spans.length - 1;
    let found: { start: number; end: number } | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start <= line) {
        found = spans[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && line <= found.end ? found : { start: line, end: line };
  };
}

function findBlockScalars(docs: readonly Document.Parsed[], index: LineIndex): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const stack: unknown[] = docs.map((d) => d.contents);
  let budget = 1_000_000; // nodes visited at most (aliases are not followed: no bombs)
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop();
    if (isScalarNode(n)) {
      if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && n.range) {
        const start = index.positionAt(n.range[0]).line;
        // The range ends after the body's last line break: the last line is the one before it.
        const end = index.positionAt(Math.max(n.range[0], n.range[1] - 1)).line;
        if (end > start) out.push({ start, end });
      }
    } else if (isMapNode(n)) {
      for (const it of n.items) stack.push(it.key, it.value);
    } else if (isSeqNode(n)) {
      for (const it of n.items) stack.push(it);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// stringKeys: keys are read as text anyway (tree.ts keyString), and testing every key against
// the core schema's patterns was a fifth of composing.
const COMPOSE_YAML_OPTIONS = { uniqueKeys: false, customTags: COMPOSE_TAGS, prettyErrors: false, version: '1.2', strict: true, stringKeys: true } as const;

/** The fast path's configuration for compose files: the library options, `!reset`/`!override`. */
export const COMPOSE_FAST: FastYamlConfig = { options: COMPOSE_YAML_OPTIONS, localTags: new Set(['!reset', '!override']) };

/**
 * The compose documents and comments as the `yaml` library reads them: the fallback of the fast
 * path, and its reference in tests. Throws RangeError when the nesting overflows the stack.
 */
export function composeYamlLibrary(text: string): { docs: Document.Parsed[]; comments: RawComment[] } {
  // The yaml library builds an Error per syntax problem; their stack traces are never read, and
  // capturing tens of thousands of them (a line of `}}}}…`) costs more than the parse.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const lexed = tokenize(loneCrAsLf(text));
    const composer = new Composer({ ...COMPOSE_YAML_OPTIONS });
    return { docs: [...composer.compose(lexed.tokens)] as Document.Parsed[], comments: lexed.comments };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function yamlErrorMessage(code: string, message: string): string {
  if (/call stack/i.test(message)) return 'Values are nested too deeply for the YAML parser: Compose cannot load this file.';
  const m = message.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
  void code;
  return `${m}: the file is not valid YAML, so Compose cannot load it.`;
}

/**
 * `process.env` as the yaml parser sees it while Rampart parses: the library reads
 * `process.env.LOG_TOKENS` for every token, and a lookup on the real `process.env` (a native
 * getter) costs about a third of the parse. A plain object with the same debug switches answers
 * at once; it is swapped in only for the synchronous parse.
 */
const PARSE_ENV: NodeJS.ProcessEnv = { LOG_TOKENS: process.env.LOG_TOKENS, LOG_STREAM: process.env.LOG_STREAM };

/**
 * The CST tokens of a text and its `#` comments, with one pass of the lexer: the parser is fed
 * lexeme by lexeme (the library's documented way to use a lexer of one's own), and a lexeme that
 * starts with `#` is a comment unless it is the value after a scalar marker (`\x1f`).
 */
function tokenize(text: string): { tokens: Token[]; comments: Array<{ offset: number; source: string }> } {
  const tokens: Token[] = [];
  const comments: Array<{ offset: number; source: string }> = [];
  const env = process.env;
  process.env = PARSE_ENV;
  try {
    const parser = new Parser();
    let scalarNext = false;
    for (const lexeme of new Lexer().lex(text)) {
      if (!scalarNext && lexeme.charCodeAt(0) === 35) comments.push({ offset: parser.offset, source: lexeme });
      scalarNext = lexeme === '\x1f';
      for (const t of parser.next(lexeme)) tokens.push(t);
    }
    for (const t of parser.end()) tokens.push(t);
  } finally {
    process.env = env;
  }
  return { tokens, comments };
}
