// `.rampart.yaml`: discovery (nearest in the file's folder or its ancestors, no cascading),
// parsing and validation with exact ranges, so the server can show problems in the file itself.
import { parseDocument, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Finding, Language, Profile, SeveritySetting } from './types';
import type { ConfigLayer } from './config';
import { ruleMeta } from './registry';
import { LineIndex } from './text';

export const CONFIG_FILE_NAMES = ['.rampart.yaml', '.rampart.yml'];
const LANGUAGES: Language[] = ['dockerfile', 'compose', 'nginx', 'traefik'];
const SEVERITIES = ['off', 'info', 'warning', 'error'];
const TOP_KEYS = ['profile', 'rules', 'ignore', 'files', 'nginx', 'traefik'];

export interface ConfigFileResult {
  layer: ConfigLayer;
  problems: Finding[];
}

/** Finds the nearest config file for a path by asking `exists` (no direct disk access). */
export function findConfigFile(filePath: string, exists: (p: string) => boolean, stopAt?: string): string | undefined {
  let dir = filePath.slice(0, filePath.lastIndexOf('/'));
  for (let guard = 0; guard < 200; guard++) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = `${dir}/${name}`;
      if (exists(candidate)) return candidate;
    }
    if (dir === stopAt || dir === '' || dir === '/' || !dir.includes('/')) return undefined;
    const parent = dir.slice(0, dir.lastIndexOf('/'));
    if (parent === dir) return undefined;
    dir = parent === '' ? '/' : parent;
  }
  return undefined;
}

export function parseConfigFile(text: string, path: string): ConfigFileResult {
  const index = new LineIndex(text);
  const problems: Finding[] = [];
  const layer: ConfigLayer = { configPath: path, configDir: path.slice(0, path.lastIndexOf('/')) || '/' };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    problems.push({ range: index.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)), message: `Invalid YAML: ${e.message.split('\n')[0]}` });
  }
  const rangeOf = (n: Node | null | undefined) =>
    n && n.range ? index.rangeOf(n.range[0], n.range[1]) : index.rangeOf(0, 0);
  const root = doc.contents;
  if (root === null || root === undefined) return { layer, problems };
  if (!isMap(root)) {
    problems.push({ range: rangeOf(root as Node), message: 'The config must be a mapping with keys such as profile, rules and ignore.' });
    return { layer, problems };
  }
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case 'profile': {
        const v = isScalar(value) ? String(value.value) : '';
        if (v === 'recommended' || v === 'strict') layer.profile = v as Profile;
        else problems.push({ range: rangeOf(value ?? pair.key), message: `Unknown profile "${v}": use "recommended" or "strict".` });
        break;
      }
      case 'rules': {
        if (value == null) break;
        if (!isMap(value)) {
          problems.push({ range: rangeOf(value), message: 'rules must map rule ids to off, info, warning or error.' });
          break;
        }
        const rules: Record<string, SeveritySetting> = {};
        for (const rp of value.items as Pair<Node, Node>[]) {
          const id = isScalar(rp.key) ? String(rp.key.value) : '';
          const sev = isScalar(rp.value) ? String(rp.value.value) : '';
          if (!ruleMeta(id)) {
            problems.push({ range: rangeOf(rp.key), message: `Unknown rule "${id}". Run \`rampart rules\` for the list.` });
            continue;
          }
          if (!SEVERITIES.includes(sev)) {
            problems.push({ range: rangeOf(rp.value ?? rp.key), message: `Severity of ${id} must be off, info, warning or error, not "${sev}".` });
            continue;
          }
          rules[id] = sev as SeveritySetting;
        }
        layer.rules = rules;
        break;
      }
      case 'ignore': {
        const list = stringList(value);
        if (list) layer.ignore = list;
        else if (value != null) problems.push({ range: rangeOf(value), message: 'ignore must be a list of glob patterns.' });
        break;
      }
      case 'files': {
        if (value == null) break;
        if (!isMap(value)) {
          problems.push({ range: rangeOf(value), message: 'files must map a language (dockerfile, compose, nginx, traefik) to a list of globs.' });
          break;
        }
        const files: Partial<Record<Language, string[]>> = {};
        for (const fp of value.items as Pair<Node, Node>[]) {
          const lang = isScalar(fp.key) ? String(fp.key.value) : '';
          const list = stringList(fp.value);
          if (!LANGUAGES.includes(lang as Language)) {
            problems.push({ range: rangeOf(fp.key), message: `Unknown language "${lang}": use dockerfile, compose, nginx or traefik.` });
          } else if (!list) {
            problems.push({ range: rangeOf(fp.value ?? fp.key), message: `files.${lang} must be a list of glob patterns.` });
          } else files[lang as Language] = list;
        }
        layer.files = files;
        break;
      }
      case 'nginx':
      case 'traefik': {
        if (value == null) break;
        const version = isMap(value) ? value.get('version', true) : undefined;
        if (!isMap(value) || (version !== undefined && !isScalar(version))) {
          problems.push({ range: rangeOf(value), message: `${key} must be a mapping such as \`${key}: {version: "${key === 'nginx' ? '1.27' : '3'}"}\`.` });
          break;
        }
        if (isScalar(version)) {
          const v = String(version.value);
          if (!/^v?\d+(\.\d+){0,2}$/.test(v)) {
            problems.push({ range: rangeOf(version), message: `${key}.version must be a version number such as "${key === 'nginx' ? '1.27' : '3.1'}", not "${v}".` });
          } else if (key === 'nginx') layer.nginxVersion = v.replace(/^v/, '');
          else layer.traefikVersion = v.replace(/^v/, '');
        }
        break;
      }
      default:
        problems.push({ range: rangeOf(pair.key as Node), message: `Unknown key "${key}": expected one of ${TOP_KEYS.join(', ')}.` });
    }
  }
  return { layer, problems };
}

function stringList(value: Node | null | undefined): string[] | undefined {
  if (!isSeq(value)) return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return undefined;
    out.push(item.value);
  }
  return out;
}
