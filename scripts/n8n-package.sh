#!/usr/bin/env bash
# Sourced by the scripts that run this package in a real n8n (e2e tests, bench:campaign): installs
# the pinned n8n on Node 24 (cached), puts that Node first on PATH, builds and packs this package,
# and exports what e2e/helpers/n8n.ts reads: N8N_BIN, NODE24_BIN, PACKAGE_TARBALL.
eval "$(bash e2e/install-n8n.sh | grep -E '^(NODE_BIN|N8N_BIN)=')"
export PATH="$NODE_BIN:$PATH"
npm run build --silent
rm -f n8n-nodes-sales-engine-*.tgz
PACKAGE_TARBALL="$PWD/$(npm pack --silent 2>/dev/null | tail -n 1)"
export N8N_BIN NODE24_BIN="$NODE_BIN" PACKAGE_TARBALL
