// The Dockerfile model every dockerfile/* rule reads: stages with inheritance, the final stage,
// ARG-resolved base images, RUN scripts as shell words with document offsets, SHELL in effect.
import type { Instruction, From, Run, Argument } from 'dockerfile-ast';
import { parseSegmented, type DockerfileAst } from './segments';
import { LineIndex } from '../../engine/text';
import { heredocsOf, memoizeInstructionArguments } from './ast-memo';
import { fastRangeCreate } from './range-create';
import type { Finding, Range } from '../../engine/types';
import { forEachCommand, isPosixShell, programName, shiftScript, tokenizeShell, type ShellCommand, type ShellScript, type ShellWord } from './shell';
import { entrypointDropsPrivileges, imageFacts, isWindowsImage, knownNonRootImage } from './images';
import { MemoSlot } from '../../engine/memo-slot';
import { posixNormalize } from '../../engine/posix-path';

export interface ImageRef {
  /** The image reference as written in FROM (may contain `${VAR}`). */
  text: string;
  range: Range;
  /** After substituting global ARG defaults; undefined when a variable cannot be resolved. */
  resolved?: string;
  /** Parts of the resolved reference. */
  name?: string;
  tag?: string;
  digest?: string;
  /** Exact ranges of the tag / digest when they are written literally in FROM. */
  tagRange?: Range;
  digestRange?: Range;
  /** True when the reference went through ARG substitution. */
  viaArg: boolean;
  /** The ARG whose default supplied the value (for related locations). */
  argRange?: Range;
  scratch: boolean;
  /** The earlier stage this FROM builds on, when it names one. */
  stage?: DockerStage;
}

export interface DockerStage {
  index: number;
  from: From;
  /** Stage name from `AS name`, lower-cased as BuildKit compares them. */
  name?: string;
  image: ImageRef;
  parent?: DockerStage;
  /** Instructions after FROM up to the next FROM. */
  instructions: Instruction[];
  isFinal: boolean;
  /** First and last line of the stage. */
  startLine: number;
  endLine: number;
}

export interface RunInfo {
  instruction: Run;
  stage: DockerStage | undefined;
  /** The SHELL in effect (`["/bin/sh","-c"]` by default). */
  shell: string[];
  /** Exec (JSON) form: no shell is involved. */
  execForm: boolean;
  /** Scripts the shell (or heredoc interpreter) runs: the command line and script heredocs. */
  scripts: ShellScript[];
  /** Interpreter named for a script heredoc (`RUN <<EOF bash`, or a `#!` line). */
  heredocInterpreter?: string;
  /** `--mount` options, one object per flag (`{type: 'cache', target: '/var/cache/apt'}`). */
  mounts: Array<Record<string, string>>;
}

export interface DockerfileModel {
  text: string;
  index: LineIndex;
  ast: DockerfileAst;
  stages: DockerStage[];
  finalStage: DockerStage | undefined;
  runs: RunInfo[];
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, { value: string | null; range: Range }>;
  escapeChar: string;
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];

memoizeInstructionArguments();
fastRangeCreate();

export function buildModel(text: string, path?: string): DockerfileModel {
  const index = new LineIndex(text);
  const ast = parseSegmented(text, path);
  const escapeChar = ast.getEscapeCharacter();

  const globalArgs = new Map<string, { value: string | null; range: Range }>();
  for (const arg of ast.getInitialARGs()) {
    // `ARG A B=1` declares two arguments (argProperties reads it as BuildKit does).
    for (const p of argProperties({ index, text, escapeChar }, arg)) {
      globalArgs.set(p.name, { value: p.value, range: p.valueRange ?? p.nameRange });
    }
  }

  const stages: DockerStage[] = [];
  // First stage of each name: `FROM <name>` looks it up (a list search is quadratic in stages).
  const stageByName = new Map<string, DockerStage>();
  const runs: RunInfo[] = [];
  let current: DockerStage | undefined;
  let shell = DEFAULT_SHELL;

  for (const ins of ast.getInstructions()) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') {
      const from = ins as From;
      const image = resolveImage(from, globalArgs, stageByName);
      const nameRaw = from.getBuildStage();
      const range = ins.getRange();
      current = {
        index: stages.length,
        from,
        name: nameRaw ? nameRaw.toLowerCase() : undefined,
        image,
        parent: image.stage,
        instructions: [],
        isFinal: false,
        startLine: range.start.line,
        endLine: range.end.line,
      };
      stages.push(current);
      if (current.name && !stageByName.has(current.name)) stageByName.set(current.name, current);
      // A new stage starts with its parent stage's SHELL when built FROM a stage.
      shell = image.stage ? stageShell(image.stage) : DEFAULT_SHELL;
      continue;
    }
    if (current) {
      current.instructions.push(ins);
      current.endLine = ins.getRange().end.line;
    }
    if (kw === 'SHELL') {
      const parsed = parseJsonArray(ins.getRawArgumentsContent() ?? '');
      if (parsed && parsed.length > 0) shell = parsed;
    } else if (kw === 'RUN') {
      runs.push(buildRun(ins as Run, current, shell, index, escapeChar));
    }
  }
  const finalStage = stages[stages.length - 1];
  if (finalStage) finalStage.isFinal = true;
  return { text, index, ast, stages, finalStage, runs, globalArgs, escapeChar };
}

