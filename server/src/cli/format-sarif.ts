// SARIF 2.1.0 as GitHub code scanning reads it: rule metadata for every rule that fired,
// repository-relative URIs under %SRCROOT%, 1-based UTF-16 regions, line-hash fingerprints that
// survive line shifts, suppressed findings as inSource suppressions, safe fixes as `fixes`.
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Diagnostic, Range } from '../engine/types';
import { HOME_URL, TOOL_NAME, TOOL_VERSION, docsUrl } from '../engine/identity';
import { ruleMeta } from '../engine/registry';
import { LineIndex } from '../engine/text';
import type { FileReport } from './report';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(files: FileReport[]): string {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Result[] = [];

  const indexOfRule = (id: string): number => {
    let i = ruleIndex.get(id);
    if (i !== undefined) return i;
    const m = ruleMeta(id);
    i = rules.length;
    ruleIndex.set(id, i);
    const url = docsUrl(id);
    rules.push({
      id,
      name: id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
      shortDescription: { text: m?.title ?? id },
      fullDescription: { text: (m?.description ?? id).slice(0, 1024) },
      helpUri: url,
      help: {
        text: `${m?.description ?? ''} See ${url}`,
        markdown: `${m?.description ?? ''}\n\n[Documentation for ${id}](${url})`,
      },
      defaultConfiguration: { level: LEVEL[m?.severity ?? 'warning'] },
      properties: {
        tags: m?.tags ?? [],
        precision: m?.precision ?? 'high',
        'security-severity': m?.securitySeverity ?? '5.0',
        ...(m && m.peers.length > 0 ? { relatedIds: m.peers } : {}),
      },
    });
    return i;
  };

  for (const f of files) {
    if (f.skipped) continue;
    const index = f.text !== undefined ? new LineIndex(f.text) : undefined;
    const occurrences = new Map<string, number>();
    const all = [...f.diagnostics, ...f.suppressed].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const d of all) {
      const lineHash = fingerprint(d, index);
      const n = occurrences.get(lineHash) ?? 0;
      occurrences.set(lineHash, n + 1);
      const result: Result = {
        ruleId: d.rule,
        ruleIndex: indexOfRule(d.rule),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(f.path), uriBaseId: '%SRCROOT%' }, region: region(d.range) } }],
        partialFingerprints: { primaryLocationLineHash: `${lineHash}:${n + 1}` },
      };
      if (d.related.length > 0) {
        result.relatedLocations = d.related.map((r, k) => ({
          id: k + 1,
          message: { text: r.message },
          physicalLocation: { artifactLocation: { uri: encodeUri(r.path ?? f.path), uriBaseId: '%SRCROOT%' }, region: region(r.range) },
        }));
      }
      if (d.suppression) result.suppressions = [{ kind: 'inSource', justification: d.suppression.justification }];
      const safe = d.fixes.find((x) => x.kind === 'safe');
      if (safe) {
        result.fixes = [
          {
            description: { text: safe.title },
            artifactChanges: [
              {
                artifactLocation: { uri: encodeUri(f.path), uriBaseId: '%SRCROOT%' },
                replacements: safe.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
              },
            ],
          },
        ];
      }
      results.push(result);
    }
  }

  const run: Run = {
    tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: HOME_URL, rules } },
    originalUriBaseIds: { '%SRCROOT%': { uri: toFileUri(process.cwd()) } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  const log: Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2) + '\n';
}

/** SARIF regions are 1-based; the end column is one past the last character. */
function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Hash of rule id + whitespace-normalised line text (secret spans blanked), not the position. */
function fingerprint(d: Diagnostic, index: LineIndex | undefined): string {
  let line = index ? index.lineText(d.range.start.line) : '';
  for (const s of d.secretRanges) {
    if (s.start.line !== d.range.start.line) continue;
    const end = s.end.line === s.start.line ? s.end.character : line.length;
    line = line.slice(0, s.start.character) + '*'.repeat(Math.max(0, end - s.start.character)) + line.slice(end);
  }
  const normalised = line.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${d.rule}\0${normalised}`).digest('hex').slice(0, 16);
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function toFileUri(dir: string): string {
  const p = dir.replace(/\\/g, '/');
  return `file://${p.startsWith('/') ? '' : '/'}${encodeUri(p)}/`;
}
