// The `rampart` command line: `lint` (text, json, sarif, --fix, --fix-dry-run) and `rules`.
// Exit codes: 0 clean (below --fail-on), 1 findings at or above it, 2 usage, config or I/O error.
import { allRules } from '../engine/registry';
import { docsUrl, TOOL_VERSION } from '../engine/identity';
import { CliError, HELP, UsageError, parseLintArgs, parseRulesArgs } from './args';
import { ConfigError, runLint, type CliIo } from './lint-command';
import { describeError } from '../engine/errors';

function rulesOutput(format: 'text' | 'json'): string {
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
      .map((m) => `${m.id.padEnd(width)}  ${m.severity.padEnd(7)}  ${m.fix.padEnd(7)}  ${m.profile.padEnd(11)}  ${m.title}`)
      .join('\n') + '\n'
  );
}

/** Resolves once stdout has taken the text: exiting before a pipe drains would cut the report. */
function writeStdout(text: string): Promise<void> {
  return new Promise((res) => {
    if (text.length === 0) return res();
    const done = () => {
      process.stdout.off('error', done);
      res();
    };
    // A closed pipe (`rampart lint | head`) is not an error of ours.
    process.stdout.once('error', done);
    if (process.stdout.write(text)) done();
    else process.stdout.once('drain', done);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export const nodeIo: CliIo = {
  stdout: writeStdout,
  stderr: (text) => void process.stderr.write(text),
  readStdin,
  isTty: process.stdout.isTTY === true,
};

export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === '--version' || cmd === '-v' || cmd === 'version') {
      await io.stdout(`${TOOL_VERSION}\n`);
      return 0;
    }
    if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
      await io.stdout(HELP);
      return 0;
    }
    if (cmd === undefined) {
      io.stderr(HELP);
      return 2;
    }
    if (cmd === 'lint') {
      if (rest.includes('--help') || rest.includes('-h')) {
        await io.stdout(HELP);
        return 0;
      }
      return await runLint(parseLintArgs(rest), io);
    }
    if (cmd === 'rules') {
      await io.stdout(rulesOutput(parseRulesArgs(rest).format));
      return 0;
    }
    throw new UsageError(`unknown command "${cmd}" (use lint or rules)`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`rampart: ${err.message}\nRun \`rampart --help\` for usage.\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr(`rampart: invalid configuration:\n${err.message}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr(`rampart: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e.code === 'string') {
      io.stderr(`rampart: ${e.path ? `${e.path}: ` : ''}${e.code}\n`);
      return 2;
    }
    // A bug: say so without a stack that could quote file content.
    io.stderr(`rampart: internal error: ${describeError(e)}\nPlease report it at https://github.com/rampart-dev/rampart/issues\n`);
    return 2;
  }
}
