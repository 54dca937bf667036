import { defineMeta } from '../../../engine/meta';
import type { Finding, Range, Rule } from '../../../engine/types';
import type { Arg, Env, Property } from 'dockerfile-ast';
import { forEachCommandOfRun, runFindings, type DockerfileModel } from '../model';
import { commandWords, effectiveWords, programName, type ShellCommand, type ShellWord } from '../shell';

export const meta = defineMeta({
  id: 'dockerfile/tls-verification-disabled',
  language: 'dockerfile',
  title: 'TLS certificate verification turned off',
  description:
    'A download tool or package manager is told to skip TLS certificate checks (curl -k, wget --no-check-certificate, pip --trusted-host, npm strict-ssl false, git http.sslVerify false, NODE_TLS_REJECT_UNAUTHORIZED=0 …): anyone on the network path can substitute what the build fetches.',
  severity: 'error',
  fix: 'none',
  sources: ['Checkov CKV2_DOCKER_2–6, CKV2_DOCKER_12–16'],
  peers: [
    'CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6',
    'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16',
  ],
  tags: ['security', 'supply-chain', 'CWE-295'],
  securitySeverity: '7.4',
});

const CONSEQUENCE = 'anyone on the network path can substitute what this step downloads.';

// curl short options that take a value: the rest of a combined flag (`-oK`) is that value.
const CURL_SHORT_VALUE = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz');
const CURL_LONG_VALUE = new Set([
  '--header', '--output', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--user', '--user-agent',
  '--request', '--url', '--cacert', '--capath', '--cert', '--key', '--proxy', '--max-time', '--retry',
  '--retry-delay', '--retry-max-time', '--connect-timeout', '--write-out', '--form', '--referer', '--cookie',
  '--cookie-jar', '--config', '--output-dir', '--resolve', '--interface', '--range', '--upload-file',
]);

/** Environment variables that turn verification off, and which values do it. */
const ENV_VARS: Record<string, { off: (v: string) => boolean; why: string }> = {
  NODE_TLS_REJECT_UNAUTHORIZED: { off: (v) => v === '0', why: 'Node.js accepts any certificate' },
  PYTHONHTTPSVERIFY: { off: (v) => v === '0', why: "Python's HTTPS client accepts any certificate" },
  GIT_SSL_NO_VERIFY: { off: () => true, why: 'git skips certificate checks whenever it is set, whatever its value' },
  NPM_CONFIG_STRICT_SSL: { off: (v) => /^false$/i.test(v), why: 'npm accepts any registry certificate' },
  PIP_TRUSTED_HOST: { off: (v) => v.trim() !== '', why: 'pip skips certificate checks for those hosts' },
};

function envVar(name: string): (typeof ENV_VARS)[string] | undefined {
  return ENV_VARS[name] ?? (name === 'npm_config_strict_ssl' ? ENV_VARS.NPM_CONFIG_STRICT_SSL : undefined);
}

