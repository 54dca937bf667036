// The view every traefik/* rule reads, whatever file it runs on: a Traefik file (its tree as one
// static and/or dynamic source) or a compose file (labels of each service, and the flags and
// environment of each Traefik service). Built per document and rule context, memoised.
import type { RuleContext } from '../../engine/types';
import type { LineIndex } from '../../engine/text';
import type { ComposeModel } from '../compose/model';
import { composeTraefik, type EnvFileVar, type TraefikService } from './compose';
import type { TraefikDocument } from './parse';
import type { TField, TNode, TSource } from './model';
import { compareVersion, defaultVersion, versionFromConfig, versionFromImageRef, type TraefikVersion } from './version';
import { nearestImageVersion } from '../../engine/image-refs';
import { MemoSlot } from '../../engine/memo-slot';

export class TraefikView {
  private versionMemo?: TraefikVersion;
  /** The file holds Go templates (the file provider renders them: names may be generated). */
  templated = false;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly index: LineIndex,
    /** `file`: a Traefik YAML/TOML file; `compose`: labels, flags and env of a compose file. */
    readonly host: 'file' | 'compose',
    /** Every source, in document order of discovery. */
    readonly sources: TSource[],
    /** Compose only: services that run Traefik. */
    readonly services: TraefikService[],
    private readonly ctx: RuleContext,
    /** The file's own format and indentation (for fixes). */
    readonly format: 'yaml' | 'toml',
    readonly indent: string,
  ) {}

  /** Static sources Traefik actually reads (a file over flags, flags over env). */
  get staticSources(): TSource[] {
    return this.sources.filter((s) => s.role === 'static' && s.inEffect);
  }

  /** Static sources including those another source overrides. */
  get allStaticSources(): TSource[] {
    return this.sources.filter((s) => s.role === 'static');
  }

  get dynamicSources(): TSource[] {
    return this.sources.filter((s) => s.role === 'dynamic');
  }

  /**
   * The Traefik version of the file as a whole: `.rampart.yaml`, else the oldest Traefik image
   * tag in this file (the release every rule must allow for), else one in a Dockerfile or compose
   * file beside or above, else current stable v3 (`source: 'default'`, unknown).
   */
  get version(): TraefikVersion {
    if (!this.versionMemo) this.versionMemo = this.resolveVersion();
    return this.versionMemo;
  }

  /**
   * The version that reads a source: a Traefik service's own flags, env and labels are judged by
   * its own image (two Traefik services of one compose file may run v2 and v3); anything else by
   * the file's version.
   */
  versionOf(src: TSource): TraefikVersion {
    const v = this.version;
    if (v.source === 'config' || src.service === undefined) return v;
    const svc = this.services.find((s) => s.name === src.service);
    if (!svc?.image) return v;
    return svc.image.version ?? defaultVersion();
  }

  private resolveVersion(): TraefikVersion {
    const fromConfig = versionFromConfig(this.ctx.settings.traefikVersion);
    if (fromConfig) return fromConfig;
    let oldest: TraefikVersion | undefined;
    for (const s of this.services) {
      const v = s.image?.version;
      if (v && (!oldest || compareVersion(v, oldest) < 0)) oldest = v;
    }
    if (oldest) return oldest;
    if (this.services.some((s) => s.image)) return defaultVersion(); // `traefik:latest` here
    return nearestImageVersion(this.ctx, versionFromImageRef, compareVersion)?.version ?? defaultVersion();
  }

  /** The env file variable behind a value of a service's env source, if it comes from an `env_file`. */
  envFileVar(node: TNode): EnvFileVar | undefined {
    for (const s of this.services) for (const v of s.envFileVars) if (v.value === node) return v;
    return undefined;
  }

  /** The first env file variable that writes `f` or an option below it (a section enabled from an env file). */
  envFileVarIn(f: TField): EnvFileVar | undefined {
    if (!this.services.some((s) => s.envFileVars.length > 0)) return undefined;
    const walk = (n: TNode | undefined): EnvFileVar | undefined => {
      if (!n) return undefined;
      if (n.kind === 'scalar') return this.envFileVar(n);
      if (n.kind === 'list') return undefined;
      return walk(n.self) ?? n.fields.reduce<EnvFileVar | undefined>((hit, g) => hit ?? walk(g.node), undefined);
    };
    return walk(f.node);
  }

  /** The compose service that carries a source, for messages (`in service "web"`). */
  where(s: TSource): string {
    if (!s.service) return '';
    return ` in service "${s.service}"`;
  }
}

// One view per document and lint call: every rule of one lint shares it (the engine passes one
// context object to all of them), and the next lint sees the workspace afresh.
const memo = new MemoSlot<RuleContext, Map<object, TraefikView>>();

function remember(ctx: RuleContext, key: object, make: () => TraefikView): TraefikView {
  let m = memo.get(ctx);
  if (!m) {
    // A Map, not a MemoSlot: it lives for one lint, and a slot made per lint gave the document a
    // new symbol property per lint (a new hidden class each time, and every old view kept).
    m = new Map();
    memo.set(ctx, m);
  }
  let v = m.get(key);
  if (!v) {
    v = make();
    m.set(key, v);
  }
  return v;
}

export function traefikView(doc: TraefikDocument, ctx: RuleContext): TraefikView {
  if (doc.compose) return traefikViewOfCompose(doc.compose, ctx);
  return remember(ctx, doc, () => {
    const sources: TSource[] = [];
    if (doc.root) {
      const form = doc.format;
      if (doc.roles.includes('static')) sources.push({ form, role: 'static', root: doc.root, inEffect: true });
      if (doc.roles.includes('dynamic')) sources.push({ form, role: 'dynamic', provider: 'file', root: doc.root, inEffect: true });
    }
    const v = new TraefikView(ctx.path || doc.path, doc.text, doc.index, 'file', sources, [], ctx, doc.format, doc.indent);
    v.templated = doc.templates.length > 0;
    return v;
  });
}

export function traefikViewOfCompose(model: ComposeModel, ctx: RuleContext): TraefikView {
  return remember(ctx, model, () => {
    const ct = composeTraefik(model, ctx);
    return new TraefikView(ctx.path || model.path, model.text, model.index, 'compose', ct.sources, ct.services, ctx, 'yaml', model.indent);
  });
}
