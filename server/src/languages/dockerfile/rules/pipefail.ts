import { defineMeta } from '../../../engine/meta';
import type { Finding, Fix, Rule } from '../../../engine/types';
import * as modelFns from '../model';
import type { DockerfileModel, RunInfo } from '../model';
import * as shellFns from '../shell';
import type { ShellCommand, ShellScript } from '../shell';

// Local copies: esbuild's CommonJS output (out/, which tests and the in-process benchmark run)
// reads every import through a getter on each use, and these run for every RUN and command.
const { baseStage, parseJsonArray, runMemo, shellScripts } = modelFns;
const { effectiveWords, pipelines, programName } = shellFns;

export const meta = defineMeta({
  id: 'dockerfile/pipefail',
  language: 'dockerfile',
  title: 'Pipe in RUN without pipefail',
  description:
    'A RUN pipes one command into another without `pipefail`: the step\'s status is the last command\'s, so a failed download or check before the pipe goes unnoticed and the build carries on with partial output.',
  severity: 'warning',
  fix: 'suggest',
  sources: ['hadolint DL4006'],
  peers: ['DL4006'],
  tags: ['security', 'CWE-754'],
  securitySeverity: '4.0',
});

const NON_POSIX_RE = /^(?:pwsh|powershell|cmd)(?:\.exe)?$/i;
const PIPEFAIL_SHELL_RE = /^(?:bash|zsh|ksh|mksh)$/;
// Upstream commands whose failure cannot matter (and `yes`, which pipefail would turn into a failure).
const HARMLESS_UPSTREAM = new Set(['echo', 'printf', 'yes', 'true']);

function basename(p: string): string {
  const slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return (slash >= 0 ? p.slice(slash + 1) : p).toLowerCase();
}

/** `["/bin/bash", "-eo", "pipefail", "-c"]` and the like. */
function requestsPipefail(args: string[]): boolean {
  for (let k = 0; k + 1 < args.length; k++) {
    if (/^-[a-zA-Z]*o$/.test(args[k]!) && args[k + 1] === 'pipefail') return true;
  }
  return false;
}

/** Where unprotectedPipe's pipeline sits in the script's commands. */
function unprotectedSpan(script: ShellScript): { first: number; length: number } | undefined {
  const line = unprotectedPipe(script);
  return line ? { first: script.commands.indexOf(line[0]!), length: line.length } : undefined;
}

/**
 * The first pipe in the script that runs without pipefail, or undefined. `set -o pipefail`
 * (or `set -euo pipefail` …) earlier in the same script covers every pipe after it.
 */
function unprotectedPipe(script: ShellScript): readonly ShellCommand[] | undefined {
  let covered = false;
  for (const line of pipelines(script)) {
    const first = effectiveWords(line[0]!);
    if (programName(first[0]) === 'set' && requestsPipefail(first.map((w) => w.value))) covered = true;
    if (line.length < 2 || covered) continue;
    const upstream = line.slice(0, -1);
    if (upstream.every((c) => HARMLESS_UPSTREAM.has(programName(effectiveWords(c)[0])))) continue;
    return line;
  }
  return undefined;
}

type Family = 'bash' | 'busybox' | 'windows' | 'none' | 'unknown';

// Images known to ship bash (Debian/Ubuntu/RHEL-based official images), matched on the repository name.
const BASH_IMAGES = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'node', 'python', 'golang', 'rust', 'ruby', 'php', 'perl', 'openjdk',
  'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'centos', 'fedora', 'rockylinux', 'almalinux',
  'amazonlinux', 'oraclelinux', 'ubi8', 'ubi9', 'ubi', 'ubi8-minimal', 'ubi9-minimal', 'nginx', 'httpd',
  'postgres', 'mysql', 'mariadb', 'redis', 'mongo', 'elixir', 'erlang', 'haskell', 'swift', 'gcc', 'julia',
  'r-base', 'sdk', 'aspnet', 'runtime', 'jenkins', 'wordpress', 'drupal', 'tomcat', 'kalilinux', 'archlinux',
]);

/** What shell the stage's base image offers, from its name and tag. */
function imageFamily(model: DockerfileModel, run: RunInfo): Family {
  if (!run.stage) return 'unknown';
  const img = baseStage(run.stage).image;
  if (img.scratch) return 'none';
  if (!img.name) return 'unknown';
  const name = img.name.toLowerCase();
  const tag = (img.tag ?? '').toLowerCase();
  const repo = name.slice(name.lastIndexOf('/') + 1);
  if (/windows|nanoserver|servercore/.test(name + ':' + tag) || model.escapeChar === '`') return 'windows';
  if (/distroless|chainguard|^scratch$/.test(name)) return 'none';
  if (repo === 'alpine' || repo === 'busybox' || /alpine|busybox/.test(tag)) return 'busybox';
  if (BASH_IMAGES.has(repo) && !/distroless|nanoserver|windows/.test(tag)) return 'bash';
  return 'unknown';
}

function runKeywordCase(run: RunInfo): (s: string) => string {
  const written = run.instruction.getInstruction();
  return written === written.toLowerCase() ? (s) => s.toLowerCase() : (s) => s;
}

