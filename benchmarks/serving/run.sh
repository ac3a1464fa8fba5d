#!/usr/bin/env bash
# Serving side by side (benchmarks/serving/README.md): wrk POSTs text/csv to /invocations of four servers holding the
# same standardised breast-cancer logistic regression:
#   workbench  `workbench serve --model model.tar.gz` (FeaturePipeline + LogisticRegression, registered and exported)
#   flask      Flask app under gunicorn, 2 sync workers (the stack of SageMaker's scikit-learn container)
#   fastapi    FastAPI app under uvicorn, 1 worker
#   constant   a Kestrel endpoint that reads the body and answers a cached constant (the ceiling)
# Single-row and 100-row bodies, at 1 / 16 / 64 connections. Every server is pinned to one core and wrk (one thread)
# to the other; all servers are up at once and take turns cell by cell, so a change in the machine's load hits them
# alike. Before timing, each server's answers are checked against the Workbench model's labels; during timing, every
# non-2xx answer is counted (post.lua). Results: results/<UTC stamp>.{json,md} and results/latest.{json,md}.
#
#   benchmarks/serving/run.sh                                   # 10 s per run after a 3 s warm-up, 1 round
#   DURATION=3 WARMUP=1 CONNECTIONS="16" benchmarks/serving/run.sh   # quick
#   ROUNDS=3 benchmarks/serving/run.sh                          # median of 3 rounds per cell
#
# Settings (environment): DURATION, WARMUP (seconds, before each cell), SERVER_WARMUP (seconds per body, once per
# server before the first cell, 30), ROUNDS, CONNECTIONS ("1 16 64"), BODIES ("1 100"),
# SERVERS ("workbench constant flask fastapi": the two the ratio compares run back to back), SERVER_CPU (1), WRK_CPU (0), GUNICORN_WORKERS (2), PORT_BASE (18480),
# WB_MODEL_REF (archive | registry: serve model.tar.gz or models:/breast-cancer-bench/1), WB_BENCH_DIR (scratch),
# STOP_TIMEOUT (seconds a server gets to exit after SIGTERM at the end, 40), RESULTS (folder for the result files), WB_CLI (a Workbench.Cli.dll to serve with instead of this checkout's).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
SERVER_WARMUP="${SERVER_WARMUP:-30}"
ROUNDS="${ROUNDS:-1}"
CONNECTIONS="${CONNECTIONS:-1 16 64}"
BODIES="${BODIES:-1 100}"
SERVERS="${SERVERS:-workbench constant flask fastapi}"
SERVER_CPU="${SERVER_CPU:-1}"
WRK_CPU="${WRK_CPU:-0}"
GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
PORT_BASE="${PORT_BASE:-18480}"
WB_MODEL_REF="${WB_MODEL_REF:-archive}"
DIR="${WB_BENCH_DIR:-${TMPDIR:-/tmp}/wb-serving}"
RESULTS="${RESULTS:-$HERE/results}"
PYTHON=/usr/bin/python3
DATA="$ROOT/data-samples/breast_cancer.csv"
MODEL="$DIR/model"
RUNS="$DIR/runs.jsonl"
LOGS="$DIR/logs"

for tool in wrk taskset curl gunicorn dotnet; do
    command -v "$tool" >/dev/null || { echo "run.sh needs $tool on PATH" >&2; exit 1; }
done
rm -rf "$MODEL" "$LOGS" "$RUNS" "$DIR/checks.txt"
mkdir -p "$MODEL" "$LOGS" "$RESULTS"

echo "building (Release): Workbench.Benchmarks, Workbench.Cli, ConstantEndpoint" >&2
dotnet build "$ROOT/tests/Workbench.Benchmarks/Workbench.Benchmarks.csproj" -c Release --nologo -v:quiet -clp:ErrorsOnly >&2
dotnet build "$ROOT/src/Workbench.Cli/Workbench.Cli.csproj" -c Release --nologo -v:quiet -clp:ErrorsOnly >&2
dotnet build "$HERE/ConstantEndpoint/ConstantEndpoint.csproj" -c Release --nologo -v:quiet -clp:ErrorsOnly -o "$DIR/constant" >&2
# WB_CLI: benchmark another build of the CLI (another checkout's Workbench.Cli.dll) against the same peers.
CLI="${WB_CLI:-$ROOT/src/Workbench.Cli/bin/Release/net10.0/Workbench.Cli.dll}"

