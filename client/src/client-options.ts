// The language client's options as plain data: no `vscode` import, so node --test can check
// them. extension.ts adds the parts that need VS Code (output channel).
import type { DocumentFilter, LanguageClientOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'rampart';
export const CLIENT_NAME = 'Rampart';

export const COMMANDS = {
  restartServer: 'rampart.restartServer',
  showOutput: 'rampart.showOutputChannel',
  /** Opens a rule's bundled docs page; the server's code actions call it with {rule, url}. */
  showDocumentation: 'rampart.showDocumentation',
  /** Re-reads and re-lints every file of the workspace, with a cancellable notification. */
  scanWorkspace: 'rampart.scanWorkspace',
} as const;

/** The server's command behind "Rampart: Scan Workspace" (workspace/executeCommand). */
export const SERVER_SCAN_COMMAND = 'rampart.server.scanWorkspace';
/** The server's `rampart/status` notification (counts for the status item). */
export const STATUS_NOTIFICATION = 'rampart/status';

/**
 * Every file Rampart may claim. The server decides per file whether it is Rampart's (a random
 * YAML file gets no diagnostics), so the selector is deliberately wide.
 */
export const DOCUMENT_SELECTOR: DocumentFilter[] = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'nginx' },
  // VS Code has no TOML language and nginx files are often plain `.conf`.
  { scheme: 'file', pattern: '**/*.toml' },
  { scheme: 'file', pattern: '**/*.conf' },
  { scheme: 'file', pattern: '**/.rampart.yaml' },
  { scheme: 'file', pattern: '**/.rampart.yml' },
];

/** Options that need no VS Code API. */
export function baseClientOptions(): LanguageClientOptions {
  return {
    documentSelector: DOCUMENT_SELECTOR,
    // Pull on every change and save (the library's defaults pull only on open).
    diagnosticPullOptions: { onChange: true, onSave: true, onFocus: false, onTabs: false },
    synchronize: { configurationSection: 'rampart' },
    // Tells the server that this client opens rule docs itself (the bundled page), sets a
    // document's language when the server recognises it (a .conf file that is nginx), and shows
    // the workspace counts in a status item.
    initializationOptions: { clientCommands: [COMMANDS.showDocumentation], languageHints: true, statusNotifications: true },
  };
}

/** The server's `rampart/documentLanguage` notification: `{uri, languageId}`. */
export const DOCUMENT_LANGUAGE_NOTIFICATION = 'rampart/documentLanguage';

/**
 * Whether the client should switch a document to the language the server recognised: only from
 * the languages a `.conf` file opens as (plain text, properties), and only to nginx, so a choice
 * the user made is never overruled.
 */
export function shouldSetLanguage(current: string, recognised: unknown): recognised is 'nginx' {
  return recognised === 'nginx' && (current === 'plaintext' || current === 'properties');
}

/** `{uri, languageId}` from the notification's params, or undefined. */
export function parseDocumentLanguage(params: unknown): { uri: string; languageId: string } | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const { uri, languageId } = params as { uri?: unknown; languageId?: unknown };
  return typeof uri === 'string' && typeof languageId === 'string' ? { uri, languageId } : undefined;
}

/** `{rule, url}` from a command's argument, or undefined when it is not a Rampart rule. */
export function parseShowDocsArgs(arg: unknown): { rule: string; url: string | undefined } | undefined {
  const rule = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null ? (arg as { rule?: unknown }).rule : undefined;
  if (typeof rule !== 'string' || !/^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/.test(rule)) return undefined;
  const url = typeof arg === 'object' && arg !== null ? (arg as { url?: unknown }).url : undefined;
  return { rule, url: typeof url === 'string' && url.startsWith('https://github.com/rampart-dev/rampart/') ? url : undefined };
}

/** Path segments of a rule's page inside the extension: `docs/rules/<language>/<name>.md`. */
export function docsPageSegments(rule: string): string[] {
  const [language, name] = rule.split('/');
  return ['docs', 'rules', language!, `${name}.md`];
}
