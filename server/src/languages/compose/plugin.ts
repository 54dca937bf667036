import type { LanguagePlugin } from '../../engine/types';
import type { ComposeModel } from './model';
import { isComposeName, looksLikeCompose, parseCompose } from './parse';
import { composeRules } from './rules/index';

export const composePlugin: LanguagePlugin<ComposeModel> = {
  language: 'compose',
  matchesName: isComposeName,
  matchesContent: looksLikeCompose,
  parse: (text, path) => parseCompose(text, path),
  rules: composeRules,
};
