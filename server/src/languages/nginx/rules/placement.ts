// Where a directive of the linted file sits, for nginx/unknown-directive and
// nginx/directive-not-allowed: whether its block holds nginx directives at all (not map/geo/types
// entries, Lua code, or the body of a third-party or otherwise unknown block), and the contexts
// and module family it runs in (from the enclosing http/stream/mail block, the fragment's
// includer, or what the fragment's first block implies).
import type { RuleContext } from '../../../engine/types';
import type { NginxBlock, NginxDirective, NginxModel } from '../model';
import { includes, type BlockContext, type FileContext } from '../includes';
import { CHECKED_CONTEXTS, type Family } from '../reference/index';

/** Block kinds whose bodies are nginx directives. */
const DIRECTIVE_BLOCKS = new Set(['main', 'events', 'http', 'server', 'location', 'if', 'limit_except', 'upstream', 'stream', 'mail']);

/** A statement name nginx could know: a bare word of name characters (not a map key, regex, address or template). */
export function directiveShaped(d: NginxDirective): boolean {
  return !d.nameToken.quoted && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(d.name);
}

export class Placement {
  private readonly checked = new Map<NginxBlock, boolean>();
  readonly file: FileContext;

  constructor(
    readonly model: NginxModel,
    ctx: RuleContext,
    private readonly resolver = includes(ctx, model),
  ) {
    this.file = resolver.context();
  }

  /** True when the block's body (and every block around it) holds nginx directives. */
  holdsDirectives(block: NginxBlock): boolean {
    let v = this.checked.get(block);
    if (v !== undefined) return v;
    if (!block.owner || !block.parent) {
      // The file's top level: not when the includer puts it inside map {} or an unknown block.
      v = !(this.file.source === 'includer' && this.file.contexts.length === 0);
    } else {
      const own = DIRECTIVE_BLOCKS.has(block.kind) || (block.kind === 'other' && CHECKED_CONTEXTS.has(block.owner.name));
      v = own && this.holdsDirectives(block.parent);
    }
    this.checked.set(block, v);
    return v;
  }

  /** Contexts (nginx reference names) and module family of a block's directives. */
  contextOf(block: NginxBlock): BlockContext {
    return this.resolver.contextOf(block);
  }

  /** The family in effect, or undefined when any family is possible. */
  familyOf(block: NginxBlock): Family | undefined {
    return this.resolver.contextOf(block).family;
  }
}

/** The placement facts of one lint run (kept on the model: see NginxModel.perRun). */
export function placement(model: NginxModel, ctx: RuleContext): Placement {
  return model.perRun(ctx, 'placement', () => new Placement(model, ctx));
}

const ARTICLE: Record<string, string> = {
  main: 'the main context (outside every block)',
  events: 'the events block',
  http: 'the http block',
  stream: 'the stream block',
  mail: 'the mail block',
  location: 'a location block',
  'if in location': 'an "if" block in a location',
  if: 'an "if" block directly in a server',
  limit_except: 'a limit_except block',
  upstream: 'an upstream block',
};

/** `an http server block`, `the events block`, `an "if" block in a location`. */
export function describeContext(context: string, family: Family | undefined): string {
  if (context === 'server') return family && family !== 'core' ? `a${family === 'http' ? 'n' : ''} ${family} server block` : 'a server block';
  if (context === 'upstream' && family && family !== 'core') return `a${family === 'http' ? 'n' : ''} ${family} upstream block`;
  return ARTICLE[context] ?? `a "${context}" block`;
}
