#!/usr/bin/env bash
# Cold start of `workbench serve` (benchmarks/serving/README.md, "Start-up"): starts the server on SERVER_CPU, polls
# /ping, then drives it with wrk (16 connections, ROWS-row bodies) in SLICES slices of 5 s, printing requests/s and
# the server's CPU per request for each slice. Needs the model and bodies run.sh writes (WB_BENCH_DIR/model).
#   benchmarks/serving/cold_start.sh                       # 100-row bodies, 3 slices
#   SLICES=10 benchmarks/serving/cold_start.sh --warm-up 3 # extra arguments go to `workbench serve`
#   EXTRA_ENV=DOTNET_TC_CallCountingDelayMs=100 benchmarks/serving/cold_start.sh   # the runtime's default delay
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="${WB_BENCH_DIR:-${TMPDIR:-/tmp}/wb-serving}"
ROWS="${ROWS:-100}"
SLICES="${SLICES:-3}"
PORT="${PORT:-18597}"
CLI="${WB_CLI:-$ROOT/src/Workbench.Cli/bin/Release/net10.0/Workbench.Cli.dll}"
[ -f "$DIR/model/model.tar.gz" ] || { echo "no model in $DIR/model: run benchmarks/serving/run.sh first" >&2; exit 1; }
# As `./workbench serve` and the container entrypoint run it (EXTRA_ENV overrides).
env DOTNET_TC_CallCountingDelayMs=0 ${EXTRA_ENV:-} taskset -c "${SERVER_CPU:-1}" dotnet "$CLI" serve --model "$DIR/model/model.tar.gz" --port "$PORT" --host 127.0.0.1 "$@" > "$DIR/cold_start.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
START=$(date +%s.%N)
for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$PORT/ping" >/dev/null && break; sleep 0.05; done
echo "/ping 200 after $(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e - s}') s"
source "$HERE/cpu_ticks.sh"
for k in $(seq 1 "$SLICES"); do
    before=$(cpu_ticks "$PID")
    out=$(WB_BODY="$DIR/model/body_$ROWS.csv" taskset -c "${WRK_CPU:-0}" wrk -t1 -c16 -d5s -s "$HERE/post.lua" "http://127.0.0.1:$PORT")
    after=$(cpu_ticks "$PID")
    requests=$(echo "$out" | grep -oP '^\s*\d+ requests' | grep -oP '\d+')
    ticks=$(getconf CLK_TCK)
    echo "seconds $(((k - 1) * 5))-$((k * 5)): $(echo "$out" | grep -oP 'Requests/sec:\s*\S+'), CPU per request $(awk -v a="$before" -v b="$after" -v r="$requests" -v t="$ticks" 'BEGIN{printf "%.1f", (b - a) * 1e6 / t / r}') us"
done
