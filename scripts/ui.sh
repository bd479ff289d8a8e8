#!/usr/bin/env bash
# Starts n8n's UI on http://localhost:5678 with the package and workflows the demo installed
# (run `npm run demo` first).
set -euo pipefail
cd "$(dirname "$0")/.."
FOLDER="$(realpath "${SALES_ENGINE_DEMO_DIR:-.demo}")"
[ -d "$FOLDER/.n8n/nodes/node_modules/n8n-nodes-sales-engine" ] || { echo "run npm run demo first"; exit 1; }
eval "$(bash e2e/install-n8n.sh | grep -E '^(NODE_BIN|N8N_BIN)=')"
export PATH="$NODE_BIN:$PATH" N8N_USER_FOLDER="$FOLDER" N8N_DIAGNOSTICS_ENABLED=false
exec "$N8N_BIN" start
