#!/usr/bin/env bash
# HTTP benchmark (issue: OAuth server). Runs the Release server against local MariaDB
# and Redis and drives it with wrk (2 threads, 32 connections, 15 s after a 3 s warm-up)
# on: invalid grant (validation only), refresh with an unknown token (one DB query) at
# fixture size and at 20,000 rows, logged-in GET /oauth/authorize, the code -> token
# exchange (pre-seeded codes), and nginx serving a small static file as the ceiling.
# Prints requests/s, p50/p99, server CPU per request, server RSS, and start-to-first-
# response time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BIN:-$ROOT/build/bangumi-backend}"
DURATION="${DURATION:-15}"
PORT=4190
NGINX_PORT=4191
REDIS_PORT=16392
DB=bangumi_bench
TMP="$(mktemp -d)"
source "$ROOT/scripts/lib.sh"

for p in wrk nginx-light; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { step "packages: installing wrk nginx-light"; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; break; }
done
[ -x "$BIN" ] || { echo "build first: ./scripts/run.sh" >&2; exit 1; }

SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null || true
  [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  drop_database "$DB" >/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

start_mariadb >/dev/null
redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
start_redis "$REDIS_PORT" --save '' --appendonly no --dir "$TMP" >/dev/null
drop_database "$DB" >/dev/null
create_database "$DB" >/dev/null
mysql_root "$DB" <<'SQL'
INSERT INTO chii_members (uid, username, nickname, avatar, groupid, regdate, sign, password_crypt, acl)
VALUES (1, 'creator', 'App Creator', '', 10, 1700000000, '', '', ''),
       (2, 'bench', 'Bench User', '000/00/00/2.jpg', 10, 1700000000, '', '', '');
INSERT INTO chii_apps (app_id, app_type, app_creator, app_name, app_desc, app_url, app_is_third_party, app_collects,
                       app_status, app_timestamp, app_lasttouch, app_ban)
VALUES (1, 1, 1, 'Bench App', 'benchmark', '', 1, 0, 1, 1715828406, 0, 0);
INSERT INTO chii_oauth_clients (app_id, client_id, client_secret, redirect_uri, grant_types, scope, user_id)
VALUES (1, 'bgmbench', 'bench-secret', 'bangumi://oauth/callback', '', '', '1');
INSERT INTO chii_os_web_sessions (`key`, user_id, value, created_at, expired_at)
VALUES ('bench-session', 2, '{}', 1700000000, 2147483000);
INSERT INTO chii_oauth_refresh_tokens (refresh_token, client_id, user_id, expires, scope) VALUES
  ('fixture-token-1', 'bgmbench', '2', '2024-10-01 00:00:00', NULL),
  ('fixture-token-2', 'bgmbench', '2', '2024-10-01 00:00:00', NULL),
  ('fixture-token-3', 'bgmbench', '2', '2025-01-02 00:00:00', NULL),
  ('fixture-token-4', 'bgmbench', '2', '2025-01-02 00:00:00', NULL);
SQL

chmod 755 "$TMP"
mkdir -p "$TMP/www"
echo "ok" > "$TMP/www/ok.txt"
cat > "$TMP/nginx.conf" <<NGINX
worker_processes 1;
master_process off;
daemon on;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; root $TMP/www; }
}
NGINX
nginx -c "$TMP/nginx.conf"

export HOST=127.0.0.1 PORT MYSQL_DB="$DB" REDIS_URI="redis://127.0.0.1:$REDIS_PORT/0" CHII_CONFIG_FILE="$TMP/none.yaml"
export COOKIE_SECRET_TOKEN=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
export MYSQL_USER="${MYSQL_USER:-user}" MYSQL_PASS="${MYSQL_PASS:-password}"

step "server: start-to-first-response"
t0=$(date +%s%N)
"$BIN" server run 2>"$TMP/server.log" &
SERVER_PID=$!
for _ in $(seq 1 2000); do
  curl -sf "http://127.0.0.1:$PORT/oauth/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.005
