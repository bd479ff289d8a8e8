#!/usr/bin/env bash
# README command 1: the main job on embedded defaults, no server and no account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || bash scripts/install-deps.sh
eval "$(bash e2e/install-n8n.sh | grep -E '^(NODE_BIN|N8N_BIN)=')"
npm run build --silent >/dev/null
rm -f n8n-nodes-sales-engine-*.tgz
TARBALL="$PWD/$(npm pack --silent 2>/dev/null | tail -n 1)"
export N8N_BIN NODE24_BIN="$NODE_BIN" PACKAGE_TARBALL="$TARBALL"
exec node -r ./test/helpers/register-ts.js scripts/demo.ts
