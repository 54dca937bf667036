// Secret-shaped names and credential-shaped values, shared by every secret rule in every
// language (rules.md, "Secret-shaped names"). Tables are compiled once at module load.

const SECRET_SEGMENTS = new Set([
  'password', 'passwd', 'pwd', 'pword', 'psw', 'secret', 'token', 'apikey', 'auth',
  'credential', 'credentials', 'passphrase',
]);

const NOT_SECRET_SEGMENTS = new Set([
  'public', 'file', 'path', 'dir', 'version', 'url', 'uri', 'host', 'port', 'user', 'username',
  'name', 'id', 'type', 'mode', 'enabled', 'timeout', 'length', 'endpoint', 'method',
]);

const SECRET_PAIRS: Array<[string, string]> = [
  ['api', 'key'], ['private', 'key'], ['access', 'key'], ['client', 'secret'],
];

/** Splits a variable name into lower-case segments on `_`, `-` and `.`, and at camelCase humps. */
export function nameSegments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.\-]+/)
    .filter((s) => s.length > 0);
}

/** True when a variable name looks like it holds a secret (`NPM_TOKEN`, `SECRET_KEY`, not `PASSWORD_FILE`). */
export function isSecretName(name: string): boolean {
  const segs = nameSegments(name);
  if (segs.length === 0) return false;
  if (segs.some((s) => NOT_SECRET_SEGMENTS.has(s))) return false;
  if (segs.some((s) => SECRET_SEGMENTS.has(s))) return true;
  if (segs[segs.length - 1] === 'key') return true;
  for (let i = 0; i + 1 < segs.length; i++) {
    for (const [a, b] of SECRET_PAIRS) if (segs[i] === a && segs[i + 1] === b) return true;
  }
  return false;
}

export interface CredentialMatch {
  /** Human description used in messages ("an AWS access key id"); never the value. */
  kind: string;
  /** Offset and length of the credential inside the scanned value. */
  start: number;
  length: number;
}

// Each pattern is anchored on a fixed prefix and uses bounded, non-nested quantifiers, so
// matching stays linear on hostile input.
const CREDENTIAL_PATTERNS: Array<{ kind: string; re: RegExp }> = [
  { kind: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'a GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/ },
  { kind: 'a GitHub fine-grained token', re: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/ },
  { kind: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_\-]{20,255}\b/ },
  { kind: 'a Slack token', re: /\bxox[abpr]-[A-Za-z0-9-]{10,255}\b/ },
  { kind: 'a Stripe live key', re: /\b[sr]k_live_[A-Za-z0-9]{16,255}\b/ },
  { kind: 'a private key', re: /-----BEGIN (?:[A-Z]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/ },
  // user:password@ in a URL; the password part must be non-empty and not a variable reference.
  { kind: 'a password in a URL', re: /\b[a-z][a-z0-9+.\-]{0,30}:\/\/[^\s:@\/$]{1,128}:[^\s@\/$]{1,256}@/i },
];

/** Finds a credential-shaped value (token prefixes, PEM private keys, `user:pass@` URLs). */
export function findCredential(value: string): CredentialMatch | undefined {
  if (value.length > 1_000_000) return undefined;
  for (const { kind, re } of CREDENTIAL_PATTERNS) {
    const m = re.exec(value);
    if (m) return { kind, start: m.index, length: m[0].length };
  }
  return undefined;
}

/** What a masked credential reads as in messages. */
export const MASK = '********';

const URL_PASSWORD_KIND = 'a password in a URL';
// Every occurrence of each credential shape; for a URL only the password goes (its scheme, user
// and host stay readable).
const MASKS: Array<{ re: RegExp; to: string }> = [
  ...CREDENTIAL_PATTERNS.filter((p) => p.kind !== URL_PASSWORD_KIND).map((p) => ({ re: new RegExp(p.re.source, 'g'), to: MASK })),
  { re: /\b([a-z][a-z0-9+.\-]{0,30}:\/\/[^\s:@\/$]{1,128}:)[^\s@\/$]{1,256}@/gi, to: `$1${MASK}@` },
];
// A query parameter with a secret-shaped name (`?token=…`, `&api_key=…`): masked whatever its value looks like.
const QUERY_PARAM = /([?&;])([A-Za-z][A-Za-z0-9_.\-]{0,63})=([^&#\s"';]{1,512})/g;

/** Something every masked shape contains: a token prefix, a PEM header, `scheme://user:…@`, a query parameter. */
const MASK_HINT = /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abpr]-|[sr]k_live_|-----BEGIN|:\/\/[^\s:@\/$]{1,128}:[^\s@\/$]{1,256}@|[?&;][A-Za-z][A-Za-z0-9_.\-]{0,63}=/;

/**
 * The text with every credential-shaped value masked: token prefixes, private keys, URL
 * passwords, values of secret-named query parameters. Messages quote values from the file; the
 * engine passes every message through this, so no report, log or hover shows such a value even
 * when a rule quotes more than it should.
 */
export function maskCredentials(text: string): string {
  // Most messages hold nothing of the kind: one pass of a pattern that every masked shape starts
  // with tells (the masks cost a lint about 6 µs a finding without it).
  // Fixed markers first (a string search each, far cheaper than the alternation): every shape
  // holds one of them.
  if (!text.includes('=') && !text.includes('_') && !text.includes('://') && !text.includes('AKIA') && !text.includes('ASIA') && !text.includes('glpat-') && !text.includes('xox') && !text.includes('-----BEGIN')) {
    return text;
  }
  if (!MASK_HINT.test(text)) return text;
  let out = text;
  for (const { re, to } of MASKS) {
    re.lastIndex = 0;
    if (re.test(out)) out = out.replace(re, to);
    re.lastIndex = 0;
  }
  if (out.includes('=')) out = out.replace(QUERY_PARAM, (m: string, sep: string, name: string) => (isSecretName(name) ? `${sep}${name}=${MASK}` : m));
  return out;
}
