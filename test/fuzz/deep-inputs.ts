// Deeply nested YAML and TOML documents of about 60 KB (issue #8): the shapes that made the
// `yaml` library and toml-eslint-parser slow (and overflow the stack) before the nesting
// pre-scan (server/src/yaml/nesting.ts) refused them. Used by limits.test.ts, by
// test/bench/deep-nesting.ts (cold and warm lint times), and saved as fuzz regression inputs.
import type { Language } from '../../server/src/engine/types';

export type DeepShape = 'flow-seq' | 'flow-map' | 'block-seq' | 'block-map' | 'toml-array' | 'toml-inline-table';

export interface DeepInput {
  name: string;
  language: Language;
  /** Where the text is linted (the extension picks YAML or TOML for Traefik). */
  path: string;
  text: string;
}

/** Block levels above the nested value: compose `services.web.labels.a`, Traefik `http.middlewares.m.headers.a`. */
export const HEAD_LEVELS: Record<'compose' | 'traefik', number> = { compose: 4, traefik: 5 };

const HEADS = {
  compose: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      a:',
  traefik: 'http:\n  middlewares:\n    m:\n      headers:\n        a:',
};

/**
 * `levels` nested collections under the head's `a:` key. Block mappings indent one space per
 * level (the only way to fit more than a few hundred levels in 60 KB).
 */
export function deepYaml(language: 'compose' | 'traefik', shape: Exclude<DeepShape, 'toml-array' | 'toml-inline-table'>, levels: number): string {
  const head = HEADS[language];
  const indent = language === 'compose' ? 8 : 10;
  switch (shape) {
    case 'flow-seq':
      return `${head} ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
    case 'flow-map':
      return `${head} ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}\n`;
    case 'block-seq':
      return `${head}\n${' '.repeat(indent)}${'- '.repeat(levels)}x\n`;
    case 'block-map': {
      let s = `${head}\n`;
      for (let i = 0; i < levels; i++) s += `${' '.repeat(indent + i)}a:\n`;
      return `${s}${' '.repeat(indent + levels)}b: 1\n`;
    }
  }
}

/** A Traefik TOML file with `levels` nested arrays or inline tables as one value. */
export function deepToml(shape: 'toml-array' | 'toml-inline-table', levels: number): string {
  const value = shape === 'toml-array' ? '['.repeat(levels) + ']'.repeat(levels) : '{a = '.repeat(levels) + '1' + '}'.repeat(levels);
  return `[http.middlewares.m.headers]\na = ${value}\n`;
}

/** About 60 KB each: the inputs of the issue. */
export function deepInputs(): DeepInput[] {
  const out: DeepInput[] = [];
  for (const language of ['compose', 'traefik'] as const) {
    const path = language === 'compose' ? '/w/compose.yaml' : '/w/dynamic.yml';
    out.push({ name: `${language} flow sequences, 30,000 levels`, language, path, text: deepYaml(language, 'flow-seq', 30_000) });
    out.push({ name: `${language} flow mappings, 12,000 levels`, language, path, text: deepYaml(language, 'flow-map', 12_000) });
    out.push({ name: `${language} compact block sequences, 30,000 levels`, language, path, text: deepYaml(language, 'block-seq', 30_000) });
    out.push({ name: `${language} block mappings, 330 levels`, language, path, text: deepYaml(language, 'block-map', 330) });
  }
  out.push({ name: 'traefik TOML arrays, 30,000 levels', language: 'traefik', path: '/w/dynamic.toml', text: deepToml('toml-array', 30_000) });
  out.push({ name: 'traefik TOML inline tables, 12,000 levels', language: 'traefik', path: '/w/dynamic.toml', text: deepToml('toml-inline-table', 12_000) });
  return out;
}
