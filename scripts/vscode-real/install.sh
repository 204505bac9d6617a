#!/usr/bin/env bash
# Installs what the real-VS-Code suites need, using only Debian apt and the npm registry:
#   apt: chromium (the browser that shows the workbench), ripgrep, and what code-server's native modules build with;
#   npm: code-server (a real VS Code workbench whose extension host is this machine's Node), into a cache dir
#        outside the repository: $LAYERLINT_VSCODE_REAL_HOME, default ${XDG_CACHE_HOME:-$HOME/.cache}/layerlint-vscode-real.
# Running it again only installs what is missing. playwright-core comes from the project's own devDependencies.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
eval "$(node "$HERE/paths.mjs")"
t0=$(date +%s)

# 1. Debian packages, only the missing ones. libkrb5-dev and pkg-config: code-server's kerberos module compiles
#    against them; ripgrep: replaces a download from GitHub (step 2); g++/make/python3: node-gyp.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v g++ >/dev/null || need+=(g++)
command -v make >/dev/null || need+=(make)
command -v python3 >/dev/null || need+=(python3)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "apt-get install ${need[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f "$installedMarker" ]; then
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  wanted=$(npm view "code-server@$CODE_SERVER_VERSION" engines.node 2>/dev/null || true)
  if [ -n "$wanted" ] && [ "$(tr -dc '0-9' <<<"$wanted")" != "$node_major" ]; then
    echo "code-server@$CODE_SERVER_VERSION needs node $wanted, this is $(node -v)." >&2
    echo "Set LAYERLINT_CODE_SERVER_VERSION to a release whose engines match (npm view code-server@<v> engines)." >&2
    exit 1
  fi

  dir="$(dirname "$installedMarker")"
  rm -rf "$dir" && mkdir -p "$dir"
  echo '{"name":"layerlint-code-server","private":true}' > "$dir/package.json"

  # 2. @vscode/ripgrep's postinstall fetches rg from GitHub unless it finds the archive in
  #    $TMPDIR/vscode-ripgrep-cache-<version>/. Put Debian's rg there, named as it expects.
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  (cd "$scratch" && npm pack -q "code-server@$CODE_SERVER_VERSION" >/dev/null &&
    tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json)
  rg_pkg=$(node -p "require('$scratch/package/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")
  (cd "$scratch" && npm pack -q "@vscode/ripgrep@$rg_pkg" >/dev/null && tar xzf vscode-ripgrep-*.tgz package/lib/postinstall.js)
  rg_tag=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$scratch/package/lib/postinstall.js")
  case "$(uname -m)" in
    x86_64) target=x86_64-unknown-linux-musl ;;
    aarch64) target=aarch64-unknown-linux-musl ;;
    *) echo "no ripgrep target for $(uname -m)" >&2; exit 1 ;;
  esac
  tmp="$home/tmp"
  mkdir -p "$tmp/vscode-ripgrep-cache-$rg_pkg" "$scratch/rg"
  cp "$(command -v rg)" "$scratch/rg/rg"
  tar czf "$tmp/vscode-ripgrep-cache-$rg_pkg/ripgrep-$rg_tag-$target.tar.gz" -C "$scratch/rg" rg

  # 3. code-server. Its postinstall runs `npm install` in lib/vscode, building native modules with node-gyp.
  #    unsafe_perm: the script refuses to run as root without it; yes: node-pty runs `npx node-gyp`, which
  #    must not stop to ask.
  log="$home/code-server-install.log"
  echo "npm install code-server@$CODE_SERVER_VERSION into $dir (log: $log)"
  if ! (cd "$dir" && TMPDIR="$tmp" npm_config_yes=true npm_config_unsafe_perm=true \
        npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" >"$log" 2>&1); then
    tail -40 "$log" >&2
    exit 1
  fi
  touch "$installedMarker"
fi

# code-server writes its config.yaml under XDG_CONFIG_HOME on every start, --version included.
echo "code-server $(XDG_CONFIG_HOME="$home/xdg" "$codeServerBin" --version | tail -1)"
echo "chromium: $("$chromium" --version 2>/dev/null || echo missing)"
echo "ready in $home ($(( $(date +%s) - t0 )) s)"
