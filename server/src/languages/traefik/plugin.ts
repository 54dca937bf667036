import type { LanguagePlugin } from '../../engine/types';
import { isTraefikName, matchesTraefikContent } from './detect';
import { forgetTraefik, parsedTraefik, type TraefikDocument } from './parse';
import { traefikRules } from './rules/index';

export const traefikPlugin: LanguagePlugin<TraefikDocument> = {
  language: 'traefik',
  matchesName: isTraefikName,
  matchesContent: matchesTraefikContent,
  parse: (text, path) => parsedTraefik(path, text),
  forget: forgetTraefik,
  rules: traefikRules,
};
