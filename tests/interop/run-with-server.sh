#!/usr/bin/env bash
# Runs one interop script against a real trefoild:
#   1. a fresh temporary data directory (embedded PostgreSQL, demo schema and data),
#   2. trefoild on 127.0.0.1 and a free port, waited for through GET /healthz (at most 120 s),
#   3. node SCRIPT http://127.0.0.1:PORT/v1/graphql [ARGS...],
#   4. SIGTERM, wait for trefoild, check that no postgres of that data directory is left.
# Exits with node's status, or 1 when the server could not start or did not stop cleanly.
#
# usage: run-with-server.sh TREFOILD SCRIPT [ARGS...]
# environment:
#   TREFOIL_INTEROP_ADMIN_SECRET=s  start trefoild with --admin-secret s (the script sees the
#                                   same variable and sends the x-hasura-admin-secret header)
#   TREFOIL_INTEROP_KEEP=1          keep the temporary directory (data dir and trefoild.log)
#   TREFOIL_INTEROP_VERBOSE=1       print trefoild's log even when everything passed
#   TREFOIL_INTEROP_SECOND_SERVER=1 also start a second trefoild on the same database (through
#                                   --database-url, no demo install, no event worker), for changes
#                                   made through one process that subscribers of the other must see
# The script also gets TREFOIL_INTEROP_BASE_URL=http://127.0.0.1:PORT, TREFOIL_INTEROP_DATABASE_URL
# (a libpq conninfo of the embedded database, for psql), and with a second server
# TREFOIL_INTEROP_SECOND_URL=http://127.0.0.1:PORT2/v1/graphql.
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 TREFOILD SCRIPT [ARGS...]" >&2
    exit 2
fi
trefoild=$1
script=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

say() { echo "run-with-server: $*"; }
[ -x "$trefoild" ] || { say "FAIL: trefoild '$trefoild' is not an executable"; exit 1; }
[ -f "$script" ] || { say "FAIL: no script '$script'"; exit 1; }
for tool in node curl pgrep psql; do
    command -v "$tool" > /dev/null || { say "FAIL: $tool not found (scripts/deps.sh installs it)"; exit 1; }
done
if [ ! -f "$here/node_modules/.trefoil-install-stamp" ]; then
    say "FAIL: the npm packages are not installed; run $here/install.sh (scripts/test does)"
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/trefoil-interop-XXXXXX")
chmod 711 "$work" # as root, the embedded postgres runs as the postgres user and must reach the data dir
log="$work/trefoild.log"
log2="$work/trefoild-2.log"
pid=""
pid2=""
node_pid=""

print_log() {
    local f
    for f in "$log" "$log2"; do
        [ -f "$f" ] || continue
        echo "---- trefoild log ($f, last 200 lines) ----"
        tail -n 200 "$f"
        echo "---- end of trefoild log ----"
    done
}

# Processes whose command line names our temporary directory: postgres started for this data dir.
leftovers() { pgrep -f -- "$work" 2> /dev/null; }

# Sends SIGTERM to process $1 and waits up to $2 seconds; sets stop_status to its exit status (or
# "hung").
stop_pid() {
    local p=$1 limit=$2 i
    stop_status=""
    [ -n "$p" ] || return 0
    kill -TERM "$p" 2> /dev/null
    for ((i = 0; i < limit * 10; i++)); do
        kill -0 "$p" 2> /dev/null || break
        sleep 0.1
    done
    if kill -0 "$p" 2> /dev/null; then
        stop_status=hung
        kill -KILL "$p" 2> /dev/null
    fi
    wait "$p" 2> /dev/null
    local status=$?
    [ "$stop_status" = hung ] || stop_status=$status
}
stop_server() { stop_pid "$pid" "$1"; pid=""; }
stop_second() { stop_pid "$pid2" "$1"; pid2=""; }

