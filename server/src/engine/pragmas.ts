// Other tools' suppression pragmas, honoured for the Rampart rules whose registry entry lists the
// peer id (rules.md, "Suppression and configuration"). Users already write these in their files;
// Rampart reads them but never reports them (no unknown or unused diagnostics) and never edits
// them. Dialects:
//   hadolint   `# hadolint ignore=DL3002,DL3008 [# reason]`   next instruction
//              `# hadolint global ignore=DL3002`               file
//   BuildKit   `# check=skip=SecretsUsedInArgOrEnv[,…|all][;error=true]`
//                                                              file when it is a parser directive
//                                                              (top of the file), else the next
//                                                              instruction (BuildKit ≥ 0.19)
//   Trivy      `# trivy:ignore:DS-0002` (also AVD-DS-0002, DS002; `[exp:2026-01-31]` honoured)
//                                                              next instruction
//   Checkov    `#checkov:skip=CKV_DOCKER_3[: reason]`          file (Checkov's Dockerfile scope)
//   dclint     `# dclint disable-line [rule …]`                the line it ends, or on its own
//                                                              line the next line
//              `# dclint disable-next-line [rule …]`          next line (accepted alias)
//              `# dclint disable [rule …]`, `# dclint disable-file`
//                                                              file
// A pragma with no list (dclint) or `all` (BuildKit) covers every rule mapped to that tool.
import type { CommentInfo, RuleMeta } from './types';
import { allRules } from './registry';

export type PeerDialect = 'hadolint' | 'buildkit' | 'trivy' | 'checkov' | 'dclint';

export interface PeerPragma {
  dialect: PeerDialect;
  /** `next`: the next non-comment statement; `line`: the comment's own line; `file`: everything. */
  scope: 'next' | 'line' | 'file';
  /** Rampart rule ids the pragma silences (peer ids no Rampart rule answers for are dropped). */
  rules: string[];
  justification: string;
  comment: CommentInfo;
}

/** BuildKit's build check names (frontend/dockerfile/linter/ruleset.go). */
export const BUILDKIT_CHECKS = new Set([
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing',
  'DuplicateStageName', 'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated',
  'UndefinedArgInFrom', 'WorkdirRelativePath', 'UndefinedVar', 'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat', 'InvalidBaseImagePlatform', 'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile', 'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat',
]);

/** dclint rule names (v3, and the v4 renames), so a bare `# dclint disable` maps to something. */
export const DCLINT_RULES = new Set([
  'no-duplicate-container-names', 'no-duplicate-exported-ports', 'no-unbound-port-interfaces',
  'service-container-name-regex', 'service-image-require-explicit-tag', 'no-build-and-image',
  'no-version-field', 'require-project-name-field', 'require-quotes-in-ports',
  'no-quotes-in-volumes', 'service-keys-order', 'service-dependencies-alphabetical-order',
  'service-ports-alphabetical-order', 'services-alphabetical-order', 'top-level-properties-order',
  'require-explicit-image-tag', 'service-container-name-convention', 'order-services',
  'order-service-properties',
]);

