// Edit builders shared by Dockerfile fixes that add an instruction to the final stage.
import type { TextEdit } from '../../engine/types';
import type { DockerfileModel, DockerStage } from './model';

/**
 * An edit that inserts `line` (one instruction, no line break) into `stage` where runtime
 * settings belong: before the stage's first CMD/ENTRYPOINT that follows its last RUN, so every
 * build step keeps running as before; at the end of the stage when there is no such
 * instruction. Comment lines directly above the anchor stay attached to it (a
 * `# rampart-ignore` above CMD keeps covering CMD).
 */
export function insertRuntimeInstruction(model: DockerfileModel, stage: DockerStage, line: string, after = -1): TextEdit {
  const ins = stage.instructions;
  let lastRun = after;
  ins.forEach((x, k) => {
    if (x.getKeyword() === 'RUN' && k > lastRun) lastRun = k;
  });
  const anchor = ins.find((x, k) => k > lastRun && (x.getKeyword() === 'CMD' || x.getKeyword() === 'ENTRYPOINT'));
  const { index } = model;
  const eol = index.eol;
  if (anchor) {
    let l = anchor.getRange().start.line;
    const indent = /^[ \t]*/.exec(index.lineText(l))![0];
    while (l - 1 > stage.startLine && /^\s*#/.test(index.lineText(l - 1))) l--;
    const pos = { line: l, character: 0 };
    return { range: { start: pos, end: pos }, newText: `${indent}${line}${eol}` };
  }
  const last = ins.length > 0 ? ins[ins.length - 1]!.getRange().end.line : stage.from.getRange().end.line;
  const pos = index.positionAt(index.lineEnd(last));
  return { range: { start: pos, end: pos }, newText: `${eol}${line}` };
}
