#!/usr/bin/env bash
# Run bangumi-backend locally on a fresh Debian bookworm machine (as root):
# packages, MariaDB + Redis on loopback, database `bangumi` with schema and demo data,
# a Release build, then `doctor`. Then, optionally:
#   ./scripts/run.sh all                  the HTTP server and the cron scheduler
#   ./scripts/run.sh <command...>         one command, e.g. server run, cron heartbeat-once
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages
start_mariadb
start_redis 6379
create_database "${MYSQL_DB:-bangumi}" "$ROOT/db/seed-dev.sql"
build Release

export MYSQL_DB="${MYSQL_DB:-bangumi}"
step "doctor"
"$BUILD_DIR/bangumi-backend" doctor
if [ "${1:-}" = "all" ]; then
  # The daemons together: the cron scheduler in the background, the HTTP server in the
  # foreground; Ctrl-C (or SIGTERM) stops both.
  step "bangumi-backend cron run-default-schedule (background)"
  "$BUILD_DIR/bangumi-backend" cron run-default-schedule &
  cron_pid=$!
  trap 'kill -TERM "$cron_pid" 2>/dev/null; wait "$cron_pid"' EXIT
  step "bangumi-backend server run on ${HOST:-0.0.0.0}:${PORT:-4000}"
  "$BUILD_DIR/bangumi-backend" server run
elif [ "$#" -gt 0 ]; then
  step "bangumi-backend $*"
  exec "$BUILD_DIR/bangumi-backend" "$@"
fi
