#!/usr/bin/env bash
# Installs a packed n8n-nodes-sales-engine tarball into an n8n user folder exactly the way n8n's
# community-package installer does (n8n 2.40, CommunityPackagesService.downloadPackage): unpack into
# ~/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install` with
# --ignore-scripts and the shallow strategy, then record it in ~/.n8n/nodes/package.json.
# Used by the e2e tests and by the docker-compose stack, so both install the same way.
# Usage: install-package.sh <tarball.tgz> <n8n user folder>
set -euo pipefail
TARBALL="$(realpath "$1")"
USER_FOLDER="$2"
NODES_DIR="$USER_FOLDER/.n8n/nodes"
NAME=n8n-nodes-sales-engine
PKG_DIR="$NODES_DIR/node_modules/$NAME"

mkdir -p "$PKG_DIR"
rm -rf "${PKG_DIR:?}"/*
tar -xzf "$TARBALL" -C "$PKG_DIR" --strip-components=1
node -e '
const fs = require("fs");
const file = process.argv[1];
const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(file, "utf8"));
fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$PKG_DIR/package.json"
(cd "$PKG_DIR" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
	--ignore-scripts=true --package-lock=false --loglevel=error)
VERSION=$(node -p 'require(process.argv[1]).version' "$PKG_DIR/package.json")
node -e '
const fs = require("fs");
const [file, name, version] = process.argv.slice(1);
const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { name: "installed-nodes", private: true };
pkg.dependencies = { ...(pkg.dependencies || {}), [name]: version };
fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$NODES_DIR/package.json" "$NAME" "$VERSION"
echo "[install-package] $NAME@$VERSION installed in $PKG_DIR"
