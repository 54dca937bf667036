import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import { forEachCommandOfRun, runFindings, type DockerfileModel, type RunInfo } from '../model';
import { effectiveWords, forEachCommand, pipelines, programName, type ShellCommand, type ShellScript, type ShellWord } from '../shell';

export const meta = defineMeta({
  id: 'dockerfile/curl-pipe-shell',
  language: 'dockerfile',
  title: 'Downloaded script executed without verification',
  description:
    'curl or wget output is run straight by a shell or interpreter (`curl … | sh`, `sh -c "$(curl …)"`, `bash <(curl …)`): the build executes whatever the server returns, with no checksum or signature check.',
  severity: 'error',
  fix: 'none',
  sources: ['Supply chain: curl or wget piped into sh/bash/python (CWE-494); no exact peer rule'],
  peers: [],
  tags: ['security', 'supply-chain', 'CWE-494'],
  securitySeverity: '8.0',
});

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETER_RE = /^(?:sh|bash|dash|ash|zsh|ksh|mksh|fish|python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node|nodejs|php[0-9.]*|pwsh|powershell)$/;
// Options whose next word is the program text (`-c 'code'`, `-e 'code'`), per interpreter family.
const CODE_OPTS: Record<string, Set<string>> = {
  shell: new Set(['-c']),
  python: new Set(['-c', '-m']),
  perl: new Set(['-e', '-E']),
  ruby: new Set(['-e']),
  node: new Set(['-e', '--eval', '-p', '--print']),
  php: new Set(['-r']),
  pwsh: new Set(['-c', '-command', '-Command']),
};

function family(p: string): string {
  if (/^python/.test(p)) return 'python';
  if (/^perl/.test(p)) return 'perl';
  if (/^ruby/.test(p)) return 'ruby';
  if (p === 'node' || p === 'nodejs') return 'node';
  if (/^php/.test(p)) return 'php';
  if (p === 'pwsh' || p === 'powershell') return 'pwsh';
  return 'shell';
}

/**
 * The interpreter's program source: `{stdin: true}` when it reads the program from standard
 * input (`sh`, `bash -s -- x`, `python3 -`), else the word holding the code or script file.
 */
function programSource(words: ShellWord[]): { stdin: true } | { stdin: false; word?: ShellWord } {
  const fam = family(programName(words[0]));
  const codeOpts = CODE_OPTS[fam]!;
  for (let k = 1; k < words.length; k++) {
    const v = words[k]!.value;
    if (v === '-' || v === '/dev/stdin') return { stdin: true };
    if (v === '--') continue;
    if (fam === 'shell' && v === '-s') return { stdin: true };
    if (codeOpts.has(v)) return { stdin: false, word: words[k + 1] };
    if (fam === 'shell' && /^-[a-z]+$/i.test(v) && v.includes('c')) return { stdin: false, word: words[k + 1] };
    if ((v === '-o' || v === '+o') && fam === 'shell') {
      k++;
      continue;
    }
    if (v.startsWith('-') || v.startsWith('+')) continue;
    return { stdin: false, word: words[k] };
  }
  return { stdin: true };
}

function isDownload(cmd: ShellCommand): boolean {
  return DOWNLOADERS.has(programName(effectiveWords(cmd)[0]));
}

/** True when a substitution's commands download something (`$(curl …)`, `<(wget -O- …)`). */
function downloads(script: ShellScript): boolean {
  let found = false;
  forEachCommand(script, (c) => {
    if (!found && isDownload(c)) found = true;
  });
  return found;
}

export const curlPipeShell: Rule<DockerfileModel> = {
  meta,
  check(model) {
    // Per RUN, memoised while the RUN is unchanged: the findings read only its commands.
    return runFindings(model, meta.id, (run) => findInRun(model, run));
  },
};

function findInRun(model: DockerfileModel, run: RunInfo): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (start: number, end: number, message: string) => {
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ range: model.index.rangeOf(start, end), message });
  };
  forEachCommandOfRun(run, (cmd, script) => {
    // `curl … | sh`: a download and, later in the same pipeline, an interpreter reading stdin.
    if (cmd.op !== '|' && isDownload(cmd)) {
      const line = pipelines(script).find((pl) => pl[0] === cmd);
      if (line) {
        for (let k = 1; k < line.length; k++) {
          const words = effectiveWords(line[k]!);
          const p = programName(words[0]);
          if (!INTERPRETER_RE.test(p) || !programSource(words).stdin) continue;
          const dl = programName(effectiveWords(cmd)[0]);
          push(cmd.words[0]!.start, words[0]!.end, `The output of ${dl} is piped into "${p}": the build runs whatever the server returns, unverified.`);
          break;
        }
      }
    }
    // `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -O- …)"`, `. <(curl …)`.
    const words = effectiveWords(cmd);
    const p = programName(words[0]);
    let code: ShellWord[] = [];
    if (p === 'eval') code = words.slice(1);
    else if (p === 'source' || p === '.') code = words.slice(1, 2);
    else if (INTERPRETER_RE.test(p)) {
      const src = programSource(words);
      if (!src.stdin && src.word) code = [src.word];
    }
    for (const w of code) {
      for (const s of w.subs ?? []) {
        if (!downloads(s.script)) continue;
        const how = s.kind === '<(' ? 'as a file' : 'as its code';
        push(s.start, s.end, `"${p}" runs a download ${how}: the build executes whatever the server returns, unverified.`);
      }
    }
  });
  return out;
}