echo "training: Workbench (registered, exported) and scikit-learn; checking they agree" >&2
dotnet "$ROOT/tests/Workbench.Benchmarks/bin/Release/net10.0/Workbench.Benchmarks.dll" serving-model "$DATA" "$MODEL" >&2
"$PYTHON" "$HERE/train_sklearn.py" "$DATA" "$MODEL/workbench_predictions.csv" "$MODEL" >&2
if [ "$WB_MODEL_REF" = registry ]; then
    WB_MODEL="models:/breast-cancer-bench/1"
else
    WB_MODEL="$MODEL/model.tar.gz"
fi

declare -A PID PORT NOTE

# stop_servers SECONDS: SIGTERM to every server, then SIGKILL to any still running after SECONDS; notes how each ended.
stop_servers() {
    local server waited=0
    for server in "${!PID[@]}"; do
        kill -TERM "${PID[$server]}" 2>/dev/null || true
    done
    while [ "$waited" -lt $(($1 * 10)) ]; do
        local running=0
        for server in "${!PID[@]}"; do
            if kill -0 "${PID[$server]}" 2>/dev/null; then
                running=1
            elif [ -z "${NOTE[$server]:-}" ]; then
                NOTE[$server]="exited $(awk -v t="$waited" 'BEGIN{printf "%.1f", t / 10}') s after SIGTERM"
            fi
        done
        [ "$running" -eq 1 ] || break
        sleep 0.1
        waited=$((waited + 1))
    done
    for server in "${!PID[@]}"; do
        if kill -0 "${PID[$server]}" 2>/dev/null; then
            kill -KILL "${PID[$server]}" 2>/dev/null || true
            NOTE[$server]="did not exit within $1 s of SIGTERM (idle, no request in flight); killed"
            echo "$server: ${NOTE[$server]}" >&2
        fi
    done
    wait 2>/dev/null || true
}
trap 'stop_servers 5' EXIT

# start NAME PORT COMMAND...: the server on SERVER_CPU, its output in logs/NAME.log.
start() {
    local name="$1" port="$2"
    shift 2
    # Something else on the port would answer /ping in our server's place (seen: another engineer's server).
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port (for $name) is already in use by another process; set PORT_BASE to a free range" >&2
        exit 1
    fi
    # The .NET servers (Workbench and the constant endpoint) run as `./workbench serve` and the container run them:
    # tier-1 recompilation without the runtime's call-counting delay (README, "Start-up").
    DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}" \
    WB_SERVING_MODEL="$MODEL/model.joblib" WORKBENCH_HOME="$MODEL/home" PYTHONPATH="$HERE" \
        taskset -c "$SERVER_CPU" "$@" >"$LOGS/$name.log" 2>&1 &
    PID[$name]=$!
    PORT[$name]=$port
    for _ in $(seq 180); do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/ping"; then
            if ! kill -0 "${PID[$name]}" 2>/dev/null; then
                break
            fi
            return 0
        fi
        if ! kill -0 "${PID[$name]}" 2>/dev/null; then
            break
        fi
        sleep 0.5
    done
    echo "$name did not answer /ping on port $port; its log:" >&2
    tail -30 "$LOGS/$name.log" >&2
    exit 1
}

i=0
for server in $SERVERS; do
    port=$((PORT_BASE + i))
    i=$((i + 1))
    case "$server" in
        workbench)
            if ! dotnet "$CLI" --help 2>/dev/null | grep -qE '^ +serve( |$)'; then
                NOTE[workbench]="not run: this checkout's CLI has no 'workbench serve' command"
                echo "skipping workbench: ${NOTE[workbench]}" >&2
                continue
            fi
            start workbench "$port" dotnet "$CLI" serve --model "$WB_MODEL" --port "$port" --host 127.0.0.1 ;;
        flask)
            start flask "$port" gunicorn --workers "$GUNICORN_WORKERS" --worker-class sync --bind "127.0.0.1:$port" \
                --chdir "$HERE" flask_app:app ;;
        fastapi)
            start fastapi "$port" "$PYTHON" -m uvicorn --host 127.0.0.1 --port "$port" --workers 1 --no-access-log \
                --app-dir "$HERE" fastapi_app:app ;;
        constant)
            start constant "$port" "$DIR/constant/ConstantEndpoint" "$port" ;;
        *)
            echo "unknown server '$server' (known: workbench flask fastapi constant)" >&2
            exit 1 ;;
    esac
