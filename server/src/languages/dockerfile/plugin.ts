import type { LanguagePlugin } from '../../engine/types';
import type { DockerfileModel } from './model';
import { isDockerfileName, parseDockerfile } from './parse';
import { dockerfileRules } from './rules/index';

export const dockerfilePlugin: LanguagePlugin<DockerfileModel> = {
  language: 'dockerfile',
  matchesName: isDockerfileName,
  parse: (text, path) => parseDockerfile(text, path),
  rules: dockerfileRules,
};
