// TLS facts every language shares: which cipher suites are weak, and why. nginx writes OpenSSL
// cipher strings (`RC4-SHA`, `kEDH+aNULL`, `!MD5`); Traefik writes the IANA/Go names
// (`TLS_RSA_WITH_RC4_128_SHA`, `TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA`). One classification serves
// both, so `nginx/ssl-ciphers-weak` and `traefik/weak-cipher-suites` agree on what is weak.

export type WeakCipherClass = 'RC4' | 'DES' | '3DES' | 'MD5' | 'NULL' | 'EXPORT' | 'anonymous' | 'ALL';

/** Reasons, worst first (messages list them in this order). */
export const WEAK_CIPHER_WHY: Record<WeakCipherClass, string> = {
  ALL: 'ALL without exclusions enables every suite OpenSSL still has, weak ones included',
  NULL: 'NULL suites do not encrypt at all',
  anonymous: 'anonymous suites skip server authentication (anyone in the path can intercept)',
  EXPORT: 'EXPORT suites use 40/56-bit keys (FREAK, Logjam)',
  RC4: 'RC4 is broken (RFC 7465)',
  DES: 'DES has 56-bit keys',
  '3DES': '3DES falls to Sweet32',
  MD5: 'MD5 MACs can be forged',
};

/** The classes in message order (worst first). */
export function orderWeakClasses(found: Iterable<WeakCipherClass>): WeakCipherClass[] {
  const set = new Set(found);
  return (Object.keys(WEAK_CIPHER_WHY) as WeakCipherClass[]).filter((c) => set.has(c));
}

/**
 * The weak classes one OpenSSL cipher-string element names (`RC4-SHA`, `kEDH+aNULL`, the part
 * after `!` of an exclusion). `ALL` is not judged here: whether it is weak depends on the
 * exclusions around it.
 */
export function opensslWeakClasses(element: string): WeakCipherClass[] {
  const out = new Set<WeakCipherClass>();
  for (const raw of element.split('+')) {
    const c = raw.toUpperCase();
    if (c === 'LOW') out.add('DES');
    if (c === 'MEDIUM') out.add('3DES');
    if (c.includes('RC4')) out.add('RC4');
    if (c === '3DES' || c.includes('DES-CBC3') || c.includes('DES-EDE')) out.add('3DES');
    else if (c === 'DES' || /(^|-)DES(-|$)/.test(c) || c.includes('DES-CBC-')) out.add('DES');
    if (c === 'MD5' || c.endsWith('-MD5')) out.add('MD5');
    if (c === 'NULL' || c === 'ENULL' || c === 'COMPLEMENTOFALL' || /(^|-)NULL(-|$)/.test(c)) out.add('NULL');
    if (c.startsWith('EXP')) out.add('EXPORT');
    if (c === 'ANULL' || c.startsWith('ADH') || c.startsWith('AECDH')) out.add('anonymous');
  }
  return [...out];
}

/**
 * The weak classes of an IANA cipher suite name as Go and Traefik spell it
 * (`TLS_RSA_WITH_RC4_128_SHA`, `TLS_DH_anon_WITH_AES_128_CBC_SHA`, `TLS_RSA_EXPORT_WITH_RC4_40_MD5`).
 * Case-insensitive; a name that is not an IANA suite name gets no class.
 */
export function ianaWeakClasses(name: string): WeakCipherClass[] {
  const n = name.trim().toUpperCase();
  if (!/^(TLS|SSL)_/.test(n)) return [];
  const out = new Set<WeakCipherClass>();
  const at = n.indexOf('_WITH_');
  const kx = at >= 0 ? n.slice(0, at) : n;
  const cipher = at >= 0 ? n.slice(at + '_WITH_'.length) : '';
  const parts = n.split('_');
  if (n.includes('RC4')) out.add('RC4');
  if (cipher.includes('3DES') || cipher.includes('DES_EDE')) out.add('3DES');
  else if (/(^|_)DES(40)?_/.test(cipher)) out.add('DES');
  if (cipher.startsWith('NULL') || n.endsWith('_NULL') || n === 'TLS_NULL_WITH_NULL_NULL') out.add('NULL');
  if (parts.includes('EXPORT') || parts.includes('EXPORT1024')) out.add('EXPORT');
  if (/_ANON(_|$)/.test(kx)) out.add('anonymous');
  if (parts[parts.length - 1] === 'MD5') out.add('MD5');
  return [...out];
}