cleanup() {
    [ -n "$node_pid" ] && kill -TERM "$node_pid" 2> /dev/null
    [ -n "$pid2" ] && stop_second 30
    [ -n "$pid" ] && stop_server 30
    local p
    for p in $(leftovers); do kill -KILL "$p" 2> /dev/null; done
    if [ "${TREFOIL_INTEROP_KEEP:-0}" = 1 ]; then
        say "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Starts trefoild in the background on a free port, logging to $1, with the options that follow;
# sets launched_pid and launched_base. Returns 0 once /healthz answers 200, 1 for a failure worth
# retrying on another port (the port was taken meanwhile), 2 otherwise.
launch() {
    local log=$1 pid port base
    shift
    launched_pid=""
    port=$(free_port) || { say "FAIL: could not find a free port"; return 2; }
    base="http://127.0.0.1:$port"
    launched_base=$base
    local args=(--host 127.0.0.1 --port "$port" "$@")
    [ -n "${TREFOIL_INTEROP_ADMIN_SECRET:-}" ] && args+=(--admin-secret "$TREFOIL_INTEROP_ADMIN_SECRET")
    # The options may hold a conninfo: say which options, not their values.
    say "starting $trefoild on port $port (log $(basename "$log"))"
    : > "$log"
    (
        # Only our options count: no TREFOIL_* settings or config file from the caller's environment.
        for v in $(compgen -e | grep '^TREFOIL_'); do unset "$v"; done
        exec "$trefoild" "${args[@]}"
    ) >> "$log" 2>&1 &
    pid=$!
    launched_pid=$pid

    local started=$SECONDS ready_at="" code
    while ((SECONDS - started < 120)); do
        if ! kill -0 "$pid" 2> /dev/null; then
            wait "$pid"
            local status=$?
            launched_pid=""
            if grep -qiE 'in use|already|bind' "$log"; then
                say "trefoild exited with status $status, port $port seems taken"
                return 1
            fi
            say "FAIL: trefoild exited with status $status before it answered /healthz"
            return 2
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/healthz" 2> /dev/null)
        if [ "$code" = 200 ]; then
            say "trefoild answers $base/healthz after $((SECONDS - started)) s"
            return 0
        fi
        # The process tells when the backend is ready; past that, /healthz not answering 200 is a bug
        # (or an endpoint that does not exist yet), not slowness: report it without waiting 120 s.
        if [ -z "$ready_at" ] && grep -q 'trefoild: ready' "$log"; then
            ready_at=$SECONDS
        fi
        if [ -n "$ready_at" ] && ((SECONDS - ready_at > 15)); then
            say "FAIL: trefoild logged 'ready' but GET $base/healthz answers ${code/#000/nothing (connection refused?)} 15 s later"
            return 2
        fi
        sleep 0.2
    done
    say "FAIL: GET $base/healthz did not answer 200 within 120 s (last: ${code:-none})"
    return 2
}

# Starts a trefoild with `launch` (arguments as for it), three tries for a port taken meanwhile;
# sets launched_pid and launched_base, or returns non-zero.
start_with_retries() {
    local attempt started
    for attempt in 1 2 3; do
        launch "$@"
        started=$?
        if [ "$started" -eq 1 ] && [ "$attempt" -lt 3 ]; then
            stop_pid "$launched_pid" 30
            continue
        fi
        [ "$started" -eq 0 ] && return 0
        stop_pid "$launched_pid" 30
        launched_pid=""
        return 1
    done
}

start_with_retries "$log" --data-dir "$work/data"
pid=$launched_pid
base=$launched_base
if [ -z "$pid" ]; then
    print_log
    exit 1
fi

# The embedded cluster listens on a Unix socket only; postmaster.pid names its directory and port.
pidfile="$work/data/pgdata/postmaster.pid"
if [ ! -f "$pidfile" ]; then
    say "FAIL: no $pidfile: where is the embedded database?"
    print_log
    exit 1
fi
pg_port=$(sed -n 4p "$pidfile")
pg_socket_dir=$(sed -n 5p "$pidfile")
export TREFOIL_INTEROP_DATABASE_URL="host=$pg_socket_dir port=$pg_port dbname=trefoil user=postgres"

if [ "${TREFOIL_INTEROP_SECOND_SERVER:-0}" = 1 ]; then
    start_with_retries "$log2" --database-url "$TREFOIL_INTEROP_DATABASE_URL" --data-dir "$work/data-2" \
        --no-demo --worker-concurrency 0
    pid2=$launched_pid
    if [ -z "$pid2" ]; then
        print_log
        exit 1
    fi
    export TREFOIL_INTEROP_SECOND_URL="$launched_base/v1/graphql"
fi

say "node $(basename "$script") $base/v1/graphql $*"
# In the background and waited for, so that a signal (ctest's timeout, ^C) runs the cleanup at once.
TREFOIL_INTEROP_BASE_URL=$base timeout -k 10 150 node "$script" "$base/v1/graphql" "$@" &
node_pid=$!
wait "$node_pid"
node_status=$?
node_pid=""
[ "$node_status" -eq 124 ] && say "FAIL: $(basename "$script") did not finish within 150 s"

stop_ok=1
check_stop() {
    if [ "$stop_status" = hung ]; then
        say "FAIL: $1 did not exit within 60 s of SIGTERM"
        stop_ok=0
    elif [ "$stop_status" != 0 ]; then
        say "FAIL: $1 exited with status $stop_status on SIGTERM"
        stop_ok=0
    fi
}
if [ -n "$pid2" ]; then
    stop_second 60
    check_stop "the second trefoild"
fi
stop_server 60
check_stop trefoild
# Postgres is trefoild's child: it must be gone once trefoild has exited.
left=$(leftovers)
if [ -n "$left" ]; then
    say "FAIL: processes of $work still running after trefoild exited:"
    ps -o pid=,args= -p "$(echo $left | tr ' ' ',')"
    stop_ok=0
else
    say "trefoild stopped, no postgres of $work left"
fi

if [ "$node_status" -ne 0 ] || [ "$stop_ok" -ne 1 ] || [ "${TREFOIL_INTEROP_VERBOSE:-0}" = 1 ]; then
    print_log
fi
if [ "$node_status" -ne 0 ]; then
    exit "$node_status"
fi
[ "$stop_ok" -eq 1 ] || exit 1
exit 0
