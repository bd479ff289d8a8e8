#!/usr/bin/env bash
# First start of the compose stack (runs in a Node container, once): installs the packed package
# into n8n's user folder the way n8n installs a community package (the same script as the e2e
# tests), and writes the credentials for n8n to import. Idempotent: a second run reinstalls.
set -euo pipefail
TARBALL="$(ls /src/n8n-nodes-sales-engine-*.tgz 2>/dev/null | tail -n 1)"
if [ -z "$TARBALL" ]; then
	echo "[setup] no n8n-nodes-sales-engine-*.tgz in the project folder: run 'npm run build && npm pack' first" >&2
	exit 1
fi
bash /src/e2e/install-package.sh "$TARBALL" /home/node
node /src/docker/make-credentials.js /home/node/.n8n/sales-engine-setup/credentials
# n8n runs as the image's `node` user (uid 1000).
chown -R 1000:1000 /home/node/.n8n