done
t1=$(date +%s%N)
FIRST_MS=$(( (t1 - t0) / 1000000 ))
IDLE_KB=$(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
RESULTS="$TMP/results.txt"
: > "$RESULTS"
# bench NAME URL PID [wrk args...]: warm-up, measured run, then one result line
bench() {
  local name="$1" url="$2" pid="$3"; shift 3
  local opts=() script_args=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  [ "$#" -gt 0 ] && shift && script_args=("$@")
  local warm=("${script_args[@]}") real=("${script_args[@]}")
  if [ -n "${EXCHANGE_RUN:-}" ]; then warm=(w); real=(m); fi
  wrk -t2 -c32 -d3s "${opts[@]}" "$url" -- "${warm[@]}" >/dev/null 2>&1 || true
  local before after out
  before=$(cpu_ticks "$pid")
  out=$(wrk -t2 -c32 -d"${DURATION}s" --latency "${opts[@]}" "$url" -- "${real[@]}")
  after=$(cpu_ticks "$pid")
  python3 - "$name" "$before" "$after" "$(getconf CLK_TCK)" "$(awk '/VmHWM/ {print $2}' /proc/$pid/status)" <<PY >>"$RESULTS"
import re, sys
name, before, after, tck, hwm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
out = """$out"""
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
total = int(re.search(r"(\d+) requests in", out).group(1))
def lat(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, out, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
cpu_us = (after - before) / tck * 1e6 / max(total, 1)
print(f"{name}\t{rps:.0f}\t{lat(50):.2f}\t{lat(99):.2f}\t{cpu_us:.0f}\t{hwm / 1024:.1f}\t{non2xx.group(1) if non2xx else 0}")
PY
}

step "nginx ceiling"
bench "nginx static file (ceiling)" "http://127.0.0.1:$NGINX_PORT/ok.txt" "$(cat "$TMP/nginx.pid")"

step "validation path"
bench "invalid grant (validation)" "http://127.0.0.1:$PORT/oauth/access_token" "$SERVER_PID" \
  -s "$ROOT/bench/http/post.lua" -- "grant_type=password&client_id=a&client_secret=b&redirect_uri=c"

REFRESH="grant_type=refresh_token&refresh_token=unknown-token-0000000000000000000000000&client_id=bgmbench&client_secret=bench-secret&redirect_uri=bangumi%3A%2F%2Foauth%2Fcallback"
step "refresh, unknown token, fixture size"
bench "refresh unknown (4 rows)" "http://127.0.0.1:$PORT/oauth/access_token" "$SERVER_PID" -s "$ROOT/bench/http/post.lua" -- "$REFRESH"

step "refresh, unknown token, 20,000 rows"
mysql_root "$DB" -e "INSERT INTO chii_oauth_refresh_tokens (refresh_token, client_id, user_id, expires, scope)
  SELECT CONCAT('bulk-', seq), 'bgmbench', '2', '2030-01-01 00:00:00', NULL FROM seq_1_to_20000;"
bench "refresh unknown (20,000 rows)" "http://127.0.0.1:$PORT/oauth/access_token" "$SERVER_PID" -s "$ROOT/bench/http/post.lua" -- "$REFRESH"

step "logged-in GET /oauth/authorize"
CSRF=$(curl -s -D - -o /dev/null -b "chiiNextSessionID=bench-session" \
  "http://127.0.0.1:$PORT/oauth/authorize?client_id=bgmbench&response_type=code" | sed -n 's/^Set-Cookie: csrf-secret=\([^;]*\);.*/\1/p')
bench "logged-in GET authorize" "http://127.0.0.1:$PORT/oauth/authorize?client_id=bgmbench&response_type=code&state=1" \
  "$SERVER_PID" -H "Cookie: chiiNextSessionID=bench-session; csrf-secret=$CSRF"

step "code -> token exchange (pre-seeded codes)"
redis-cli -p "$REDIS_PORT" eval "
  for _, run in ipairs({'w', 'm'}) do for t = 0, 1 do for i = 1, tonumber(ARGV[1]) do
    redis.call('SET', 'oauth:code:bench-' .. run .. t .. '-' .. i, ARGV[2], 'EX', 3600)
  end end end return 1" 0 150000 '{"scope":["read:collection"],"userID":"2"}' >/dev/null
EXCHANGE_RUN=1 bench "code exchange" "http://127.0.0.1:$PORT/oauth/access_token" "$SERVER_PID" -s "$ROOT/bench/http/exchange.lua"

LOAD_KB=$(awk '/VmHWM/ {print $2}' /proc/$SERVER_PID/status)
python3 - "$RESULTS" "$IDLE_KB" "$LOAD_KB" "$FIRST_MS" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
idle, load, first = float(sys.argv[2]) / 1024, float(sys.argv[3]) / 1024, sys.argv[4]
ceiling = float(rows[0][1])
ts = {"invalid grant (validation)": 4700, "refresh unknown (4 rows)": 1260, "refresh unknown (20,000 rows)": 57,
      "logged-in GET authorize": 380, "code exchange": 590}
print(f"{'scenario':32} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'CPU us/req':>10} {'non-2xx':>8}  vs")
for name, rps, p50, p99, cpu, hwm, bad in rows:
    note = f"{float(rps) / ceiling * 100:.0f}% of nginx" if name != rows[0][0] else "ceiling"
    if name in ts:
        note += f", {float(rps) / ts[name]:.1f}x TS ({ts[name]}/s)"
    print(f"{name:32} {float(rps):8.0f} {float(p50):7.2f} {float(p99):7.2f} {float(cpu):10.0f} {bad:>8}  {note}")
r4 = float([r for r in rows if r[0] == "refresh unknown (4 rows)"][0][1])
r20 = float([r for r in rows if r[0] == "refresh unknown (20,000 rows)"][0][1])
print(f"refresh at 20,000 rows vs fixture size: {(r20 / r4 - 1) * 100:+.1f}% (target within 10%)")
print(f"server RSS: idle {idle:.1f} MB, peak under load {load:.1f} MB (targets <= 16 MB, <= 64 MB)")
print(f"start to first response: {first} ms (target < 200 ms)")
PY
