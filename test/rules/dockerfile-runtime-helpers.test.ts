// Helpers behind the runtime rules: root users, image tables, SSH packages, build steps,
// shell-form analysis, literal values, HEALTHCHECK templates, and fixes on CRLF files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isRootUser } from '../../server/src/languages/dockerfile/rules/user-root';
import { exposesSsh, sshServerPackages } from '../../server/src/languages/dockerfile/rules/expose-ssh';
import { nodeBuildStep } from '../../server/src/languages/dockerfile/rules/single-stage-sdk';
import { endsWithExec } from '../../server/src/languages/dockerfile/rules/shell-form-entrypoint';
import { isLiteralValue } from '../../server/src/languages/dockerfile/rules/secret-in-env';
import { healthcheckTemplate } from '../../server/src/languages/dockerfile/rules/healthcheck-missing';
import {
  entrypointDropsPrivileges,
  imageOwnUser,
  isWindowsImage,
  knownNonRootImage,
  repositoryOf,
  sdkImage,
} from '../../server/src/languages/dockerfile/images';
import { tokenizeShell } from '../../server/src/languages/dockerfile/shell';
import { applyEdits } from '../../server/src/engine/fixes';
import { lintText, MemoryWorkspace, only } from '../helpers/lint';

const script = (text: string) => tokenizeShell(text, Array.from({ length: text.length + 1 }, (_, i) => i));
const facts = (repo: string, tag = '') => ({ repo: repositoryOf(repo), tag });

describe('user-root: what counts as root', () => {
  it('accepts every spelling of uid 0 and nothing else', () => {
    for (const v of ['root', '0', 'root:root', '0:0', ' ROOT ', '00', 'root:1000', '0:app']) assert.equal(isRootUser(v), true, v);
    for (const v of ['app', '1000', '1000:0', 'app:root', 'rooter', '10', '']) assert.equal(isRootUser(v), false, v);
  });
});

describe('image tables', () => {
  it('normalises Docker Hub names', () => {
    assert.equal(repositoryOf('docker.io/library/node'), 'node');
    assert.equal(repositoryOf('index.docker.io/bitnami/redis'), 'bitnami/redis');
    assert.equal(repositoryOf('GCR.io/distroless/static'), 'gcr.io/distroless/static');
  });

  it('knows the non-root images and only those', () => {
    assert.ok(knownNonRootImage(facts('gcr.io/distroless/static-debian12', 'nonroot')));
    assert.ok(knownNonRootImage(facts('gcr.io/distroless/base', 'debug-nonroot')));
    assert.ok(knownNonRootImage(facts('gcr.io/distroless/java21-debian12', 'nonroot-arm64')));
    assert.equal(knownNonRootImage(facts('gcr.io/distroless/static-debian12', 'latest')), undefined);
    assert.ok(knownNonRootImage(facts('cgr.dev/chainguard/python', 'latest')));
    assert.equal(knownNonRootImage(facts('cgr.dev/chainguard/wolfi-base', 'latest')), undefined);
    assert.ok(knownNonRootImage(facts('nginxinc/nginx-unprivileged', '1.27')));
    assert.ok(knownNonRootImage(facts('docker.io/bitnami/postgresql', '16')));
    assert.ok(knownNonRootImage(facts('mcr.microsoft.com/dotnet/aspnet', '8.0-jammy-chiseled')));
    assert.equal(knownNonRootImage(facts('nginx', '1.27')), undefined);
    assert.equal(knownNonRootImage(facts('node', '20')), undefined);
  });

  it('knows the images that drop root in their entrypoint, their own users, Windows', () => {
    assert.equal(entrypointDropsPrivileges(facts('postgres')), true);
    assert.equal(entrypointDropsPrivileges(facts('nginx')), false);
    assert.equal(imageOwnUser(facts('node', '20-alpine')), 'node');
    assert.equal(imageOwnUser(facts('mcr.microsoft.com/dotnet/aspnet', '8.0')), 'app');
    assert.equal(imageOwnUser(facts('mcr.microsoft.com/dotnet/aspnet', '6.0')), undefined);
    assert.equal(imageOwnUser(facts('python', '3.12')), undefined);
    assert.equal(isWindowsImage(facts('mcr.microsoft.com/windows/servercore', 'ltsc2022')), true);
    assert.equal(isWindowsImage(facts('mcr.microsoft.com/dotnet/sdk', '8.0-nanoserver-ltsc2022')), true);
    assert.equal(isWindowsImage(facts('mcr.microsoft.com/dotnet/sdk', '8.0')), false);
  });

  it('knows SDK images', () => {
    assert.ok(sdkImage(facts('golang', '1.22')));
    assert.ok(sdkImage(facts('mcr.microsoft.com/dotnet/sdk', '8.0')));
    assert.ok(sdkImage(facts('eclipse-temurin', '21-jdk')));
    assert.equal(sdkImage(facts('eclipse-temurin', '21-jre')), undefined);
    assert.equal(sdkImage(facts('openjdk', '11-jre-slim')), undefined);
    assert.equal(sdkImage(facts('node', '20')), undefined);
    assert.equal(sdkImage(facts('mcr.microsoft.com/dotnet/aspnet', '8.0')), undefined);
  });
});

