#!/usr/bin/env bash
# npm run bench:campaign — the shipped campaign workflow in a real n8n at 10k/10k/1k (bench/campaign.bench.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/n8n-package.sh
npm run bench:build --silent
exec node .bench-build/bench/campaign.bench.js
