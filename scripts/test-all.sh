#!/usr/bin/env bash
# The README's test command: lint, types, build, then unit, integration (the machine's PostgreSQL,
# PGlite, s3rver) and end-to-end tests (a real n8n), with one summary line at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
rm -f .tmp/jest-*.json
status=0

step() {
	echo "=== $1"
	shift
	"$@" || status=1
}

# No test may depend on the hour, the weekday or the machine's zone: every phase runs in a zone far
# from UTC, and the unit phase also under a faked Saturday-night clock (libfaketime, when present;
# the other phases share the database's real clock, so their JavaScript clock stays real).
export TZ="${SALES_ENGINE_TEST_TZ:-Pacific/Kiritimati}"

# Every test runs on the Node n8n itself runs on (24, the package's engines): text decoders and
# other behaviour differ between versions. e2e/install-n8n.sh installs it (cached) with n8n.
eval "$(bash e2e/install-n8n.sh | grep -E '^NODE_BIN=')"
export PATH="$NODE_BIN:$PATH"
echo "=== tests on node $(node --version)"
FAKE_NIGHT=()
if command -v faketime >/dev/null 2>&1; then FAKE_NIGHT=(faketime '2026-12-05 23:40:00'); fi

jest_phase() {
	local project="$1"
	shift
	local clock=()
	[ "$project" = unit ] && clock=("${FAKE_NIGHT[@]}")
	"${clock[@]}" node --experimental-vm-modules node_modules/.bin/jest --selectProjects "$project" --runInBand \
		--json --outputFile ".tmp/jest-$project.json" "$@"
}

# What the machine must have (PostgreSQL, Dovecot, Chromium…): installed as root, else one line
# saying what is missing — never twenty failures that say it in other words.
bash scripts/install-system.sh || exit 1

step lint npm run lint --silent
# The compose stack cannot start here (no Docker engine); its file is validated with both profiles.
if command -v docker-compose >/dev/null 2>&1; then
	step compose docker-compose --env-file .env.example --profile queue config -q
else
	echo "=== compose skipped (no docker-compose; .ci/run installs Debian's)"
fi
step typecheck npm run typecheck --silent
# n8n installs the package without its lockfile: the installed tree must hold only tested versions.
step versions bash scripts/check-tarball-versions.sh
step unit jest_phase unit
step integration jest_phase integration
if [ "${SKIP_E2E:-}" = "1" ]; then
	echo "=== e2e skipped (SKIP_E2E=1)"
else
	step e2e bash e2e/run.sh --json --outputFile .tmp/jest-e2e.json
fi

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync(".tmp").filter((f) => /^jest-.*\.json$/.test(f))) {
	const r = JSON.parse(fs.readFileSync(".tmp/" + f, "utf8"));
	passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
	skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
'
exit $status
