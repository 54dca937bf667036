// A rough catastrophic-backtracking detector for the regular expressions in server/src. For each
// regex it builds a string the regex (roughly) matches, then attack strings of the classic form
// prefix + pump×n + suffix (pump: a piece of that sample or a character of its alphabet;
// suffix: a character that makes the match fail), and times them at two lengths. A match time
// that grows much faster than the length is reported. Heuristic: it finds the usual shapes
// (`(.*?)\s*$`, `\w*\s*=` after an unanchored start, `\{[^}]*` repeated …), not every one, which
// is why the list in the report was also reviewed by hand. Used by `npm run fuzz`; no timing
// assertion ever runs in `npm test`.
import { performance } from 'node:perf_hooks';
import { regexSites, type RegexSite } from './regex-source';

interface Sample {
  text: string;
  alphabet: Set<string>;
}

const NEGATED_CANDIDATES = ['a', 'x', '0', ' ', '-', '/', '!', '=', ':', '.', '"', '{', '$', '\n'];

function escapeSample(c: string): string {
  switch (c) {
    case 'd':
      return '0';
    case 'D':
      return 'a';
    case 'w':
      return 'a';
    case 'W':
      return '!';
    case 's':
      return ' ';
    case 'S':
      return 'x';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'b':
    case 'B':
      return '';
    default:
      return c;
  }
}

/** A string the pattern roughly matches, and the characters it mentions. */
export function sampleOf(source: string, flags = ''): Sample {
  const alphabet = new Set<string>();
  let i = 0;
  const parseAlt = (): string => {
    const alts: string[] = [''];
    let last = '';
    while (i < source.length) {
      const c = source[i]!;
      if (c === ')') break;
      if (c === '|') {
        i++;
        alts.push('');
        last = '';
        continue;
      }
      let atom = '';
      if (c === '\\') {
        const d = source[i + 1] ?? '';
        i += 2;
        if (d === 'u' && /^[0-9a-fA-F]{4}/.test(source.slice(i))) {
          atom = String.fromCharCode(parseInt(source.slice(i, i + 4), 16));
          i += 4;
        } else if (d === 'x' && /^[0-9a-fA-F]{2}/.test(source.slice(i))) {
          atom = String.fromCharCode(parseInt(source.slice(i, i + 2), 16));
          i += 2;
        } else if (/[1-9]/.test(d)) atom = '';
        else atom = escapeSample(d);
      } else if (c === '[') {
        let j = i + 1;
        const negated = source[j] === '^';
        if (negated) j++;
        let body = '';
        if (source[j] === ']') body += source[j++];
        while (j < source.length && source[j] !== ']') {
          if (source[j] === '\\') {
            body += source.slice(j, j + 2);
            j += 2;
          } else body += source[j++];
        }
        i = j + 1;
        let cls: RegExp | undefined;
        try {
          cls = new RegExp(`[${negated ? '^' : ''}${body}]`, flags.replace(/[gym]/g, ''));
        } catch {
          cls = undefined;
        }
        for (const k of body.replace(/\\./g, (m) => escapeSample(m[1]!))) if (k !== '-') alphabet.add(k);
        if (cls) {
          const fits = [...(negated ? NEGATED_CANDIDATES : []), ...body.replace(/\\./g, (m) => escapeSample(m[1]!)), ...NEGATED_CANDIDATES].filter((k) => cls!.test(k));
          atom = fits[0] ?? 'a';
          for (const k of fits.slice(0, 3)) alphabet.add(k);
        } else atom = 'a';
      } else if (c === '(') {
        i++;
        let look = false;
        if (source[i] === '?') {
          if (source.startsWith('?:', i)) i += 2;
          else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
            i += 2;
            look = true;
          } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
            i += 3;
            look = true;
          } else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1;
        }
        const inner = parseAlt();
        i++; // ')'
        atom = look ? '' : inner;
      } else if (c === '.') {
        atom = 'a';
        i++;
      } else if (c === '^' || c === '$') {
        atom = '';
        i++;
      } else {
        atom = c;
        alphabet.add(c);
        i++;
      }
      // Quantifier.
      const q = source[i];
      let copies = 1;
      if (q === '*' || q === '+' || q === '?') {
        i++;
        copies = q === '+' ? 2 : 1;
      } else if (q === '{') {
        const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
        if (m) {
          i += m[0].length;
          copies = Math.min(3, Math.max(1, Number(m[1])));
        }
      }
      if (source[i] === '?') i++; // lazy
      last = atom.repeat(copies);
      alts[alts.length - 1] += last;
    }
    void last;
    return alts[0]!;
  };
  let text = '';
  while (i < source.length) {
    text += parseAlt();
    if (source[i] === ')') i++;
  }
  return { text, alphabet };
}

