#!/usr/bin/env bash
# Build with tests and run them against real services: the system MariaDB with a
# throwaway database, and a throwaway Redis on its own port. Both are removed at exit.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages
start_mariadb

TEST_DB="bangumi_test_$$"
TEST_REDIS_PORT="${TEST_REDIS_PORT:-16379}"
TEST_REDIS_DIR="$(mktemp -d)"
cleanup() {
  drop_database "$TEST_DB"
  step "redis: stopping test instance on port $TEST_REDIS_PORT"
  redis-cli -p "$TEST_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$TEST_REDIS_DIR"
}
trap cleanup EXIT

# A fresh instance: never run tests against a Redis someone else is using.
redis-cli -p "$TEST_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
start_redis "$TEST_REDIS_PORT" --save '' --appendonly no --dir "$TEST_REDIS_DIR"
create_database "$TEST_DB"

build Release -DBGM_BUILD_TESTS=ON -DBGM_WERROR=ON "$@"

export MYSQL_HOST=127.0.0.1 MYSQL_PORT=3306 MYSQL_USER="${MYSQL_USER:-user}" MYSQL_PASS="${MYSQL_PASS:-password}"
export MYSQL_DB="$TEST_DB"
export REDIS_URI="redis://127.0.0.1:$TEST_REDIS_PORT/0"
export BGM_TEST_REDIS_PORT="$TEST_REDIS_PORT" BGM_TEST_REDIS_DIR="$TEST_REDIS_DIR"
export CHII_CONFIG_FILE="$TEST_REDIS_DIR/no-config.yaml"
unset LOG_FORMAT NODE_ENV

# A short, bounded fuzz run of the wiki parser under ASan/UBSan (FUZZ_SECONDS=0 skips).
if [ "${FUZZ_SECONDS:-20}" -gt 0 ]; then
  "$ROOT/scripts/fuzz.sh" wiki "${FUZZ_SECONDS:-20}"
fi

step "ctest"
cd "$BUILD_DIR"
ctest --output-on-failure --no-tests=error -j2 --timeout 300
