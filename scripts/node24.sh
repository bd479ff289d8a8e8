#!/usr/bin/env bash
# Runs a command on the Node n8n itself runs on (24, the package's engines), installed with n8n by
# e2e/install-n8n.sh (cached): every test runs there, since text decoders and `require()` of ES
# modules differ from older Node versions. Usage: bash scripts/node24.sh node … | npx …
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash e2e/install-n8n.sh | grep -E '^NODE_BIN=')"
export PATH="$NODE_BIN:$PATH"
exec "$@"
