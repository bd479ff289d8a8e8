#!/usr/bin/env bash
# The machine the tests need: PostgreSQL on 127.0.0.1:5432 (trust logins from loopback), Redis on
# 127.0.0.1:6379 (n8n queue mode in the e2e tests), Dovecot
# (the IMAP server the ingest tests start), Chromium (the browser test), libfaketime (the unit
# phase's faked clock) and docker-compose (validates docker-compose.yml; no engine is needed).
# As root it installs what is missing from Debian's packages and starts PostgreSQL; otherwise it
# stops at once with one line naming what is missing and the command that installs it.
set -euo pipefail

log() { echo "[install-system] $*"; }

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql)
{ command -v dovecot && id dovecot; } >/dev/null 2>&1 || missing+=(dovecot-imapd)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v spamd >/dev/null 2>&1 || missing+=(spamassassin)
[ -e /usr/lib/dovecot/modules/lib90_sieve_plugin.so ] || missing+=(dovecot-sieve)

if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "The tests need Debian packages that are missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]} (or run .ci/run as root)." >&2
		exit 1
	fi
	log "apt-get install ${missing[*]}"
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	if [[ " ${missing[*]} " == *" postgresql "* ]]; then
		for hba in /etc/postgresql/*/main/pg_hba.conf; do
			sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$hba"
		done
	fi
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
	if [ "$(id -u)" != 0 ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
		echo "PostgreSQL does not answer on 127.0.0.1:5432. Start it (as root: pg_ctlcluster <version> main start) and run the tests again." >&2
		exit 1
	fi
	log "starting PostgreSQL"
	pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
	for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if ! redis_up; then
	if [ "$(id -u)" != 0 ]; then
		echo "Redis does not answer on 127.0.0.1:6379. Start it (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '') and run the tests again." >&2
		exit 1
	fi
	log "starting Redis"
	mkdir -p /var/lib/redis /var/log/redis
	redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
		--dir /var/lib/redis --logfile /var/log/redis/ci.log
	for _ in $(seq 1 30); do redis_up && break; sleep 1; done
fi