done

echo "checking answers before timing" >&2
for server in $SERVERS; do
    [ -n "${PID[$server]:-}" ] || continue
    flag=""
    [ "$server" = constant ] && flag="--any-labels"
    for rows in $BODIES; do
        # shellcheck disable=SC2086
        "$PYTHON" "$HERE/check_predictions.py" "http://127.0.0.1:${PORT[$server]}" "$MODEL/body_$rows.csv" \
            "$MODEL/workbench_predictions.csv" $flag | sed "s|^http://127.0.0.1:[0-9]*|$server|" | tee -a "$DIR/checks.txt" >&2
    done
done

# A fresh .NET server runs tier-0 JIT code for its first ~30 s under load (measured: 440 us of CPU per 100-row request
# at first, 133 us after 40 s); every server gets SERVER_WARMUP seconds of load on each body before the first cell.
for server in $SERVERS; do
    [ -n "${PID[$server]:-}" ] || continue
    for rows in $BODIES; do
        echo "warming $server up: ${SERVER_WARMUP}s of $rows-row requests" >&2
        WB_BODY="$MODEL/body_$rows.csv" taskset -c "$WRK_CPU" wrk -t1 -c16 -d"${SERVER_WARMUP}s" -s "$HERE/post.lua" \
            "http://127.0.0.1:${PORT[$server]}" >/dev/null
    done
done

source "$HERE/cpu_ticks.sh"

TICKS_PER_S="$(getconf CLK_TCK)"
for round in $(seq "$ROUNDS"); do
    for rows in $BODIES; do
        for connections in $CONNECTIONS; do
            for server in $SERVERS; do
                [ -n "${PID[$server]:-}" ] || continue
                url="http://127.0.0.1:${PORT[$server]}"
                echo "round $round: $server, $rows-row body, $connections connection(s)" >&2
                WB_BODY="$MODEL/body_$rows.csv" taskset -c "$WRK_CPU" wrk -t1 -c"$connections" -d"${WARMUP}s" \
                    -s "$HERE/post.lua" "$url" >/dev/null
                load="$(cut -d' ' -f1-3 /proc/loadavg)"
                before="$(cpu_ticks "${PID[$server]}")"
                out="$(WB_BODY="$MODEL/body_$rows.csv" taskset -c "$WRK_CPU" wrk -t1 -c"$connections" -d"${DURATION}s" \
                    --latency -s "$HERE/post.lua" "$url")"
                after="$(cpu_ticks "${PID[$server]}")"
                echo "$out" >>"$LOGS/wrk.log"
                result="$(grep '^WB_RESULT ' <<<"$out" | cut -d' ' -f2-)"
                if [ -z "$result" ]; then
                    echo "wrk printed no result for $server:" >&2
                    echo "$out" >&2
                    exit 1
                fi
                echo "{\"round\":$round,\"server\":\"$server\",\"rows\":$rows,\"connections\":$connections," \
                    "\"load_avg\":\"$load\",\"server_cpu_s\":$(awk -v t=$((after - before)) -v h="$TICKS_PER_S" 'BEGIN{print t / h}')," \
                    "\"wrk\":$result}" >>"$RUNS"
            done
        done
    done
done

stop_servers "${STOP_TIMEOUT:-40}"
trap - EXIT
notes=""
for server in $SERVERS; do
    [ -n "${NOTE[$server]:-}" ] || continue
    notes+="$server: ${NOTE[$server]};"
done
"$PYTHON" "$HERE/summarize.py" "$RUNS" "$RESULTS" \
    --duration "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --server-cpu "$SERVER_CPU" --wrk-cpu "$WRK_CPU" \
    --gunicorn-workers "$GUNICORN_WORKERS" --model "$WB_MODEL" --agreement "$MODEL/model_agreement.json" \
    --checks "$DIR/checks.txt" --notes "$notes"
