// "Rampart: Scan Workspace": asks the server to re-read and re-lint every file, in a
// notification with a progress bar and a Cancel button (cancelling the request stops the scan;
// files keep the results they had). In openFiles mode it offers to switch to workspace mode.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { SERVER_SCAN_COMMAND } from './client-options';
import { scanSummary, type ScanResult } from './status-view';

export async function scanWorkspace(client: LanguageClient | undefined, output: vscode.OutputChannel): Promise<void> {
  if (!client) return;
  const config = vscode.workspace.getConfiguration('rampart');
  if (config.get<string>('diagnosticMode') !== 'workspace') {
    const choice = await vscode.window.showInformationMessage('Rampart scans the whole workspace when rampart.diagnosticMode is "workspace".', 'Switch to workspace mode');
    if (choice) await config.update('diagnosticMode', 'workspace', vscode.ConfigurationTarget.Workspace);
    return;
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rampart: scanning the workspace', cancellable: true }, async (progress, token) => {
    const workDoneToken = randomUUID();
    let shown = 0;
    const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
      if (p.kind === 'end') return;
      const pct = typeof p.percentage === 'number' ? p.percentage : shown;
      progress.report({ message: p.message, increment: Math.max(0, pct - shown) });
      shown = Math.max(shown, pct);
    });
    try {
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_SCAN_COMMAND, arguments: [], workDoneToken }, token)) as ScanResult | null;
      if (!result) return;
      const line = scanSummary(result);
      output.appendLine(line);
      if (!result.cancelled) void vscode.window.showInformationMessage(`Rampart: ${line}`);
    } catch (err) {
      if (token.isCancellationRequested) output.appendLine('Scan cancelled.');
      else output.appendLine(`Scan failed: ${String(err)}`);
    } finally {
      sub.dispose();
    }
  });
}
