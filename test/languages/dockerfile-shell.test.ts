// Edge cases of the RUN shell tokenizer and the model facts the RUN rules rely on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  effectiveWords,
  forEachCommand,
  innerScript,
  pipelines,
  shellCWord,
  tokenizeShell,
  type ShellScript,
} from '../../server/src/languages/dockerfile/shell';
import { aptInstallWord, buildModel, shellScripts } from '../../server/src/languages/dockerfile/model';

/** Tokenises a plain string (document offset = string index). */
function tok(text: string): ShellScript {
  return tokenizeShell(text, Array.from({ length: text.length + 1 }, (_, k) => k));
}

const values = (s: ShellScript) => s.commands.map((c) => c.words.map((w) => w.value));

describe('tokenizeShell', () => {
  it('records the offsets of each operator', () => {
    const s = tok('curl -fsSL x | tar -xz && echo ok');
    assert.deepEqual(
      s.commands.map((c) => [c.op, c.opStart, c.opEnd]),
      [['', undefined, undefined], ['|', 13, 14], ['&&', 23, 25]],
    );
  });

  it('keeps $( … ) with nested quotes in one word and tokenises its commands', () => {
    const text = 'sh -c "$(curl -fsSL "https://x/a b")"';
    const s = tok(text);
    assert.deepEqual(values(s), [['sh', '-c', '$(curl -fsSL "https://x/a b")']]);
    const w = s.commands[0]!.words[2]!;
    assert.equal(w.subs?.length, 1);
    const sub = w.subs![0]!;
    assert.equal(sub.kind, '$(');
    assert.equal(text.slice(sub.start, sub.end), '$(curl -fsSL "https://x/a b")');
    assert.deepEqual(values(sub.script), [['curl', '-fsSL', 'https://x/a b']]);
    assert.equal(text.slice(sub.script.commands[0]!.words[0]!.start, sub.script.commands[0]!.words[0]!.end), 'curl');
  });

  it('treats <( … ) as a process substitution inside one word', () => {
    const s = tok('bash <(curl -s https://x) --flag');
    assert.deepEqual(values(s), [['bash', '<(curl -s https://x)', '--flag']]);
    assert.equal(s.commands[0]!.words[1]!.subs![0]!.kind, '<(');
  });

  it('tokenises backticks and skips arithmetic $(( … ))', () => {
    const s = tok('echo `curl x | sh` $((1 + 2))');
    const [back, arith] = [s.commands[0]!.words[1]!, s.commands[0]!.words[2]!];
    assert.equal(back.subs![0]!.kind, '`');
    assert.equal(pipelines(back.subs![0]!.script)[0]!.length, 2);
    assert.equal(arith.value, '$((1 + 2))');
    assert.equal(arith.subs, undefined);
  });

  it('continues a pipeline or list across a newline after the operator', () => {
    const s = tok('wget -O - https://x |\n  sh\ncurl y &&\n  echo done');
    assert.deepEqual(pipelines(s).map((p) => p.map((c) => c.words[0]!.value)), [['wget', 'sh'], ['curl'], ['echo']]);
    assert.equal(s.commands[3]!.op, '&&');
  });

  it('joins backslash-newline continuations in heredoc scripts', () => {
    const s = tok('apt-get install -y \\\n  curl \\\n  git\necho next');
    assert.deepEqual(values(s), [['apt-get', 'install', '-y', 'curl', 'git'], ['echo', 'next']]);
  });

  it('does not split a quoted word that mentions an operator', () => {
    assert.deepEqual(values(tok('echo "curl x | sh" \'a && b\'')), [['echo', 'curl x | sh', 'a && b']]);
  });
});

describe('command helpers', () => {
  it('effectiveWords skips assignments, env and sudo with its options', () => {
    const s = tok('DEBIAN_FRONTEND=noninteractive sudo -E -u root env X=1 apt-get install -y curl');
    assert.deepEqual(effectiveWords(s.commands[0]!).map((w) => w.value), ['apt-get', 'install', '-y', 'curl']);
  });

  it('finds the script of sh -c, bash -ec and su -c, and tokenises it with document offsets', () => {
    const text = "su app -c 'curl -s x | bash' && bash -ec \"echo hi\" && sh script.sh";
    const s = tok(text);
    const [su, bash, plain] = [s.commands[0]!, s.commands[1]!, s.commands[2]!];
    const w = shellCWord(su)!;
    assert.equal(w.value, 'curl -s x | bash');
    const inner = innerScript(s, w)!;
    const bashWord = inner.commands[1]!.words[0]!;
    assert.equal(text.slice(bashWord.start, bashWord.end), 'bash');
    assert.equal(shellCWord(bash)!.value, 'echo hi');
    assert.equal(shellCWord(plain), undefined);
  });

  it('forEachCommand visits substitutions and sh -c scripts with their depth', () => {
    const seen: string[] = [];
    forEachCommand(tok('echo "$(id -u)" && sh -c "sudo ls"'), (c, _s, depth) => seen.push(`${depth}:${c.words[0]!.value}`));
    assert.deepEqual(seen, ['0:echo', '1:id', '0:sh', '1:sudo']);
  });

  it('aptInstallWord skips options with values before the subcommand', () => {
    const s = tok('apt-get -o Dpkg::Options::=--force-confnew -t bookworm-backports install x');
    assert.equal(aptInstallWord(effectiveWords(s.commands[0]!))?.value, 'install');
    assert.equal(aptInstallWord(effectiveWords(tok('apt-get update').commands[0]!)), undefined);
    assert.equal(aptInstallWord(effectiveWords(tok('apt-cache install').commands[0]!)), undefined);
  });
});

describe('RUN scripts in the model', () => {
  it('maps words of a continued RUN with comment lines to document offsets', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n  # a comment\n  && sudo apt-get install -y curl\n';
    const run = buildModel(text).runs[0]!;
    const cmd = run.scripts[0]!.commands[1]!;
    const sudo = cmd.words[0]!;
    assert.equal(text.slice(sudo.start, sudo.end), 'sudo');
    assert.equal(text.slice(cmd.opStart, cmd.opEnd), '&&');
  });

  it('treats only script heredocs as shell code', () => {
    const text = [
      'FROM debian:12',
      'RUN cat <<EOF > /etc/motd',
      'sudo rm -rf /',
      'EOF',
      'RUN <<EOF python3',
      'print("a | b")',
      'EOF',
      'RUN <<EOF bash',
      'curl x | sh',
      'EOF',
      'RUN ["sh", "-c", "curl x | sh"]',
      '',
    ].join('\n');
    const m = buildModel(text);
    assert.deepEqual(values(shellScripts(m.runs[0]!)[0]!), [['cat', '<<EOF', '>', '/etc/motd']]);
    assert.deepEqual(shellScripts(m.runs[1]!), []);
    assert.deepEqual(values(shellScripts(m.runs[2]!)[0]!), [['curl', 'x'], ['sh']]);
    assert.deepEqual(shellScripts(m.runs[3]!), []);
  });
});
