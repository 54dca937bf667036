import { defineMeta } from '../../../engine/meta';
import type { Instruction } from 'dockerfile-ast';
import type { Finding, LazyFixes, Rule } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import type { DockerfileModel, DockerStage } from '../model';
import { argumentsText, baseStage, inheritedWithStage, parseJsonArray, stageChain, stageShell } from '../model';
import { commandWords, programName, tokenizeShell, type ShellScript } from '../shell';
import { imageFacts, isWindowsImage } from '../images';

export const meta = defineMeta({
  id: 'dockerfile/shell-form-entrypoint',
  language: 'dockerfile',
  title: 'CMD or ENTRYPOINT in shell form',
  description:
    'The command the container starts with is in shell form, so /bin/sh -c runs as PID 1 and the application never receives SIGTERM: `docker stop` waits for the timeout and kills it without a clean shutdown.',
  severity: 'info',
  fix: 'suggest',
  sources: ['BuildKit JSONArgsRecommended', 'hadolint DL3025'],
  peers: ['JSONArgsRecommended', 'DL3025'],
  tags: ['security', 'availability', 'CWE-404'],
  securitySeverity: '1.0',
});

// Characters that make a command line need a shell (variables, operators, globs, escapes).
const SHELL_SYNTAX_RE = /[$`|&;<>(){}*?[\]~\\#\n]/;
const SHELL_WORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', '{', '}', '!', '[[', ']]',
  'function', 'select', 'cd', 'export', 'source', '.', 'set', 'ulimit', 'umask', 'trap', 'eval', 'exit', 'wait',
]);

/** The SHELL in effect at an instruction. */
function shellAt(stage: DockerStage, ins: Instruction): string[] {
  const k = stage.instructions.indexOf(ins);
  for (let i = k - 1; i >= 0; i--) {
    const x = stage.instructions[i]!;
    if (x.getKeyword() === 'SHELL') {
      const parsed = parseJsonArray(x.getRawArgumentsContent() ?? '');
      if (parsed && parsed.length > 0) return parsed;
    }
  }
  return stage.parent ? stageShell(stage.parent) : ['/bin/sh', '-c'];
}

/** True when the script ends by exec-ing its last command (`cd /app && exec node s.js`). */
export function endsWithExec(script: ShellScript): boolean {
  const cmds = script.commands;
  if (cmds.length === 0) return false;
  if (cmds.slice(1).some((c) => c.op !== '&&' && c.op !== ';' && c.op !== 'nl')) return false;
  const last = cmds[cmds.length - 1]!;
  const first = last.words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value));
  return first?.value === 'exec';
}

interface Judged {
  ins: Instruction;
  stage: DockerStage;
}

export const shellFormEntrypoint: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const final = model.finalStage;
    if (!final) return [];
    const base = imageFacts(baseStage(final).image);
    if (base && isWindowsImage(base)) return [];
    const entry = inheritedWithStage(final, 'ENTRYPOINT');
    let cmd = inheritedWithStage(final, 'CMD');
    const chain = stageChain(final);
    // An ENTRYPOINT set in a later stage resets a CMD inherited from an earlier one.
    if (cmd && entry && chain.indexOf(entry.stage) < chain.indexOf(cmd.stage)) cmd = undefined;
    const out: Finding[] = [];
    let entryShell = false;
    if (entry) {
      const f = judge(model, entry, 'ENTRYPOINT', !!cmd);
      if (f) {
        out.push(f);
        entryShell = true;
      } else if (isShellForm(model, entry.ins)) {
        entryShell = true;
      }
    }
    // A shell-form ENTRYPOINT ignores CMD entirely: its form no longer matters.
    if (cmd && !entryShell) {
      const f = judge(model, cmd, 'CMD', false);
      if (f) out.push(f);
    }
    return out;
  },
};

function isShellForm(model: DockerfileModel, ins: Instruction): boolean {
  const a = argumentsText(model, ins);
  return !!a && a.text.trim() !== '' && parseJsonArray(a.text) === undefined;
}

function judge(model: DockerfileModel, at: Judged, keyword: string, cmdFollows: boolean): Finding | undefined {
  const { ins, stage } = at;
  const shell = shellAt(stage, ins);
  if (/^(pwsh|powershell|cmd)(\.exe)?$/i.test((shell[0] ?? '').replace(/^.*[\\/]/, ''))) return undefined;
  const args = argumentsText(model, ins);
  const range = ins.getArgumentsRange();
  if (!args || !range || args.text.trim() === '') return undefined;
  const text = args.text.trim();
  const kw = ins.getInstruction();
  const sh = shell.join(' ');

  if (text.startsWith('[')) {
    if (parseJsonArray(text) !== undefined) return undefined;
    // Not valid JSON: Docker falls back to shell form and runs the text, brackets included.
    const single = !text.includes('"') && text.includes("'") ? parseJsonArray(text.replace(/'/g, '"')) : undefined;
    return {
      range,
      message: `${keyword} looks like exec form but is not valid JSON${single ? ' (JSON needs double quotes)' : ''}, so Docker runs it in shell form under "${sh}": the shell is PID 1 and the application never receives SIGTERM.`,
      lazyFixes: single ? plannedFix('suggest', 'Use double quotes so Docker reads the exec form', () => [{ range, newText: execForm(single) }]) : undefined,
    };
  }

  const script = tokenizeShell(args.text, args.offsets);
  if (endsWithExec(script)) return undefined;
  const first = script.commands[0];
  // The long-running program is normally the last command (`cd /app && gunicorn …`).
  const lastCmd = script.commands[script.commands.length - 1];
  const prog = lastCmd ? programName(commandWords(lastCmd)[0]) : '';
  const who = prog ? `"${prog}"` : 'the application';
  const message = `${keyword} in shell form runs under "${sh}": the shell is PID 1 and does not pass SIGTERM on, so ${who} is killed without a clean shutdown when the container stops.`;

  let fix: LazyFixes | undefined;
  const simple =
    script.commands.length === 1 &&
    !SHELL_SYNTAX_RE.test(text) &&
    !/^[A-Za-z_][A-Za-z0-9_]*=/.test(first!.words[0]!.value) &&
    !SHELL_WORDS.has(first!.words[0]!.value);
  // An exec-form ENTRYPOINT appends CMD as arguments, which the shell form ignored.
  if (simple && !(keyword === 'ENTRYPOINT' && cmdFollows)) {
    const json = () => execForm(first!.words.map((w) => w.value));
    fix = plannedFix('suggest', () => `Convert to exec form: ${kw} ${json()}`, () => [{ range, newText: json() }]);
  } else {
    const last = script.commands[script.commands.length - 1];
    const ok =
      !!last &&
      script.commands.slice(1).every((c) => c.op === '&&' || c.op === ';' || c.op === 'nl') &&
      !/(^|[^&])&\s*$/.test(text);
    const target = last ? last.words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value)) : undefined;
    if (ok && target && !SHELL_WORDS.has(target.value) && !target.value.startsWith('(')) {
      fix = plannedFix('suggest', `Prefix "${programName(target)}" with exec so it replaces the shell and receives signals`, () => {
        const pos = model.index.positionAt(target.start);
        return [{ range: { start: pos, end: pos }, newText: 'exec ' }];
      });
    }
  }
  return { range, message, lazyFixes: fix };
}

function execForm(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}
