// Compose detection and parsing into the engine's ParsedDocument shape.
//
// YAML 1.2 with eemeli/yaml, `uniqueKeys: false` (a repeated `<<` must stay visible; other
// repeated keys are reported by the tree builder), Compose's `!reset` and `!override` tags
// registered, every document of the stream kept. Merge keys are resolved by tree.ts, not by the
// library, so every value keeps its source range.
import { Composer, Parser, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Tags } from 'yaml';
import type { CommentInfo, Finding, ParsedDocument } from '../../engine/types';
import { LineIndex } from '../../engine/text';
import { buildModel, type ComposeModel } from './model';
import type { ConvertLimits } from './tree';

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

/** At most this many syntax findings per file. */
const MAX_PARSE_ERRORS = 50;

export interface ComposeParseOptions {
  limits?: ConvertLimits;
}

export function parseCompose(text: string, path: string, options: ComposeParseOptions = {}): ParsedDocument<ComposeModel> {
  const index = new LineIndex(text);
  let tokens: unknown[];
  let docs: Document.Parsed[];
  const parseErrors: Finding[] = [];
  // The yaml library builds an Error per syntax problem; their stack traces are never read, and
  // capturing tens of thousands of them (a line of `}}}}…`) costs more than the parse.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    tokens = [...new Parser().parse(text)];
    const composer = new Composer({ uniqueKeys: false, customTags: COMPOSE_TAGS, prettyErrors: false, version: '1.2', strict: true });
    docs = [...composer.compose(tokens as Parameters<Composer['compose']>[0])] as Document.Parsed[];
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    // The yaml library recurses once per nesting level (`? ? ? …`, `- - - …`, `[[[…`): tens of
    // thousands of levels overflow the stack. Nothing of the file can be read then.
    tokens = [];
    docs = [];
    parseErrors.push({ range: index.rangeOf(0, index.lineEnd(0)), message: yamlErrorMessage('', 'Maximum call stack size exceeded') });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
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

  const comments = collectComments(tokens, index);
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
    statementSpan: (line) => ({ start: line, end: line }),
  };
}

function yamlErrorMessage(code: string, message: string): string {
  if (/call stack/i.test(message)) return 'Values are nested too deeply for the YAML parser: Compose cannot load this file.';
  const m = message.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
  void code;
  return `${m}: the file is not valid YAML, so Compose cannot load it.`;
}

const CST_CHILDREN = ['start', 'key', 'sep', 'value', 'items', 'props', 'end'] as const;

/** Every `#` comment in the CST, with whether it stands on a line of its own. */
function collectComments(tokens: unknown[], index: LineIndex): CommentInfo[] {
  const out: CommentInfo[] = [];
  const stack: unknown[] = [...tokens];
  while (stack.length > 0) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    const tok = t as { type?: string; offset?: number; source?: string };
    if (tok.type === 'comment' && typeof tok.offset === 'number' && typeof tok.source === 'string') {
      const start = tok.offset;
      // The YAML lexer does not end a comment at a lone CR; the editor (and LineIndex) start a
      // new line there, and a comment is one line.
      const cr = tok.source.indexOf('\r');
      const source = cr >= 0 ? tok.source.slice(0, cr) : tok.source;
      const end = start + source.length;
      const range = index.rangeOf(start, end);
      const before = index.text.slice(index.lineStart(range.start.line), start);
      out.push({ text: source.slice(1), range, ownLine: before.trim() === '' });
      continue;
    }
    // CST tokens keep their children (and comments) under these fields only.
    const o = tok as Record<string, unknown>;
    for (const k of CST_CHILDREN) {
      const v = o[k];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}
