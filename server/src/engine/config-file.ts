// `.rampart.yaml`: discovery (nearest in the file's folder or its ancestors, no cascading),
// parsing and validation with exact ranges, so the server can show problems in the file itself
// and the CLI can name file:line:col. Keys (rules.md): profile, rules, ignore, files,
// nginx.version, nginx.directives, traefik.version. Globs are relative to the config file's folder.
import { nestingMessage, yamlNestingOverflow } from '../yaml/nesting';
import { addDuplicateKeyErrors } from '../yaml/duplicate-keys';
import { parseDocument, isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Finding, Language, Profile, SeveritySetting } from './types';
import type { ConfigLayer } from './config';
import { ruleMeta } from './registry';
import { closestRuleId } from './suggest';
import { LineIndex } from './text';

export const CONFIG_FILE_NAMES = ['.rampart.yaml', '.rampart.yml'];
export const CONFIG_LANGUAGES: Language[] = ['dockerfile', 'compose', 'nginx', 'traefik'];
export const SEVERITY_SETTINGS: SeveritySetting[] = ['off', 'info', 'warning', 'error'];
export const TOP_KEYS = ['profile', 'rules', 'ignore', 'files', 'nginx', 'traefik'];
/** Keys under `nginx:`. */
export const NGINX_KEYS = ['version', 'directives'];

export interface ConfigFileResult {
  layer: ConfigLayer;
  problems: Finding[];
}

/** Finds the nearest config file for a path by asking `exists` (no direct disk access). */
export function findConfigFile(filePath: string, exists: (p: string) => boolean, stopAt?: string): string | undefined {
  let dir = filePath.slice(0, filePath.lastIndexOf('/')) || '/';
  for (let guard = 0; guard < 200; guard++) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (exists(candidate)) return candidate;
    }
    if (dir === stopAt || dir === '/' || !dir.includes('/')) return undefined;
    const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

const SEVERITY_ALIASES: Record<string, string> = { warn: 'warning', information: 'info', hint: 'info', note: 'info', none: 'off', ignore: 'off', false: 'off' };

