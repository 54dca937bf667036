// Artefacts derived from the rule registry, so they cannot drift from it:
//   schemas/rampart-config.schema.json   JSON Schema (draft-07) for .rampart.yaml
//   package.json                         contributes.configuration `rampart.rules` per-rule properties
//   README.md                            the rule index between <!-- rules:start --> and <!-- rules:end -->
// `npm run generate` (scripts/generate.mjs) writes them; test/engine/registry.test.ts checks that
// the files in the repository equal what these functions produce.
import type { RuleMeta } from '../engine/types';
import { allRules } from '../engine/registry';
import { docsPath, docsUrl, HOME_URL } from '../engine/identity';
import { CONFIG_LANGUAGES, SEVERITY_SETTINGS } from '../engine/config-file';

export const SCHEMA_PATH = 'schemas/rampart-config.schema.json';
export const README_START = '<!-- rules:start -->';
export const README_END = '<!-- rules:end -->';

function ruleSummary(m: RuleMeta): string {
  const profile = m.profile === 'strict' ? ', strict profile only' : '';
  return `${m.title} (default: ${m.severity}${profile}).`;
}

const GLOBS = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description: 'Glob patterns relative to the folder of this file, written like .gitignore lines.',
};

const VERSION = (example: string) => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    version: {
      type: ['string', 'number'],
      pattern: '^v?\\d+(\\.\\d+){0,2}$',
      description: `The version in use, for example "${example}" (${example} means ${example}${example.includes('.') ? '.0' : '.0.0'}). Quote it: YAML reads 1.20 as the number 1.2.`,
    },
  },
});

/** The JSON Schema of `.rampart.yaml`. */
export function configSchema(rules: RuleMeta[] = allRules): object {
  const ruleProps: Record<string, object> = {};
  for (const m of rules) {
    // Inline, not a $ref: draft-07 ignores a description beside $ref.
    ruleProps[m.id] = {
      enum: [...SEVERITY_SETTINGS],
      description: `${ruleSummary(m)} ${docsUrl(m.id)}`,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${HOME_URL}/blob/main/${SCHEMA_PATH}`,
    title: 'Rampart configuration (.rampart.yaml)',
    description:
      'Project configuration for Rampart. The nearest .rampart.yaml in a file\'s folder or its ancestors applies (no cascading); it overrides editor settings, and CLI flags override it.',
    type: 'object',
    additionalProperties: false,
    properties: {
      profile: {
        enum: ['recommended', 'strict'],
        default: 'recommended',
        description: 'recommended: the default rule set. strict: also the rules marked strict.',
      },
      rules: {
        type: 'object',
        description: 'Per-rule severity: off, info, warning or error.',
        additionalProperties: false,
        properties: ruleProps,
      },
      ignore: { ...GLOBS, description: 'Files and folders never linted. ' + GLOBS.description },
      files: {
        type: 'object',
        description: 'Extra detection patterns: files to lint as this language.',
        additionalProperties: false,
        properties: Object.fromEntries(CONFIG_LANGUAGES.map((l) => [l, { ...GLOBS, description: `Files to lint as ${l}. ${GLOBS.description}` }])),
      },
      nginx: {
        ...VERSION('1.27'),
        properties: {
          ...VERSION('1.27').properties,
          directives: {
            type: 'array',
            items: { type: 'string', pattern: '^[A-Za-z0-9_*][A-Za-z0-9_*-]*$' },
            description:
              'Directives of third-party modules nginx/unknown-directive should accept, besides the built-in list (OpenResty/Lua, headers-more, brotli, geoip2, VTS, ModSecurity, …). A * matches any run of name characters: my_module_*.',
          },
        },
      },
      traefik: VERSION('3'),
    },
  };
}

/** The per-rule `properties` of the `rampart.rules` setting. */
export function settingsRuleProperties(rules: RuleMeta[] = allRules): Record<string, object> {
  const out: Record<string, object> = {};
  for (const m of rules) {
    out[m.id] = {
      enum: [...SEVERITY_SETTINGS],
      markdownDescription: `${ruleSummary(m)} [Documentation](${docsUrl(m.id)})`,
    };
  }
  return out;
}

/** The README's rule table (without the markers). */
export function readmeRuleIndex(rules: RuleMeta[] = allRules): string {
  const rows = rules.map((m) => `| [${m.id}](${docsPath(m.id)}) | ${m.severity} | ${m.fix} | ${m.profile} | ${m.title.replace(/\|/g, '\\|')} |`);
  return ['| Rule | Severity | Fix | Profile | Title |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** README text with the index between the markers (appended under "## Rules" when absent). */
export function withReadmeIndex(readme: string, rules: RuleMeta[] = allRules): string {
  const block = `${README_START}\n${readmeRuleIndex(rules)}\n${README_END}`;
  const s = readme.indexOf(README_START);
  const e = readme.indexOf(README_END);
  if (s >= 0 && e > s) return readme.slice(0, s) + block + readme.slice(e + README_END.length);
  return `${readme.trimEnd()}\n\n## Rules\n\n${block}\n`;
}

/** The text between the README markers, or undefined when they are missing. */
export function readmeIndexText(readme: string): string | undefined {
  const s = readme.indexOf(README_START);
  const e = readme.indexOf(README_END);
  return s >= 0 && e > s ? readme.slice(s + README_START.length, e).trim() : undefined;
}

interface SettingsConfiguration {
  title?: string;
  properties?: Record<string, { properties?: Record<string, object> } & Record<string, unknown>>;
}

/** Where `rampart.rules` lives in a package.json's contributes.configuration (object or array form). */
export function rulesSetting(pkg: { contributes?: { configuration?: SettingsConfiguration | SettingsConfiguration[] } }) {
  const conf = pkg.contributes?.configuration;
  const list = Array.isArray(conf) ? conf : conf ? [conf] : [];
  for (const c of list) {
    const s = c.properties?.['rampart.rules'];
    if (s) return s;
  }
  return undefined;
}

/**
 * package.json with the per-rule properties written into `rampart.rules`. When the setting does
 * not exist yet, a minimal contributes.configuration holding it is created; nothing else in
 * `contributes` is touched.
 */
export function withSettingsRules(pkgText: string, rules: RuleMeta[] = allRules): string {
  const pkg = JSON.parse(pkgText) as Record<string, unknown> & { contributes?: Record<string, unknown> };
  pkg.contributes ??= {};
  let setting = rulesSetting(pkg as never);
  if (!setting) {
    const contributes = pkg.contributes;
    const conf = contributes.configuration as SettingsConfiguration | SettingsConfiguration[] | undefined;
    const target: SettingsConfiguration = Array.isArray(conf) ? (conf[0] ?? (conf[0] = { title: 'Rampart' })) : (conf ?? { title: 'Rampart' });
    if (!Array.isArray(conf)) contributes.configuration = target;
    target.properties ??= {};
    setting = target.properties['rampart.rules'] = {
      type: 'object',
      markdownDescription: 'Severity per rule id (`off`, `info`, `warning`, `error`). A `.rampart.yaml` in the project overrides these.',
      additionalProperties: { enum: [...SEVERITY_SETTINGS] },
    };
  }
  setting.properties = settingsRuleProperties(rules);
  return stringifyJson(pkg);
}

/** JSON with two-space indentation and non-ASCII escaped, the way package.json is kept. */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
