#!/usr/bin/env bash
# End-to-end tests in a real n8n: installs the pinned n8n on Node 24 (cached), builds and packs this
# package, then runs the e2e jest project, which installs the tarball into a fresh n8n user folder.
set -euo pipefail
cd "$(dirname "$0")/.."
# jest itself runs on n8n's Node too (the tests import the engine, as n8n does).
source scripts/n8n-package.sh
exec node --experimental-vm-modules node_modules/.bin/jest --selectProjects e2e --runInBand "$@"
