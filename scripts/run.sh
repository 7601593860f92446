#!/usr/bin/env bash
# Run bangumi-backend locally on a fresh Debian bookworm machine (as root):
# packages, MariaDB + Redis on loopback, database `bangumi` with schema and demo data,
# a Release build, then the main job.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages
start_mariadb
start_redis 6379
create_database "${MYSQL_DB:-bangumi}" "$ROOT/db/seed-dev.sql"
build Release

export MYSQL_DB="${MYSQL_DB:-bangumi}"
step "doctor"
"$BUILD_DIR/bangumi-backend" doctor
if [ "$#" -gt 0 ]; then
  step "bangumi-backend $*"
  exec "$BUILD_DIR/bangumi-backend" "$@"
fi
