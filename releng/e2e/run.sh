#!/usr/bin/env bash
# Drives the embeddable web chat widget in headless Chromium: run.sh <demoPageUrl> <screenshotPath>.
# Line protocol on stdin/stdout, see webchat-e2e.mjs. Needs node, npm and Chromium (apt-get install chromium;
# another binary through HC_CHROMIUM). playwright-core is installed once into a cache outside the clone.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/humanchat/e2e"
mkdir -p "$cache"
{
  # One install at a time; a failed install leaves no stamp, so the next run tries again.
  command -v flock >/dev/null && flock 9
  if [ ! -f "$cache/node_modules/playwright-core/package.json" ] \
      || ! cmp -s "$here/package.json" "$cache/.installed-package.json"; then
    cp "$here/package.json" "$cache/package.json"
    rm -f "$cache/.installed-package.json"
    (cd "$cache" && npm install --no-audit --no-fund --silent) >&2   # stdout belongs to the protocol
    cp "$here/package.json" "$cache/.installed-package.json"
  fi
} 9>"$cache/.lock"
export HC_E2E_MODULES="$cache/node_modules"
export NODE_PATH="$HC_E2E_MODULES${NODE_PATH:+:$NODE_PATH}"
exec node "$here/webchat-e2e.mjs" "$@"