// The free-text tails are captured greedily and trimmed in code: `(.*?)\s*$` (and `\s*(…)?\s*$`)
// backtrack quadratically on a long comment with runs of blanks.
const HADOLINT_RE = /^\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)(?:\s*#(.*)|\s*)$/;
const CHECK_RE = /^\s*check\s*=(.*)$/i;
const TRIVY_RE = /^\s*trivy:ignore:([A-Za-z0-9_\-]+)((?:\[[^\]]*\])*)\s*$/;
const CHECKOV_RE = /^\s*checkov:skip=([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)(?:\s*:(.*)|\s*)$/;
const DCLINT_RE = /^\s*dclint\s+(disable-file|disable-next-line|disable-line|disable)(?:\s+(.*)|\s*)$/;

/** Peer id → Rampart rule ids, built once from rule metadata (tests build their own). */
export class PeerIndex {
  private readonly byPeer = new Map<string, string[]>();
  private readonly byTrivy = new Map<string, string[]>();

  constructor(private readonly rules: RuleMeta[]) {
    for (const m of rules) {
      for (const p of m.peers) {
        add(this.byPeer, p.toLowerCase(), m.id);
        const t = normaliseTrivyId(p);
        if (t) add(this.byTrivy, t, m.id);
      }
    }
  }

  /** Rules listing this peer id (case-insensitive). */
  forPeer(id: string): string[] {
    return this.byPeer.get(id.toLowerCase()) ?? [];
  }

  /** Trivy ids in any spelling (`AVD-DS-0002`, `DS-0002`, `DS002`). */
  forTrivy(id: string): string[] {
    const key = normaliseTrivyId(id);
    return key ? (this.byTrivy.get(key) ?? []) : [];
  }

  /** dclint rule names, listed bare or as `dclint/<name>` / `dclint:<name>`. */
  forDclint(name: string): string[] {
    return unique([...this.forPeer(name), ...this.forPeer(`dclint/${name}`), ...this.forPeer(`dclint:${name}`)]);
  }

  /** Rules that list any peer id of one tool (BuildKit `skip=all`, a bare dclint pragma). */
  forTool(isToolPeer: (peer: string) => boolean): string[] {
    return this.rules.filter((m) => m.peers.some(isToolPeer)).map((m) => m.id);
  }
}

function add(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(id)) list.push(id);
  map.set(key, list);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

let defaultIndex: PeerIndex | undefined;
/** The index over the registry, built on first use. */
export function registryPeerIndex(): PeerIndex {
  return (defaultIndex ??= new PeerIndex(allRules));
}

/** `AVD-DS-0002`, `DS-0002`, `DS002`, `ds2` → `DS-0002`; undefined for non-Dockerfile ids. */
export function normaliseTrivyId(id: string): string | undefined {
  const m = /^(?:AVD-)?(DS)-?0*(\d{1,4})$/i.exec(id.trim());
  return m ? `DS-${m[2]!.padStart(4, '0')}` : undefined;
}

function splitList(s: string | undefined): string[] {
  return (s ?? '').split(/[\s,]+/).filter((x) => x.length > 0);
}

export interface PragmaContext {
  /** The comment is a parser directive at the top of a Dockerfile (`# check=` there is file-wide). */
  isDirective: boolean;
  /** Today's date as `YYYY-MM-DD`, for Trivy's `[exp:…]`. */
  today: string;
  peers: PeerIndex;
}

/** Reads one comment as a peer pragma; undefined when it is none (or maps to no Rampart rule). */
export function parsePeerPragma(comment: CommentInfo, ctx: PragmaContext): PeerPragma | undefined {
  const text = comment.text;
  let m: RegExpExecArray | null;

  if ((m = HADOLINT_RE.exec(text))) {
    return {
      dialect: 'hadolint',
      scope: m[1] ? 'file' : 'next',
      rules: unique(splitList(m[2]).flatMap((s) => ctx.peers.forPeer(s))),
      justification: (m[3] ?? '').trim(),
      comment,
    };
  }

  if ((m = CHECK_RE.exec(text))) {
    let skip: string[] = [];
    for (const part of m[1]!.split(';')) {
      const kv = /^\s*skip\s*=(.*)$/i.exec(part);
      if (kv) skip = splitList(kv[1]);
    }
    if (skip.length === 0) return undefined;
    const rules = skip.some((s) => s.toLowerCase() === 'all')
      ? ctx.peers.forTool((p) => BUILDKIT_CHECKS.has(p))
      : unique(skip.flatMap((s) => ctx.peers.forPeer(s)));
    return { dialect: 'buildkit', scope: ctx.isDirective ? 'file' : 'next', rules, justification: '', comment };
  }

  if ((m = TRIVY_RE.exec(text))) {
    const attrs = m[2] ?? '';
    const exp = /\[exp:(\d{4}-\d{2}-\d{2})\]/.exec(attrs);
    // An expired ignore no longer applies (Trivy's own behaviour).
    if (exp && exp[1]! < ctx.today) return undefined;
    return { dialect: 'trivy', scope: 'next', rules: ctx.peers.forTrivy(m[1]!), justification: '', comment };
  }

  if ((m = CHECKOV_RE.exec(text))) {
    return { dialect: 'checkov', scope: 'file', rules: unique(splitList(m[1]).flatMap((s) => ctx.peers.forPeer(s))), justification: (m[2] ?? '').trim(), comment };
  }

  if ((m = DCLINT_RE.exec(text))) {
    const kind = m[1]!;
    const names = kind === 'disable-file' ? [] : splitList(m[2]);
    const rules =
      names.length === 0
        ? ctx.peers.forTool((p) => DCLINT_RULES.has(p.replace(/^dclint[/:]/, '')))
        : unique(names.flatMap((n) => ctx.peers.forDclint(n)));
    const scope = kind === 'disable' || kind === 'disable-file' ? 'file' : kind === 'disable-next-line' || comment.ownLine ? 'next' : 'line';
    return { dialect: 'dclint', scope, rules, justification: '', comment };
  }

  return undefined;
}
