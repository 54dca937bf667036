import type { LanguagePlugin } from '../../engine/types';
import { isTraefikName, matchesTraefikContent } from './detect';
import { parseTraefik, type TraefikDocument } from './parse';
import { traefikRules } from './rules/index';

export const traefikPlugin: LanguagePlugin<TraefikDocument> = {
  language: 'traefik',
  matchesName: isTraefikName,
  matchesContent: matchesTraefikContent,
  parse: (text, path) => parseTraefik(text, path),
  rules: traefikRules,
};
