#!/usr/bin/env bash
# End-to-end tests in a real n8n: installs the pinned n8n on Node 24 (cached), builds and packs this
# package, then runs the e2e jest project, which installs the tarball into a fresh n8n user folder.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash e2e/install-n8n.sh | grep -E '^(NODE_BIN|N8N_BIN)=')"
# jest itself runs on n8n's Node too (the tests import the engine, as n8n does).
export PATH="$NODE_BIN:$PATH"
npm run build --silent
rm -f n8n-nodes-sales-engine-*.tgz
TARBALL="$PWD/$(npm pack --silent 2>/dev/null | tail -n 1)"
export N8N_BIN NODE24_BIN="$NODE_BIN" PACKAGE_TARBALL="$TARBALL"
exec node --experimental-vm-modules node_modules/.bin/jest --selectProjects e2e --runInBand "$@"