/**
 * The scripts of a RUN that are POSIX shell code: none for exec form, none when a script
 * heredoc names another interpreter (`RUN <<EOF python3`, `#!/usr/bin/env node`).
 */
export function shellScripts(run: RunInfo): ShellScript[] {
  if (run.execForm) return [];
  if (run.heredocInterpreter !== undefined && !isPosixShell(run.heredocInterpreter)) return [];
  return run.scripts;
}

/**
 * Every shell command of every RUN (see `shellScripts`), including commands inside `$(…)`,
 * backticks, `<(…)` and `sh -c '…'` strings (`depth` > 0 for those).
 */
export function forEachRunCommand(
  model: DockerfileModel,
  visit: (cmd: ShellCommand, run: RunInfo, script: ShellScript, depth: number) => void,
): void {
  for (const run of model.runs) forEachCommandOfRun(run, (cmd, sc, depth) => visit(cmd, run, sc, depth));
}

/** `forEachRunCommand` for one RUN. */
export function forEachCommandOfRun(run: RunInfo, visit: (cmd: ShellCommand, script: ShellScript, depth: number) => void): void {
  for (const script of shellScripts(run)) forEachCommand(script, visit);
}

// apt-get/apt options that take a value (`-o Key=Value`, `-t bookworm-backports` …).
const APT_VALUE_OPTS = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']);

/**
 * For `apt-get [options] install …` (or `apt install`), given the words from the program on
 * (see `effectiveWords`): the `install` word. Undefined for other commands.
 */
export function aptInstallWord(words: ShellWord[]): ShellWord | undefined {
  const p = programName(words[0]);
  if (p !== 'apt-get' && p !== 'apt') return undefined;
  for (let k = 1; k < words.length; k++) {
    const v = words[k]!.value;
    if (APT_VALUE_OPTS.has(v)) {
      k++;
      continue;
    }
    if (v.startsWith('-')) continue;
    return v === 'install' ? words[k] : undefined;
  }
  return undefined;
}

/** The SHELL in effect at the end of a stage (following FROM <stage> inheritance). */
export function stageShell(stage: DockerStage): string[] {
  for (let k = stage.instructions.length - 1; k >= 0; k--) {
    const ins = stage.instructions[k]!;
    if (ins.getKeyword() === 'SHELL') {
      const parsed = parseJsonArray(ins.getRawArgumentsContent() ?? '');
      if (parsed && parsed.length > 0) return parsed;
    }
  }
  return stage.parent ? stageShell(stage.parent) : DEFAULT_SHELL;
}

/** The last instruction with this keyword in a stage or the stages it is built FROM. */
export function inheritedInstruction(stage: DockerStage, keyword: string): Instruction | undefined {
  for (let s: DockerStage | undefined = stage, guard = 0; s && guard < 1000; s = s.parent, guard++) {
    for (let k = s.instructions.length - 1; k >= 0; k--) {
      if (s.instructions[k]!.getKeyword() === keyword) return s.instructions[k];
    }
  }
  return undefined;
}

/** The root of a stage's FROM <stage> chain: the stage that names a real image. */
export function baseStage(stage: DockerStage): DockerStage {
  let s = stage;
  for (let guard = 0; s.parent && guard < 1000; guard++) s = s.parent;
  return s;
}

