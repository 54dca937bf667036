import { defineMeta } from '../../../engine/meta';
import type { Finding, TextEdit } from '../../../engine/types';
import { ianaWeakClasses, opensslWeakClasses, orderWeakClasses, WEAK_CIPHER_WHY, type WeakCipherClass } from '../../../engine/tls';
import { listItems, match, type TScalar } from '../model';
import { removeListItems, removeStatement } from '../edits';
import { listWords, type TraefikRule } from './shared';

export const meta = defineMeta({
  id: 'traefik/weak-cipher-suites',
  language: 'traefik',
  title: 'TLS option allows weak cipher suites',
  description:
    '`cipherSuites` of a TLS option lists RC4, DES/3DES, NULL, EXPORT, anonymous or MD5 suites (the same classification as nginx/ssl-ciphers-weak): connections can be decrypted, downgraded or intercepted.',
  severity: 'error',
  fix: 'safe',
  sources: ['H: "Strong cipher suites defined"', 'M: "Modern cipher suites"', 'Mozilla server-side TLS guidelines', 'Traefik docs: TLS options, `cipherSuites`'],
  tags: ['security', 'CWE-326', 'CWE-327'],
  securitySeverity: '7.5',
  precision: 'very-high',
});

function classesOf(name: string): WeakCipherClass[] {
  const iana = ianaWeakClasses(name);
  return iana.length > 0 || /^(TLS|SSL)_/i.test(name.trim()) ? iana : opensslWeakClasses(name.trim()).filter((c) => c !== 'ALL');
}

export const weakCipherSuites: TraefikRule = {
  meta,
  check(view) {
    const out: Finding[] = [];
    // TLS options can only be defined by the file provider: labels cannot define them.
    for (const src of view.dynamicSources) {
      if (src.provider !== 'file') continue;
      for (const m of match(src.root, ['tls', 'options', '*', 'ciphersuites'])) {
        const items = listItems(m.field, view.index);
        const weak: Array<{ i: number; s: TScalar; classes: WeakCipherClass[] }> = [];
        items.forEach((n, i) => {
          if (n.kind !== 'scalar' || n.text === undefined) return;
          const classes = classesOf(n.text);
          if (classes.length > 0) weak.push({ i, s: n, classes });
        });
        if (weak.length === 0) continue;
        const option = m.names[0]!;
        const names = weak.map((w) => w.s.text!.trim());
        const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
        const classes = orderWeakClasses(weak.flatMap((w) => w.classes));
        let edits: TextEdit[] | undefined;
        if (weak.length === items.length) {
          // Nothing strong is left: without cipherSuites, Go's secure defaults apply.
          const e = removeStatement(view, m.field.decl);
          edits = e ? [e] : undefined;
        } else if (m.field.node.kind === 'list') {
          edits = removeListItems(view, m.field.node, new Set(weak.map((w) => w.i)));
        }
        const title = weak.length === items.length ? `Remove cipherSuites from "${option}" (use Go's secure defaults)` : `Remove the weak cipher suites from "${option}"`;
        out.push({
          range: { start: weak[0]!.s.range.start, end: weak[weak.length - 1]!.s.range.end },
          message: `TLS option "${option}" allows ${listWords(shown)}: ${listWords(classes.map((c) => WEAK_CIPHER_WHY[c]))}.`,
          // Eager: whether every weak suite can be taken out on lines of its own decides the fix (a rare finding).
          fixes: edits ? [{ title, kind: 'safe', edits }] : [],
        });
      }
    }
    return out;
  },
};
