// Activates the Rampart language client. Everything else lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { baseClientOptions, CLIENT_ID, CLIENT_NAME, DOCUMENT_LANGUAGE_NOTIFICATION, parseDocumentLanguage, shouldSetLanguage } from './client-options';
import { registerCommands } from './commands';
import { createStatusItem } from './status';
import { SERVER_EXEC_ARGV } from './server-process';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, { ...baseClientOptions(), outputChannel: output });
  registerCommands(context, () => client, output);
  // The server recognised a .conf file opened as plain text or properties as nginx: give it the
  // nginx language (highlighting, hover). VS Code reopens the document under the new language.
  context.subscriptions.push(
    client.onNotification(DOCUMENT_LANGUAGE_NOTIFICATION, async (params: unknown) => {
      const hint = parseDocumentLanguage(params);
      const doc = hint && vscode.workspace.textDocuments.find((d) => d.uri.toString() === hint.uri);
      if (!doc || !shouldSetLanguage(doc.languageId, hint.languageId)) return;
      try {
        await vscode.languages.setTextDocumentLanguage(doc, hint.languageId);
      } catch (err) {
        output.appendLine(`Could not set the language of ${hint.uri}: ${String(err)}`);
      }
    }),
  );
  createStatusItem(context, client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
