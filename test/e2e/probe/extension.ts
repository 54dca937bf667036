// The e2e probe: a test-only extension installed next to Rampart in code-server. It answers the
// suite through files in $RAMPART_PROBE_DIR, so the suite can assert on what the VS Code API
// reports (vscode.languages.getDiagnostics(), vscode.executeCodeActionProvider, open documents)
// and not only on the page:
//   the suite writes  req-<id>.json  {"cmd": "...", "args": {...}}
//   the probe writes  res-<id>.json  {"ok": true, "result": ...} | {"ok": false, "error": "..."}
// It also keeps state.json (the diagnostics snapshot) current as diagnostics change, which the
// suite copies into its artifacts. The probe never opens a document itself: asking for code
// actions on a file that is not open is an error, so the never-opened fixture stays unopened.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const DIR = process.env.RAMPART_PROBE_DIR;
const RAMPART_ID = 'rampart.rampart';

type Args = Record<string, unknown>;

function writeJson(name: string, value: unknown): void {
  if (!DIR) return;
  const tmp = path.join(DIR, `.${name}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(value, null, 1));
  fs.renameSync(tmp, path.join(DIR, name));
}

function range4(r: vscode.Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

function diagnostic(d: vscode.Diagnostic) {
  const code = typeof d.code === 'object' && d.code !== null ? d.code : { value: d.code, target: undefined };
  return {
    source: d.source,
    code: code.value,
    target: code.target?.toString(),
    severity: d.severity,
    message: d.message,
    range: range4(d.range),
  };
}

function snapshot() {
  const ext = vscode.extensions.getExtension(RAMPART_ID);
  return {
    vscodeVersion: vscode.version,
    rampart: { installed: !!ext, active: !!ext?.isActive },
    diagnostics: vscode.languages
      .getDiagnostics()
      .filter(([, ds]) => ds.length > 0)
      .map(([uri, ds]) => ({ uri: uri.toString(), path: uri.fsPath, items: ds.map(diagnostic) })),
    documents: vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'file')
      .map((d) => ({ path: d.uri.fsPath, languageId: d.languageId, isDirty: d.isDirty, version: d.version, lineCount: d.lineCount })),
    visible: vscode.window.visibleTextEditors.map((e) => e.document.uri.fsPath),
    active: vscode.window.activeTextEditor?.document.uri.fsPath,
  };
}

function openDocument(p: unknown): vscode.TextDocument {
  if (typeof p !== 'string') throw new Error('args.path must be a string');
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === p);
  if (!doc) throw new Error(`${p} is not open (the probe never opens documents itself)`);
  return doc;
}

const handlers: Record<string, (args: Args) => unknown> = {
  snapshot: () => snapshot(),

  /** The code actions VS Code reports at each Rampart diagnostic of an open document. */
  codeActions: async (args) => {
    const doc = openDocument(args.path);
    const out = [];
    for (const d of vscode.languages.getDiagnostics(doc.uri)) {
      if (d.source !== 'rampart') continue;
      const rule = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
      if (typeof args.rule === 'string' && rule !== args.rule) continue;
      const actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', doc.uri, d.range)) ?? [];
      out.push({
        rule,
        range: range4(d.range),
        actions: actions.map((a) =>
          'kind' in a || 'edit' in a || 'isPreferred' in a
            ? { title: a.title, kind: (a as vscode.CodeAction).kind?.value, isPreferred: !!(a as vscode.CodeAction).isPreferred, hasEdit: !!(a as vscode.CodeAction).edit }
            : { title: a.title, kind: undefined, isPreferred: false, hasEdit: false },
        ),
      });
    }
    return out;
  },

  /** The current text of an open document, as lines. */
  text: (args) => openDocument(args.path).getText().split(/\r?\n/),

  /** Puts the cursor at a position of an open document, focused and scrolled into view. */
  reveal: async (args) => {
    const doc = openDocument(args.path);
    const pos = new vscode.Position(Number(args.line), Number(args.character));
    const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false, selection: new vscode.Range(pos, pos) });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { active: vscode.window.activeTextEditor?.document.uri.fsPath };
  },

  /** Runs a workbench command (revert a file, close editors...). */
  command: async (args) => {
    if (typeof args.id !== 'string') throw new Error('args.id must be a string');
    await vscode.commands.executeCommand(args.id, ...(Array.isArray(args.args) ? args.args : []));
    return null;
  },

  languages: () => vscode.languages.getLanguages(),
};

export function activate(context: vscode.ExtensionContext): void {
  if (!DIR) return;
  const dir = DIR;
  fs.mkdirSync(dir, { recursive: true });
  const busy = new Set<string>();

  const poll = () => {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => /^req-[\w-]+\.json$/.test(n));
    } catch {
      return;
    }
    for (const name of names) {
      if (busy.has(name)) continue;
      busy.add(name);
      const id = name.slice(4, -5);
      void (async () => {
        let response: unknown;
        try {
          const req = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { cmd?: string; args?: Args };
          const handler = req.cmd ? handlers[req.cmd] : undefined;
          if (!handler) throw new Error(`unknown command ${String(req.cmd)}`);
          response = { ok: true, result: await handler(req.args ?? {}) };
        } catch (err) {
          response = { ok: false, error: err instanceof Error ? err.message : String(err) };
        }
        try {
          fs.rmSync(path.join(dir, name), { force: true });
          writeJson(`res-${id}.json`, response);
        } finally {
          busy.delete(name);
        }
      })();
    }
  };
  const timer = setInterval(poll, 50);

  let pending: NodeJS.Timeout | undefined;
  const saveState = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      try {
        writeJson('state.json', snapshot());
      } catch {
        // The folder went away with the run; nothing to report to.
      }
    }, 200);
  };

  context.subscriptions.push(
    { dispose: () => clearInterval(timer) },
    vscode.languages.onDidChangeDiagnostics(saveState),
    vscode.workspace.onDidOpenTextDocument(saveState),
  );
  writeJson('ready.json', { pid: process.pid, vscodeVersion: vscode.version });
  saveState();
}

export function deactivate(): void {}
