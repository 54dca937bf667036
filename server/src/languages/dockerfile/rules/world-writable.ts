import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, Rule } from '../../../engine/types';
import type { Copy } from 'dockerfile-ast';
import { forEachCommandOfRun, runFindings, type DockerfileModel } from '../model';
import { effectiveWords, programName, type ShellWord } from '../shell';

export const meta = defineMeta({
  id: 'dockerfile/world-writable',
  language: 'dockerfile',
  title: 'Files made world-writable',
  description:
    'chmod 777, a+w/o+w, `mkdir -m 777` or `COPY --chmod=777` lets every user in the container rewrite those files: any process that is compromised can change code or configuration that others run.',
  severity: 'warning',
  fix: 'none',
  sources: ['H: "Proper file permissions on config files"'],
  peers: [],
  tags: ['security', 'CWE-732'],
  securitySeverity: '5.5',
});

/** What a mode grants "others": undefined when it does not grant write, else the sticky bit. */
export function grantsWorldWrite(mode: string): { sticky: boolean } | undefined {
  if (/^[0-7]{1,4}$/.test(mode)) {
    const n = parseInt(mode, 8);
    return n & 0o002 ? { sticky: mode.length === 4 && (n & 0o1000) !== 0 } : undefined;
  }
  // Symbolic: comma-separated clauses `[ugoa]*([-+=][rwxXst]*)+`. A clause without a "who"
  // (`+w`) is filtered through the umask, so it does not grant world write.
  let write = false;
  let sticky = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1]!;
    const others = who.includes('o') || who.includes('a');
    for (const action of m[2]!.match(/[-+=][rwxXstugo]*/g) ?? []) {
      const op = action[0];
      const perms = action.slice(1);
      if (op === '-') continue;
      if (others && perms.includes('w')) write = true;
      if (perms.includes('t')) sticky = true;
    }
  }
  return write ? { sticky } : undefined;
}

const TEMP_DIR_RE = /(?:^|\/)(?:tmp|temp|shm)\/?$/i;

interface Hit {
  word: ShellWord;
  command: string;
}

function commandHit(words: ShellWord[]): Hit | undefined {
  const p = programName(words[0]);
  const args = words.slice(1);
  if (p === 'chmod') {
    let k = 0;
    while (k < args.length && /^-(?:[RfvcH]+|-[a-z-]+(?:=.*)?)$/.test(args[k]!.value)) k++;
    const mode = args[k];
    if (!mode || mode.value.includes('$')) return undefined;
    const g = grantsWorldWrite(mode.value);
    if (!g) return undefined;
    const targets = args.slice(k + 1).map((a) => a.value);
    if (g.sticky && targets.length > 0 && targets.every((t) => TEMP_DIR_RE.test(t))) return undefined;
    return { word: mode, command: `chmod ${mode.value}` };
  }
  if (p === 'mkdir' || p === 'install') {
    for (let k = 0; k < args.length; k++) {
      const v = args[k]!.value;
      let mode: ShellWord | undefined;
      let text = '';
      if (v === '-m' || v === '--mode') {
        mode = args[k + 1];
        text = mode?.value ?? '';
      } else if (v.startsWith('--mode=')) {
        mode = args[k];
        text = v.slice(7);
      } else if (/^-m[0-7]/.test(v)) {
        mode = args[k];
        text = v.slice(2);
      }
      if (!mode) continue;
      const g = grantsWorldWrite(text);
      if (!g) return undefined;
      const targets = args.slice(k + 2).map((a) => a.value).filter((t) => !t.startsWith('-'));
      if (g.sticky && targets.length > 0 && targets.every((t) => TEMP_DIR_RE.test(t))) return undefined;
      return { word: mode, command: `${p} -m ${text}` };
    }
  }
  return undefined;
}

export const worldWritable: Rule<DockerfileModel> = {
  meta,
  check(model) {
    // RUN commands: per RUN, memoised while the RUN is unchanged (the findings read only its commands).
    const out: Finding[] = runFindings(model, meta.id, (run) => {
      const found: Finding[] = [];
      forEachCommandOfRun(run, (cmd) => {
        const h = commandHit(effectiveWords(cmd));
        if (!h) return;
        found.push({
          range: model.index.rangeOf(h.word.start, h.word.end),
          message: `"${h.command}" makes files writable by every user in the container: any compromised process can rewrite code or configuration that others run.`,
        });
      });
      return found;
    });
    for (const ins of model.ast.getInstructions()) {
      const kw = ins.getKeyword();
      if (kw !== 'COPY' && kw !== 'ADD') continue;
      for (const flag of (ins as Copy).getFlags()) {
        if (flag.getName().toLowerCase() !== 'chmod') continue;
        const value = flag.getValue() ?? '';
        const g = grantsWorldWrite(value);
        if (!g) continue;
        const args = ins.getArguments().map((a) => a.getValue());
        const dest = args[args.length - 1] ?? '';
        if (g.sticky && TEMP_DIR_RE.test(dest)) continue;
        const range: Range = flag.getValueRange() ?? flag.getRange();
        out.push({
          range,
          message: `${kw} --chmod=${value} makes the copied files writable by every user in the container: any compromised process can rewrite them.`,
        });
      }
    }
    return out;
  },
};
