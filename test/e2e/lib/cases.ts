// The e2e expectations: one JSON file per fixture file in test/e2e/cases/ (see its README). Adding
// a language to the e2e suite is adding its fixture to test/e2e/workspace/ and its case here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES_DIR } from './env';

/** [startLine, startCharacter, endLine, endCharacter], 0-based as in LSP. */
export type Range4 = [number, number, number, number];

export interface ExpectedDiagnostic {
  rule: string;
  range: Range4;
}

export interface Case {
  /** Name of the case (the JSON file's name): used in test names and screenshot names. */
  name: string;
  /** The fixture path relative to the workspace, with `/`. */
  file: string;
  /** false: the suite never opens it (its findings can only come from a workspace scan). */
  open: boolean;
  /** VS Code's language id for the file, when it is checked (see `languageFromExtension`). */
  languageId?: string;
  /** true: the language id (and grammar) come from this extension's package.json. */
  languageFromExtension?: boolean;
  /** Every Rampart diagnostic of the file as it is on disk. */
  diagnostics: ExpectedDiagnostic[];
  /** The diagnostic the interactive checks work on (hover, quick fix, disable for this line). */
  focus?: {
    rule: string;
    /** The code action that fixes it, and a line of the text after the fix. */
    fix: { title: string; line: number; text: string };
    /** The line where "Disable … for this line" puts its comment, and the comment's text. */
    disable: { line: number; text: string };
  };
}

export function loadCases(): Case[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(CASES_DIR, f), 'utf8')) as Omit<Case, 'name' | 'open'> & { open?: boolean };
      if (typeof raw.file !== 'string' || !Array.isArray(raw.diagnostics)) throw new Error(`${f}: needs "file" and "diagnostics"`);
      return { ...raw, name: f.replace(/\.json$/, ''), open: raw.open !== false };
    });
}

export function rangeOf(d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): Range4 {
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

/** `rule@l:c-l:c` lines, sorted: compact to compare and to read in a failure. */
export function keys(ds: Array<{ rule: string; range: Range4 }>): string[] {
  return ds.map((d) => `${d.rule}@${d.range[0]}:${d.range[1]}-${d.range[2]}:${d.range[3]}`).sort();
}
