# Shared setup for run.sh and test.sh: packages, local services, database, build.
# Sourced, not executed. Every step prints what it does and is safe to repeat.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libmariadb-dev libhiredis-dev librdkafka-dev libspdlog-dev libcli11-dev libyaml-cpp-dev
  libhowardhinnant-date-dev libkainjow-mustache-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev tzdata
  mariadb-server mariadb-client redis-server redis-tools
)

step() { printf '==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    step "packages: all ${#PACKAGES[@]} present"
    return
  fi
  step "packages: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mysql_root() { as_root env -u MYSQL_HOST -u MYSQL_TCP_PORT mysql --protocol=socket -uroot --default-character-set=utf8mb4 "$@"; }

start_mariadb() {
  if mysqladmin --protocol=socket -uroot ping >/dev/null 2>&1; then
    step "mariadb: already running"
  else
    step "mariadb: starting"
    as_root service mariadb start >/dev/null 2>&1 || as_root service mysql start >/dev/null
    for _ in $(seq 1 60); do
      mysqladmin --protocol=socket -uroot ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    mysqladmin --protocol=socket -uroot ping >/dev/null
  fi
  local user="${MYSQL_USER:-user}" pass="${MYSQL_PASS:-password}"
  step "mariadb: ensuring account '$user' on localhost and 127.0.0.1"
  mysql_root <<SQL
CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$pass';
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$pass';
SQL
}

# create_database NAME [SEED_FILE]: creates the database if missing, loads db/schema.sql
# (CREATE TABLE IF NOT EXISTS) and an optional seed, grants it to the app account.
create_database() {
  local name="$1" seed="${2:-}" user="${MYSQL_USER:-user}"
  step "mariadb: database $name (schema${seed:+ + $(basename "$seed")})"
  mysql_root -e "CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    GRANT ALL PRIVILEGES ON \`$name\`.* TO '$user'@'localhost';
    GRANT ALL PRIVILEGES ON \`$name\`.* TO '$user'@'127.0.0.1';"
  mysql_root "$name" < "$ROOT/db/schema.sql"
  if [ -n "$seed" ]; then mysql_root "$name" < "$seed"; fi
}

drop_database() {
  step "mariadb: dropping database $1"
  mysql_root -e "DROP DATABASE IF EXISTS \`$1\`;" || true
}

# start_redis PORT [extra redis-server args...]: a loopback-only Redis on PORT.
start_redis() {
  local port="$1"; shift
  if redis-cli -p "$port" ping >/dev/null 2>&1; then
    step "redis: already running on 127.0.0.1:$port"
    return
  fi
  step "redis: starting on 127.0.0.1:$port"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" "$@" >/dev/null
  for _ in $(seq 1 40); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return
    sleep 0.25
  done
  echo "redis did not start on port $port" >&2
  return 1
}

# build BUILD_TYPE [cmake args...]
build() {
  local type="$1"; shift
  step "build: $type in $BUILD_DIR $*"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$BUILD_DIR" -j2
}