export function parseJsonArray(raw: string): string[] | undefined {
  const t = raw.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // Not valid JSON: Docker treats it as shell form.
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// FROM image resolution

// regex-audit: quadratic alone, linear as used (only on the text up to its last `}`, below).
const VAR_RE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
// `[^}]*\}` rescans to the end of the text from every `${` that no `}` follows (quadratic on
// `${a-${a-${a-…`). No braced form can start after the last `}`: there only `$NAME` is looked for.
const PLAIN_VAR_RE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Substitutes global ARG defaults; returns undefined when any variable stays unknown. */
export function substituteArgs(
  text: string,
  args: Map<string, { value: string | null; range: Range }>,
  used?: Range[],
  depth = 0,
): string | undefined {
  if (depth > 8) return undefined;
  let unresolved = false;
  const replace = (_m: string, braced: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined): string => {
    const name = (braced ?? plain)!;
    const arg = args.get(name);
    let value: string | null | undefined = arg?.value;
    if (value != null && arg && used) used.push(arg.range);
    if (value != null && /\$/.test(value)) {
      const inner = substituteArgs(value, args, used, depth + 1);
      value = inner;
      if (inner === undefined) unresolved = true;
    }
    const isSet = value != null;
    const isEmpty = !isSet || value === '';
    switch (op) {
      case ':-':
        return isEmpty ? (word ?? '') : value!;
      case '-':
        return isSet ? value! : (word ?? '');
      case ':+':
        return isEmpty ? '' : (word ?? '');
      case '+':
        return isSet ? (word ?? '') : '';
      case ':?':
      case '?':
        if (!isSet) unresolved = true;
        return value ?? '';
      default:
        if (!isSet) unresolved = true;
        return value ?? '';
    }
  };
  const cut = text.lastIndexOf('}') + 1;
  const out =
    text.slice(0, cut).replace(VAR_RE, replace) + text.slice(cut).replace(PLAIN_VAR_RE, (m: string, plain: string) => replace(m, undefined, undefined, undefined, plain));
  return unresolved ? undefined : out;
}

/** Splits `registry/name:tag@digest` into name (with registry), tag and digest. */
export function splitImage(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

function resolveImage(
  from: From,
  args: Map<string, { value: string | null; range: Range }>,
  stages: Map<string, DockerStage>,
): ImageRef {
  const text = from.getImage() ?? '';
  const range = from.getImageRange() ?? from.getRange();
  const viaArg = text.includes('$');
  const used: Range[] = [];
  const resolved = viaArg ? substituteArgs(text, args, used) : text;
  const ref: ImageRef = { text, range, viaArg, scratch: false };
  if (resolved === undefined) return ref;
  ref.resolved = resolved;
  if (used.length > 0) ref.argRange = used[0];
  const parts = splitImage(resolved);
  ref.name = parts.name;
  ref.tag = parts.tag;
  ref.digest = parts.digest;
  if (!viaArg) {
    ref.tagRange = from.getImageTagRange() ?? undefined;
    ref.digestRange = from.getImageDigestRange() ?? undefined;
  }
  const lower = resolved.toLowerCase();
  ref.scratch = lower === 'scratch';
  // A stage reference is a bare name with no tag/digest that matches an earlier stage.
  if (!parts.tag && !parts.digest) ref.stage = stages.get(lower);
  return ref;
}

// ---------------------------------------------------------------------------------------------
// RUN scripts

// RunInfo by RUN instruction. The segment cache hands back the same Instruction object while its
// stage's text and first line are unchanged, so the RUN sits at the same line and column; when
// the SHELL in effect is unchanged too, its tokenised scripts (and the facts rules memoise on
// them) are reused. An edit earlier in the file moves the RUN's document offset without changing
// it: the scripts are then copied with their offsets moved, not tokenised again (typing in one
// stage used to re-tokenise every RUN after it on each keystroke).
const runCache = new MemoSlot<Run, RunEntry>();

interface RunEntry {
  offset: number;
  key: string;
  info: RunInfo;
  /** What rules derived from nothing but the RUN's commands, by rule (see runMemo). */
  memo: Map<string, unknown>;
}

/** How many RUNs were tokenised afresh (tests check that an edit elsewhere costs none). */
export const runStats = { built: 0, moved: 0 };

function buildRun(run: Run, stage: DockerStage | undefined, shell: string[], index: LineIndex, escapeChar: string): RunInfo {
  const offset = index.offsetAt(run.getRange().start);
  const key = `${escapeChar}\u0000${shell.join('\u0000')}`;
  const hit = runCache.get(run);
  if (hit && hit.key === key) {
    if (hit.offset === offset) return { ...hit.info, stage };
    runStats.moved++;
    const delta = offset - hit.offset;
    const info: RunInfo = { ...hit.info, stage, scripts: hit.info.scripts.map((sc) => shiftScript(sc, delta)) };
    // Same line and column: the findings' line/character ranges still hold.
    runCache.set(run, { offset, key, info, memo: hit.memo });
    return info;
  }
  runStats.built++;
  const info = buildRunInfo(run, stage, shell, index, escapeChar);
  runCache.set(run, { offset, key, info, memo: new Map() });
  return info;
}

/**
 * The findings of a rule that reads nothing of a RUN but its own commands (not its stage, the
 * image, other instructions or the file's line breaks), over every RUN in document order.
 * `find` runs once per RUN and rule while the RUN is unchanged: a RUN reused from the previous
 * version of the document, or moved by an edit before it (same line and column, only its
 * document offset changed), keeps its findings, so a keystroke re-runs such rules on the
 * edited stage only. Ranges are line/character based, so they hold for a moved RUN; the
 * findings are shared between lints and must not be modified.
 */
export function runFindings(model: DockerfileModel, rule: string, find: (run: RunInfo) => Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const run of model.runs) for (const f of runMemo(run, rule, () => find(run))) out.push(f);
  return out;
}

/**
 * What `compute` derives from nothing but a RUN's commands (see runFindings), memoised under
 * `key` while the RUN is unchanged. Line/character ranges in it hold; document offsets do not
 * (a moved RUN keeps it). Shared between lints: read only.
 */
export function runMemo<T>(run: RunInfo, key: string, compute: () => T): T {
  const entry = runCache.get(run.instruction);
  // The entry must be the one this model's RunInfo came from (the same scripts).
  const memo = entry && entry.info.scripts === run.scripts ? entry.memo : undefined;
  if (memo?.has(key)) return memo.get(key) as T;
  const value = compute();
  memo?.set(key, value);
  return value;
}

function buildRunInfo(run: Run, stage: DockerStage | undefined, shell: string[], index: LineIndex, escapeChar: string): RunInfo {
  const mounts: Array<Record<string, string>> = [];
  for (const flag of run.getFlags()) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const opts: Record<string, string> = {};
    for (const o of flag.getOptions()) opts[o.getName().toLowerCase()] = o.getValue() ?? '';
    mounts.push(opts);
  }
  const args: Argument[] = run.getArguments();
  const info: RunInfo = { instruction: run, stage, shell, execForm: false, scripts: [], mounts };
  if (args.length === 0) return info;
  const heredocs = heredocsOf(run);
  const start = index.offsetAt(args[0]!.getRange().start);
  // The command line ends where the first heredoc body begins.
  const firstBody = heredocs.length > 0 ? heredocs[0]!.getContentRange() ?? heredocs[0]!.getDelimiterRange() : null;
  const end = firstBody ? index.lineEnd(firstBody.start.line - 1) : index.offsetAt(run.getRange().end);
  const raw = index.text.slice(start, Math.max(start, end));
  if (raw.trimStart().startsWith('[')) {
    info.execForm = parseJsonArray(raw) !== undefined;
  }
  const line = joinContinuations(raw, start, escapeChar);
  const cmdLine = tokenizeShell(line.text, line.offsets);
  // `RUN <<EOF [interpreter]`: the heredoc body is the script; otherwise heredocs are data.
  const firstWord = cmdLine.commands[0]?.words[0]?.value ?? '';
  const scriptHeredoc = /^<<-?/.test(firstWord);
  if (!scriptHeredoc) info.scripts.push(cmdLine);
  if (scriptHeredoc && heredocs.length > 0) {
    const body = heredocs[0]!.getContentRange();
    const interp = cmdLine.commands[0]!.words.slice(1).find((w) => !/^[<>]/.test(w.value))?.value;
    if (body) {
      const bs = index.offsetAt(body.start);
      const be = index.offsetAt(body.end);
      const bodyText = index.text.slice(bs, be);
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(bodyText);
      info.heredocInterpreter = interp ?? (shebang ? (shebang[1]!.endsWith('/env') ? shebang[2] : shebang[1]) : undefined);
      const offsets = new Array<number>(bodyText.length + 1);
      for (let k = 0; k <= bodyText.length; k++) offsets[k] = bs + k;
      info.scripts.push(tokenizeShell(bodyText, offsets));
    }
  }
  return info;
}

