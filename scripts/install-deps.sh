#!/usr/bin/env bash
# Installs the dev dependencies from the lock file. npm 11 records only this platform's optional
# native bindings in the lock, and `npm ci` then refuses the lock it wrote (npm/cli#8320, #4828);
# `npm install` honours the same locked versions and fills the gap, so it is the fallback.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm ci --prefer-offline --no-audit --no-fund --loglevel=error 2>/tmp/sales-engine-npm-ci.log; then
	echo "[install-deps] npm ci refused the lock file (npm's optional-dependency bug); using npm install"
	npm install --prefer-offline --no-audit --no-fund --loglevel=error
fi
