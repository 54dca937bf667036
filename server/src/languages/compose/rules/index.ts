// Every compose/* rule, in catalog order. Adding a rule: one file here plus its docs page
// and fixtures; the fixture test fails until they exist.
import type { Rule } from '../../../engine/types';
import type { ComposeModel } from '../model';
import { privileged } from './privileged';
import { noNewPrivileges } from './no-new-privileges';
import { resourceLimits } from './resource-limits';
import { pidsLimit } from './pids-limit';
import { sensitiveHostMount } from './sensitive-host-mount';
import { portAllInterfaces } from './port-all-interfaces';
import { imageLatest } from './image-latest';
import { secretInEnvironment } from './secret-in-environment';
import { healthcheckMissing } from './healthcheck-missing';
import { userRoot } from './user-root';
import { envFileCommitted } from './env-file-committed';
import { duplicateMergeKey } from './duplicate-merge-key';
import { dockerSocket } from './docker-socket';
import { dockerSocketReadonly } from './docker-socket-readonly';
import { capDropAll } from './cap-drop-all';
import { dangerousCapability } from './dangerous-capability';
import { readOnlyRootfs } from './read-only-rootfs';
import { hostNamespace } from './host-namespace';
import { unconfinedSecurityProfile } from './unconfined-security-profile';
import { invalidReference } from './invalid-reference';

export const composeRules: Rule<ComposeModel>[] = [
  privileged,
  dockerSocket,
  dockerSocketReadonly,
  noNewPrivileges,
  capDropAll,
  dangerousCapability,
  readOnlyRootfs,
  resourceLimits,
  pidsLimit,
  healthcheckMissing,
  userRoot,
  hostNamespace,
  unconfinedSecurityProfile,
  sensitiveHostMount,
  portAllInterfaces,
  imageLatest,
  secretInEnvironment,
  envFileCommitted,
  duplicateMergeKey,
  invalidReference,
];
