#!/usr/bin/env bash
# What n8n installs is what was tested: installs the packed package the way n8n installs a community
# package (e2e/install-package.sh: no lockfile) into a throwaway folder and fails when any package
# of the installed tree has a version package-lock.json does not hold. Also checks that
# package.json's overrides (what pins the transitive versions there) match the lockfile.
# Usage: bash scripts/check-tarball-versions.sh [tarball]   (packs the project when none is given)
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/pin-overrides.js --check
TARBALL="${1:-}"
if [ -z "$TARBALL" ]; then
	source scripts/n8n-package.sh
	TARBALL="$PACKAGE_TARBALL"
fi
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
bash e2e/install-package.sh "$TARBALL" "$DIR" >/dev/null
node scripts/check-installed-versions.js "$DIR/.n8n/nodes/node_modules/n8n-nodes-sales-engine"
