import { defineMeta } from '../../../engine/meta';
import type { Finding, Rule } from '../../../engine/types';
import type { DockerfileModel } from '../model';
import { resolveInStage, shippedStages } from '../model';
import { commandWords, programName, type ShellCommand, type ShellWord } from '../shell';

export const meta = defineMeta({
  id: 'dockerfile/expose-ssh',
  language: 'dockerfile',
  title: 'SSH port exposed or SSH server installed',
  description:
    'The final image exposes port 22 or installs an SSH server. An sshd inside a container is one more network service with credentials to steal and patch; docker exec gives shell access without it.',
  severity: 'warning',
  fix: 'none',
  sources: ['H: "Proper port exposure (only necessary ports)"', 'Trivy DS-0004', 'Checkov CKV_DOCKER_1'],
  peers: ['DS-0004', 'DS004', 'CKV_DOCKER_1'],
  tags: ['security', 'CWE-284'],
  securitySeverity: '5.0',
});

/** True when an EXPOSE value (`22`, `22/tcp`, `20-25`) covers TCP port 22. */
export function exposesSsh(value: string): boolean {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
  if (!m) return false;
  if (m[3] && m[3].toLowerCase() !== 'tcp') return false;
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  return lo <= 22 && 22 <= hi;
}

// Install subcommands per package manager, and the options that take a separate value.
const MANAGERS: Record<string, { install: string[]; valueOpts: string[] }> = {
  'apt-get': { install: ['install'], valueOpts: ['-o', '-t', '-c', '--target-release', '--option'] },
  apt: { install: ['install'], valueOpts: ['-o', '-t', '-c', '--target-release', '--option'] },
  aptitude: { install: ['install'], valueOpts: ['-o', '-t'] },
  apk: { install: ['add'], valueOpts: ['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch'] },
  yum: { install: ['install'], valueOpts: ['-c', '--config', '--releasever', '--installroot'] },
  dnf: { install: ['install'], valueOpts: ['-c', '--config', '--releasever', '--installroot'] },
  microdnf: { install: ['install'], valueOpts: ['--config', '--releasever', '--installroot'] },
  tdnf: { install: ['install'], valueOpts: ['-c', '--config', '--releasever', '--installroot'] },
  zypper: { install: ['install', 'in'], valueOpts: ['-r', '--repo', '-t', '--type'] },
};

/** The SSH-server package a package name names, per manager (`ssh` is Debian's sshd metapackage). */
function sshPackage(manager: string, word: string): boolean {
  const name = word.split(/[=<>~]/)[0]!.toLowerCase();
  if (/^openssh-server(-pam)?(-\d.*)?$/.test(name)) return true;
  if (/^dropbear(-\d.*)?$/.test(name)) return true;
  if (manager === 'apk' && name === 'openssh') return true;
  if ((manager === 'apt-get' || manager === 'apt' || manager === 'aptitude') && name === 'ssh') return true;
  return false;
}

/** The package words of an install command that name an SSH server. */
export function sshServerPackages(cmd: ShellCommand): ShellWord[] {
  let w = commandWords(cmd);
  while (w.length > 0 && programName(w[0]) === 'sudo') {
    w = w.slice(1);
    while (w.length > 0 && w[0]!.value.startsWith('-')) w = w.slice(1);
  }
  const manager = programName(w[0]);
  const spec = MANAGERS[manager];
  if (!spec) return [];
  const out: ShellWord[] = [];
  let installing = false;
  for (let i = 1; i < w.length; i++) {
    const v = w[i]!.value;
    if (v.startsWith('-')) {
      if (spec.valueOpts.includes(v)) i++;
      continue;
    }
    if (!installing) {
      // The first word that is not an option is the subcommand: only installs count.
      if (!spec.install.includes(v)) return [];
      installing = true;
      continue;
    }
    if (sshPackage(manager, v)) out.push(w[i]!);
  }
  return out;
}

export const exposeSsh: Rule<DockerfileModel> = {
  meta,
  check(model) {
    const out: Finding[] = [];
    const shipped = new Set(shippedStages(model));
    for (const stage of shipped) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'EXPOSE') continue;
        for (const a of ins.getArguments()) {
          const value = resolveInStage(model, stage, ins, a.getValue());
          if (value === undefined || !exposesSsh(value)) continue;
          const written = a.getValue();
          const resolved = written !== value ? ` (resolves to "${value}")` : '';
          const single = /^22(\/tcp)?$/i.test(value.trim());
          out.push({
            range: a.getRange(),
            message: `EXPOSE ${written}${resolved} ${single ? 'publishes' : 'includes'} the SSH port 22: a container should not run an SSH daemon; docker exec gives shell access without one.`,
          });
        }
      }
    }
    for (const run of model.runs) {
      if (!run.stage || !shipped.has(run.stage)) continue;
      for (const script of run.scripts) {
        for (const cmd of script.commands) {
          for (const pkg of sshServerPackages(cmd)) {
            out.push({
              range: model.index.rangeOf(pkg.start, pkg.end),
              message: `RUN installs an SSH server ("${pkg.value}") into the final image: one more network service with credentials to steal and patch; docker exec gives shell access without it.`,
            });
          }
        }
      }
    }
    return out;
  },
};