export interface Attack {
  prefix: string;
  unit: string;
  suffix: string;
}

export function attackString(a: Attack, n: number): string {
  return a.prefix + a.unit.repeat(Math.ceil(n / a.unit.length)) + a.suffix;
}

/** Attack shapes for a sample: prefix + pump×n + suffix. */
export function attacks(sample: Sample): Attack[] {
  const s = sample.text;
  const units = new Set<string>();
  for (let a = 0; a < Math.min(s.length, 40); a++) for (let len = 1; len <= 8 && a + len <= s.length; len++) units.add(s.slice(a, a + len));
  for (const c of sample.alphabet) units.add(c);
  for (const c of [' ', 'a', '0', '\t']) units.add(c);
  const prefixes = new Set<string>();
  for (let k = 0; k <= Math.min(s.length, 48); k++) prefixes.add(s.slice(0, k));
  const out: Attack[] = [];
  for (const prefix of prefixes) {
    for (const unit of units) {
      if (unit === '') continue;
      for (const suffix of ['!', '\n', '\u0001']) out.push({ prefix, unit, suffix });
    }
  }
  return out;
}

/** A match this slow at the short length is not repeated nor grown. */
const STALL_MS = 1000;

function run(re: RegExp, s: string): void {
  const r = new RegExp(re.source, re.flags);
  if (r.global) {
    let guard = 0;
    for (let m = r.exec(s); m && guard < 100_000; m = r.exec(s), guard++) if (m[0] === '') r.lastIndex++;
  } else r.test(s);
}

function time(re: RegExp, s: string): number {
  const t0 = performance.now();
  run(re, s);
  return performance.now() - t0;
}

/** How long one regex took in the audit: all its attack strings, and the slowest single one. */
export interface RegexTiming {
  site: RegexSite;
  /** Every attack string this regex met (the quick pass and the growth check), summed. */
  totalMs: number;
  /** The slowest match at the growth lengths (better of two runs): input length, time, attack shape. */
  worst: { length: number; ms: number; attack: Attack };
}

export interface AuditOptions {
  /** performance.now() after which no further regex starts (the one running is never cut short). */
  deadline?: number;
  /**
   * Called before a regex meets its attack strings and after it is done. A regex that stalls
   * never reaches `done`: the last `start` printed names it, even when the run is killed.
   */
  onStart?: (site: RegexSite) => void;
  onDone?: (timing: RegexTiming) => void;
  /** Only the regexes this accepts are audited (`--regex-only`); the rest are not counted. */
  only?: (site: RegexSite) => boolean;
}

export interface AuditResult {
  checked: number;
  /** Superlinear alone, bounded by how they are used (`// regex-audit:` notes). */
  noted: RegexSite[];
  dynamic: RegexSite[];
  slow: Array<{ site: RegexSite; detail: string }>;
  /** Distinct literal regexes there are to check (`checked` is fewer when the deadline cut the audit short). */
  total: number;
  /** One per regex checked, slowest single match first. */
  timings: RegexTiming[];
}

