// Completion inside `.rampart.yaml`: top-level keys, profile names, rule ids under `rules:` and
// severities as their values, languages under `files:`. Works on the raw text line by line, so
// it helps while the YAML is still half-typed (and so invalid).
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { allRules } from '../engine/registry';
import { docsUrl } from '../engine/identity';
import { LineIndex } from '../engine/text';

export const COMPLETION_TRIGGERS = [' ', '/'];

const TOP_KEYS: Array<[string, string]> = [
  ['profile', 'Rule profile: `recommended` (default) or `strict` (adds the strict rules).'],
  ['rules', 'Per-rule severity: `<rule id>: off | info | warning | error`.'],
  ['ignore', 'Globs (relative to this file) of files never linted.'],
  ['files', 'Extra detection globs per language: `dockerfile`, `compose`, `nginx`, `traefik`.'],
  ['nginx', 'nginx facts, e.g. `version: "1.27"`, and `directives:` of third-party modules.'],
  ['traefik', 'Traefik facts, e.g. `version: "3"`.'],
];
const SEVERITIES: Array<[string, string]> = [
  ['off', 'Do not run the rule.'],
  ['info', 'Report as information.'],
  ['warning', 'Report as a warning.'],
  ['error', 'Report as an error.'],
];
const PROFILES: Array<[string, string]> = [
  ['recommended', 'The default rule set.'],
  ['strict', 'Also runs the strict rules (digest pinning, single-stage SDK images …).'],
];
const LANGUAGES = ['dockerfile', 'compose', 'nginx', 'traefik'];

// Only from the start of a word run: an unanchored `[…]*$` retries from every character of a
// long run (quadratic). Keys and values are captured up to their `:` and trimmed in code for
// the same reason (`[^:#]*?\s*:` backtracks quadratically on blanks).
const WORD = /(?<![A-Za-z0-9_/.-])[A-Za-z0-9_/.-]*$/;

interface Line {
  indent: number;
  key: string | undefined;
}

function describe(text: string): Line | undefined {
  if (text.trim() === '' || text.trim().startsWith('#')) return undefined;
  const indent = /^ */.exec(text)![0].length;
  const m = /^\s*([^\s:#][^:#]*):(\s|$)/.exec(text);
  return { indent, key: m?.[1]!.trimEnd() };
}

/** Key of the nearest line above `line` that is indented less than `indent`. */
function parentKey(index: LineIndex, line: number, indent: number): string | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const d = describe(index.lineText(l));
    if (!d) continue;
    if (d.indent < indent) return d.indent === 0 ? d.key : `  ${d.key}`;
  }
  return undefined;
}

/** Keys already written directly under a top-level key (so they are not offered twice). */
function siblingKeys(index: LineIndex, parent: string | undefined, skipLine: number): Set<string> {
  const out = new Set<string>();
  let inside = parent === undefined;
  let childIndent = -1;
  for (let l = 0; l < index.lineCount; l++) {
    if (l === skipLine) continue;
    const d = describe(index.lineText(l));
    if (!d) continue;
    if (d.indent === 0) {
      inside = parent === undefined || d.key === parent;
      childIndent = -1;
      if (parent === undefined && d.key) out.add(d.key);
      continue;
    }
    if (inside && parent !== undefined && d.key) {
      if (childIndent < 0) childIndent = d.indent;
      if (d.indent === childIndent) out.add(d.key);
    }
  }
  return out;
}

function items(
  entries: Array<{ label: string; detail?: string; doc?: string; kind: CompletionItemKind }>,
  line: number,
  from: number,
  to: number,
  suffix: string,
): CompletionItem[] {
  return entries.map((e, i) => ({
    label: e.label,
    kind: e.kind,
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.doc ? { documentation: { kind: MarkupKind.Markdown, value: e.doc } } : {}),
    sortText: String(i).padStart(4, '0'),
    filterText: e.label,
    textEdit: { range: { start: { line, character: from }, end: { line, character: to } }, newText: e.label + suffix },
  }));
}

/** `trigger` is the character that opened the list, if any: a space only ever opens values. */
export function configCompletions(text: string, position: Position, trigger?: string): CompletionItem[] {
  const index = new LineIndex(text);
  if (position.line >= index.lineCount) return [];
  const lineText = index.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const after = lineText.slice(position.character);
  const word = WORD.exec(before)![0];
  const from = position.character - word.length;
  const restOfWord = /^[A-Za-z0-9_/.-]*/.exec(after)![0];
  const to = position.character + restOfWord.length;

  // Value position: `key: <cursor>`.
  const value = /^(\s*)([^\s:#][^:#]*):\s+([A-Za-z0-9_-]*)$/.exec(before);
  if (value) {
    const indent = value[1]!.length;
    const key = value[2]!.trimEnd();
    if (indent === 0 && key === 'profile') {
      return items(PROFILES.map(([label, doc]) => ({ label, doc, kind: CompletionItemKind.EnumMember })), position.line, from, to, '');
    }
    if (indent > 0 && parentKey(index, position.line, indent) === 'rules') {
      const meta = allRules.find((m) => m.id === key);
      return items(
        SEVERITIES.map(([label, doc]) => ({
          label,
          doc: meta && label === meta.severity ? `${doc} (the rule's default)` : doc,
          kind: CompletionItemKind.EnumMember,
        })),
        position.line,
        from,
        to,
        '',
      );
    }
    return [];
  }

  if (trigger === ' ') return [];
  // Key position: only indentation and a partial key before the cursor.
  const key = /^(\s*)([A-Za-z0-9_/.-]*)$/.exec(before);
  if (!key) return [];
  const indent = key[1]!.length;
  // Editing the key of an existing `key: value` line: complete the key only.
  const suffix = /^[A-Za-z0-9_/.-]*\s*:/.test(after) ? '' : ': ';
  if (indent === 0) {
    const present = siblingKeys(index, undefined, position.line);
    const entries = TOP_KEYS.filter(([k]) => !present.has(k)).map(([label, doc]) => ({ label, doc, kind: CompletionItemKind.Property }));
    return items(entries, position.line, from, to, suffix);
  }
  const parent = parentKey(index, position.line, indent);
  if (parent === 'rules') {
    const present = siblingKeys(index, 'rules', position.line);
    const entries = allRules
      .filter((m) => !present.has(m.id))
      .map((m) => ({
        label: m.id,
        detail: `${m.severity}${m.profile === 'strict' ? ', strict' : ''} · ${m.title}`,
        doc: `${m.description}\n\n[Documentation](${docsUrl(m.id)})`,
        kind: CompletionItemKind.Property,
      }));
    return items(entries, position.line, from, to, suffix);
  }
  if (parent === 'files') {
    const present = siblingKeys(index, 'files', position.line);
    return items(
      LANGUAGES.filter((l) => !present.has(l)).map((label) => ({ label, kind: CompletionItemKind.Property })),
      position.line,
      from,
      to,
      suffix,
    );
  }
  if (parent === 'nginx' || parent === 'traefik') {
    const keys = parent === 'nginx' ? ['version', 'directives'] : ['version'];
    return items(keys.map((label) => ({ label, kind: CompletionItemKind.Property })), position.line, from, to, suffix);
  }
  return [];
}
