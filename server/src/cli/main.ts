// The `rampart` command line: lint (text, json, sarif, --fix, --fix-dry-run), rules.
import { readFileSync, statSync, writeFileSync, renameSync, unlinkSync, chmodSync } from 'node:fs';
import { resolve, relative, dirname, basename } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Language, Severity, SeveritySetting } from '../engine/types';
import type { ConfigLayer } from '../engine/config';
import { lint, ParseCache } from '../engine/lint';
import { fixAll } from '../engine/fixes';
import { detectLanguage } from '../engine/detect';
import { allRules, ruleMeta } from '../engine/registry';
import { docsUrl, TOOL_VERSION } from '../engine/identity';
import { stripBom } from '../engine/text';
import { FsWorkspace } from '../node/fs-workspace';
import { ConfigResolver } from '../node/config-resolver';
import { discover } from '../node/discover';
import { formatText } from './format-text';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import type { FileReport } from './report';
import { redactSecrets } from './redact';

const LANGUAGES: Language[] = ['dockerfile', 'compose', 'nginx', 'traefik'];
const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const HELP = `Usage: rampart <command> [options]

Commands:
  lint [paths...]     Lint files and folders (default: .). Use - for stdin.
  rules               List the rule catalog.

Lint options:
  --format text|json|sarif     Output format (default: text)
  --output FILE                Write the report to FILE instead of stdout
  --config FILE                Use this .rampart.yaml instead of discovery
  --profile recommended|strict Rule profile
  --rule ID=off|info|warning|error   Override a rule's severity (repeatable)
  --fail-on error|warning|info|never Exit 1 when a finding is at or above this (default: warning)
  --fix                        Apply every safe fix in place, then report what remains
  --fix-dry-run                Print the safe fixes as a unified diff; change nothing
  --language dockerfile|compose|nginx|traefik  Language of stdin (-)
  --max-file-size BYTES        Skip larger files (default: 2097152)

Rules options:
  --format text|json

  --version, --help
`;

class UsageError extends Error {}

interface LintArgs {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  config?: string;
  profile?: 'recommended' | 'strict';
  rules: Record<string, SeveritySetting>;
  failOn: Severity | 'never';
  fix: boolean;
  fixDryRun: boolean;
  language?: Language;
  maxFileSize: number;
}

