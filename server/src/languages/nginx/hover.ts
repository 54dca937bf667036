// Hover for nginx files: a directive's syntax, default, contexts and documentation from
// nginx.org's reference (the entry of the module family and context it is written in), a
// third-party directive's module, and a variable's documentation. Markdown, trimmed to the first
// paragraphs, with a link to the full page on nginx.org.
import type { HoverInfo, ParsedDocument, Position } from '../../engine/types';
import type { NginxArg, NginxBlock, NginxDirective, NginxModel } from './model';
import { bestEntry, directiveDoc, docsUrl, type Family, variableDoc } from './reference/index';
import { thirdPartyModule } from './reference/third-party';
import { comparePositions } from '../../engine/text';

function within(p: Position, r: { start: Position; end: Position }): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/** The module family in effect where a block sits, when an http/stream/mail block says so. */
function familyAt(block: NginxBlock): Family | undefined {
  for (let b: NginxBlock | undefined = block; b; b = b.parent) if (b.kind === 'http' || b.kind === 'stream' || b.kind === 'mail') return b.kind;
  return undefined;
}

/** A syntax line as nginx.org writes it, after the name: `add_header` *`name`* … `;`. */
function syntaxLine(name: string, syntax: string): string {
  const body = syntax.trim();
  const block = body.endsWith('`{...}`');
  return `\`${name}\`${body ? ` ${body}` : ''}${block ? '' : ';'}`;
}

export function directiveHover(model: NginxModel, d: NginxDirective): string | undefined {
  const family = familyAt(d.parent);
  const entry = bestEntry(d.name, family, model.contextOf(d));
  if (!entry) {
    const module = thirdPartyModule(d.name);
    return module ? `**\`${d.name}\`**: a directive of the third-party module ${module} (not in nginx.org's reference).` : undefined;
  }
  const doc = directiveDoc(entry);
  const url = docsUrl(entry.module, d.name);
  // Header lines end in two spaces: Markdown hard breaks, so each stays on its own line.
  const head = doc.syntax.map((s, i) => `${i === 0 ? '**Syntax:** ' : ''}${syntaxLine(d.name, s)}`);
  const def = doc.default.trim();
  const block: string[] = [];
  if (def.includes('\n')) block.push('**Default:**', '```nginx', `${d.name} {`, ...doc.default.replace(/^\n+/, '').trimEnd().split('\n'), '}', '```');
  else head.push(`**Default:** ${def ? `\`${d.name} ${def};\`` : '—'}`);
  const context = `**Context:** ${entry.contexts.map((c) => (c === '' ? 'any' : c)).join(', ')}`;
  const lines = [`**\`${d.name}\`** · ${entry.module === 'Core functionality' ? 'core' : entry.module}`, '', `${head.join('  \n')}  `, ...(block.length > 0 ? block : []), context, '', doc.description, '', `[nginx.org documentation](${url})`];
  if (block.length === 0) lines.splice(2, 2, `${head.join('  \n')}  \n${context}`);
  return lines.join('\n');
}

/** The `$name` / `${name}` around a character of an argument, with its offsets. */
function variableAt(arg: NginxArg, offset: number): { name: string; start: number; end: number } | undefined {
  const re = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  for (let m = re.exec(arg.raw); m; m = re.exec(arg.raw)) {
    const start = arg.start + m.index;
    const end = start + m[0].length;
    if (offset >= start && offset <= end) return { name: `$${m[1] ?? m[2]}`, start, end };
  }
  return undefined;
}

function variableHover(name: string): string | undefined {
  const doc = variableDoc(name);
  if (!doc) return undefined;
  const anchor = `var_${doc.name.slice(1).replace(/NAME$/, '')}`;
  const pattern = doc.name !== name ? ` (one of \`${doc.name}\`)` : '';
  return [`**\`${name}\`**${pattern} · ${doc.module}`, '', doc.description, '', `[nginx.org documentation](${docsUrl(doc.module, anchor)})`].join('\n');
}

export function nginxHover(parsed: ParsedDocument<NginxModel>, position: Position): HoverInfo | undefined {
  const model = parsed.model;
  const index = parsed.index;
  const offset = index.offsetAt(position);
  // The directive whose statement holds the position (innermost: later in pre-order wins).
  let hit: NginxDirective | undefined;
  for (const d of model.directives) {
    if (d.start > offset) break;
    if (offset <= (d.semicolon ? index.offsetAt(d.semicolon.end) : d.block?.open ? index.offsetAt(d.block.open.start) : d.end)) hit = d;
  }
  if (!hit) return undefined;
  if (within(position, hit.nameRange)) {
    const markdown = directiveHover(model, hit);
    return markdown ? { markdown, range: hit.nameRange } : undefined;
  }
  for (const a of hit.args) {
    if (offset < a.start || offset > a.end) continue;
    const v = variableAt(a, offset);
    if (!v) return undefined;
    const markdown = variableHover(v.name);
    return markdown ? { markdown, range: index.rangeOf(v.start, v.end) } : undefined;
  }
  return undefined;
}
