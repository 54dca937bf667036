import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import * as reference from '../reference/index';
import { describeContext, placement } from './placement';
import { listWords } from './util';

// A local copy: esbuild's CommonJS output (out/) reads imports through a getter on each use,
// and these run once per directive.
const { allowedIn, directiveEntries, entriesFor } = reference;

export const meta = defineMeta({
  id: 'nginx/directive-not-allowed',
  language: 'nginx',
  title: 'Directive not allowed here',
  description:
    'A directive in a context where nginx rejects it (a location-only directive at server level, add_header in a server-level if, an http directive in a stream block): nginx refuses to start ("directive is not allowed here").',
  severity: 'error',
  fix: 'none',
  sources: ['nginx.org directive reference (@nginx/reference-lib): Context of each directive', 'correctness: `nginx -t` fails with "directive is not allowed here"'],
  peers: [],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'high',
});

const FAMILY_NAME = { http: 'http', stream: 'stream', mail: 'mail', core: 'core' } as const;

export const directiveNotAllowed: Rule<NginxModel> = {
  meta,
  check(model, ctx) {
    // A broken brace moves every later directive into the wrong block: nginx/syntax reports the
    // cause, and placement findings would only repeat it.
    if (model.syntaxErrors.length > 0) return [];
    const out: Finding[] = [];
    const place = placement(model, ctx);
    for (const d of model.directives) {
      const all = directiveEntries(d.name);
      if (all.length === 0 || !place.holdsDirectives(d.parent)) continue;
      const { contexts, family } = place.contextOf(d.parent);
      if (contexts.length === 0) continue;
      // No allocation on the common path: most directives are where they belong.
      let inFamily = false;
      let allowed = false;
      for (const e of all) {
        if (family && e.family !== family && e.family !== 'core') continue;
        inFamily = true;
        for (const c of contexts) if (allowedIn(e, c)) allowed = true;
        if (allowed) break;
      }
      if (allowed) continue;
      const atTop = d.parent === model.root && place.file.source !== 'main';
      const here = atTop ? topLevel(place.file) : `in ${describeContext(contexts[0]!, family)}`;
      if (!inFamily) {
        const modules = [...new Set(all.map((e) => e.module))];
        const families = [...new Set(all.map((e) => FAMILY_NAME[e.family]))];
        out.push({
          range: d.nameRange,
          message: `"${d.name}" is not a directive of nginx's ${family} modules (it belongs to ${listWords(modules)}, for ${listWords(families)} configurations), so nginx refuses to start ("directive is not allowed here") with it ${here}.`,
        });
        continue;
      }
      const places = [...new Set(entriesFor(d.name, family).flatMap((e) => e.contexts))];
      out.push({
        range: d.nameRange,
        message: `"${d.name}" is not allowed ${here}: nginx refuses to start ("directive is not allowed here"). nginx's reference lists its contexts as ${places.join(', ')}.`,
      });
    }
    return out;
  },
};

/** "a", "a or b", "a, b or c". */
function orList(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The top level of a fragment, saying what places it there. */
function topLevel(file: ReturnType<typeof placement>['file']): string {
  if (file.source === 'includer' && file.includer) {
    const places = listWords(file.contexts.map((c) => describeContext(c, file.family)));
    const by = file.includer.file.slice(file.includer.file.lastIndexOf('/') + 1);
    return `at the top level of this file, which ${by} (line ${file.includer.line + 1}) includes in ${places}`;
  }
  return `at the top level of this file, whose blocks place it in ${orList(file.contexts.map((c) => describeContext(c, file.family)))}`;
}
