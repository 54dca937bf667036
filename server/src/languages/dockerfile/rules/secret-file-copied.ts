import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, RelatedLocation, Rule, RuleContext } from '../../../engine/types';
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, DockerStage } from '../model';
import * as modelFns from '../model';
import { heredocsOf } from '../ast-memo';
import { cleanPath, compilePattern, isIgnored, loadDockerignore, parseDockerignore, type IgnorePattern } from '../dockerignore';

// Local copies: esbuild's CommonJS output (out/, which tests and the in-process benchmark run)
// reads every import through a getter on each use, and these run for every COPY.
const { posixNormalize, resolveInStage, shippedStages, stageByRef, workdirAt } = modelFns;

export const meta = defineMeta({
  id: 'dockerfile/secret-file-copied',
  language: 'dockerfile',
  title: 'Secret file copied into the image',
  description:
    'COPY/ADD puts a credentials file (.env, private keys, .npmrc, .aws/, .ssh/ …) into the final image, directly or through COPY --from of a build stage, or copies the whole build context while .dockerignore lets .env, .git or key files through. Anyone who can pull the image can read them.',
  severity: 'error',
  fix: 'none',
  sources: ['M: "No secrets in images: Never COPY or embed secrets in Dockerfiles"'],
  peers: ['DS-0031', 'DS031'],
  tags: ['security', 'CWE-538', 'CWE-522'],
  securitySeverity: '8.0',
});

// ---------------------------------------------------------------------------------------------
// Which context paths are secrets

const PEM_PUBLIC_RE = /(^|[._-])(cert|certs|certificate|crt|ca|chain|fullchain|bundle|pub|public|root)([._-]|$)/i;
const EXAMPLE_ENV_RE = /\.(example|sample|template|tmpl|tpl|dist|defaults?)$/i;

/** What kind of secret a COPY source names (`an environment file`), or undefined. */
export function secretFileKind(source: string): string | undefined {
  const segs = source.split('/').filter((s) => s !== '' && s !== '.');
  if (segs.includes('.aws')) return 'AWS credentials';
  if (segs.includes('.ssh')) return 'SSH keys';
  const base = segs[segs.length - 1];
  if (!base) return undefined;
  const lower = base.toLowerCase();
  if (lower.startsWith('.env') && !EXAMPLE_ENV_RE.test(lower)) return 'an environment file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(lower) && !lower.endsWith('.pub')) return 'an SSH private key';
  if (lower.endsWith('.key')) return 'a private key';
  if (lower.endsWith('.pem') && !PEM_PUBLIC_RE.test(lower.slice(0, -4))) return 'a PEM key';
  if (lower.endsWith('.p12') || lower.endsWith('.pfx')) return 'a PKCS#12 key store';
  switch (lower) {
    case '.npmrc':
      return 'npm credentials';
    case '.pypirc':
      return 'PyPI credentials';
    case '.netrc':
      return 'netrc credentials';
    case '.git-credentials':
      return 'git credentials';
    case 'credentials.json':
      return 'a credentials file';
    case 'acme.json':
      return 'an ACME store with TLS private keys';
    default:
      return undefined;
  }
}

/** Probes for "the .dockerignore keeps secrets out": a path that must be ignored, and its label. */
const CONTEXT_PROBES: Array<{ path: string; label: string }> = [
  { path: '.env', label: '.env' },
  { path: '.git/config', label: '.git' },
  { path: 'key.pem', label: '*.pem' },
  { path: 'private.key', label: '*.key' },
  { path: 'id_rsa', label: 'id_rsa' },
];

/** Labels of the probes that `patterns` lets into the context (all of them without a .dockerignore). */
export function contextLeaks(patterns: IgnorePattern[] | undefined): string[] {
  return CONTEXT_PROBES.filter((p) => !patterns || !isIgnored(patterns, p.path)).map((p) => p.label);
}

// ---------------------------------------------------------------------------------------------
// Following files through stages

interface Origin {
  stage: DockerStage;
  range: Range;
  line: number;
}

interface Entry {
  /** Absolute path in the stage's file system; undefined when a variable hides it. */
  path: string | undefined;
  /** `an environment file`, or `the whole build context`. */
  what: string;
  /** The source as written (`.env`). */
  source: string;
  /** For the whole context: why it leaks (`.dockerignore lets ".env" through`). */
  leaks?: string;
  origin: Origin;
}

interface CopyInfo {
  ins: Instruction;
  from?: string;
  sources: Array<{ text: string; range: Range }>;
  dest: string;
  excludes: string[];
}