// Cheap pre-check before the config-text patterns below.
const CONFIG_HINT_RE = /sslverify|verify-/i;
const FALSE_RE = /^(?:false|0|no|off)$/i;
const SSLVERIFY_RE = /(?:^|[^A-Za-z0-9_])sslverify\s*=\s*(?:0|false|no|off)\b/i;
const APT_VERIFY_RE = /Acquire::https::(?:[^\s:]+::)?Verify-(?:Peer|Host)["'\s=]*(?:false|0|no)\b/i;

interface Hit {
  from: ShellWord;
  to: ShellWord;
  label: string;
  why?: string;
}

/** What in one command turns verification off. */
function commandHits(cmd: ShellCommand): Hit[] {
  const hits: Hit[] = [];
  // Assignments before the program and arguments of export/env/declare.
  const words = cmd.words;
  const prog = commandWords(cmd);
  const assignWords = words.slice(0, words.length - prog.length);
  const first = programName(prog[0]);
  if (first === 'export' || first === 'declare' || first === 'typeset' || first === 'readonly') assignWords.push(...prog.slice(1));
  for (const w of assignWords) {
    const eq = w.value.indexOf('=');
    if (eq <= 0) continue;
    const name = w.value.slice(0, eq);
    const v = envVar(name);
    if (v?.off(w.value.slice(eq + 1))) hits.push({ from: w, to: w, label: `"${w.value}"`, why: v.why });
  }

  const eff = effectiveWords(cmd);
  const p = programName(eff[0]);
  const args = eff.slice(1);
  if (p === 'curl') {
    for (let k = 0; k < args.length; k++) {
      const v = args[k]!.value;
      if (v.startsWith('--')) {
        const name = v.split('=')[0]!;
        if (name === '--insecure' || name === '--proxy-insecure' || name === '--doh-insecure') hits.push({ from: args[k]!, to: args[k]!, label: `"curl ${v}"` });
        else if (!v.includes('=') && CURL_LONG_VALUE.has(name)) k++;
        continue;
      }
      if (!v.startsWith('-') || v.length < 2) continue;
      for (let c = 1; c < v.length; c++) {
        const ch = v[c]!;
        if (ch === 'k') {
          hits.push({ from: args[k]!, to: args[k]!, label: v === '-k' ? '"curl -k"' : `"curl ${v}" (-k)` });
          break;
        }
        if (CURL_SHORT_VALUE.has(ch)) {
          if (c === v.length - 1) k++;
          break;
        }
      }
    }
  } else if (p === 'wget') {
    for (const a of args) {
      if (a.value === '--no-check-certificate' || /^--check-certificate=(?:off|no|quiet)$/i.test(a.value)) hits.push({ from: a, to: a, label: `"wget ${a.value}"` });
    }
  } else if (/^pip[0-9.]*$/.test(p) || p === 'uv' || (/^python[0-9.]*$/.test(p) && args.some((a, k) => a.value === '-m' && args[k + 1]?.value === 'pip'))) {
    for (let k = 0; k < args.length; k++) {
      const v = args[k]!.value;
      const name = v.split('=')[0]!;
      if (name === '--trusted-host' || name === '--allow-insecure-host') hits.push({ from: args[k]!, to: args[k]!, label: `"${p} ${name}"`, why: 'pip skips certificate checks for that host' });
      else if (v === 'set' && /(?:^|\.)trusted-host$/.test(args[k + 1]?.value ?? '')) {
        hits.push({ from: args[k + 1]!, to: args[k + 1]!, label: `"${p} config set ${args[k + 1]!.value}"`, why: 'pip skips certificate checks for that host' });
      }
    }
  } else if (p === 'npm' || p === 'yarn' || p === 'pnpm') {
    for (let k = 0; k < args.length; k++) {
      const v = args[k]!.value;
      if (v === '--no-strict-ssl' || /^--strict-ssl=(?:false|0)$/i.test(v)) hits.push({ from: args[k]!, to: args[k]!, label: `"${p} ${v}"` });
      else if (v === '--strict-ssl' && /^(?:false|0)$/i.test(args[k + 1]?.value ?? '')) hits.push({ from: args[k]!, to: args[k + 1]!, label: `"${p} --strict-ssl false"` });
      else if (v === 'set' && k > 0 && args[k - 1]!.value === 'config') {
        const key = args[k + 1];
        if (!key) continue;
        const m = /^(strict-ssl|enableStrictSsl)(?:=(.*))?$/.exec(key.value);
        if (!m) continue;
        if (m[2] !== undefined ? FALSE_RE.test(m[2]) : FALSE_RE.test(args[k + 2]?.value ?? '')) {
          const to = m[2] !== undefined ? key : args[k + 2]!;
          hits.push({ from: key, to, label: `"${p} config set ${m[1]} false"`, why: `${p} accepts any registry certificate` });
        }
      }
    }
  } else if (p === 'git') {
    for (let k = 0; k < args.length; k++) {
      const v = args[k]!.value;
      const cfg = v === '-c' ? args[k + 1] : undefined;
      if (cfg) {
        const eq = cfg.value.indexOf('=');
        if (eq > 0 && isSslVerifyKey(cfg.value.slice(0, eq)) && FALSE_RE.test(cfg.value.slice(eq + 1))) hits.push({ from: cfg, to: cfg, label: `"git -c ${cfg.value}"` });
        k++;
        continue;
      }
      if (v === 'config') {
        // git config [--global|--system|--file f] http.sslVerify false
        const rest = args.slice(k + 1).filter((a) => !a.value.startsWith('-'));
        const key = rest.find((a) => isSslVerifyKey(a.value));
        const idx = key ? rest.indexOf(key) : -1;
        if (key && FALSE_RE.test(rest[idx + 1]?.value ?? '')) hits.push({ from: key, to: rest[idx + 1]!, label: `"git config ${key.value} ${rest[idx + 1]!.value}"` });
        break;
      }
    }
  }
  // yum/dnf `sslverify=0` (as --setopt or written into a repo file) and apt's Verify-Peer.
  for (const a of p === 'git' ? [] : args) {
    if (!CONFIG_HINT_RE.test(a.value)) continue;
    const v = a.value.replace(/\\n/g, '\n');
    if (SSLVERIFY_RE.test(v)) hits.push({ from: a, to: a, label: `"${firstLine(a.value, 'sslverify')}"`, why: 'yum/dnf accept any repository certificate' });
    else if (APT_VERIFY_RE.test(v)) hits.push({ from: a, to: a, label: '"Acquire::https::Verify-Peer false"', why: 'apt accepts any repository certificate' });
  }
  return hits;
}

function isSslVerifyKey(key: string): boolean {
  const k = key.toLowerCase();
  return k === 'http.sslverify' || (k.startsWith('http.') && k.endsWith('.sslverify'));
}

/** A short label for a long word: the `key=value` around `needle`. */
function firstLine(value: string, needle: string): string {
  const at = value.toLowerCase().indexOf(needle);
  const m = /^[^\s"';\\]*/.exec(value.slice(at));
  return m ? m[0] : needle;
}

export const tlsVerificationDisabled: Rule<DockerfileModel> = {
  meta,
  check(model) {
    // RUN commands: per RUN, memoised while the RUN is unchanged (the findings read only its commands).
    const out: Finding[] = runFindings(model, meta.id, (run) => {
      const found: Finding[] = [];
      forEachCommandOfRun(run, (cmd) => {
        for (const h of commandHits(cmd)) {
          found.push({
            range: model.index.rangeOf(h.from.start, h.to.end),
            message: `${h.label} turns off TLS certificate verification${h.why ? ` (${h.why})` : ''}: ${CONSEQUENCE}`,
          });
        }
      });
      return found;
    });
    for (const ins of model.ast.getInstructions()) {
      const kw = ins.getKeyword();
      let props: Property[] = [];
      if (kw === 'ENV') props = (ins as Env).getProperties();
      else if (kw === 'ARG') {
        const p = (ins as Arg).getProperty();
        if (p && p.getValue() !== null) props = [p];
      }
      for (const p of props) {
        const v = envVar(p.getName());
        const value = p.getValue() ?? '';
        if (!v || !v.off(value)) continue;
        const name = p.getNameRange();
        const end: Range = p.getValueRange() ?? name;
        const scope = kw === 'ENV' ? 'for every later step and for the running container' : 'for every later RUN of this stage';
        out.push({
          range: { start: name.start, end: end.end },
          message: `${kw} ${p.getName()}=${value} turns off TLS certificate verification ${scope} (${v.why}): anyone on the network path can substitute what is downloaded.`,
        });
      }
    }
    return out;
  },
};
