#!/usr/bin/env bash
# Workbench alone across request and answer formats (benchmarks/serving/README.md, "Formats"): the same rows sent as
# CSV, JSON ({"instances"}, {"dataframe_split"}, {"dataframe_records"} of objects), JSON Lines ({"features"} per
# line, or one object per line) and numpy .npy (float64, as numpy.save writes it), and answered with probabilities or
# as .npy, to one `workbench serve` pinned to SERVER_CPU, wrk
# on WRK_CPU at 16 connections. Needs the model and
# bodies run.sh leaves in WB_BENCH_DIR/model (run `SERVERS=workbench DURATION=1 benchmarks/serving/run.sh` first).
# Prints one Markdown table: requests/s, p99 and server CPU per request (from /proc) per form and row count.
#
#   benchmarks/serving/formats.sh
#   WB_CLI=/other/checkout/.../Workbench.Cli.dll benchmarks/serving/formats.sh   # another build, for a before/after
#
# Settings (environment): DURATION (10), WARMUP (5, before each form's run), SERVER_WARMUP (5, per form, once before
# any is timed), BODIES ("1 100"), FORMS (an extended regular expression: only the forms whose names match, e.g.
# "records|objects"), SERVER_CPU (1), WRK_CPU (0), PORT (18479), WB_BENCH_DIR, WB_CLI.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
SERVER_WARMUP="${SERVER_WARMUP:-5}"
BODIES="${BODIES:-1 100}"
SERVER_CPU="${SERVER_CPU:-1}"
WRK_CPU="${WRK_CPU:-0}"
PORT="${PORT:-18479}"
DIR="${WB_BENCH_DIR:-${TMPDIR:-/tmp}/wb-serving}"
MODEL="$DIR/model"
CLI="${WB_CLI:-$ROOT/src/Workbench.Cli/bin/Release/net10.0/Workbench.Cli.dll}"
source "$HERE/cpu_ticks.sh"

[ -f "$MODEL/model.tar.gz" ] || { echo "no model in $MODEL: run benchmarks/serving/run.sh first" >&2; exit 1; }
[ -n "${WB_CLI:-}" ] || dotnet build "$ROOT/src/Workbench.Cli/Workbench.Cli.csproj" -c Release --nologo -v:quiet -clp:ErrorsOnly >&2

# The CSV bodies as the JSON forms clients send; numbers keep their CSV text, columns their signature order.
/usr/bin/python3 - "$MODEL" $BODIES <<'PY'
import json, os, sys, tarfile
import numpy as np
model, counts = sys.argv[1], sys.argv[2:]
with tarfile.open(os.path.join(model, "model.tar.gz")) as archive:
    columns = [c["name"] for c in json.load(archive.extractfile("signature.json"))["inputs"]]
for n in counts:
    lines = [l.strip() for l in open(os.path.join(model, f"body_{n}.csv")) if l.strip()]
    rows = "[" + ", ".join(f"[{l}]" for l in lines) + "]"
    names = json.dumps(columns)
    open(os.path.join(model, f"body_{n}.instances.json"), "w").write(f'{{"instances": {rows}}}')
    open(os.path.join(model, f"body_{n}.split.json"), "w").write(f'{{"dataframe_split": {{"columns": {names}, "data": {rows}}}}}')
    open(os.path.join(model, f"body_{n}.jsonl"), "w").write("".join(f'{{"features": [{l}]}}\n' for l in lines))
    # Objects keyed by column name, as pandas' to_dict("records") / to_json(orient="records") give them.
    objects = ["{" + ", ".join(f'"{c}": {v}' for c, v in zip(columns, l.split(","))) + "}" for l in lines]
    open(os.path.join(model, f"body_{n}.records.json"), "w").write('{"dataframe_records": [' + ", ".join(objects) + "]}")
    open(os.path.join(model, f"body_{n}.objects.jsonl"), "w").write("".join(o + "\n" for o in objects))
    # What SageMaker's NumpySerializer sends: numpy.save of the float64 rows.
    np.save(os.path.join(model, f"body_{n}.npy"), np.array([[float(v) for v in l.split(",")] for l in lines]))
PY

DOTNET_TC_CallCountingDelayMs=0 WORKBENCH_HOME="$MODEL/home" taskset -c "$SERVER_CPU" \
    dotnet "$CLI" serve --model "$MODEL/model.tar.gz" --port "$PORT" --host 127.0.0.1 >"$DIR/formats-server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/ping" && break; sleep 0.5; done

all_forms() {
    local rows="$1"
    cat <<EOF2
CSV|body_$rows.csv|text/csv|/invocations
CSV, with probabilities|body_$rows.csv|text/csv|/invocations?probabilities=true
JSON instances|body_$rows.instances.json|application/json|/invocations
JSON dataframe_split|body_$rows.split.json|application/json|/invocations
JSON instances, with probabilities|body_$rows.instances.json|application/json|/invocations?probabilities=true
JSON dataframe_records|body_$rows.records.json|application/json|/invocations
JSON Lines (features)|body_$rows.jsonl|application/jsonlines|/invocations
JSON Lines (objects)|body_$rows.objects.jsonl|application/jsonlines|/invocations
npy (float64)|body_$rows.npy|application/x-npy|/invocations
npy (float64), answered as npy|body_$rows.npy|application/x-npy|/invocations|application/x-npy
EOF2
}

# The forms whose names match FORMS (all by default).
forms() { all_forms "$1" | grep -E -- "^[^|]*(${FORMS:-.})" || true; }

# Every form once first, so all of their code is optimised (tier 1) before any is timed.
for rows in $BODIES; do
    while IFS='|' read -r name file type path accept; do
        WB_BODY="$MODEL/$file" WB_TYPE="$type" WB_PATH="$path" WB_ACCEPT="${accept:-application/json}" taskset -c "$WRK_CPU" wrk -t1 -c16 -d"${SERVER_WARMUP}s" \
            -s "$HERE/post.lua" "http://127.0.0.1:$PORT" >/dev/null
    done < <(forms "$rows")
done

echo "| request | rows | requests/s | p99 (ms) | CPU per request (us) | non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for rows in $BODIES; do
    while IFS='|' read -r name file type path accept; do
        export WB_BODY="$MODEL/$file" WB_TYPE="$type" WB_PATH="$path" WB_ACCEPT="${accept:-application/json}"
        taskset -c "$WRK_CPU" wrk -t1 -c16 -d"${WARMUP}s" -s "$HERE/post.lua" "http://127.0.0.1:$PORT" >/dev/null
        before=$(cpu_ticks "$SERVER")
        out="$(taskset -c "$WRK_CPU" wrk -t1 -c16 -d"${DURATION}s" -s "$HERE/post.lua" "http://127.0.0.1:$PORT")"
        after=$(cpu_ticks "$SERVER")
        echo "$out" | grep '^WB_RESULT' | sed 's/^WB_RESULT //' | /usr/bin/python3 -c '
import json, sys
r = json.loads(sys.stdin.read()); name, rows, ticks, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
cpu = ticks / hz * 1e6 / r["requests"]
print("| %s | %s | %s | %.2f | %.0f | %d |" % (name, rows, format(r["requests_per_s"], ",.0f"), r["latency_us"]["p99"] / 1000, cpu, r["non2xx"]))
' "$name" "$rows" "$((after - before))" "$(getconf CLK_TCK)"
    done < <(forms "$rows")
done
