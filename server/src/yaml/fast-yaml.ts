// A fast YAML front end for the Compose and Traefik parsers, with the `yaml` package (eemeli/yaml)
// as the reference and the fallback.
//
// Why hand-written: Rampart's per-edit budget is 5 ms at the 95th percentile for a 1,000-line
// file, and the library alone spends most of it. On a 1,000-line compose file (2-core machine):
// its Lexer takes 2.1 ms, its generator-based CST Parser 8.1 ms (lexing included), a full
// parseAllDocuments 10.2 ms; the whole lint was 15 ms, of which the rules took 1.2 ms. No
// library reads YAML with source positions fast enough, and Rampart's rules need the library's
// own node classes and exact ranges (tree.ts, edits.ts, traefik/parse-yaml.ts read them).
//
// So this reads the YAML that real compose and Traefik files are made of — block mappings and
// sequences (compact `- key: v`, sequences at their key's indentation), plain and quoted scalars
// on one line, block scalars (`|`, `>`, clip or strip chomping), flow collections (nested, over
// several lines), anchors, aliases, `!reset` / `!override` / `!!str` tags, comments, `---`
// documents — in one pass over the char codes, and builds the library's own `Document`,
// `YAMLMap`, `YAMLSeq`, `Pair`, `Scalar` and `Alias` with the ranges, values (the document
// schema's own tag resolvers), types, tags, anchors and flow flags the library's Parser +
// Composer would give. Anything else — a syntax error, a tab in the indentation, multi-line
// plain or quoted scalars, keep chomping or indentation indicators, explicit keys, directives,
// an empty document, a duplicate key where the caller forbids them, nesting past 200 levels —
// returns undefined, and the caller parses with the library as before, errors and all.
// test/yaml/fast-yaml.test.ts holds both paths equal on every fixture and thousands of mutations.
import type { Document } from 'yaml';
import { BAIL } from './bail';
import { plainText } from './chars';
import { FastParser, type FastYamlConfig, type RawComment } from './parser';

export type { FastYamlConfig, RawComment, YamlOptions } from './parser';

export interface FastYaml {
  /** Every document of the stream, as the library's Composer would yield them (no errors). */
  docs: Document.Parsed[];
  /** Every `#` comment, in document order. */
  comments: RawComment[];
  /** True when the text has anchors, aliases, tags or a plain `<<` key or value. */
  hasAliasesOrTags: boolean;
}

/** The documents of `text`, or undefined when the library must parse it (see above). */
export function fastParseYaml(text: string, config: FastYamlConfig): FastYaml | undefined {
  if (!plainText(text)) return undefined;
  const parser = new FastParser(text, config);
  try {
    const docs = parser.parse();
    return { docs, comments: parser.comments, hasAliasesOrTags: parser.hasAliasesOrTags };
  } catch (err) {
    if (err === BAIL) return undefined;
    // A stack overflow on hostile input is a bail too: the library's path has its own guards.
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}
