// The status item: Rampart's counts for the workspace (or the open files), a spinner while the
// server scans, and a click that opens the output. Its text comes from status-view.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, STATUS_NOTIFICATION } from './client-options';
import { parseStatus, statusView } from './status-view';

/** The item, fed by the server's `rampart/status` notifications. */
export function createStatusItem(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('rampart.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Rampart';
  item.command = COMMANDS.showOutput;
  context.subscriptions.push(
    item,
    client.onNotification(STATUS_NOTIFICATION, (raw: unknown) => {
      const s = parseStatus(raw);
      if (!s) return;
      const v = statusView(s);
      item.text = v.text;
      item.tooltip = v.tooltip;
      if (v.visible) item.show();
      else item.hide();
    }),
  );
}
