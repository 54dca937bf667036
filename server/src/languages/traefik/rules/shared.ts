// Wording and ranges the traefik rules share: how an option is named in the user's own form
// (`api.insecure`, `--api.insecure`, `TRAEFIK_API_INSECURE`, `traefik.http.…` label), where a
// statement is, and which tree fields hold a value.
import type { Finding, Range, RuleContext, RuleMeta } from '../../../engine/types';
import type { Decl, TField, TSource } from '../model';
import type { TraefikView } from '../view';
import { MemoSlot } from '../../../engine/memo-slot';

/** A traefik/* rule: judges the view of whatever file it runs on (a Traefik file or a compose file). */
export interface TraefikRule {
  meta: RuleMeta;
  check(view: TraefikView, ctx: RuleContext): Finding[];
}

/** The key of a label, flag or env statement exactly as written (`traefik.http.…`, `--api.insecure`). */
function statementKey(view: TraefikView, d: Decl): string | undefined {
  let t = view.text.slice(d.span.start, d.span.end).trim();
  if (/^["']/.test(t)) t = t.slice(1);
  const m = d.entry === 'pair' ? /^([^:"'\s]+)["']?\s*:/.exec(t) : /^([^=\s"']+)/.exec(t);
  return m?.[1];
}

/** An option's name as the user writes it in this source, for messages. */
export function written(src: TSource, trail: readonly TField[], view?: TraefikView): string {
  const last = trail[trail.length - 1];
  const fromFile = view && last && src.form === 'env' ? view.envFileVar(last.node) : undefined;
  if (fromFile) return fromFile.name;
  if (view && last?.decl && src.form === last.decl.form && (src.form === 'label' || src.form === 'flag' || src.form === 'env')) {
    const k = statementKey(view, last.decl);
    if (k) return k;
  }
  const raws = trail.map((f) => f.raw);
  switch (src.form) {
    case 'label':
      return `traefik.${raws.join('.')}`;
    case 'flag':
      return `--${raws.join('.')}`;
    case 'env':
      return `TRAEFIK_${raws.join('_').toUpperCase()}`;
    default:
      return raws.join('.');
  }
}

/** `"api.insecure"`, `flag "--api.insecure" in service "traefik"`, `label "traefik.…" in service "web"`. */
export function subject(view: TraefikView, src: TSource, trail: readonly TField[]): string {
  const name = `"${written(src, trail, view)}"`;
  const where = view.where(src);
  switch (src.form) {
    case 'label':
      return `Label ${name}${where}`;
    case 'flag':
      return `Flag ${name}${where}`;
    case 'env': {
      const last = trail[trail.length - 1];
      const file = last ? view.envFileVar(last.node) : undefined;
      return file ? `Variable ${name} from env_file "${file.shown}"${where}` : `Variable ${name}${where}`;
    }
    default:
      return name;
  }
}

/** The range of the statement that wrote a field (a YAML pair, a label, a flag), else its key to its value. */
export function statementRange(view: TraefikView, f: TField): Range {
  const d: Decl | undefined = f.decl;
  if (d) return view.index.rangeOf(d.span.start, d.span.end);
  const end = f.node.kind === 'scalar' ? f.node.range.end : f.keyRange.end;
  return { start: f.keyRange.start, end };
}

/** `a`, `a and b`, `a, b and c`. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Multi-word option names, for telling how a user writes them (`entryPoints` or `entrypoints`). */
const CAMEL_NAMES = [
  'entryPoints',
  'certificatesResolvers',
  'serversTransport',
  'serversTransports',
  'exposedByDefault',
  'accessLog',
  'insecureSkipVerify',
  'forwardedHeaders',
  'proxyProtocol',
  'httpChallenge',
  'tlsChallenge',
  'dnsChallenge',
  'entryPoint',
  'caServer',
  'defaultRule',
  'sendAnonymousUsage',
  'checkNewVersion',
  'trustedIPs',
  'ipAllowList',
  'ipWhiteList',
  'basicAuth',
  'forwardAuth',
  'redirectScheme',
  'stripPrefix',
  'loadBalancer',
  'sourceRange',
  'minVersion',
  'maxVersion',
  'cipherSuites',
  'sniStrict',
  'certResolver',
  'stsSeconds',
  'frameDeny',
  'allowEmptyServices',
];
const CAMEL_BY_LOWER = new Map(CAMEL_NAMES.map((n) => [n.toLowerCase(), n]));

/**
 * Whether to write a new option name in camelCase (`exposedByDefault`) or lower case, as the
 * user does: the evidence is how they wrote multi-word names in this source. Without evidence,
 * files follow Traefik's documentation (camelCase) and flags and env its CLI examples (lower).
 */
export function camelStyle(src: TSource): boolean {
  let v = camelMemo.get(src.root);
  if (v === undefined) {
    v = judgeCamel(src);
    camelMemo.set(src.root, v);
  }
  return v;
}

const camelMemo = new MemoSlot<object, boolean>();

function judgeCamel(src: TSource): boolean {
  let camel = 0;
  let lower = 0;
  let budget = 2000;
  const visit = (fields: TField[]) => {
    for (const f of fields) {
      if (budget-- <= 0) return;
      const known = CAMEL_BY_LOWER.get(f.name);
      if (known && f.raw === known) camel++;
      else if (known && f.raw === f.name) lower++;
      if (f.node.kind === 'map') visit(f.node.fields);
    }
  };
  visit(src.root.fields);
  if (camel !== lower) return camel > lower;
  return src.form === 'yaml' || src.form === 'toml';
}

/** Every field below `f` (itself included) that a statement wrote. */
export function declsBelow(f: TField): Decl[] {
  const out: Decl[] = [];
  const visit = (g: TField) => {
    if (g.decl) out.push(g.decl);
    if (g.node.kind === 'map') for (const h of g.node.fields) visit(h);
  };
  visit(f);
  return out;
}

/** Every field named `name` anywhere in a tree, with the trail that leads to it. */
export function fieldsNamed(root: { fields: TField[] }, name: string, limit = 20_000): Array<{ field: TField; trail: TField[] }> {
  const out: Array<{ field: TField; trail: TField[] }> = [];
  const stack: TField[] = [];
  let budget = limit;
  const visit = (fields: TField[]) => {
    for (const f of fields) {
      if (budget-- <= 0) return;
      stack.push(f);
      if (f.name === name) out.push({ field: f, trail: [...stack] });
      if (f.node.kind === 'map') visit(f.node.fields);
      else if (f.node.kind === 'list') for (const it of f.node.items) if (it.kind === 'map') visit(it.fields);
      stack.pop();
    }
  };
  visit(root.fields);
  return out;
}
