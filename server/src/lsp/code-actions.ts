// Code actions for the diagnostics a request names (ours: `data.rule`), from the lint of the
// document's current version: the rule's fixes (of the current finding with the same rule, range
// and message; a diagnostic of an older text that matches none gets none), "Disable <rule> for this line/file", "Show documentation for
// <rule>", "Fix all <rule> problems", and `source.fixAll.rampart` (safe fixes only).
import type { CodeAction, Command, Diagnostic as LspDiagnostic, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Fix, ParsedDocument, Range, TextEdit } from '../engine/types';
import { ruleMeta } from '../engine/registry';
import { docsUrl } from '../engine/identity';
import { selectSafeEdits } from '../engine/fixes';
import { ignoreNeedsRuleMeta } from '../engine/rules/ignore-needs-rule';
import { unusedIgnoreMeta } from '../engine/rules/unused-ignore';
import { isDiagnosticData, SOURCE } from './convert';
import { disableFileEdit, disableLineEdit, statementStart } from './suppress-edits';

export const FIX_ALL_KIND = 'source.fixAll.rampart';
export const SUPPRESS_LINE_KIND = 'quickfix.rampart.suppress.line';
export const SUPPRESS_FILE_KIND = 'quickfix.rampart.suppress.file';
export const DOCS_KIND = 'quickfix.rampart.docs';
export const FIX_ALL_QUICKFIX_KIND = 'quickfix.rampart.fixAll';
/** "Harden service <name>" (compose): every hardening fix of one service in one edit. */
export const HARDEN_KIND = 'refactor.rewrite.rampart.harden';
/** "Apply Mozilla intermediate TLS profile" (nginx): a TLS server block's TLS settings and HSTS in one edit. */
export const TLS_PROFILE_KIND = 'refactor.rewrite.rampart.tlsProfile';
export const TLS_PROFILE_TITLE = 'Apply Mozilla intermediate TLS profile';

/** `quickfix.rampart.dockerfile.add-instead-of-copy`: one rule's fixes, targetable on save. */
export function ruleFixKind(rule: string): string {
  return `quickfix.rampart.${rule.replace(/\//g, '.')}`;
}

/** Suppressing these with a comment makes no sense: they are about suppression comments. */
const NOT_SUPPRESSIBLE = new Set([ignoreNeedsRuleMeta.id, unusedIgnoreMeta.id]);

export const FIX_ALL_TITLE = 'Fix all auto-fixable Rampart problems';

export interface ShowDocsArgs {
  rule: string;
  url: string;
}

export interface CodeActionInput {
  doc: TextDocument;
  diagnostics: LspDiagnostic[];
  only: string[] | undefined;
  /** Parsed current version, when the document is Rampart's. */
  parsed: ParsedDocument<unknown> | undefined;
  /** Findings of the document's current version (their fixes, "fix all <rule>"); lazily computed. */
  current: () => Diagnostic[];
  /** Text after all safe fixes (for fix-all); lazily computed. */
  fixedText: () => string | undefined;
  /** Turns a fixed text into minimal edits. */
  diff: (before: string, after: string) => TextEdit[];
  /** Command id the client runs for "Show documentation". */
  showDocsCommand: string;
  /** Whether the client accepts versioned `documentChanges`. */
  documentChanges: boolean;
  /** "Harden service" candidates (compose documents): each service and its text after hardening; lazily computed. */
  harden?: () => Array<{ service: string; text: string | undefined }>;
  /** "Apply Mozilla intermediate TLS profile" candidates (nginx documents): each TLS server and its text after the profile; lazily computed. */
  tlsProfile?: () => Array<{ server: string; text: string | undefined }>;
}

/** A position a client may legitimately send: non-negative integers (lines past the end are clamped later). */
function isPosition(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | undefined;
  return !!q && Number.isInteger(q.line) && Number.isInteger(q.character) && (q.line as number) >= 0 && (q.character as number) >= 0;
}

