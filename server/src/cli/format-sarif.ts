// SARIF 2.1.0 as GitHub code scanning reads it: rule metadata for every rule that fired,
// repository-relative URIs under %SRCROOT%, 1-based UTF-16 regions, line-hash fingerprints that
// survive line shifts, suppressed findings as inSource suppressions, safe fixes as `fixes`.
import { createHash } from 'node:crypto';
import type { ArtifactLocation, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Diagnostic, Range, SkipReason } from '../engine/types';
import { compareDiagnostics } from '../engine/lint';
import { redactSecrets } from './redact';
import { HOME_URL, TOOL_NAME, TOOL_VERSION, docsUrl } from '../engine/identity';
import { ruleMeta } from '../engine/registry';
import { LineIndex } from '../engine/text';
import type { FileReport } from './report';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const PROBLEM_SEVERITY = { error: 'error', warning: 'warning', info: 'recommendation' } as const;
const SKIP_TEXT: Record<SkipReason, string> = {
  'too-large': 'larger than --max-file-size',
  binary: 'binary content',
  unreadable: 'cannot be read',
  unrecognised: 'not a file Rampart recognises',
};

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
        // Shown by GitHub for results without a security-severity (non-security rules).
        'problem.severity': PROBLEM_SEVERITY[m?.severity ?? 'warning'],
        precision: m?.precision ?? 'high',
        'security-severity': m?.securitySeverity ?? '5.0',
        ...(m && m.peers.length > 0 ? { relatedIds: m.peers } : {}),
      },
    });
    return i;
  };

  const notifications: Notification[] = [];
  for (const f of files) {
    if (f.skipped) {
      notifications.push({
        level: 'warning',
        message: { text: `${f.path}: not linted (${SKIP_TEXT[f.skipped]}).` },
        locations: [{ physicalLocation: { artifactLocation: artifact(f.path) } }],
        descriptor: { id: `skipped/${f.skipped}` },
      });
      continue;
    }
    const index = f.text !== undefined ? new LineIndex(f.text) : undefined;
    const occurrences = new Map<string, number>();
    const all = [...f.diagnostics, ...f.suppressed].sort(compareDiagnostics);
    for (const d of all) {
      const lineHash = fingerprint(d, index);
      const n = occurrences.get(lineHash) ?? 0;
      occurrences.set(lineHash, n + 1);
      const result: Result = {
        ruleId: d.rule,
        ruleIndex: indexOfRule(d.rule),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(f.path), region: region(d.range) } }],
        partialFingerprints: { primaryLocationLineHash: `${lineHash}:${n + 1}` },
      };
      if (d.related.length > 0) {
        result.relatedLocations = d.related.map((r, k) => ({
          id: k + 1,
          message: { text: r.message },
          physicalLocation: { artifactLocation: artifact(r.path ?? f.path), region: region(r.range) },
        }));
      }
      if (d.suppression) {
        result.suppressions = [
          d.suppression.justification ? { kind: 'inSource', justification: d.suppression.justification } : { kind: 'inSource' },
        ];
      }
      const safe = d.fixes.find((x) => x.kind === 'safe');
      if (safe) {
        result.fixes = [
          {
            description: { text: safe.title },
            artifactChanges: [
              {
                artifactLocation: artifact(f.path),
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
    invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
    results,
  };
  const log: Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2) + '\n';
}

/** SARIF regions are 1-based; the end column is one past the last character. */
function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * Hash of rule id + whitespace-normalised line text, not the position, so the fingerprint
 * survives lines inserted above. Secret values are masked before hashing (a hash of a short
 * secret could be brute-forced).
 */
function fingerprint(d: Diagnostic, index: LineIndex | undefined): string {
  return createHash('sha256').update(fingerprintInput(d, index)).digest('hex').slice(0, 16);
}

/** What a fingerprint hashes: the rule id and the finding's line, whitespace-normalised, secrets masked. */
export function fingerprintInput(d: Diagnostic, index: LineIndex | undefined): string {
  let line = index ? index.lineText(d.range.start.line) : '';
  const onLine = d.secretRanges
    .filter((s) => s.start.line <= d.range.start.line && s.end.line >= d.range.start.line)
    .map((s) => ({
      start: { line: 0, character: s.start.line === d.range.start.line ? s.start.character : 0 },
      end: { line: 0, character: s.end.line === d.range.start.line ? s.end.character : line.length },
    }));
  line = redactSecrets(line, onLine);
  const normalised = line.replace(/\s+/g, ' ').trim();
  return `${d.rule}\0${normalised}`;
}

/** Repository-relative paths under %SRCROOT%; paths outside the current directory as file URIs. */
function artifact(path: string): ArtifactLocation {
  if (path.startsWith('/') || /^[a-zA-Z]:\//.test(path)) return { uri: toFileUri(path).replace(/\/$/, '') };
  return { uri: encodeUri(path), uriBaseId: '%SRCROOT%' };
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function toFileUri(dir: string): string {
  const p = dir.replace(/\\/g, '/');
  return `file://${p.startsWith('/') ? '' : '/'}${encodeUri(p)}/`;
}
