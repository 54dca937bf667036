// Dockerfile detection and parsing into the engine's ParsedDocument shape.
import type { CommentInfo, Finding, ParsedDocument } from '../../engine/types';
import { buildModel, type DockerfileModel } from './model';

const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

const BUILDKIT_DIRECTIVE = /^#\s*(syntax|escape|check)\s*=\s*\S/i;

/** `Dockerfile`, `Containerfile`, `*.Dockerfile`, `*.dockerfile`, `Dockerfile.*`, `Containerfile.*`. */
export function isDockerfileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base.endsWith('.dockerignore')) return false;
  return (
    base === 'dockerfile' ||
    base === 'containerfile' ||
    base.endsWith('.dockerfile') ||
    base.startsWith('dockerfile.') ||
    base.startsWith('containerfile.')
  );
}

/** `path` names the document, whose previous parse's unchanged stages are reused. */
export function parseDockerfile(text: string, path?: string): ParsedDocument<DockerfileModel> {
  const model = buildModel(text, path);
  const { ast, index } = model;

  const comments: CommentInfo[] = [];
  let fileSuppressionLine = 0;
  // dockerfile-ast reads any leading `# a b=c` as a directive (`# hadolint ignore=DL3007` too).
  // BuildKit only knows syntax, escape and check, written `# name=value` on consecutive lines
  // from the top; the first other line ends them (Dockerfile reference, "Parser directives").
  let inDirectives = true;
  for (const d of ast.getDirectives()) {
    const r = d.getRange();
    const raw = index.text.slice(index.offsetAt(r.start), index.offsetAt(r.end));
    comments.push({ text: raw.slice(1), range: r, ownLine: true });
    if (inDirectives && r.start.line === fileSuppressionLine && BUILDKIT_DIRECTIVE.test(raw)) fileSuppressionLine = r.end.line + 1;
    else inDirectives = false;
  }
  for (const c of ast.getComments()) {
    const r = c.getRange();
    const start = index.offsetAt(r.start);
    comments.push({ text: index.text.slice(start + 1, index.offsetAt(r.end)), range: r, ownLine: true });
  }

  // Instruction start line -> last line, so a suppression above an instruction covers it all.
  const spans = new Map<number, number>();
  const parseErrors: Finding[] = [];
  let sawFrom = false;
  for (const ins of ast.getInstructions()) {
    const r = ins.getRange();
    spans.set(r.start.line, r.end.line);
    const kw = ins.getKeyword();
    if (!KNOWN_INSTRUCTIONS.has(kw)) {
      parseErrors.push({
        range: ins.getInstructionRange(),
        message: `Unknown instruction "${ins.getInstruction()}": docker build stops here.`,
      });
    } else if (kw === 'FROM') {
      sawFrom = true;
    } else if (!sawFrom && kw !== 'ARG') {
      parseErrors.push({
        range: ins.getInstructionRange(),
        message: `${kw} comes before the first FROM: a Dockerfile must start with FROM (ARG may precede it).`,
      });
    }
  }

  return {
    model,
    index,
    comments,
    parseErrors,
    fileSuppressionLine,
    statementSpan(line: number) {
      const end = spans.get(line);
      return end === undefined ? undefined : { start: line, end };
    },
  };
}
