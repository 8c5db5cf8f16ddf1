#!/usr/bin/env bash
# Installs what the extension tests in a real VS Code need on a fresh Debian machine (run as root):
# Debian's Chromium (driven by playwright-core) and code-server 4.99.4 (VS Code 1.99 whose extension
# host runs in Node); and the editors test/editors/ runs the language server in: Debian's Neovim and Emacs
# with eglot. code-server goes into a cache folder inside the repo, not into the extension's own
# dependencies, so `npm install` for users stays light. Safe to run again: finished steps are skipped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_VERSION="4.99.4"
CS_DIR="${HINDSIGHT_CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
CS_MARKER="$CS_DIR/.installed-$CS_VERSION"
RG_VERSION="1.15.11"   # @vscode/ripgrep pinned by VS Code 1.99
RG_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

log() { echo "[install-e2e] $*"; }

# Two test runs starting at once must not install into the same folder concurrently.
mkdir -p "$CS_DIR"
exec 9>"$CS_DIR/.lock"
flock 9

need_apt=()
for pkg in chromium ripgrep build-essential python3 libkrb5-dev curl neovim emacs-nox elpa-eglot; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
if ((${#need_apt[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages: ${need_apt[*]} (run this script as root, or install them with apt-get)"
    exit 1
  fi
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
else
  log "Debian packages present"
fi

if [[ -f "$CS_MARKER" && -f "$CS_ENTRY" ]]; then
  log "code-server $CS_VERSION present in $CS_DIR"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads a binary from GitHub, which is unreachable here: pre-fill its
# download cache with Debian's rg, packed as the archive it expects. npm's TMPDIR is set explicitly so
# the cache lands where the postinstall looks.
WORK_TMP="$(mktemp -d)"
trap 'rm -rf "$WORK_TMP"' EXIT
export TMPDIR="$WORK_TMP"
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_VERSION"
mkdir -p "$RG_CACHE" "$WORK_TMP/rg"
cp "$(command -v rg)" "$WORK_TMP/rg/rg"
tar -czf "$RG_CACHE/$RG_ASSET" -C "$WORK_TMP/rg" rg

# node-pty's postinstall runs `npx node-gyp` (needs yes) and builds against Node's installed headers
# (node-gyp cannot download them). code-server's postinstall refuses root without --unsafe-perm.
export npm_config_yes=true
export npm_config_nodedir=/usr
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

cd "$CS_DIR"
# allowScripts: newer npm versions run only approved install scripts; code-server's postinstall is the install.
cat > package.json <<'JSON'
{ "name": "hindsight-e2e-code-server", "private": true,
  "allowScripts": { "code-server": true, "argon2": true, "node-pty": true, "@vscode/ripgrep": true } }
JSON
log "npm install code-server@$CS_VERSION into $CS_DIR (takes about a minute)"
npm install --no-save --no-package-lock --unsafe-perm "code-server@$CS_VERSION" 2>&1 | tail -n 20
if [[ ! -f "$CS_ENTRY" ]]; then
  log "code-server install failed: $CS_ENTRY is missing"
  exit 1
fi
touch "$CS_MARKER"
log "done"