/** Inserts `SHELL [...]` above the RUN (and above comments directly attached to it). */
function shellFix(model: DockerfileModel, run: RunInfo, shellJson: string): Fix {
  const { index } = model;
  let line = run.instruction.getRange().start.line;
  while (line > 0 && /^\s*#/.test(index.lineText(line - 1))) line--;
  const indent = /^[ \t]*/.exec(index.lineText(run.instruction.getRange().start.line))![0];
  const pos = { line, character: 0 };
  const kw = runKeywordCase(run)('SHELL');
  return {
    title: `Insert ${kw} ${shellJson} before this RUN`,
    kind: 'suggest',
    edits: [{ range: { start: pos, end: pos }, newText: `${indent}${kw} ${shellJson}${index.eol}` }],
  };
}

/** Rewrites the stage's own SHELL instruction (the one in effect) to request pipefail. */
function editShellFix(run: RunInfo, shellJson: string): Fix | undefined {
  const line = run.instruction.getRange().start.line;
  const shell = run.stage?.instructions.filter((i) => i.getKeyword() === 'SHELL' && i.getRange().start.line < line).pop();
  if (!shell || JSON.stringify(parseJsonArray(shell.getRawArgumentsContent() ?? '')) !== JSON.stringify(run.shell)) return undefined;
  const range = shell.getArgumentsRange();
  if (!range) return undefined;
  return {
    title: `Add "-o pipefail" to the SHELL on line ${shell.getRange().start.line + 1}`,
    kind: 'suggest',
    edits: [{ range, newText: shellJson }],
  };
}

/** Adds `set -o pipefail` as the first line of a heredoc script (after its `#!` line). */
function heredocFix(model: DockerfileModel, script: ShellScript): Fix {
  const { index } = model;
  let at = script.offsets[0]!;
  const firstLine = index.positionAt(at).line;
  const text = index.lineText(firstLine);
  let indent = /^[ \t]*/.exec(text)![0];
  if (text.trimStart().startsWith('#!')) {
    at = index.lineStart(firstLine + 1);
    indent = /^[ \t]*/.exec(index.lineText(firstLine + 1))![0];
  } else {
    at = index.lineStart(firstLine);
  }
  const pos = index.positionAt(at);
  return {
    title: 'Add "set -o pipefail" at the top of this heredoc script',
    kind: 'suggest',
    edits: [{ range: { start: pos, end: pos }, newText: `${indent}set -o pipefail${index.eol}` }],
  };
}

export const pipefail: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const run of model.runs) {
      const scripts = shellScripts(run);
      if (scripts.length === 0) continue;
      const interp = run.heredocInterpreter;
      const shellProgram = basename(run.shell[0] ?? '');
      // Without its own interpreter the script runs under SHELL.
      if (interp === undefined) {
        if (NON_POSIX_RE.test(shellProgram) || requestsPipefail(run.shell.slice(1))) continue;
      }
      const family = imageFamily(model, run);
      // Windows images run RUN under cmd unless SHELL says otherwise.
      if (family === 'windows' && interp === undefined && run.shell.join(' ') === '/bin/sh -c') continue;
      // Where each script's first unprotected pipe is (command indices, not the commands: a RUN
      // moved by an edit before it keeps the memo but has new command objects).
      const spans = runMemo(run, meta.id, () => scripts.map(unprotectedSpan));
      for (let s = 0; s < scripts.length; s++) {
        const script = scripts[s]!;
        const span = spans[s];
        if (!span) continue;
        const line = script.commands.slice(span.first, span.first + span.length);
        const pipeCmd = line[1]!;
        const from = programName(effectiveWords(line[0]!)[0]) || 'the first command';
        const to = programName(effectiveWords(line[line.length - 1]!)[0]) || 'the next command';
        let fix: (() => Fix) | undefined;
        if (interp !== undefined) {
          const ib = basename(interp);
          if (PIPEFAIL_SHELL_RE.test(ib) || (family === 'busybox' && (ib === 'sh' || ib === 'ash'))) fix = () => heredocFix(model, script);
        } else if (PIPEFAIL_SHELL_RE.test(shellProgram)) {
          fix = () => {
            const json = JSON.stringify([run.shell[0], '-o', 'pipefail', ...run.shell.slice(1)]).replace(/","/g, '", "');
            return editShellFix(run, json) ?? shellFix(model, run, json);
          };
        } else if (family === 'bash') {
          fix = () => shellFix(model, run, '["/bin/bash", "-o", "pipefail", "-c"]');
        } else if (family === 'busybox') {
          fix = () => shellFix(model, run, '["/bin/ash", "-o", "pipefail", "-c"]');
        }
        const made = fix;
        out.push({
          range: model.index.rangeOf(pipeCmd.opStart ?? pipeCmd.words[0]!.start, pipeCmd.opEnd ?? pipeCmd.words[0]!.end),
          message: `RUN pipes "${from}" into "${to}" without pipefail: if "${from}" fails, the step still succeeds and the build goes on with partial output.`,
          lazyFixes: made && { best: 'suggest', make: () => [made()] },
        });
        break;
      }
    }
    return out;
  },
};