function copyInfo(ins: Instruction): CopyInfo | undefined {
  const kw = ins.getKeyword();
  if (kw !== 'COPY' && kw !== 'ADD') return undefined;
  if (heredocsOf(ins as unknown as Parameters<typeof heredocsOf>[0]).length > 0) return undefined;
  const args = ins.getArguments();
  if (args.length < 2) return undefined;
  let from: string | undefined;
  const excludes: string[] = [];
  for (const f of (ins as unknown as { getFlags(): Array<{ getName(): string; getValue(): string | null }> }).getFlags()) {
    const name = f.getName().toLowerCase();
    if (name === 'from') from = f.getValue() ?? undefined;
    else if (name === 'exclude' && f.getValue()) excludes.push(f.getValue()!);
  }
  // JSON form: COPY ["a", "b", "/dst/"]
  const raw = ins.getRawArgumentsContent() ?? '';
  let list = args.map((a) => ({ text: a.getValue(), range: a.getRange() }));
  if (raw.trimStart().startsWith('[')) {
    const json = (ins as unknown as { getJSONStrings?(): Array<{ getValue(): string; getJSONValue?(): string; getRange(): Range }> }).getJSONStrings?.() ?? [];
    if (json.length < 2) return undefined;
    list = json.map((j) => ({ text: j.getJSONValue ? j.getJSONValue() : j.getValue().replace(/^"|"$/g, ''), range: j.getRange() }));
  }
  return { ins, from, sources: list.slice(0, -1), dest: list[list.length - 1]!.text, excludes };
}

const REMOTE_RE = /^(https?:\/\/|git@|ssh:\/\/|git:\/\/)/i;

function joinPath(dir: string, rest: string): string {
  return posixNormalize(`${dir}/${rest}`);
}

function stageLabel(s: DockerStage): string {
  return `"${s.name ?? s.index}"`;
}

class Analysis {
  private readonly memo = new Map<DockerStage, Entry[]>();
  /** Findings per instruction, for the shipped stages to pick up. */
  readonly findings = new Map<Instruction, Finding[]>();
  private ignore: { patterns: IgnorePattern[]; name: string } | null | undefined;

  constructor(
    private readonly model: DockerfileModel,
    private readonly ctx: RuleContext,
  ) {}

  private dockerignore(): { patterns: IgnorePattern[]; name: string } | null {
    if (this.ignore === undefined) {
      // The build context a compose file gives this Dockerfile decides which .dockerignore applies.
      const loaded = loadDockerignore((p) => this.ctx.workspace.readFile(p), this.ctx.path, this.ctx.hints?.buildContext);
      this.ignore = loaded ? { patterns: loaded.patterns, name: loaded.path.slice(loaded.path.lastIndexOf('/') + 1) } : null;
    }
    return this.ignore;
  }

  entries(stage: DockerStage, guard = 0): Entry[] {
    const known = this.memo.get(stage);
    if (known) return known;
    this.memo.set(stage, []); // cycle guard
    const out: Entry[] = stage.parent && guard < 100 ? [...this.entries(stage.parent, guard + 1)] : [];
    for (const ins of stage.instructions) {
      const c = copyInfo(ins);
      if (!c) continue;
      // Where the copy lands matters only once a secret is found, which few COPYs have: the
      // stage's variables and working directories are worked out then (lazily, once).
      let destKnown = false;
      let destAbsValue: string | undefined;
      const destAbs = (): string | undefined => {
        if (!destKnown) {
          destKnown = true;
          const destRaw = resolveInStage(this.model, stage, ins, c.dest);
          if (destRaw !== undefined && destRaw.startsWith('/')) destAbsValue = posixNormalize(destRaw);
          else if (destRaw !== undefined) {
            const wd = workdirAt(this.model, stage, ins);
            destAbsValue = wd === undefined ? undefined : joinPath(wd, destRaw);
          }
        }
        return destAbsValue;
      };
      const destIsDir = c.dest.endsWith('/') || c.sources.length > 1;
      const found: Finding[] = [];
      if (c.from !== undefined) {
        const src = stageByRef(this.model, c.from, stage);
        if (!src) continue;
        const carried = this.entries(src, guard + 1);
        for (const s of c.sources) {
          const text = resolveInStage(this.model, stage, ins, s.text);
          if (text === undefined) continue;
          const srcAbs = posixNormalize(text.startsWith('/') ? text : `/${text}`);
          const hits: Entry[] = [];
          for (const e of carried) {
            const moved = carry(srcAbs, e, destAbs(), destIsDir);
            if (moved === null) continue;
            hits.push(e);
            out.push({ ...e, path: moved });
          }
          if (hits.length > 0) found.push(this.carriedFinding(ins, c.from, s, hits));
        }
      } else {
        for (const s of c.sources) {
          const text = resolveInStage(this.model, stage, ins, s.text);
          if (text === undefined || REMOTE_RE.test(text)) continue;
          const origin: Origin = { stage, range: s.range, line: s.range.start.line };
          const norm = posixNormalize(text);
          if (norm === '.' || norm === '/' || norm === '*') {
            const di = this.dockerignore();
            const excl = c.excludes.flatMap((x) => parseDockerignore(x));
            const patterns = di || excl.length > 0 ? [...(di?.patterns ?? []), ...excl] : undefined;
            const leaks = contextLeaks(patterns);
            if (leaks.length === 0) continue;
            const list = leaks.map((l) => `"${l}"`).join(', ');
            const note = di ? `${di.name} lets ${list} through` : 'there is no .dockerignore';
            out.push({ path: destAbs(), what: 'the whole build context', source: text, leaks: note, origin });
            const why = di
              ? `${di.name} does not exclude ${list}`
              : excl.length > 0
                ? `there is no .dockerignore and --exclude does not cover ${list}`
                : 'there is no .dockerignore';
            const tail = di || excl.length > 0 ? 'secrets in the context end up in the image' : '.env files, .git and keys in the context end up in the image';
            found.push({
              range: s.range,
              message: `${ins.getKeyword()} "${s.text}" copies the whole build context into the final image and ${why}: ${tail}.`,
            });
            continue;
          }
          const kind = secretFileKind(text);
          if (!kind) continue;
          const base = norm.slice(norm.lastIndexOf('/') + 1);
          const dest = destAbs();
          const path = dest === undefined ? undefined : destIsDir ? joinPath(dest, base) : dest;
          out.push({ path, what: kind, source: text, origin });
          found.push({
            range: s.range,
            message: `${ins.getKeyword()} "${text}" puts ${kind} into the final image: anyone who can pull the image can read it.`,
          });
        }
      }
      if (found.length > 0) this.findings.set(ins, found);
    }
    this.memo.set(stage, out);
    return out;
  }

