// textDocument/hover: asks the document's language plugin (nginx documents directives and
// variables from nginx.org's reference); other languages and unclaimed files answer nothing.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pluginFor } from '../engine/lint';
import type { ServerLinter } from './linter';
import type { RampartSettings } from './settings';
import { URI } from './uri';

export function hoverFor(linter: ServerLinter, doc: TextDocument, settings: RampartSettings, position: Position): Hover | null {
  const path = URI.toPath(doc.uri);
  if (!path || !settings.enable) return null;
  const language = linter.languageOf(path, doc.getText(), linter.configFor(path, settings));
  const plugin = language ? pluginFor(language) : undefined;
  if (!plugin?.hover) return null;
  const parsed = linter.parsed(doc, settings);
  if (!parsed) return null;
  const info = plugin.hover(parsed, position);
  return info ? { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: info.range } : null;
}
