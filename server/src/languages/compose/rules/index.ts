// Every compose/* rule, in catalog order. Adding a rule: one file here plus its docs page
// and fixtures; the fixture test fails until they exist.
import type { Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import { privileged } from './privileged';
import { noNewPrivileges } from './no-new-privileges';
import { healthcheckMissing } from './healthcheck-missing';
import { userRoot } from './user-root';
import { envFileCommitted } from './env-file-committed';
import { duplicateMergeKey } from './duplicate-merge-key';

export const composeRules: Rule<ComposeModel>[] = [
  privileged,
  noNewPrivileges,
  healthcheckMissing,
  userRoot,
  envFileCommitted,
  duplicateMergeKey,
];
