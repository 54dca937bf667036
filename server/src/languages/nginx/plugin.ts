import type { LanguagePlugin } from '../../engine/types';
import type { NginxModel } from './model';
import { parseNginx } from './parse';
import { isNginxName, matchesNginxContent } from './detect';
import { nginxRules } from './rules/index';
import { nginxHover } from './hover';

export const nginxPlugin: LanguagePlugin<NginxModel> = {
  language: 'nginx',
  matchesName: isNginxName,
  matchesContent: matchesNginxContent,
  parse: (text) => parseNginx(text),
  rules: nginxRules,
  hover: nginxHover,
};
