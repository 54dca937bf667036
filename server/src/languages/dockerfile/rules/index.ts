// Every dockerfile/* rule, in catalog order. Adding a rule: one file here plus its docs page
// and fixtures; the registry test fails until all three exist.
import type { Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';
import { imageLatest } from './image-latest';
import { addInstead } from './add-instead-of-copy';
import { addRemoteUrl } from './add-remote-url';
import { curlPipeShell } from './curl-pipe-shell';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { packageSignatureBypass } from './package-signature-bypass';
import { sudo } from './sudo';
import { aptNoInstallRecommends } from './apt-no-install-recommends';
import { aptListsNotCleaned } from './apt-lists-not-cleaned';
import { pipefail } from './pipefail';
import { worldWritable } from './world-writable';

export const dockerfileRules: Rule<DockerfileModel>[] = [
  imageLatest,
  addInstead,
  addRemoteUrl,
  curlPipeShell,
  tlsVerificationDisabled,
  packageSignatureBypass,
  sudo,
  aptNoInstallRecommends,
  aptListsNotCleaned,
  pipefail,
  worldWritable,
];
