#!/usr/bin/env bash
# Installs the interop tests' npm packages exactly as package-lock.json pins them (npm ci).
# Idempotent: skips the install when node_modules was made from this very lock file by this
# Node version (a hash stamp in node_modules), so running it before every test run costs nothing.
# Safe to run concurrently (flock). usage: tests/interop/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

command -v node > /dev/null || { echo "install.sh: node not found; the interop tests need Node 20+" >&2; exit 1; }
command -v npm > /dev/null || { echo "install.sh: npm not found; the interop tests need npm" >&2; exit 1; }

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
    echo "install.sh: warning: node $(node --version) is older than the tested 20 (graphql-ws 6 requires >= 20)" >&2
fi

stamp_file=node_modules/.trefoil-install-stamp
want=$( { sha256sum package-lock.json package.json; node --version; } | sha256sum | cut -d' ' -f1)

exec 9< "$here"   # lock the directory itself: nothing to leave behind
flock 9
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
    exit 0
fi
echo "install.sh: npm ci in $here" >&2
rm -f "$stamp_file"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp_file"