/**
 * Removes Dockerfile line continuations (escape char + newline) and comment lines inside them,
 * keeping a map from each remaining character to its document offset.
 */
export function joinContinuations(raw: string, base: number, escapeChar: string): { text: string; offsets: number[] } {
  const n = raw.length;
  let text = '';
  // Characters from `kept` up to `i` are kept as they are; they join `text` as one slice when
  // a continuation or a dropped line interrupts them (a string per character was 15% of a
  // Dockerfile lint's allocation).
  let kept = 0;
  // Sized up front (at most one offset per character, plus the end) and trimmed at the end:
  // growing by push copied each RUN's table a few times over.
  const offsets: number[] = n < 16384 ? new Array<number>(n + 1) : [];
  let m = 0;
  let i = 0;
  let atLineStart = false;
  while (i < n) {
    const c = raw[i]!;
    if (atLineStart) {
      // Inside a continuation, lines that start with `#` are comments Docker drops.
      let j = i;
      while (j < n && (raw[j] === ' ' || raw[j] === '\t')) j++;
      if (raw[j] === '#') {
        while (j < n && raw[j] !== '\n') j++;
        i = j + 1;
        kept = i;
        continue;
      }
      if (raw[j] === '\n' || (raw[j] === '\r' && raw[j + 1] === '\n')) {
        // Empty continuation line.
        i = raw[j] === '\r' ? j + 2 : j + 1;
        kept = i;
        continue;
      }
      atLineStart = false;
    }
    if (c === escapeChar) {
      let j = i + 1;
      while (j < n && (raw[j] === ' ' || raw[j] === '\t')) j++;
      if (raw[j] === '\r' && raw[j + 1] === '\n') j++;
      if (raw[j] === '\n' || j >= n) {
        text += raw.slice(kept, i) + ' ';
        offsets[m++] = base + i;
        i = j + 1;
        kept = i;
        atLineStart = true;
        continue;
      }
      // Backslash is the shell's escape when the Dockerfile escape is backtick, and vice versa.
    }
    offsets[m++] = base + i;
    i++;
  }
  if (kept < n) text += raw.slice(kept, n);
  offsets[m++] = base + n;
  offsets.length = m;
  return { text, offsets };
}

