#!/usr/bin/env bash
# The executables as a user runs them: --help, a bad option, start with the embedded database,
# SIGTERM, and no postgres process left behind; the desktop app under the offscreen platform.
# usage: lifecycle.sh TREFOILD TREFOIL
set -u
trefoild=$1
trefoil=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }
# Without pgrep, "no postgres left" would pass without looking.
for tool in pgrep pkill; do
    command -v "$tool" > /dev/null || { echo "FAIL: $tool not found (scripts/deps.sh installs procps)"; exit 1; }
done

work=$(mktemp -d /tmp/trefoil-lifecycle-XXXXXX)
chmod 711 "$work"
cleanup() {
    pkill -KILL -f "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$trefoild" --help > "$work/help.txt" 2>&1 && grep -q -- '--database-url' "$work/help.txt" && pass "trefoild --help" || fail "trefoild --help"

"$trefoild" --port nope > "$work/bad.txt" 2>&1
status=$?
[ "$status" -eq 2 ] && [ "$(wc -l < "$work/bad.txt")" -eq 1 ] && grep -q -- '--port' "$work/bad.txt" \
    && pass "a bad option exits 2 with one line" || fail "bad option: status $status, output: $(cat "$work/bad.txt")"

# Start, wait for the ready line (the process says when it is), stop with SIGTERM.
mkfifo "$work/log"
"$trefoild" --data-dir "$work/d" --port 0 2> "$work/log" &
pid=$!
ready=no
while IFS= read -r -t 180 line; do
    echo "  trefoild: $line"
    case "$line" in *"ready"*) ready=yes; break ;; esac
done < "$work/log"
[ "$ready" = yes ] && pass "trefoild starts with its embedded database" || fail "trefoild did not become ready"
cat "$work/log" > /dev/null &
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" -eq 0 ] && pass "trefoild exits 0 on SIGTERM" || fail "trefoild exit status $status on SIGTERM"
if pgrep -f "$work/d/pgdata" > /dev/null; then fail "postgres still running after SIGTERM: $(pgrep -fa "$work/d/pgdata")"; else pass "no postgres left after SIGTERM"; fi

# The desktop app shows its window connected to the embedded database, then quits by itself.
QT_QPA_PLATFORM=offscreen TREFOIL_SCREENSHOT_DIR="$work/shots" TREFOIL_SCREENSHOT_ORDERS=0 timeout 180 "$trefoil" --data-dir "$work/d" --port 0 > "$work/ui.txt" 2>&1
status=$?
[ "$status" -eq 0 ] && [ -s "$work/shots/orders.png" ] && pass "trefoil shows its window connected" || fail "trefoil: status $status, $(tail -n 5 "$work/ui.txt")"
if pgrep -f "$work/d/pgdata" > /dev/null; then fail "postgres still running after the app quit"; else pass "no postgres left after the app quit"; fi

echo "$((6 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
