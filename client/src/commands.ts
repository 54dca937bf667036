// Rampart's commands: restart the server, show its output, open a rule's documentation, scan
// the workspace.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, docsPageSegments, parseShowDocsArgs } from './client-options';
import { scanWorkspace } from './scan';

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.OutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      const c = client();
      if (!c) return;
      output.appendLine('Restarting the Rampart server…');
      await c.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, () => scanWorkspace(client(), output)),
    vscode.commands.registerCommand(COMMANDS.showDocumentation, async (arg: unknown) => {
      const args = parseShowDocsArgs(arg);
      if (!args) return;
      const page = vscode.Uri.joinPath(context.extensionUri, ...docsPageSegments(args.rule));
      try {
        await vscode.workspace.fs.stat(page);
        await vscode.commands.executeCommand('markdown.showPreview', page);
      } catch {
        // No bundled page (a rule newer than the docs): the website has it.
        if (args.url) await vscode.env.openExternal(vscode.Uri.parse(args.url));
      }
    }),
  );
}
