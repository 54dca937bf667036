// The nine security-header rules, in catalog order (rules/index.ts puts them first).
import type { Rule } from '../../../engine/types';
import type { NginxModel } from '../model';
import { hstsMissing } from './hsts-missing';
import { hstsWeak } from './hsts-weak';
import { xFrameOptionsMissing } from './x-frame-options-missing';
import { xContentTypeOptionsMissing } from './x-content-type-options-missing';
import { referrerPolicyMissing } from './referrer-policy-missing';
import { cspMissing } from './csp-missing';
import { xXssProtection } from './x-xss-protection';
import { addHeaderInheritance } from './add-header-inheritance';
import { addHeaderNotAlways } from './add-header-not-always';

export const headerRules: Rule<NginxModel>[] = [
  hstsMissing,
  hstsWeak,
  xFrameOptionsMissing,
  xContentTypeOptionsMissing,
  referrerPolicyMissing,
  cspMissing,
  xXssProtection,
  addHeaderInheritance,
  addHeaderNotAlways,
];