// ---------------------------------------------------------------------------------------------
// Stage facts shared by the runtime rules (added for user-root, secret-file-copied, expose-ssh,
// healthcheck-missing, shell-form-entrypoint). Additive: nothing above depends on them.

/** A stage followed by the stages it is built FROM: `[stage, parent, grandparent, …]`. */
export function stageChain(stage: DockerStage): DockerStage[] {
  const out: DockerStage[] = [];
  for (let s: DockerStage | undefined = stage; s && out.length < 1000; s = s.parent) out.push(s);
  return out;
}

/** The stages whose file system and config ship in the image: the final stage and its FROM <stage> chain. */
export function shippedStages(model: DockerfileModel): DockerStage[] {
  return model.finalStage ? stageChain(model.finalStage) : [];
}

/** Like inheritedInstruction, but also says which stage the instruction belongs to. */
export function inheritedWithStage(stage: DockerStage, keyword: string): { ins: Instruction; stage: DockerStage } | undefined {
  for (const s of stageChain(stage)) {
    for (let k = s.instructions.length - 1; k >= 0; k--) {
      if (s.instructions[k]!.getKeyword() === keyword) return { ins: s.instructions[k]!, stage: s };
    }
  }
  return undefined;
}

export type VarMap = Map<string, { value: string | null; range: Range }>;

/**
 * Variables visible to an instruction of a stage, with the values Rampart can know: ENV from the
 * stages it is built FROM (ENV is part of the image config; ARG is not), then the stage's own ARG
 * and ENV up to (not including) `before`. A stage `ARG X` without a default takes the global
 * default; values that cannot be resolved are `null` (substituteArgs then reports unresolved).
 */
export function stageVariables(model: DockerfileModel, stage: DockerStage, before?: Instruction): VarMap {
  const scope = stageScope(model, stage);
  const pos = before ? scope.position(before) : Infinity;
  const out: VarMap = new Map(scope.inherited);
  for (const [name, defs] of scope.defs) {
    const d = latestBefore(defs, pos);
    if (d) out.set(name, d.entry);
  }
  return out;
}

// Variable scopes, memoised per stage so that resolving at any instruction costs a binary
// search rather than a walk of the stage chain (a 10k-line Dockerfile must stay fast). The
// memo is keyed by the stage object: it lives exactly as long as the parsed model.
interface VarDef {
  pos: number;
  kind: 'ARG' | 'ENV';
  entry: { value: string | null; range: Range };
}

interface StageScope {
  /** ENV values inherited from the stages this one is built FROM. */
  inherited: VarMap;
  /** The stage's own ARG/ENV definitions by name, in instruction order. */
  defs: Map<string, VarDef[]>;
  /** ENV in effect at the end of the stage (what a stage built FROM it inherits). */
  envAtEnd: VarMap;
  position(ins: Instruction): number;
  /** WORKDIR after each WORKDIR instruction, in order; `dir` undefined when a variable hides it. */
  workdirs: Array<{ pos: number; dir: string | undefined }>;
  workdirAtStart: string | undefined;
}

const scopes = new MemoSlot<DockerStage, StageScope>();