function placeKey(rule: string, r: Range): string {
  return `${rule} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** True when an action of `kind` is wanted under the request's `only` filter. */
export function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function workspaceEdit(doc: TextDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

export function buildCodeActions(input: CodeActionInput): CodeAction[] {
  const { doc, only, parsed } = input;
  const actions: CodeAction[] = [];
  const edit = (edits: TextEdit[]) => workspaceEdit(doc, edits, input.documentChanges);
  const seenLine = new Set<string>();
  const seenRule = new Set<string>();
  const fixAllRules = new Set<string>();
  let anySafe = false;

  // Some clients (Neovim 0.7) hand back only code, codeDescription and data: no source means ours
  // when the data has our shape; another tool's source never does.
  // A malformed entry is skipped, not allowed to sink the whole answer.
  const ours = input.diagnostics.filter(
    (d) => (d.source === SOURCE || d.source === undefined) && isDiagnosticData(d.data) && isPosition(d.range?.start) && isPosition(d.range?.end),
  );
  // The current findings by rule and range, built on first use.
  let byPlace: Map<string, Diagnostic[]> | undefined;
  const currentFixes = (rule: string, d: LspDiagnostic): Fix[] => {
    if (!byPlace) {
      byPlace = new Map();
      for (const c of input.current()) {
        const key = placeKey(c.rule, c.range);
        const list = byPlace.get(key);
        if (list) list.push(c);
        else byPlace.set(key, [c]);
      }
    }
    const same = byPlace.get(placeKey(rule, d.range)) ?? [];
    // Several findings of one rule on one range (an anchored value, once per service) differ by
    // message; a client that does not echo the message gets the fixes of each, once.
    const matching = typeof d.message === 'string' ? same.filter((c) => c.message === d.message) : same;
    const titles = new Set<string>();
    return matching.flatMap((c) => c.fixes).filter((f) => !titles.has(f.title) && !!titles.add(f.title));
  };
  for (const d of ours) {
    if (!isDiagnosticData(d.data)) continue;
    const { rule } = d.data;
    const fixes = currentFixes(rule, d);
    for (const fix of fixes) {
      if (fix.kind === 'safe') anySafe = true;
      const kind = ruleFixKind(rule);
      if (!wanted(kind, only)) continue;
      actions.push({ title: fix.title, kind, diagnostics: [d], isPreferred: fix.kind === 'safe', edit: edit(fix.edits) });
    }
    if (fixes.some((f) => f.kind === 'safe') && !fixAllRules.has(rule) && wanted(FIX_ALL_QUICKFIX_KIND, only)) {
      fixAllRules.add(rule);
      const same = input.current().filter((c) => c.rule === rule && c.fix === 'safe');
      if (same.length > 1) {
        actions.push({ title: `Fix all ${rule} problems`, kind: FIX_ALL_QUICKFIX_KIND, diagnostics: [d], edit: edit(selectSafeEdits(same)) });
      }
    }
    const known = ruleMeta(rule) !== undefined;
    if (parsed && known && !NOT_SUPPRESSIBLE.has(rule)) {
      const line = statementStart(parsed, d.range.start.line);
      const key = `${rule}@${line}`;
      if (!seenLine.has(key) && wanted(SUPPRESS_LINE_KIND, only)) {
        seenLine.add(key);
        actions.push({ title: `Disable ${rule} for this line`, kind: SUPPRESS_LINE_KIND, diagnostics: [d], edit: edit([disableLineEdit(parsed, rule, d.range.start.line)]) });
      }
    }
    if (!seenRule.has(rule)) {
      seenRule.add(rule);
      if (parsed && known && !NOT_SUPPRESSIBLE.has(rule) && wanted(SUPPRESS_FILE_KIND, only)) {
        actions.push({ title: `Disable ${rule} for this file`, kind: SUPPRESS_FILE_KIND, diagnostics: [d], edit: edit([disableFileEdit(parsed, rule)]) });
      }
      if (known && wanted(DOCS_KIND, only)) {
        const args: ShowDocsArgs = { rule, url: docsUrl(rule) };
        const command: Command = { title: `Show documentation for ${rule}`, command: input.showDocsCommand, arguments: [args] };
        actions.push({ title: command.title, kind: DOCS_KIND, diagnostics: [d], command });
      }
    }
  }

  // "Fix all" in the lightbulb when the cursor is on a fixable problem and there are others.
  if (anySafe && wanted(FIX_ALL_QUICKFIX_KIND, only) && input.current().filter((c) => c.fix === 'safe').length > 1) {
    const fixed = input.fixedText();
    if (fixed !== undefined && fixed !== doc.getText()) {
      actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_QUICKFIX_KIND, edit: edit(input.diff(doc.getText(), fixed)) });
    }
  }

  // "Harden service <name>": on a service's key, or on one of its findings.
  if (input.harden && wanted(HARDEN_KIND, only)) {
    for (const h of input.harden()) {
      if (h.text === undefined || h.text === doc.getText()) continue;
      actions.push({ title: `Harden service "${h.service}"`, kind: HARDEN_KIND, edit: edit(input.diff(doc.getText(), h.text)) });
    }
  }

  if (input.tlsProfile && wanted(TLS_PROFILE_KIND, only)) {
    const targets = input.tlsProfile().filter((t) => t.text !== undefined && t.text !== doc.getText());
    for (const t of targets) {
      // One server at the cursor is the usual case; several (a request spanning servers) are named.
      const title = targets.length === 1 || t.server === '' ? TLS_PROFILE_TITLE : `${TLS_PROFILE_TITLE} to server ${t.server}`;
      actions.push({ title, kind: TLS_PROFILE_KIND, edit: edit(input.diff(doc.getText(), t.text!)) });
    }
  }

  // The source action (editor.codeActionsOnSave, "Source Action…"): only when asked for.
  if (only && only.length > 0 && wanted(FIX_ALL_KIND, only)) {
    const fixed = input.fixedText();
    if (fixed !== undefined && fixed !== doc.getText()) {
      actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: edit(input.diff(doc.getText(), fixed)) });
    }
  }
  return actions;
}
