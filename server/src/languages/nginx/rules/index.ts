// Every nginx/* rule, in catalog order. Adding a rule: one file here plus its docs page
// (docs/rules/nginx/<name>.md) and fixtures (test/fixtures/nginx/<name>/).
import type { Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { sslProtocolsWeak } from './ssl-protocols-weak';
import { serverTokens } from './server-tokens';
import { autoindexOn } from './autoindex-on';
import { syntax } from './syntax';
import { headerRules } from './header-rules';

export const nginxRules: Rule<NginxModel>[] = [...headerRules, sslProtocolsWeak, serverTokens, autoindexOn, syntax];
