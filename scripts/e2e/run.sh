#!/usr/bin/env bash
# `npm run test:e2e`: the extension in real editors, end to end.
#   1. install.sh: chromium + neovim (apt, when missing), Node 24 and code-server into .cache/e2e
#   2. build: the test sources (out/test/e2e, the probe extension among them)
#   3. package: rampart.vsix (`npm run package`, production bundles) and the probe's vsix;
#      the e2e tests use the packaged dist/server.js too (nvim)
#   4. node --test over out/test/e2e/*.e2e.js, one file at a time:
#        install.e2e  the install script's decisions (dry run, packages faked missing)
#        nvim.e2e     Neovim 0.7 over --stdio
#        vscode.e2e   code-server driven by Chromium, asserted through the probe and the page
# Every process the tests start carries RAMPART_E2E_CHILD=<run id> in its environment; when the
# run ends, however it ends, anything still carrying it is reported and killed.
# The output's last line is the count CI reads: "e2e: N passed, N failed, N skipped (T s)"; a run
# that fails before the tests, or leaves processes behind, counts one failure more.
# Options (environment): RAMPART_E2E_UPDATE_IMAGES=1 copies the passing run's screenshots to
# docs/images; RAMPART_E2E_CACHE=DIR moves the cache; arguments narrow the test files (`nvim`).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
CACHE="${RAMPART_E2E_CACHE:-$ROOT/.cache/e2e}"
export RAMPART_E2E_CACHE="$CACHE"
export RAMPART_E2E_RUN_ID="${RAMPART_E2E_RUN_ID:-e2e-$$-$(date +%s)}"
T0=$(date +%s)
stage() { echo "== e2e [+$(($(date +%s) - T0))s] $*"; }

export RAMPART_E2E_GROUPS_FILE="$CACHE/run/groups-$RAMPART_E2E_RUN_ID"

# Processes of this run: they carry its mark, or they are in a process group the tests started
# (chromium's helpers get an environment of their own).
leftovers() {
  local f pid pgid state
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}; pid=${pid%/environ}
    [ "$pid" = $$ ] && continue
    # After the command name: state ppid pgrp. A zombie is gone, only not yet reaped.
    read -r state pgid < <(awk '{ sub(/^.*\) /, ""); print $1, $3 }' "/proc/$pid/stat" 2>/dev/null) || continue
    [ "$state" = Z ] && continue
    if { [ -n "$pgid" ] && grep -qx "$pgid" "$RAMPART_E2E_GROUPS_FILE" 2>/dev/null; } ||
      grep -qzx "RAMPART_E2E_CHILD=$RAMPART_E2E_RUN_ID" "$f" 2>/dev/null; then echo "$pid"; fi
  done
}
TEST_LOG="$CACHE/run/test-output-$RAMPART_E2E_RUN_ID.log"
# Node's spec reporter closes with "ℹ pass N", "ℹ fail N", "ℹ skipped N".
# 0 when the log or the line is missing (a run that ended early).
count() { local n; n=$(grep -aE "^ℹ $1 [0-9]+$" "$TEST_LOG" 2>/dev/null | tail -n 1 | awk '{print $3}') || true; echo "${n:-0}"; }
cleanup() {
  local rc=$? pids i passed failed skipped extra=0
  # Give processes that are already exiting (killed by the tests' own handlers) a moment.
  for i in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(leftovers)
    [ -z "$pids" ] && break
    sleep 0.5
  done
  if [ -n "$pids" ]; then
    echo "e2e: processes left running, killing them:" >&2
    for pid in $pids; do
      [ -e "/proc/$pid" ] && echo "  $pid $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | cut -c1-160)" >&2
    done
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    [ "$rc" = 0 ] && rc=1
    extra=1
  fi
  rm -f "$RAMPART_E2E_GROUPS_FILE"
  passed=$(count pass) failed=$(count fail) skipped=$(count skipped)
  failed=$((${failed:-0} + extra))
  # Failed before the tests ran or wrote their summary: one failure.
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  cp "$TEST_LOG" "$CACHE/artifacts/test-output.log" 2>/dev/null || true
  rm -f "$TEST_LOG"
  echo "e2e: ${passed:-0} passed, $failed failed, ${skipped:-0} skipped ($(($(date +%s) - T0)) s)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$CACHE/run" && : >"$RAMPART_E2E_GROUPS_FILE"

# Artifacts are per run: a stale failure screenshot must not outlive its run.
rm -rf "$CACHE/artifacts" && mkdir -p "$CACHE/artifacts"

stage "install (scripts/e2e/install.sh)"
bash scripts/e2e/install.sh

stage "build (esbuild: out/test/e2e)"
node esbuild.mjs

stage "package rampart.vsix (npm run package) and the probe"
mkdir -p "$CACHE/build"
rm -f "$CACHE/build/"*.vsix
# `npm run package` in a copy of the repository (as test/package/vsix.test.ts does): the working
# dist/ keeps its development build, and vsce does not walk the large cache folder.
stage_dir="$CACHE/build/repo"
rm -rf "$stage_dir" && mkdir -p "$stage_dir"
for entry in * .[!.]*; do
  case "$entry" in node_modules | dist | out | .git | .cache | .bench | *.vsix) continue ;; esac
  cp -R "$entry" "$stage_dir/"
done
ln -s "$ROOT/node_modules" "$stage_dir/node_modules"
(cd "$stage_dir" && npm run --silent package -- --out "$CACHE/build/rampart.vsix") >"$CACHE/build/package.log" 2>&1 || { cat "$CACHE/build/package.log"; exit 1; }
probe="$CACHE/build/probe"
rm -rf "$probe" && mkdir -p "$probe"
cp test/e2e/probe/package.json "$probe/"
cp out/test/e2e/probe/extension.js "$probe/extension.js"
cp LICENSE "$probe/LICENSE"
printf '# Rampart e2e probe\n\nTest-only extension of the Rampart e2e suite; see test/e2e/probe/extension.ts.\n' >"$probe/README.md"
(cd "$probe" && node "$ROOT/node_modules/@vscode/vsce/vsce" package --no-dependencies --out "$CACHE/build/rampart-e2e-probe.vsix") >"$CACHE/build/probe-package.log" 2>&1 || { cat "$CACHE/build/probe-package.log"; exit 1; }
ls -l "$CACHE/build/"*.vsix | awk '{print "  " $5 " bytes  " $NF}'

stage "test"
files=()
for name in install nvim vscode; do
  if [ $# -eq 0 ] || [[ " $* " == *" $name "* ]]; then files+=("out/test/e2e/$name.e2e.js"); fi
done
set +e
node --test --test-concurrency=1 --test-reporter=spec "${files[@]}" 2>&1 | tee "$TEST_LOG"
rc=${PIPESTATUS[0]}
set -e
exit "$rc"