  private carriedFinding(ins: Instruction, fromText: string, s: { text: string; range: Range }, hits: Entry[]): Finding {
    const first = hits[0]!;
    const more = hits.length > 1 ? ` and ${hits.length - 1} more secret ${hits.length > 2 ? 'files' : 'file'}` : '';
    const detail = first.leaks
      ? `copied into stage ${stageLabel(first.origin.stage)} on line ${first.origin.line + 1}; ${first.leaks}`
      : `"${first.source}", copied into stage ${stageLabel(first.origin.stage)} on line ${first.origin.line + 1}`;
    const related: RelatedLocation[] = hits.slice(0, 5).map((h) => ({
      range: h.origin.range,
      message: h.leaks ? 'The whole build context is copied here' : `"${h.source}" is copied from the build context here`,
    }));
    return {
      range: s.range,
      message: `${ins.getKeyword()} --from=${fromText} "${s.text}" carries ${first.what} (${detail})${more} into the final image: anyone who can pull the image can read it.`,
      related,
    };
  }
}

/**
 * Where entry `e` lands when `COPY --from` copies `srcAbs` to `destAbs`, or null when the source
 * does not include it. A folder source copies its contents; a file source lands in the
 * destination folder (or becomes the destination file).
 */
function carry(srcAbs: string, e: Entry, destAbs: string | undefined, destIsDir: boolean): string | undefined | null {
  if (srcAbs === '/') return e.path === undefined || destAbs === undefined ? undefined : joinPath(destAbs, e.path);
  if (e.path === undefined) return null;
  const rel = e.path.slice(1);
  const pattern = srcAbs.slice(1);
  if (/[*?[]/.test(pattern)) {
    // A glob: the shortest part of the entry's path that it matches is what gets copied.
    const matchGlob = compilePattern(cleanPath(pattern));
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (!matchGlob(prefix)) continue;
      if (destAbs === undefined) return undefined;
      const tail = parts.slice(i).join('/');
      return i === parts.length ? joinPath(destAbs, parts[i - 1]!) : joinPath(destAbs, tail);
    }
    return null;
  }
  if (e.path === srcAbs) {
    if (destAbs === undefined) return undefined;
    // A folder (the whole context) copies its contents; a file goes into a folder destination.
    if (e.leaks) return destAbs;
    return destIsDir ? joinPath(destAbs, srcAbs.slice(srcAbs.lastIndexOf('/') + 1)) : destAbs;
  }
  if (e.path.startsWith(srcAbs + '/')) return destAbs === undefined ? undefined : joinPath(destAbs, e.path.slice(srcAbs.length + 1));
  return null;
}

export const secretFileCopied: Rule<DockerfileModel> = {
  meta,
  check(model, ctx) {
    const a = new Analysis(model, ctx);
    const out: Finding[] = [];
    for (const stage of shippedStages(model).reverse()) {
      a.entries(stage);
      for (const ins of stage.instructions) out.push(...(a.findings.get(ins) ?? []));
    }
    return out;
  },
};