function parseLintArgs(argv: string[]): LintArgs {
  const a: LintArgs = { paths: [], format: 'text', rules: {}, failOn: 'warning', fix: false, fixDryRun: false, maxFileSize: DEFAULT_MAX_FILE_SIZE };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const need = () => {
      if (value !== undefined) return value;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--format': {
        const v = need();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${v}"`);
        a.format = v;
        break;
      }
      case '--output':
        a.output = need();
        break;
      case '--config':
        a.config = need();
        break;
      case '--profile': {
        const v = need();
        if (v !== 'recommended' && v !== 'strict') throw new UsageError(`--profile must be recommended or strict, not "${v}"`);
        a.profile = v;
        break;
      }
      case '--rule': {
        const v = need();
        const m = /^([^=]+)=(off|info|warning|error)$/.exec(v);
        if (!m) throw new UsageError(`--rule takes ID=off|info|warning|error, not "${v}"`);
        if (!ruleMeta(m[1]!)) throw new UsageError(`--rule: unknown rule "${m[1]}" (see \`rampart rules\`)`);
        a.rules[m[1]!] = m[2] as SeveritySetting;
        break;
      }
      case '--fail-on': {
        const v = need();
        if (!['error', 'warning', 'info', 'never'].includes(v)) throw new UsageError(`--fail-on must be error, warning, info or never, not "${v}"`);
        a.failOn = v as Severity | 'never';
        break;
      }
      case '--fix':
        a.fix = true;
        break;
      case '--fix-dry-run':
        a.fixDryRun = true;
        break;
      case '--language': {
        const v = need();
        if (!LANGUAGES.includes(v as Language)) throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}, not "${v}"`);
        a.language = v as Language;
        break;
      }
      case '--max-file-size': {
        const v = Number(need());
        if (!Number.isInteger(v) || v <= 0) throw new UsageError('--max-file-size takes a positive number of bytes');
        a.maxFileSize = v;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (a.paths.length === 0) a.paths.push('.');
  if (a.fix && a.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  return a;
}

function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

function displayPath(abs: string): string {
  const rel = toSlash(relative(process.cwd(), abs));
  return rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel : toSlash(abs);
}

function isBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Writes a file atomically (temp file + rename), keeping its mode. */
function writeAtomic(path: string, content: string, mode: number): void {
  const tmp = `${dirname(path)}/.${basename(path)}.rampart-${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing to clean up.
    }
    throw err;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function runLint(argv: string[]): Promise<number> {
  const args = parseLintArgs(argv);
  const workspace = new FsWorkspace();
  const overrides: ConfigLayer = { rules: args.rules };
  if (args.profile) overrides.profile = args.profile;
  let explicitConfig: string | undefined;
  if (args.config) {
    explicitConfig = toSlash(resolve(args.config));
    if (!workspace.exists(explicitConfig)) throw new UsageError(`--config: ${args.config} does not exist`);
  }
  const configs = new ConfigResolver(workspace, undefined, overrides, explicitConfig);
  const cache = new ParseCache();

  // Config files with problems stop the run: CI must not silently lint with a broken config.
  const checkConfig = (path: string) => {
    const cp = configs.configPathFor(path);
    if (!cp) return;
    const r = configs.loadFile(cp);
    if (!r) throw new ConfigError(`${displayPath(cp)}: cannot be read`);
    if (r.problems.length > 0) {
      const p = r.problems[0]!;
      throw new ConfigError(`${displayPath(cp)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
    }
  };

  // Collect targets: explicit files (claimed or not), folders walked with discovery.
  const targets: Array<{ abs: string; language?: Language; explicit: boolean }> = [];
  let stdinText: string | undefined;
  for (const p of args.paths) {
    if (p === '-') {
      stdinText = await readStdin();
      targets.push({ abs: '-', language: args.language, explicit: true });
      continue;
    }
    const abs = toSlash(resolve(p));
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) {
      for (const f of discover([abs], { configFor: (path) => configs.configFor(path) })) targets.push({ abs: f.path, language: f.language, explicit: false });
    } else targets.push({ abs, language: args.language, explicit: true });
  }

  const reports: FileReport[] = [];
  const diffs: string[] = [];
  for (const t of targets) {
    if (t.abs === '-') {
      const { text } = stripBom(stdinText ?? '');
      const stdinPath = toSlash(resolve('stdin'));
      const config = configs.configFor(stdinPath);
      if (!t.language) {
        reports.push({ path: '-', absPath: '-', language: undefined, diagnostics: [], suppressed: [], skipped: 'unrecognised' });
        continue;
      }
      checkConfig(stdinPath);
      const r = lint(stdinPath, text, { config, workspace, language: t.language, cache });
      reports.push({ path: '-', absPath: '-', language: t.language, diagnostics: r?.diagnostics ?? [], suppressed: r?.suppressed ?? [], text });
      continue;
    }
    const path = displayPath(t.abs);
    let buf: Buffer;
    let mode = 0o644;
    try {
      const st = statSync(t.abs);
      mode = st.mode & 0o7777;
      if (st.size > args.maxFileSize) {
        const language = t.language ?? detectLanguage(t.abs, '', configs.configFor(t.abs));
        reports.push({ path, absPath: t.abs, language, diagnostics: [], suppressed: [], skipped: 'too-large' });
        continue;
      }
      buf = readFileSync(t.abs);
    } catch {
      reports.push({ path, absPath: t.abs, language: t.language, diagnostics: [], suppressed: [], skipped: 'unreadable' });
      continue;
    }
    const config = configs.configFor(t.abs);
    if (isBinary(buf)) {
      const language = t.language ?? detectLanguage(t.abs, '', config);
      if (language || t.explicit) reports.push({ path, absPath: t.abs, language, diagnostics: [], suppressed: [], skipped: 'binary' });
      continue;
    }
    const raw = buf.toString('utf8');
    const { text, bom } = stripBom(raw);
    const language = t.language ?? detectLanguage(t.abs, text, config);
    if (!language) {
      if (t.explicit) reports.push({ path, absPath: t.abs, language: undefined, diagnostics: [], suppressed: [], skipped: 'unrecognised' });
      continue;
    }
    checkConfig(t.abs);
    let current = text;
    if (args.fix || args.fixDryRun) {
      const fixed = fixAll(t.abs, text, { config, workspace, language, cache });
      if (fixed.text !== text) {
        if (args.fix) {
          writeAtomic(t.abs, (bom ? '\ufeff' : '') + fixed.text, mode);
          workspace.invalidate(t.abs);
          current = fixed.text;
        } else {
          const before = lint(t.abs, text, { config, workspace, language, cache });
          const secrets = before ? [...before.diagnostics, ...before.suppressed].flatMap((d) => d.secretRanges) : [];
          diffs.push(createTwoFilesPatch(`a/${path}`, `b/${path}`, redactSecrets(text, secrets), redactSecrets(fixed.text, secrets)));
        }
      }
    }
    const r = lint(t.abs, current, { config, workspace, language, cache });
    reports.push({ path, absPath: t.abs, language, diagnostics: r?.diagnostics ?? [], suppressed: r?.suppressed ?? [], text: current });
  }

  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  let output: string;
  if (args.fixDryRun) output = diffs.join('');
  else if (args.format === 'json') output = formatJson(reports);
  else if (args.format === 'sarif') output = formatSarif(reports);
  else output = formatText(reports, !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR);

  if (args.output) writeAtomic(resolve(args.output), output, 0o644);
  else await writeStdout(output);

  if (args.failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[args.failOn];
  const failing = reports.some((r) => r.diagnostics.some((d) => SEVERITY_RANK[d.severity] >= threshold));
  return failing ? 1 : 0;
}

class ConfigError extends Error {}

function runRules(argv: string[]): string {
  let format = 'text';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format') format = argv[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (format === 'json') {
    const list = allRules.map((m) => ({
      id: m.id,
      language: m.language,
      title: m.title,
      severity: m.severity,
      profile: m.profile,
      fix: m.fix,
      docs: docsUrl(m.id),
      sources: m.sources,
    }));
    return JSON.stringify(list, null, 2) + '\n';
  }
  const width = Math.max(...allRules.map((m) => m.id.length));
  return (
    allRules
      .map((m) => `${m.id.padEnd(width)}  ${m.severity.padEnd(7)}  ${m.fix.padEnd(7)}  ${m.profile === 'strict' ? 'strict ' : '       '}  ${m.title}`)
      .join('\n') + '\n'
  );
}

/** Resolves once stdout has taken the text: exiting before a pipe drains would cut the report. */
function writeStdout(text: string): Promise<void> {
  return new Promise((res) => {
    if (process.stdout.write(text)) res();
    else process.stdout.once('drain', () => res());
  });
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === '--version' || cmd === '-v') {
      await writeStdout(`${TOOL_VERSION}\n`);
      return 0;
    }
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      await writeStdout(HELP);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === 'lint') {
      if (rest.includes('--help') || rest.includes('-h')) {
        await writeStdout(HELP);
        return 0;
      }
      return await runLint(rest);
    }
    if (cmd === 'rules') {
      await writeStdout(runRules(rest));
      return 0;
    }
    throw new UsageError(`unknown command "${cmd}"`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`rampart: ${err.message}\nRun \`rampart --help\` for usage.\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`rampart: config error: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`rampart: ${e.path ? `${e.path}: ` : ''}${e.code ?? ''} ${e.message ?? String(err)}\n`);
    return 2;
  }
}
