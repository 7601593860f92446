#!/usr/bin/env bash
# Timeline truncation benchmark (issue: cron worker). On a throwaway Redis it seeds
# 20,000 tml:v3:user:* and 5,000 tml:v3:inbox:* sorted sets of 300 members, then times
#   ours:   cron truncate-user-once + cron truncate-inbox-once
#   floor:  SCAN COUNT 1000 + pipelined ZREMRANGEBYRANK through redis-cli --pipe
#   lua:    the same trimming as one server-side Lua loop
# and reports RSS of the scheduler daemon (idle) and of the one-shot runs, plus the wall
# time and RSS of heartbeat-once. Prints figures and ratios.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BIN:-$ROOT/build/bangumi-backend}"
PORT="${BENCH_REDIS_PORT:-16390}"
USERS="${USERS:-20000}"
INBOXES="${INBOXES:-5000}"
MEMBERS="${MEMBERS:-300}"
DIR="$(mktemp -d)"
cleanup() { redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -x "$BIN" ] || { echo "build first: ./scripts/run.sh or cmake --build build" >&2; exit 1; }
redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
redis-server --daemonize yes --bind 127.0.0.1 --port "$PORT" --save '' --appendonly no --dir "$DIR" >/dev/null
for _ in $(seq 1 40); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.25; done
export REDIS_URI="redis://127.0.0.1:$PORT/0" CHII_CONFIG_FILE="$DIR/none.yaml"
R() { redis-cli -p "$PORT" "$@"; }

seed() {
  R flushall >/dev/null
  R eval "
    local members = {}
    for m = 1, tonumber(ARGV[3]) do members[#members + 1] = m; members[#members + 1] = m end
    for i = 1, tonumber(ARGV[1]) do redis.call('ZADD', 'tml:v3:user:' .. i, unpack(members)) end
    for i = 1, tonumber(ARGV[2]) do redis.call('ZADD', 'tml:v3:inbox:' .. i, unpack(members)) end
    return 1" 0 "$USERS" "$INBOXES" "$MEMBERS" >/dev/null
}
check() {  # every seeded set must now hold exactly 200 members
  local bad
  bad=$(R eval "
    local bad = 0
    for _, p in ipairs({'tml:v3:user:', 'tml:v3:inbox:'}) do
      local n = (p == 'tml:v3:user:') and tonumber(ARGV[1]) or tonumber(ARGV[2])
      for i = 1, n do if redis.call('ZCARD', p .. i) ~= 200 then bad = bad + 1 end end
    end
    return bad" 0 "$USERS" "$INBOXES")
  [ "$bad" = "0" ] || { echo "trim check failed: $bad sets not at 200" >&2; exit 1; }
}
scan_keys() {  # SCAN cursor MATCH pattern COUNT 1000, one key per line
  local cursor=0 out
  while :; do
    out=$(R --raw scan "$cursor" match "$1" count 1000)
    cursor=$(head -n1 <<<"$out")
    tail -n +2 <<<"$out" | sed '/^$/d'
    [ "$cursor" = "0" ] && break
  done
}
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }
maxrss() { awk '/Maximum resident set size/ {print $6}' "$1"; }

echo "==> seeding $USERS user + $INBOXES inbox sorted sets of $MEMBERS members"
seed
t0=$(now)
/usr/bin/time -v "$BIN" cron truncate-user-once 2>"$DIR/user.log" >/dev/null || { tail "$DIR/user.log"; exit 1; }
/usr/bin/time -v "$BIN" cron truncate-inbox-once 2>"$DIR/inbox.log" >/dev/null || { tail "$DIR/inbox.log"; exit 1; }
t1=$(now)
check
ours=$(secs "$t0" "$t1")
rss_user=$(maxrss "$DIR/user.log")
rss_inbox=$(maxrss "$DIR/inbox.log")

seed
t0=$(now)
for pattern in 'tml:v3:user:*' 'tml:v3:inbox:*'; do
  scan_keys "$pattern" |
    awk '{ printf "*4\r\n$15\r\nZREMRANGEBYRANK\r\n$%d\r\n%s\r\n$1\r\n0\r\n$4\r\n-201\r\n", length($0), $0 }' |
    R --pipe >/dev/null
done
t1=$(now)
check
floor=$(secs "$t0" "$t1")

seed
t0=$(now)
for pattern in 'tml:v3:user:*' 'tml:v3:inbox:*'; do
  R eval "
    local cursor = '0'
    repeat
      local r = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000, 'TYPE', 'zset')
      cursor = r[1]
      for _, k in ipairs(r[2]) do redis.call('ZREMRANGEBYRANK', k, 0, -201) end
    until cursor == '0'
    return 1" 0 "$pattern" >/dev/null
done
t1=$(now)
check
lua=$(secs "$t0" "$t1")

echo "==> scheduler daemon idle RSS (after its first heartbeat runs)"
"$BIN" cron run-default-schedule 2>"$DIR/daemon.log" &
pid=$!
sleep 12
rss_idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
kill -TERM $pid; wait $pid || true

echo "==> heartbeat-once, 20 runs"
hb_total=0; hb_rss=0
for _ in $(seq 1 20); do
  s=$(now)
  /usr/bin/time -v "$BIN" cron heartbeat-once 2>"$DIR/hb.log" >/dev/null
  e=$(now)
  hb_total=$(python3 -c "print($hb_total + $e - $s)")
  r=$(maxrss "$DIR/hb.log"); [ "$r" -gt "$hb_rss" ] && hb_rss=$r
done

python3 - "$ours" "$floor" "$lua" "$rss_user" "$rss_inbox" "$rss_idle" "$hb_total" "$hb_rss" <<'PY'
import sys
ours, floor, lua = map(float, sys.argv[1:4])
rss_user, rss_inbox, rss_idle, hb_total, hb_rss = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8])
print(f"truncate user+inbox (ours):         {ours:.3f} s")
print(f"floor, redis-cli --scan | --pipe:   {floor:.3f} s   ours/floor = {ours / floor:.2f}x (target <= 1.2x)")
print(f"server-side Lua loop:               {lua:.3f} s   ours/lua   = {ours / lua:.2f}x")
print(f"one-shot RSS: user {rss_user / 1024:.1f} MB, inbox {rss_inbox / 1024:.1f} MB (target <= 16 MB)")
print(f"daemon idle RSS: {rss_idle / 1024:.1f} MB (target <= 16 MB)")
print(f"heartbeat-once: {hb_total / 20 * 1000:.1f} ms mean wall, {hb_rss / 1024:.1f} MB max RSS (targets < 50 ms, <= 10 MB)")
PY
