// Every nginx/* rule, in catalog order. Adding a rule: one file here plus its docs page
// (docs/rules/nginx/<name>.md) and fixtures (test/fixtures/nginx/<name>/).
import type { Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { rateLimitMissing } from './rate-limit-missing';
import { rateLimitZoneUndefined } from './rate-limit-zone-undefined';
import { rateLimitZoneUnused } from './rate-limit-zone-unused';
import { sslProtocolsWeak } from './ssl-protocols-weak';
import { sslCiphersWeak } from './ssl-ciphers-weak';
import { sslSessionTickets } from './ssl-session-tickets';
import { serverTokens } from './server-tokens';
import { hiddenFilesExposed } from './hidden-files-exposed';
import { autoindexOn } from './autoindex-on';
import { statusEndpointExposed } from './status-endpoint-exposed';
import { allowWithoutDeny } from './allow-without-deny';
import { httpWithoutRedirect } from './http-without-redirect';
import { aliasTraversal } from './alias-traversal';
import { hostHeaderSpoofing } from './host-header-spoofing';
import { ssrfProxyPass } from './ssrf-proxy-pass';
import { unlimitedBodySize } from './unlimited-body-size';
import { syntax } from './syntax';
import { unknownDirective } from './unknown-directive';
import { directiveNotAllowed } from './directive-not-allowed';
import { headerRules } from './header-rules';

export const nginxRules: Rule<NginxModel>[] = [
  ...headerRules,
  rateLimitMissing,
  rateLimitZoneUndefined,
  rateLimitZoneUnused,
  sslProtocolsWeak,
  sslCiphersWeak,
  sslSessionTickets,
  serverTokens,
  hiddenFilesExposed,
  autoindexOn,
  statusEndpointExposed,
  allowWithoutDeny,
  httpWithoutRedirect,
  aliasTraversal,
  hostHeaderSpoofing,
  ssrfProxyPass,
  unlimitedBodySize,
  syntax,
  unknownDirective,
  directiveNotAllowed,
];
