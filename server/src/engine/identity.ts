// The project's identity, fixed in one place so links, packaging and reports agree.
export const TOOL_NAME = 'rampart';
export const TOOL_VERSION = '0.1.0';
export const HOME_URL = 'https://github.com/rampart-dev/rampart';

/** Repository-relative path of a rule's documentation page (`docs/rules/compose/privileged.md`). */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** Absolute documentation URL of a rule, used by codeDescription, SARIF helpUri and `rules`. */
export function docsUrl(ruleId: string): string {
  return `${HOME_URL}/blob/main/${docsPath(ruleId)}`;
}