/** Where a regex is and what it is, for logs: `file:line /pattern/flags` (long patterns cut). */
export function describeSite(site: RegexSite, width = 90): string {
  const text = site.text.length > width ? `${site.text.slice(0, width - 1)}…` : site.text;
  return `${site.file}:${site.line} ${text}`;
}

/** Times every literal regex under server/src against attack strings of length ~n and ~4n. */
export function auditRegexes(root: string, n: number, options: AuditOptions = {}): AuditResult {
  const deadline = options.deadline ?? Infinity;
  const sites = regexSites(root).filter((s) => options.only?.(s) ?? true);
  const out: AuditResult = { checked: 0, noted: [], dynamic: [], slow: [], total: 0, timings: [] };
  const seen = new Set<string>();
  out.total = new Set(sites.filter((s) => s.regex && !s.note).map((s) => s.text)).size;
  for (const site of sites) {
    // `npm run fuzz` is time-bounded: the audit stops at its deadline and says how far it got.
    if (performance.now() > deadline) break;
    if (!site.regex) {
      out.dynamic.push(site);
      continue;
    }
    if (site.note) {
      out.noted.push(site);
      continue;
    }
    if (seen.has(site.text)) {
      const prev = out.slow.find((x) => x.site.text === site.text);
      if (prev) out.slow.push({ site, detail: prev.detail });
      continue;
    }
    seen.add(site.text);
    out.checked++;
    options.onStart?.(site);
    const re = site.regex;
    const timing: RegexTiming = { site, totalMs: 0, worst: { length: 0, ms: -1, attack: { prefix: '', unit: '', suffix: '' } } };
    const timed = (a: Attack, length: number): number => {
      const ms = time(re, attackString(a, length));
      timing.totalMs += ms;
      return ms;
    };
    // The better of two runs (a garbage collection or a busy machine can stall any single one)
    // at the long lengths: what the slowest-match list reports.
    const timedTwice = (a: Attack, length: number): number => {
      const first = timed(a, length);
      const ms = first > STALL_MS ? first : Math.min(first, timed(a, length));
      if (ms > timing.worst.ms) timing.worst = { length: attackString(a, length).length, ms, attack: a };
      return ms;
    };
    const sample = sampleOf(re.source, re.flags);
    // V8 compiles a regex on its first use (and again, to native code, once it is hot): run it
    // untimed first, so the slowest-match list shows matching, not compilation.
    for (let k = 0; k < 3; k++) run(re, sample.text);
    // A quick pass at a short length picks the most promising shapes; only those are grown.
    const quick = attacks(sample)
      .map((a) => ({ a, ms: timed(a, 200) }))
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 4);
    for (const [rank, { a }] of quick.entries()) {
      const t1 = timedTwice(a, n);
      // The most promising shape always meets the long length too (the slowest-match list then
      // compares every regex at 4n); the others only when they are not already fast at n.
      if (t1 < 0.5 && rank > 0) continue;
      if (t1 > STALL_MS) {
        // Already a second at n: 4n could take minutes (a cubic regex, 20 s at 4,000 characters,
        // took some 20 at 16,000), and no deadline can interrupt a match. Reported as it is.
        out.slow.push({ site, detail: `${t1.toFixed(0)} ms at n=${n} already (not run at ${4 * n}): ${JSON.stringify(a.prefix)} + ${JSON.stringify(a.unit)}×n + ${JSON.stringify(a.suffix)}` });
        break;
      }
      const t4 = timedTwice(a, 4 * n);
      if (t4 > 5 && t4 / Math.max(t1, 0.01) > 8) {
        out.slow.push({ site, detail: `${t1.toFixed(1)} ms at n=${n}, ${t4.toFixed(1)} ms at n=${4 * n}: ${JSON.stringify(a.prefix)} + ${JSON.stringify(a.unit)}×n + ${JSON.stringify(a.suffix)}` });
        break;
      }
    }
    out.timings.push(timing);
    options.onDone?.(timing);
  }
  out.timings.sort((x, y) => y.worst.ms - x.worst.ms);
  return out;
}
