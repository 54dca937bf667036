import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import { forEachCommandOfRun, runFindings, type DockerfileModel } from '../model';
import { effectiveWords, programName, type ShellWord } from '../shell';

export const meta = defineMeta({
  id: 'dockerfile/package-signature-bypass',
  language: 'dockerfile',
  title: 'Package signature checks bypassed',
  description:
    'A package manager is told to install packages whose signatures it cannot verify (apt --allow-unauthenticated/--force-yes, apk --allow-untrusted, yum/dnf --nogpgcheck, rpm --nosignature …): a tampered mirror or repository can put any code in the image.',
  severity: 'error',
  fix: 'none',
  sources: ['Checkov CKV2_DOCKER_7–11'],
  peers: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  tags: ['security', 'supply-chain', 'CWE-494', 'CWE-347'],
  securitySeverity: '7.5',
});

const APT = new Set(['apt-get', 'apt', 'aptitude']);
const RPM_FAMILY = new Set(['yum', 'dnf', 'tdnf', 'microdnf', 'dnf5']);
const APT_OPT_RE = /^(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)\s*=\s*(?:true|1|yes)$/i;
const APT_CONF_RE = /(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)["'\s=]*(?:true|1|yes)\b/i;
// Cheap pre-check before the config-text patterns.
const CONFIG_HINT_RE = /gpgcheck|trusted=|AllowUnauthenticated|AllowInsecure/i;
const GPGCHECK_RE = /(?:^|[^A-Za-z0-9_])gpgcheck\s*=\s*(?:0|false|no)\b/i;

interface Hit {
  word: ShellWord;
  label: string;
}

function commandHits(words: ShellWord[]): Hit[] {
  const hits: Hit[] = [];
  const p = programName(words[0]);
  const args = words.slice(1);
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    const v = a.value;
    if (APT.has(p)) {
      if (v === '--allow-unauthenticated' || v === '--force-yes' || v === '--allow-insecure-repositories') hits.push({ word: a, label: `${p} ${v}` });
      else if (v === '-o' || v === '--option') {
        const next = args[k + 1];
        if (next && APT_OPT_RE.test(next.value)) hits.push({ word: next, label: `${p} -o ${next.value}` });
        k++;
      } else if (/^-o./.test(v) && APT_OPT_RE.test(v.slice(2))) hits.push({ word: a, label: `${p} ${v}` });
      else if (v.startsWith('--option=') && APT_OPT_RE.test(v.slice(9))) hits.push({ word: a, label: `${p} ${v}` });
    } else if (p === 'apk') {
      if (v === '--allow-untrusted') hits.push({ word: a, label: `apk ${v}` });
    } else if (RPM_FAMILY.has(p) || p === 'zypper') {
      if (v === '--nogpgcheck' || v === '--no-gpg-checks' || v === '--no-gpgcheck') hits.push({ word: a, label: `${p} ${v}` });
      else if (GPGCHECK_RE.test(v)) hits.push({ word: a, label: `${p} ${v}` });
    } else if (p === 'rpm') {
      if (v === '--nosignature' || v === '--nodigest') hits.push({ word: a, label: `rpm ${v}` });
    } else {
      // Written into a config file: `echo "gpgcheck=0" >> /etc/yum.repos.d/x.repo`,
      // `deb [trusted=yes] …`, `APT::Get::AllowUnauthenticated "true";`.
      if (!CONFIG_HINT_RE.test(v)) continue;
      const text = v.replace(/\\n/g, '\n');
      if (GPGCHECK_RE.test(text)) hits.push({ word: a, label: 'gpgcheck=0' });
      else if (APT_CONF_RE.test(text)) hits.push({ word: a, label: 'APT::Get::AllowUnauthenticated true' });
      else if (trustedRepo(text)) hits.push({ word: a, label: 'deb [trusted=yes]' });
    }
  }
  return hits;
}

/** `deb [trusted=yes] http://…`: apt skips signature checks for that repository. */
function trustedRepo(text: string): boolean {
  const open = text.indexOf('[');
  if (open < 0 || !/\bdeb(?:-src)?\s*$/.test(text.slice(Math.max(0, open - 12), open))) return false;
  const close = text.indexOf(']', open);
  return /(?:^|[\s,[])trusted=yes(?:$|[\s,\]])/i.test(text.slice(open, close < 0 ? text.length : close + 1));
}

export const packageSignatureBypass: Rule<DockerfileModel> = {
  meta,
  check(model) {
    // Per RUN, memoised while the RUN is unchanged: the findings read only its commands.
    return runFindings(model, meta.id, (run) => {
      const out: Finding[] = [];
      forEachCommandOfRun(run, (cmd) => {
        for (const h of commandHits(effectiveWords(cmd))) {
          out.push({
            range: model.index.rangeOf(h.word.start, h.word.end),
            message: `"${h.label}" installs packages without checking their signatures: a tampered mirror or a network attacker can put any code in the image.`,
          });
        }
      });
      return out;
    });
  },
};
