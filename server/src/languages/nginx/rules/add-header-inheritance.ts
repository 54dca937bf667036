import { defineMeta } from '../../../engine/meta';
import type { Finding, RelatedLocation, Rule } from '../../../engine/types';
import { plannedFix } from '../../../engine/fix-plans';
import type { NginxModel } from '../model';
import {
  HSTS,
  SECURITY_HEADERS,
  XFO,
  canonicalName,
  copyStatement,
  describeBlock,
  framingProtected,
  hasHeader,
  headerAnalysis,
  quoteList,
  type HeaderEntry,
} from './headers';
import { listWords } from './util';
import { includes, prefixRelative, type OuterLevel } from '../includes';

export const meta = defineMeta({
  id: 'nginx/add-header-inheritance',
  language: 'nginx',
  title: 'A block with its own add_header drops inherited security headers',
  description:
    'nginx inherits add_header from outer levels only when a block declares none itself: a location or server that adds one header of its own silently stops sending the security headers set around it.',
  severity: 'warning',
  fix: 'safe',
  sources: [
    'gixy add_header_redefinition',
    'nginx docs: add_header is inherited "if and only if there are no add_header directives defined on the current level"; add_header_inherit merge (1.29.3)',
  ],
  peers: ['add_header_redefinition'],
  tags: ['security', 'CWE-693'],
  securitySeverity: '5.0',
});

/**
 * Where the dropped headers are set: `in server "x" and the http block`, `at the top of this
 * file`, `in the http block of nginx.conf` (a fragment's includer; `file` names its files).
 */
function wherePhrase(entries: HeaderEntry[], file: (path: string) => string): string {
  const own = entries.filter((e) => !e.outer);
  // Nearest level first.
  const levels = [...new Set(own.map((e) => e.level))].sort((x, y) => y.depth - x.depth);
  const named = levels.filter((b) => b.owner).map((b) => {
    const via = [...new Set(own.filter((e) => e.level === b && e.include).map((e) => e.include!.args[0]?.raw ?? ''))];
    return `${describeBlock(b)}${via.length > 0 ? ` (through include ${via.join(', ')})` : ''}`;
  });
  const outer = [...new Set(entries.filter((e) => e.outer).map((e) => e.outer!.level))].sort((x, y) => outerIndex(entries, x) - outerIndex(entries, y));
  // Consecutive levels of one includer file are named together: `in server "x" and the http
  // block of nginx.conf (through snippets/h.conf)`.
  const outerNamed: string[] = [];
  let run: { file: string; blocks: string[]; via: Set<string> } | undefined;
  const flush = () => {
    if (run) outerNamed.push(`${listWords(run.blocks)} of ${file(run.file)}${run.via.size > 0 ? ` (through ${[...run.via].join(', ')})` : ''}`);
  };
  for (const l of outer) {
    if (run?.file !== l.file) {
      flush();
      run = { file: l.file, blocks: [], via: new Set() };
    }
    run.blocks.push(l.block.owner ? describeBlock(l.block) : 'the main context');
    for (const e of entries) if (e.outer?.level === l && e.outer.file !== l.file) run.via.add(file(e.outer.file));
  }
  flush();
  const parts: string[] = [];
  if (named.length > 0) parts.push(`in ${listWords(named)}`);
  // Nearest first: this file's blocks, its top level, then the includer's levels.
  if (levels.some((b) => !b.owner)) parts.push('at the top of this file');
  if (outerNamed.length > 0) parts.push(`in ${listWords(outerNamed)}`);
  return parts.join(' and ');
}

function outerIndex(entries: HeaderEntry[], level: OuterLevel): number {
  return entries.find((e) => e.outer?.level === level)!.outer!.index;
}

export const addHeaderInheritance: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    const a = headerAnalysis(model, ctx);
    const out: Finding[] = [];
    const fileLabel = (path: string) => prefixRelative(includes(ctx, model).context().prefix, path);
    for (const unit of a.units()) {
      const block = unit.block;
      // Only a block that declares its own set with plain inheritance drops anything, and only
      // what Rampart can see it lacks (an unreadable include of its own may add the headers).
      if (!a.defines(block) || a.inheritMode(block) !== 'on' || a.level(block).uncertain) continue;
      const own = a.effective(block).entries;
      const outer = a.outerEntries(block);
      const copies: HeaderEntry[] = [];
      for (const key of SECURITY_HEADERS) {
        // HSTS means nothing on plain HTTP: a non-TLS server loses nothing by dropping it.
        if (key === HSTS && unit.server && !unit.server.tls) continue;
        const test = hasHeader(key);
        if (test(own) || a.cleared(block, key) || !test(outer)) continue;
        let from = outer.filter((e) => e.key === key && e.value.trim() !== '');
        if (key === XFO && from.length === 0) from = outer.filter((e) => framingProtected([e]));
        // The nearest level that sets it is the one nginx would have passed down.
        const nearest = from[0]!.level;
        for (const e of from) if (e.level === nearest && !copies.includes(e)) copies.push(e);
      }
      if (copies.length === 0) continue;
      const names = [...new Set(copies.map((e) => canonicalName(e.key, e.nameArg.value)))];
      const subject = describeBlock(block);
      const related: RelatedLocation[] = copies
        .filter((e) => !e.include)
        .map((e) => ({ ...(e.outer ? { path: e.outer.file } : {}), range: e.directive.nameRange, message: `"${canonicalName(e.key, e.nameArg.value)}" is set here` }));
      const edit = a.planInsertion(block, () => copies.map(copyStatement));
      out.push({
        range: block.owner!.nameRange,
        message: `${names.length === 1 ? 'Header' : 'Headers'} ${quoteList(names)} set ${wherePhrase(copies, fileLabel)} ${names.length === 1 ? 'is' : 'are'} not sent for ${subject}: nginx drops inherited add_header directives when a block declares its own.`,
        related,
        lazyFixes: plannedFix('safe', `Copy ${quoteList(names)} into ${subject}`, edit && (() => [edit()])),
      });
    }
    return out;
  },
};
