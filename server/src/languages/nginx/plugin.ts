import type { LanguagePlugin } from '../../engine/types';
import type { NginxModel } from './model';
import { parseNginx } from './parse';
import { isNginxName, matchesNginxContent } from './detect';
import { nginxRules } from './rules/index';
import { nginxHover } from './hover';
import { includes } from './includes';
import { inferFamilies } from './family';

export const nginxPlugin: LanguagePlugin<NginxModel> = {
  language: 'nginx',
  matchesName: isNginxName,
  matchesContent: matchesNginxContent,
  parse: (text) => parseNginx(text),
  // A fragment runs in the family of the block its includer includes it in (stream.d/*.conf in
  // `stream {}` is not judged by http rules); without an includer, in the family its servers'
  // content implies (family.ts), else http as before.
  prepare: (model, ctx) => {
    if (!model.fragment) return;
    const file = includes(ctx, model).context();
    if (file.source === 'includer') {
      model.placeFragment(file.family === 'core' ? undefined : file.family);
      return;
    }
    const inferred = inferFamilies(model, ctx.path);
    model.placeFragment(inferred.top ?? 'default', inferred.servers.size > 0 ? inferred.servers : undefined);
  },
  rules: nginxRules,
  hover: nginxHover,
};