describe('expose-ssh helpers', () => {
  it('reads EXPOSE values', () => {
    for (const v of ['22', '22/tcp', '22/TCP', '20-25', '1-65535', '22-22']) assert.equal(exposesSsh(v), true, v);
    for (const v of ['2222', '220', '22/udp', '23-25', '80', 'abc', '']) assert.equal(exposesSsh(v), false, v);
  });

  it('finds SSH server packages per package manager', () => {
    const pkgs = (t: string) => script(t).commands.flatMap((c) => sshServerPackages(c).map((w) => w.value));
    assert.deepEqual(pkgs('apt-get install -y --no-install-recommends openssh-server=1:9.6 curl'), ['openssh-server=1:9.6']);
    assert.deepEqual(pkgs('apt-get -o Dpkg::Options::=--force-confnew install -y ssh'), ['ssh']);
    assert.deepEqual(pkgs('apk add --no-cache -t .deps openssh'), ['openssh']);
    assert.deepEqual(pkgs('yum install -y openssh openssh-clients'), [], 'openssh alone is not the server on RHEL');
    assert.deepEqual(pkgs('dnf -y install openssh-server-8.7p1'), ['openssh-server-8.7p1']);
    assert.deepEqual(pkgs('sudo -E apt-get install -y openssh-server'), ['openssh-server']);
    assert.deepEqual(pkgs('apt-get remove -y openssh-server'), []);
    assert.deepEqual(pkgs('apt-get install -y openssh-client'), []);
    assert.deepEqual(pkgs('echo apt-get install openssh-server'), []);
  });
});

describe('single-stage-sdk: node build steps', () => {
  it('recognises build scripts and tsc', () => {
    const step = (t: string) => script(t).commands.map(nodeBuildStep).find((x) => x);
    assert.equal(step('npm ci && npm run build'), 'npm run build');
    assert.equal(step('npm run-script build'), 'npm run build');
    assert.equal(step('yarn build'), 'yarn build');
    assert.equal(step('pnpm run build'), 'pnpm run build');
    assert.equal(step('npx tsc -p .'), 'npx tsc');
    assert.equal(step('NODE_ENV=production tsc'), 'tsc');
    assert.equal(step('npm ci --omit=dev'), undefined);
    assert.equal(step('npm run start'), undefined);
  });
});

describe('shell-form-entrypoint: exec hand-over', () => {
  it('accepts scripts whose last command is exec', () => {
    assert.equal(endsWithExec(script('exec node server.js')), true);
    assert.equal(endsWithExec(script('cd /app && exec node server.js')), true);
    assert.equal(endsWithExec(script('A=1 exec node s.js')), true);
    assert.equal(endsWithExec(script('node server.js')), false);
    assert.equal(endsWithExec(script('exec a || b')), false);
    assert.equal(endsWithExec(script('a | exec b')), false);
  });
});

describe('secret-in-env: literal values', () => {
  it('tells literals from pass-through references', () => {
    for (const v of ['secret', 'x$Y', '${A:-admin}', 'pre${X}']) assert.equal(isLiteralValue(v), true, v);
    for (const v of ['$X', '${X}', '${X:?required}', '$A$B', ' ', '/run/secrets/db']) assert.equal(isLiteralValue(v), false, v);
  });
});

describe('healthcheck-missing: templates', () => {
  it('picks a probe the image can run, and none for shell-less images', () => {
    assert.match(healthcheckTemplate(facts('node', '20-alpine'), '8080')!.line, /CMD node -e .*localhost:8080\/health/);
    assert.match(healthcheckTemplate(facts('python', '3.12-slim'), undefined)!.line, /urllib.*localhost:8000/);
    assert.match(healthcheckTemplate(facts('nginx', '1.27-alpine'), '80')!.line, /wget -q --spider http:\/\/localhost:80\/health/);
    const curl = healthcheckTemplate(facts('debian', '12-slim'), undefined)!;
    assert.match(curl.line, /curl -fsS http:\/\/localhost:8080\/health \|\| exit 1$/);
    assert.match(curl.title, /needs curl/);
    assert.equal(healthcheckTemplate(facts('gcr.io/distroless/static-debian12', 'nonroot'), undefined), undefined);
    assert.equal(healthcheckTemplate(undefined, undefined), undefined);
  });
});

describe('fixes keep the file\'s line breaks', () => {
  it('inserts with CRLF in a CRLF Dockerfile', () => {
    const text = 'FROM python:3.12-slim\r\nCOPY . /app\r\nCMD ["python", "/app/app.py"]\r\n';
    const d = only(lintText(text, { workspace: new MemoryWorkspace({}) }).diagnostics, 'dockerfile/user-root');
    assert.equal(d.length, 1);
    const fixed = applyEdits(text, d[0]!.fixes[0]!.edits);
    assert.equal(fixed, 'FROM python:3.12-slim\r\nCOPY . /app\r\nUSER 10001:10001\r\nCMD ["python", "/app/app.py"]\r\n');
  });

  it('appends at the end of a stage without a trailing newline', () => {
    const text = 'FROM alpine:3.20\nCOPY app /app';
    const d = only(lintText(text, { workspace: new MemoryWorkspace({}) }).diagnostics, 'dockerfile/user-root');
    assert.equal(applyEdits(text, d[0]!.fixes[0]!.edits), 'FROM alpine:3.20\nCOPY app /app\nUSER 10001:10001');
  });
});
