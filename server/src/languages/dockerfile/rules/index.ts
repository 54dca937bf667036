// Every dockerfile/* rule, in catalog order. Adding a rule: one file here plus its docs page
// and fixtures; the registry test fails until all three exist.
import type { Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';
import { userRoot } from './user-root';
import { secretInArg } from './secret-in-arg';
import { secretInEnv } from './secret-in-env';
import { secretFileCopied } from './secret-file-copied';
import { imageLatest } from './image-latest';
import { imageUntagged } from './image-untagged';
import { imageNotDigestPinned } from './image-not-digest-pinned';
import { healthcheckMissing } from './healthcheck-missing';
import { addInstead } from './add-instead-of-copy';
import { addRemoteUrl } from './add-remote-url';
import { curlPipeShell } from './curl-pipe-shell';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { packageSignatureBypass } from './package-signature-bypass';
import { sudo } from './sudo';
import { aptNoInstallRecommends } from './apt-no-install-recommends';
import { aptListsNotCleaned } from './apt-lists-not-cleaned';
import { pipefail } from './pipefail';
import { exposeSsh } from './expose-ssh';
import { worldWritable } from './world-writable';
import { singleStageSdk } from './single-stage-sdk';
import { shellFormEntrypoint } from './shell-form-entrypoint';

export const dockerfileRules: Rule<DockerfileModel>[] = [
  userRoot,
  secretInArg,
  secretInEnv,
  secretFileCopied,
  imageLatest,
  imageUntagged,
  imageNotDigestPinned,
  healthcheckMissing,
  addInstead,
  addRemoteUrl,
  curlPipeShell,
  tlsVerificationDisabled,
  packageSignatureBypass,
  sudo,
  aptNoInstallRecommends,
  aptListsNotCleaned,
  pipefail,
  exposeSsh,
  worldWritable,
  singleStageSdk,
  shellFormEntrypoint,
];
