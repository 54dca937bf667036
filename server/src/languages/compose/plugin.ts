import type { LanguagePlugin } from '../../engine/types';
import type { ComposeModel } from './model';
import { isComposeName, looksLikeCompose } from './parse';
import { composeRules } from './rules/index';
import { traefikComposeRules } from '../traefik/rules/index';
import { builtDockerfileFiles, forgetCompose, parsedCompose } from './project';

export const composePlugin: LanguagePlugin<ComposeModel> = {
  language: 'compose',
  matchesName: isComposeName,
  matchesContent: looksLikeCompose,
  // Through the module's cache by path and text, so another file's rules that read this compose
  // file (a Traefik graph, an override's project) reuse the lint's parse.
  parse: (text, path) => parsedCompose(path, text),
  forget: forgetCompose,
  // Traefik labels, flags and env in compose files: traefik/* rules, reported under their own ids.
  rules: [...composeRules, ...traefikComposeRules],
  // The Dockerfiles the services build are Dockerfiles whatever their name (`docker/app.build`),
  // and their build context decides which .dockerignore applies.
  relatedFiles: (parsed, ctx) => builtDockerfileFiles(parsed.model, ctx).map((b) => ({ path: b.path, language: 'dockerfile', hints: { buildContext: b.context } })),
};
