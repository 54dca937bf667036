// Command-line parsing for `rampart lint` and `rampart rules`. Every mistake is a UsageError
// (exit 2) with a message that names the option and what it accepts.
import type { Language, Severity, SeveritySetting } from '../engine/types';
import { ruleMeta } from '../engine/registry';
import { closestRuleId } from '../engine/suggest';

export const LANGUAGES: Language[] = ['dockerfile', 'compose', 'nginx', 'traefik'];
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** An error that ends the run with exit code 2 and a message on stderr. */
export class CliError extends Error {}

/** A mistake on the command line: the message is followed by a pointer to --help. */
export class UsageError extends CliError {}

export interface LintArgs {
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
  color?: boolean;
}

export const HELP = `Usage: rampart <command> [options]

Commands:
  lint [paths...]     Lint files and folders (default: .). Use - to read stdin.
  rules               List the rule catalog.

Lint options:
  --format text|json|sarif            Report format (default: text)
  --output FILE                       Write the report to FILE instead of stdout
  --config FILE                       Use this .rampart.yaml instead of discovery
  --profile recommended|strict        Rule profile (default: recommended, or the config's)
  --rule ID=off|info|warning|error    Set a rule's severity (repeatable)
  --fail-on error|warning|info|never  Exit 1 when a finding is at or above this (default: warning)
  --fix                               Apply every safe fix in place, then report what remains
  --fix-dry-run                       Print the safe fixes as a unified diff; change nothing
  --language dockerfile|compose|nginx|traefik
                                      Language of stdin (-) or of files given by path
  --max-file-size BYTES               Skip larger files (default: ${DEFAULT_MAX_FILE_SIZE})
  --color, --no-color                 Force colour on or off (default: on for a terminal)

Rules options:
  --format text|json

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 usage, configuration or I/O error.

  --version, --help
`;

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
    throw new UsageError(`${option} must be ${list}, not "${value}"`);
  }
  return value as T;
}

/** Splits `--opt=value` and `--opt value`; the callback receives the option name and a value getter. */
function walk(argv: string[], onOption: (name: string, value: () => string, hasInline: boolean) => boolean, onPositional: (arg: string) => void): void {
  let positionalOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (positionalOnly || raw === '-' || !raw.startsWith('-')) {
      onPositional(raw);
      continue;
    }
    if (raw === '--') {
      positionalOnly = true;
      continue;
    }
    const eq = raw.indexOf('=');
    const name = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (!onOption(name, value, inline !== undefined)) throw new UsageError(`unknown option ${name}`);
  }
}

export function parseLintArgs(argv: string[]): LintArgs {
  const a: LintArgs = { paths: [], format: 'text', rules: {}, failOn: 'warning', fix: false, fixDryRun: false, maxFileSize: DEFAULT_MAX_FILE_SIZE };
  const flag = (name: string, hasInline: boolean) => {
    if (hasInline) throw new UsageError(`${name} takes no value`);
  };
  walk(
    argv,
    (name, value, hasInline) => {
      switch (name) {
        case '--format':
          a.format = oneOf('--format', value(), ['text', 'json', 'sarif'] as const);
          return true;
        case '--output':
        case '-o':
          a.output = value();
          return true;
        case '--config':
        case '-c':
          a.config = value();
          return true;
        case '--profile':
          a.profile = oneOf('--profile', value(), ['recommended', 'strict'] as const);
          return true;
        case '--rule': {
          const v = value();
          const m = /^([^=]+)=(.*)$/.exec(v);
          if (!m) throw new UsageError(`--rule takes ID=off|info|warning|error, not "${v}"`);
          const id = m[1]!.trim();
          if (!ruleMeta(id)) {
            const near = closestRuleId(id);
            throw new UsageError(`--rule: unknown rule "${id}"${near ? ` (did you mean ${near}?)` : ''}; \`rampart rules\` lists them`);
          }
          a.rules[id] = oneOf(`--rule ${id}`, m[2]!.trim(), ['off', 'info', 'warning', 'error'] as const);
          return true;
        }
        case '--fail-on':
          a.failOn = oneOf('--fail-on', value(), ['error', 'warning', 'info', 'never'] as const);
          return true;
        case '--fix':
          flag(name, hasInline);
          a.fix = true;
          return true;
        case '--fix-dry-run':
          flag(name, hasInline);
          a.fixDryRun = true;
          return true;
        case '--language':
          a.language = oneOf('--language', value(), LANGUAGES);
          return true;
        case '--max-file-size': {
          const v = value();
          const n = Number(v);
          if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-file-size takes a positive number of bytes, not "${v}"`);
          a.maxFileSize = n;
          return true;
        }
        case '--color':
          flag(name, hasInline);
          a.color = true;
          return true;
        case '--no-color':
          flag(name, hasInline);
          a.color = false;
          return true;
        default:
          return false;
      }
    },
    (p) => a.paths.push(p),
  );
  if (a.paths.length === 0) a.paths.push('.');
  if (a.fix && a.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  if (a.fix && a.paths.includes('-')) throw new UsageError('--fix cannot rewrite stdin; use --fix-dry-run to see the changes');
  if (a.paths.filter((p) => p === '-').length > 1) throw new UsageError('stdin (-) can be given only once');
  if (a.fixDryRun && a.output === undefined && a.format !== 'text') {
    throw new UsageError('--fix-dry-run prints a diff; --format applies to the report (drop one of them)');
  }
  return a;
}

export function parseRulesArgs(argv: string[]): { format: 'text' | 'json' } {
  let format: 'text' | 'json' = 'text';
  walk(
    argv,
    (name, value) => {
      if (name !== '--format') return false;
      format = oneOf('--format', value(), ['text', 'json'] as const);
      return true;
    },
    (p) => {
      throw new UsageError(`rules takes no arguments, not "${p}"`);
    },
  );
  return { format };
}
