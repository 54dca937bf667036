import { defineMeta } from '../../../engine/meta';
import { plannedFix } from '../../../engine/fix-plans';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxArg, NginxModel } from '../model';
import { listWords, where } from './util';
import { opensslWeakClasses, orderWeakClasses, WEAK_CIPHER_WHY, type WeakCipherClass } from '../../../engine/tls';

export const meta = defineMeta({
  id: 'nginx/ssl-ciphers-weak',
  language: 'nginx',
  title: 'Weak TLS cipher suites allowed',
  description:
    'ssl_ciphers allows RC4, DES/3DES, MD5, NULL, EXPORT or anonymous suites, or is ALL without exclusions: connections can be decrypted, downgraded or intercepted.',
  severity: 'error',
  fix: 'safe',
  sources: ['H: "Strong cipher suites defined"', 'Mozilla intermediate profile (guidelines 6.0): ssl_ciphers'],
  peers: ['weak_ssl_tls'],
  tags: ['security', 'CWE-326', 'CWE-327'],
  securitySeverity: '7.5',
  precision: 'very-high',
});

/** Mozilla's intermediate cipher list (guidelines 6.0, which dropped the DHE suites). */
export const MOZILLA_INTERMEDIATE =
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305';

interface Element {
  text: string;
  start: number;
  end: number;
}

/** Splits one argument into cipher-string elements with their offsets in the file. */
function elements(arg: NginxArg): Element[] {
  const out: Element[] = [];
  const body = arg.quoted ? arg.raw.slice(1, arg.raw.length > 1 && /["']$/.test(arg.raw) ? -1 : undefined) : arg.raw;
  const base = arg.start + (arg.quoted ? 1 : 0);
  const re = /[^:,\s]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.push({ text: m[0], start: base + m.index, end: base + m.index + m[0].length });
  return out;
}

export const sslCiphersWeak: Rule<NginxModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    for (const d of model.named('ssl_ciphers')) {
      if (d.args.length === 0 || d.args.some((a) => a.value.includes('$'))) continue;
      const all = d.args.flatMap(elements);
      const excluded = new Set<WeakCipherClass>();
      let anyExclusion = false;
      for (const e of all) {
        if (e.text.startsWith('!') || e.text.startsWith('-')) {
          anyExclusion = true;
          for (const c of opensslWeakClasses(e.text.slice(1))) excluded.add(c);
        }
      }
      const weak: Array<{ e: Element; classes: WeakCipherClass[] }> = [];
      for (const e of all) {
        if (/^[!+\-@]/.test(e.text)) continue;
        const classes = opensslWeakClasses(e.text).filter((c) => !excluded.has(c));
        if (e.text.toUpperCase() === 'ALL' && !anyExclusion) classes.push('ALL');
        if (classes.length > 0) weak.push({ e, classes });
      }
      if (weak.length === 0) continue;
      const found = new Set(weak.flatMap((w) => w.classes));
      const classes = orderWeakClasses(found);
      const first = weak[0]!.e;
      const last = weak[weak.length - 1]!.e;
      const names = weak.map((w) => w.e.text);
      const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
      // Replace the whole value, keeping the quote style.
      const a0 = d.args[0]!;
      const q = a0.quoted ? a0.raw[0]! : '';
      out.push({
        range: model.index.rangeOf(first.start, last.end),
        message: `ssl_ciphers${where(d)} allows ${listWords(shown)}: ${listWords(classes.map((c) => WEAK_CIPHER_WHY[c]))}.`,
        lazyFixes: plannedFix('safe', 'Use the Mozilla intermediate cipher list', () => [{ range: model.index.rangeOf(a0.start, d.args[d.args.length - 1]!.end), newText: `${q}${MOZILLA_INTERMEDIATE}${q}` }]),
      });
    }
    return out;
  },
};