export function parseConfigFile(text: string, path: string): ConfigFileResult {
  // A BOM is not part of the YAML; positions are counted without it (like every other file).
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const index = new LineIndex(body);
  const problems: Finding[] = [];
  const layer: ConfigLayer = { configPath: path, configDir: path.slice(0, path.lastIndexOf('/')) || '/' };
  // The yaml library recurses once per nesting level: a hostile config of thousands of `[` is
  // refused in one linear pass (the same cap as every linted YAML file).
  const deep = yamlNestingOverflow(body);
  if (deep !== undefined) return { layer, problems: [{ range: index.rangeOf(deep, Math.min(body.length, deep + 1)), message: nestingMessage() }] };
  // Repeated keys are found in one pass (yaml/duplicate-keys.ts says why not by the library).
  const doc = parseDocument(body, { prettyErrors: false, uniqueKeys: false });
  addDuplicateKeyErrors(doc);
  for (const e of doc.errors) {
    if (e.code === 'DUPLICATE_KEY') {
      // The parser points at the key's first character; cover the key as written.
      const rest = /^[^:\r\n]*/.exec(body.slice(e.pos[0]))![0].trimEnd();
      problems.push({ range: index.rangeOf(e.pos[0], e.pos[0] + Math.max(1, rest.length)), message: 'Duplicate key: each key may appear only once.' });
      continue;
    }
    problems.push({ range: index.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)), message: `Invalid YAML: ${e.message.split('\n')[0]}` });
  }
  if (doc.errors.length > 0) return { layer, problems };
  const rangeOf = (n: Node | null | undefined) => (n && n.range ? index.rangeOf(n.range[0], n.range[1]) : index.rangeOf(0, 0));
  /** The scalar as written (`1.20` stays "1.20", not the number 1.2). */
  const written = (n: Scalar): string => (typeof n.value === 'string' ? n.value : ((n as Scalar & { source?: string }).source ?? String(n.value)));
  const problem = (n: Node | null | undefined, message: string) => problems.push({ range: rangeOf(n), message });

  const root = doc.contents;
  if (root === null || root === undefined) return { layer, problems };
  if (isScalar(root) && root.value === null) return { layer, problems };
  if (!isMap(root)) {
    problem(root as Node, 'The config must be a mapping with keys such as profile, rules and ignore.');
    return { layer, problems };
  }

  /** A list of glob strings; reports the offending item. */
  const globList = (value: Node | null | undefined, what: string, keyNode: Node): string[] | undefined => {
    if (value == null || (isScalar(value) && value.value === null)) return [];
    if (!isSeq(value)) {
      problem(value, `${what} must be a list of glob patterns, for example \`${what}: ["vendor/**"]\`.`);
      return undefined;
    }
    const out: string[] = [];
    let ok = true;
    for (const item of value.items as Node[]) {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        problem(item ?? keyNode, `Each entry of ${what} must be a glob pattern (a non-empty string).`);
        ok = false;
        continue;
      }
      out.push(item.value);
    }
    return ok ? out : undefined;
  };

  /** `nginx.directives`: names or `*` globs of third-party directives. */
  const directiveList = (value: Node | null | undefined, keyNode: Node): string[] | undefined => {
    if (value == null || (isScalar(value) && value.value === null)) return [];
    if (!isSeq(value)) {
      problem(value, 'nginx.directives must be a list of directive names, for example `directives: [my_module_*, vts_status]`.');
      return undefined;
    }
    const out: string[] = [];
    let ok = true;
    for (const item of value.items as Node[]) {
      const v = isScalar(item) && typeof item.value === 'string' ? item.value : '';
      if (!/^[A-Za-z0-9_*][A-Za-z0-9_*-]*$/.test(v)) {
        problem(item ?? keyNode, `Each entry of nginx.directives must be a directive name, optionally with * as a wildcard (such as my_module_*), not "${isScalar(item) ? String(item.value) : ''}".`);
        ok = false;
        continue;
      }
      out.push(v);
    }
    return ok ? out : undefined;
  };

  for (const pair of root.items as Pair<Node, Node>[]) {
    const keyNode = pair.key as Node;
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case 'profile': {
        const v = isScalar(value) ? written(value) : '';
        if (v === 'recommended' || v === 'strict') layer.profile = v as Profile;
        else problem(value ?? keyNode, `Unknown profile "${v}": use "recommended" or "strict".`);
        break;
      }
      case 'rules': {
        if (value == null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          problem(value, 'rules must map rule ids to off, info, warning or error, for example `rules: {dockerfile/user-root: error}`.');
          break;
        }
        const rules: Record<string, SeveritySetting> = {};
        for (const rp of value.items as Pair<Node, Node>[]) {
          const id = isScalar(rp.key) ? String(rp.key.value) : '';
          const sev = isScalar(rp.value) ? written(rp.value) : '';
          if (!ruleMeta(id)) {
            const near = closestRuleId(id);
            problem(rp.key as Node, `Unknown rule "${id}".${near ? ` Did you mean ${near}?` : ''} Run \`rampart rules\` for the list.`);
            continue;
          }
          if (!(SEVERITY_SETTINGS as string[]).includes(sev)) {
            const alias = SEVERITY_ALIASES[sev.toLowerCase()];
            problem(rp.value ?? (rp.key as Node), `Severity of ${id} must be off, info, warning or error, not "${sev}".${alias ? ` Did you mean ${alias}?` : ''}`);
            continue;
          }
          rules[id] = sev as SeveritySetting;
        }
        layer.rules = rules;
        break;
      }
      case 'ignore': {
        const list = globList(value, 'ignore', keyNode);
        if (list) layer.ignore = list;
        break;
      }
      case 'files': {
        if (value == null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          problem(value, 'files must map a language (dockerfile, compose, nginx, traefik) to a list of globs.');
          break;
        }
        const files: Partial<Record<Language, string[]>> = {};
        for (const fp of value.items as Pair<Node, Node>[]) {
          const lang = isScalar(fp.key) ? String(fp.key.value) : '';
          if (!CONFIG_LANGUAGES.includes(lang as Language)) {
            problem(fp.key as Node, `Unknown language "${lang}": use dockerfile, compose, nginx or traefik.`);
            continue;
          }
          const list = globList(fp.value, `files.${lang}`, fp.key as Node);
          if (list) files[lang as Language] = list;
        }
        layer.files = files;
        break;
      }
      case 'nginx':
      case 'traefik': {
        if (value == null || (isScalar(value) && value.value === null)) break;
        const example = `${key}: {version: "${key === 'nginx' ? '1.27' : '3'}"}`;
        if (!isMap(value)) {
          problem(value, `${key} must be a mapping such as \`${example}\`.`);
          break;
        }
        const subKeys = key === 'nginx' ? NGINX_KEYS : ['version'];
        for (const vp of value.items as Pair<Node, Node>[]) {
          const sub = isScalar(vp.key) ? String(vp.key.value) : '';
          if (!subKeys.includes(sub)) {
            problem(
              vp.key as Node,
              subKeys.length === 1 ? `Unknown key "${key}.${sub}": the only key under ${key} is version.` : `Unknown key "${key}.${sub}": the keys under ${key} are ${subKeys.join(' and ')}.`,
            );
            continue;
          }
          if (sub === 'directives') {
            const list = directiveList(vp.value, vp.key as Node);
            if (list) layer.nginxDirectives = list;
            continue;
          }
          const v = isScalar(vp.value) ? written(vp.value) : '';
          if (!/^v?\d+(\.\d+){0,2}$/.test(v)) {
            problem(vp.value ?? (vp.key as Node), `${key}.version must be a version number such as "${key === 'nginx' ? '1.27' : '3.1'}", not "${v}".`);
          } else if (key === 'nginx') layer.nginxVersion = v.replace(/^v/, '');
          else layer.traefikVersion = v.replace(/^v/, '');
        }
        break;
      }
      default:
        problem(keyNode, `Unknown key "${key}": expected one of ${TOP_KEYS.join(', ')}.`);
    }
  }
  return { layer, problems };
}
