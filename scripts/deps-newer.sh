#!/usr/bin/env bash
# Keeping dependencies current on purpose: the runtime dependencies with newer versions on npm.
# To take one: change its pin in package.json, `npm install`, `node scripts/pin-overrides.js`,
# `npm install` again, run the tests (the peer-parser fixtures among them) and commit all three.
set -euo pipefail
cd "$(dirname "$0")/.."
npm outdated --omit=dev --long || true