function latestBefore(defs: VarDef[], pos: number): VarDef | undefined {
  let lo = 0;
  let hi = defs.length - 1;
  let found: VarDef | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (defs[mid]!.pos < pos) {
      found = defs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A VarMap view of a stage's variables just before position `pos` (only `get` is used by substituteArgs). */
function viewAt(scope: StageScope, pos: number): VarMap {
  const get = (name: string) => {
    const defs = scope.defs.get(name);
    const d = defs ? latestBefore(defs, pos) : undefined;
    return d ? d.entry : scope.inherited.get(name);
  };
  return { get } as unknown as VarMap;
}

function stageScope(model: DockerfileModel, stage: DockerStage, depth = 0): StageScope {
  const known = scopes.get(stage);
  if (known) return known;
  const parent = stage.parent && depth < 1000 ? stageScope(model, stage.parent, depth + 1) : undefined;
  const positions = new Map<Instruction, number>();
  stage.instructions.forEach((ins, i) => positions.set(ins, i));
  const scope: StageScope = {
    inherited: parent ? parent.envAtEnd : new Map(),
    defs: new Map(),
    envAtEnd: new Map(),
    position: (ins) => positions.get(ins) ?? Infinity,
    workdirs: [],
    workdirAtStart: parent ? (parent.workdirs.length > 0 ? parent.workdirs[parent.workdirs.length - 1]!.dir : parent.workdirAtStart) : '/',
  };
  scopes.set(stage, scope);
  const add = (name: string, def: VarDef) => {
    const list = scope.defs.get(name);
    if (list) list.push(def);
    else scope.defs.set(name, [def]);
  };
  const isEnv = (name: string, pos: number) => {
    const defs = scope.defs.get(name);
    if (defs && defs.some((d) => d.kind === 'ENV' && d.pos < pos)) return true;
    return scope.inherited.has(name);
  };
  let dir = scope.workdirAtStart;
  stage.instructions.forEach((ins, pos) => {
    const kw = ins.getKeyword();
    if (kw === 'ENV') {
      for (const p of (ins as unknown as PropertyLike).getProperties()) {
        const raw = p.getValue();
        const value = raw == null ? null : raw.includes('$') ? (substituteArgs(raw, viewAt(scope, pos)) ?? null) : raw;
        add(p.getName(), { pos, kind: 'ENV', entry: { value, range: p.getValueRange() ?? p.getNameRange() } });
      }
    } else if (kw === 'ARG') {
      for (const p of argProperties(model, ins)) {
        // An ENV of the same name always wins over an ARG (Docker's rule).
        if (isEnv(p.name, pos)) continue;
        let entry: { value: string | null; range: Range };
        if (p.value == null) {
          // Declared without a default: the global default applies, else only --build-arg knows.
          const g = model.globalArgs.get(p.name);
          entry = g ? { value: g.value, range: g.range } : { value: null, range: p.nameRange };
        } else {
          entry = { value: p.value.includes('$') ? (substituteArgs(p.value, viewAt(scope, pos)) ?? null) : p.value, range: p.valueRange ?? p.nameRange };
        }
        add(p.name, { pos, kind: 'ARG', entry });
      }
    } else if (kw === 'WORKDIR') {
      const raw = ins.getArguments().map((a) => a.getValue()).join(' ');
      const value = raw.includes('$') ? substituteArgs(raw, viewAt(scope, pos)) : raw;
      if (value === undefined) dir = undefined;
      else dir = value.startsWith('/') ? posixNormalize(value) : dir === undefined ? undefined : posixNormalize(`${dir}/${value}`);
      scope.workdirs.push({ pos, dir });
    }
  });
  const envAtEnd: VarMap = new Map(scope.inherited);
  for (const [name, defs] of scope.defs) {
    for (let k = defs.length - 1; k >= 0; k--) {
      if (defs[k]!.kind === 'ENV') {
        envAtEnd.set(name, defs[k]!.entry);
        break;
      }
    }
  }
  scope.envAtEnd = envAtEnd;
  return scope;
}

export interface NameValue {
  name: string;
  nameRange: Range;
  value: string | null;
  valueRange: Range | null;
}

/**
 * The name[=value] pairs of an ARG as BuildKit reads them. dockerfile-ast reads
 * `ARG A B=1` as the legacy `NAME value` form, which ARG does not have; BuildKit declares A and B.
 */
export function argProperties(model: Pick<DockerfileModel, 'index' | 'text' | 'escapeChar'>, ins: Instruction): NameValue[] {
  const props = (ins as unknown as PropertyLike).getProperties();
  const legacy = props.length === 1 && props[0]!.getValue() !== null && !props[0]!.getAssignmentOperator?.();
  if (!legacy) {
    return props.map((p) => ({ name: p.getName(), nameRange: p.getNameRange(), value: p.getValue(), valueRange: p.getValueRange() }));
  }
  const args = argumentsText(model, ins);
  if (!args) return [];
  const out: NameValue[] = [];
  const { text, offsets } = args;
  const rangeOf = (a: number, b: number) => model.index.rangeOf(offsets[a]!, a === b ? offsets[a]! : offsets[b - 1]! + 1);
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let eq = -1;
    let value = '';
    let quote = '';
    while (i < text.length && (quote || !/\s/.test(text[i]!))) {
      const c = text[i]!;
      if (eq < 0 && c === '=' && !quote) {
        eq = i;
        i++;
        continue;
      }
      if (quote) {
        if (c === quote) quote = '';
        else if (c === '\\' && quote === '"' && i + 1 < text.length) value += text[++i];
        else if (eq >= 0) value += c;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && i + 1 < text.length) {
        if (eq >= 0) value += text[i + 1];
        i++;
      } else if (eq >= 0) value += c;
      i++;
    }
    const nameEnd = eq >= 0 ? eq : i;
    out.push({
      name: text.slice(start, nameEnd),
      nameRange: rangeOf(start, nameEnd),
      value: eq >= 0 ? value : null,
      valueRange: eq >= 0 ? rangeOf(eq + 1, i) : null,
    });
  }
  return out;
}

interface PropertyLike {
  getProperties(): Array<{
    getName(): string;
    getValue(): string | null;
    getNameRange(): Range;
    getValueRange(): Range | null;
    getAssignmentOperator?(): string | null;
  }>;
}

/** Expands `$VAR`/`${VAR…}` in an instruction argument with the stage's variables; undefined when unknown. */
export function resolveInStage(model: DockerfileModel, stage: DockerStage, ins: Instruction, text: string): string | undefined {
  if (!text.includes('$')) return text;
  const scope = stageScope(model, stage);
  return substituteArgs(text, viewAt(scope, scope.position(ins)));
}

/** The stage a `--from=` value names (stage name or index), or undefined for an external image. */
export function stageByRef(model: DockerfileModel, ref: string, current?: DockerStage): DockerStage | undefined {
  const lower = ref.toLowerCase();
  const limit = current ? current.index : model.stages.length;
  if (/^\d+$/.test(ref)) {
    const i = Number(ref);
    return i < limit ? model.stages[i] : undefined;
  }
  for (let i = limit - 1; i >= 0; i--) if (model.stages[i]!.name === lower) return model.stages[i];
  return undefined;
}

/** The working directory in effect at an instruction (WORKDIR, following FROM <stage>); undefined when a variable hides it. */
export function workdirAt(model: DockerfileModel, stage: DockerStage, before?: Instruction): string | undefined {
  const scope = stageScope(model, stage);
  const pos = before ? scope.position(before) : Infinity;
  // Binary search for the last WORKDIR before `pos`.
  let lo = 0;
  let hi = scope.workdirs.length - 1;
  let dir = scope.workdirAtStart;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scope.workdirs[mid]!.pos < pos) {
      dir = scope.workdirs[mid]!.dir;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return dir;
}

export { posixNormalize };

/** The arguments of an instruction as one string with line continuations removed. */
export function argumentsText(model: Pick<DockerfileModel, 'index' | 'text' | 'escapeChar'>, ins: Instruction): { text: string; offsets: number[] } | undefined {
  const r = ins.getArgumentsRange();
  if (!r) return undefined;
  const start = model.index.offsetAt(r.start);
  const end = model.index.offsetAt(r.end);
  return joinContinuations(model.text.slice(start, end), start, model.escapeChar);
}

export interface Declaration {
  /** `ARG`, `ENV` or `LABEL`. */
  keyword: 'ARG' | 'ENV' | 'LABEL';
  name: string;
  nameRange: Range;
  /** Unquoted value; null when the declaration has none (`ARG X`). */
  value: string | null;
  /** The value as written, quotes included; null when there is none. */
  valueRange: Range | null;
  instruction: Instruction;
  /** The stage it belongs to; undefined for global ARGs before the first FROM. */
  stage: DockerStage | undefined;
  /** Declared through `ONBUILD` (runs in images built FROM this one). */
  onbuild: boolean;
}

/**
 * Every ARG, ENV and LABEL key/value in the file, global ARGs and ONBUILD triggers included.
 * Computed once per model (several rules read it): shared, read only.
 */
export function declarations(model: DockerfileModel): readonly Declaration[] {
  let known = declarationsMemo.get(model);
  if (!known) {
    known = computeDeclarations(model);
    declarationsMemo.set(model, known);
  }
  return known;
}

const declarationsMemo = new MemoSlot<DockerfileModel, Declaration[]>();

function computeDeclarations(model: DockerfileModel): Declaration[] {
  const out: Declaration[] = [];
  // Instructions come in document order, so the stage only moves forward.
  let k = -1;
  const stageOf = (line: number) => {
    while (k + 1 < model.stages.length && model.stages[k + 1]!.startLine <= line) k++;
    return k >= 0 ? model.stages[k] : undefined;
  };
  for (const ins of model.ast.getInstructions()) {
    let target: Instruction | null = ins;
    let onbuild = false;
    if (ins.getKeyword() === 'ONBUILD') {
      target = (ins as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      onbuild = true;
    }
    if (!target) continue;
    const kw = target.getKeyword();
    if (kw !== 'ARG' && kw !== 'ENV' && kw !== 'LABEL') continue;
    const stage = stageOf(ins.getRange().start.line);
    const props: NameValue[] =
      kw === 'ARG'
        ? argProperties(model, target)
        : (target as unknown as PropertyLike)
            .getProperties()
            .map((p) => ({ name: p.getName(), nameRange: p.getNameRange(), value: p.getValue(), valueRange: p.getValueRange() }));
    for (const p of props) out.push({ keyword: kw, ...p, instruction: ins, stage, onbuild });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Runtime facts of a stage, shared by the Dockerfile rules and the compose rules that read the
// Dockerfile a service builds (compose/user-root, compose/healthcheck-missing judge the final
// stage, or the `build.target` stage, with the same logic).

/** True when a resolved USER value (`user[:group]`) names uid 0. */
export function isRootUser(value: string): boolean {
  const user = value.trim().split(':')[0]!.trim();
  return user.toLowerCase() === 'root' || /^0+$/.test(user);
}

/** Why the image built from a stage runs as root. */
export type StageRoot =
  /** A USER in the stage (or a stage it is built FROM) names root; `range` is its argument. */
  | { kind: 'user'; ins: Instruction; stage: DockerStage; written: string; value: string; range: Range }
  /** No USER anywhere in the chain, and the base image (`base.image`) runs as root. */
  | { kind: 'default'; base: DockerStage };

/**
 * Whether the image built from `stage` (the final stage, or a `--target`) runs its process as
 * root: its effective USER (following FROM <stage>) is root/0, or there is none and the base image
 * is not known to run as another user. Undefined when it does not, or when Rampart cannot tell
 * (a USER or base image behind an unresolved variable, Windows images).
 */
export function stageRunsAsRoot(model: DockerfileModel, stage: DockerStage): StageRoot | undefined {
  const root = baseStage(stage);
  const base = imageFacts(root.image);
  if (base && isWindowsImage(base)) return undefined;
  const user = inheritedWithStage(stage, 'USER');
  if (user) {
    const range = user.ins.getArgumentsRange();
    if (!range) return undefined;
    const written = user.ins.getArguments().map((a) => a.getValue()).join(' ');
    const value = resolveInStage(model, user.stage, user.ins, written);
    if (value === undefined || !isRootUser(value)) return undefined;
    return { kind: 'user', ins: user.ins, stage: user.stage, written, value, range };
  }
  if (!base) {
    // Unresolved base (`FROM ${BASE}`) is unknown; scratch has no /etc/passwd and runs as uid 0.
    if (!root.image.scratch) return undefined;
  } else {
    if (knownNonRootImage(base)) return undefined;
    if (entrypointDropsPrivileges(base) && !inheritedWithStage(stage, 'ENTRYPOINT')) return undefined;
  }
  return { kind: 'default', base: root };
}

/** The HEALTHCHECK in effect for the image built from `stage` (following FROM <stage>); `none` for HEALTHCHECK NONE. */
export function stageHealthcheck(stage: DockerStage): { ins: Instruction; stage: DockerStage; none: boolean } | undefined {
  const hc = inheritedWithStage(stage, 'HEALTHCHECK');
  if (!hc) return undefined;
  const sub = hc.ins.getArguments()[0];
  return { ...hc, none: !!sub && sub.getValue().toUpperCase() === 'NONE' };
}

/** The stage an image is built from: the `target` stage when named (undefined when no stage has that name), else the final stage. */
export function targetStage(model: DockerfileModel, target?: string): DockerStage | undefined {
  if (target === undefined || target === '') return model.finalStage;
  const lower = target.toLowerCase();
  for (let i = model.stages.length - 1; i >= 0; i--) if (model.stages[i]!.name === lower) return model.stages[i];
  return undefined;
}

/** The first TCP port the image built from `stage` exposes (EXPOSE, following FROM <stage>), resolved. */
export function stageExposedPort(model: DockerfileModel, stage: DockerStage): string | undefined {
  for (const s of stageChain(stage)) {
    for (const ins of s.instructions) {
      if (ins.getKeyword() !== 'EXPOSE') continue;
      for (const a of ins.getArguments()) {
        const v = resolveInStage(model, s, ins, a.getValue());
        const m = v === undefined ? null : /^(\d{1,5})(?:\/tcp)?$/i.exec(v);
        if (m) return m[1];
      }
    }
  }
  return undefined;
}
