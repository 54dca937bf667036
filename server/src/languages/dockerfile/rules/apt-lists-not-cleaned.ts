import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule, TextEdit } from '../../../engine/types';
import { aptInstallWord, forEachCommandOfRun, type DockerfileModel, type DockerStage, type RunInfo } from '../model';
import { effectiveWords, programName, type ShellScript, type ShellWord } from '../shell';
import { heredocsOf } from '../ast-memo';

export const meta = defineMeta({
  id: 'dockerfile/apt-lists-not-cleaned',
  language: 'dockerfile',
  title: 'apt lists left in the image',
  description:
    'A RUN installs with apt but does not remove /var/lib/apt/lists: tens of megabytes of package indexes stay in the layer, and stale indexes make later installs use old package versions.',
  severity: 'info',
  fix: 'safe',
  sources: ['hadolint DL3009'],
  peers: ['DL3009'],
  tags: ['security', 'CWE-1104'],
  securitySeverity: '1.0',
});

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';
const LISTS_RE = /^\/var\/lib\/apt(?:\/lists)?(?:\/.*)?$/;

interface AptUse {
  /** The first `apt-get install` of the RUN: program word and `install` word. */
  install?: { from: ShellWord; to: ShellWord };
  update: boolean;
  cleans: boolean;
}

function aptUse(run: RunInfo): AptUse {
  const use: AptUse = { update: false, cleans: false };
  forEachCommandOfRun(run, (cmd) => {
    const words = effectiveWords(cmd);
    const p = programName(words[0]);
    const install = aptInstallWord(words);
    if (install && !use.install) use.install = { from: words[0]!, to: install };
    if ((p === 'apt-get' || p === 'apt') && words.some((w) => w.value === 'update')) use.update = true;
    if ((p === 'rm' || p === 'find') && words.slice(1).some((w) => LISTS_RE.test(w.value) && w.value !== '/var/lib/apt/lists/partial')) use.cleans = true;
  });
  return use;
}

/** A cache or tmpfs mount over the lists: nothing is left in the layer. */
function mountsLists(run: RunInfo): boolean {
  return run.mounts.some((m) => {
    const type = (m.type ?? 'bind').toLowerCase();
    const target = (m.target ?? m.dst ?? m.destination ?? '').replace(/(?<!\/)\/+$/, '');
    return (type === 'cache' || type === 'tmpfs') && (target === '/var/lib/apt/lists' || target === '/var/lib/apt');
  });
}

/** The final stage and the stages it is built FROM: what ends up in the shipped image. */
function shippedStages(model: DockerfileModel): Set<DockerStage> {
  const set = new Set<DockerStage>();
  for (let s = model.finalStage, guard = 0; s && guard < 1000; s = s.parent, guard++) set.add(s);
  return set;
}

export const aptListsNotCleaned: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    const shipped = shippedStages(model);
    const runs = model.runs.filter((r) => r.stage && shipped.has(r.stage));
    const uses = runs.map((r) => aptUse(r));
    runs.forEach((run, k) => {
      const use = uses[k]!;
      if (!use.install || use.cleans || mountsLists(run)) return;
      // A later RUN that installs without `apt-get update` relies on these lists: removing
      // them here would break it, and that RUN is reported instead.
      if (uses.slice(k + 1).some((u) => u.install && !u.update)) return;
      out.push({
        range: model.index.rangeOf(use.install.from.start, use.install.to.end),
        message: `RUN installs with "${use.install.from.value} ${use.install.to.value}" but leaves /var/lib/apt/lists in the layer: package indexes the running image never needs.`,
        lazyFixes: plannedFix('safe', 'Remove /var/lib/apt/lists at the end of this RUN', cleanupEdit(model, run)),
      });
    });
    return out;
  },
};

/** The edit that appends the cleanup to a RUN, built when called; undefined when it cannot be appended safely. */
function cleanupEdit(model: DockerfileModel, run: RunInfo): (() => TextEdit[]) | undefined {
  const { index } = model;
  const eol = index.eol;
  const script = run.scripts[0];
  // An unclosed quote would swallow the appended command.
  if (!script || script.unterminated) return undefined;
  const heredocs = heredocsOf(run.instruction);
  const firstArg = run.instruction.getArguments()[0]?.getValue() ?? '';
  if (/^<<-?/.test(firstArg)) {
    // Script heredoc: a new line before the terminator.
    const delim = heredocs[0]?.getDelimiterRange();
    if (!delim) return undefined;
    return () => {
      const bodyLines = script.text.split('\n').filter((l) => l.trim() !== '');
      const indent = /^[ \t]*/.exec(bodyLines[bodyLines.length - 1] ?? '')![0];
      const pos = { line: delim.start.line, character: 0 };
      return [{ range: { start: pos, end: pos }, newText: `${indent}${CLEANUP}${eol}` }];
    };
  }
  const last = lastWord(script);
  if (!last) return undefined;
  const tail = script.text.slice(last.textEnd).trim();
  if (tail.startsWith('&') && !tail.startsWith('&&')) return undefined;
  const at = tail.startsWith(';') ? script.offsets[script.text.indexOf(';', last.textEnd) + 1]! : last.end;
  // A line continuation after the last word (`install \` ending the file) would join the
  // appended command to whatever follows it, and the lists would never be removed (found by the
  // fuzzer: fix-all appended the cleanup ten times).
  const rest = index.text.slice(at, index.lineEnd(index.positionAt(at).line));
  if (rest.includes(model.escapeChar)) return undefined;
  return () => {
    const connector = tail.startsWith(';') ? '' : '&& ';
    const pos = index.positionAt(at);
    if (heredocs.length > 0) {
      // Data heredocs follow the command line: stay on the same line.
      return [{ range: { start: pos, end: pos }, newText: ` ${connector}${CLEANUP}` }];
    }
    const style = continuationStyle(model, run);
    const esc = model.escapeChar;
    const newText =
      style.leading || connector === ''
        ? ` ${esc}${eol}${style.indent}${connector}${CLEANUP}`
        : ` && ${esc}${eol}${style.indent}${CLEANUP}`;
    return [{ range: { start: pos, end: pos }, newText }];
  };
}

function lastWord(script: ShellScript): ShellWord | undefined {
  const cmd = script.commands[script.commands.length - 1];
  return cmd?.words[cmd.words.length - 1];
}

/** How the RUN continues its command list: `\` then `    && next`, or `&& \` then `    next`. */
function continuationStyle(model: DockerfileModel, run: RunInfo): { leading: boolean; indent: string } {
  const r = run.instruction.getRange();
  const lines: string[] = [];
  for (let l = r.start.line; l <= r.end.line; l++) lines.push(model.index.lineText(l));
  const indentOf = (s: string) => /^[ \t]*/.exec(s)![0];
  for (let k = lines.length - 1; k > 0; k--) {
    if (/^\s*(?:&&|\|\||;)/.test(lines[k]!)) return { leading: true, indent: indentOf(lines[k]!) };
  }
  for (let k = lines.length - 2; k >= 0; k--) {
    if (/(?:&&|;)\s*[\\`]\s*$/.test(lines[k]!)) return { leading: false, indent: indentOf(lines[k + 1]!) };
  }
  return { leading: true, indent: '    ' };
}
