#!/usr/bin/env bash
# Side by side on one CSV (benchmarks/data/README.md): Workbench load + full profile versus
# pandas read_csv + describe() + corr() + value_counts(), each the best of RUNS runs, peak memory from
# /usr/bin/time. Both sides are pinned to one core (taskset) and run single-threaded; Workbench is then
# also run on every core. Prints a Markdown table.
#
#   benchmarks/data/run.sh                      # 1,000,000 rows, 3 runs each
#   ROWS=200000 RUNS=5 benchmarks/data/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
DIR="${WB_BENCH_DIR:-${TMPDIR:-/tmp}/wb-bench}"
CSV="$DIR/profile-$ROWS.csv"
PYTHON=/usr/bin/python3
mkdir -p "$DIR"

if [ ! -f "$CSV" ]; then
    echo "generating $CSV" >&2
    "$PYTHON" "$ROOT/benchmarks/data/generate.py" "$CSV" "$ROWS"
fi

dotnet build "$ROOT/tests/Workbench.Benchmarks/Workbench.Benchmarks.csproj" -c Release --nologo -v:quiet -clp:ErrorsOnly >&2
WORKBENCH=(dotnet "$ROOT/tests/Workbench.Benchmarks/bin/Release/net10.0/Workbench.Benchmarks.dll" data-profile "$CSV")
PANDAS=("$PYTHON" "$ROOT/benchmarks/data/pandas_side.py" "$CSV")

# best LABEL CPUS ENV -- COMMAND...: runs RUNS times, prints "label|load|profile|total|rss_mb" of the fastest run.
best() {
    local label="$1" cpus="$2" env="$3"
    shift 4
    local best_total="" line=""
    for _ in $(seq "$RUNS"); do
        local out
        out="$( { env $env taskset -c "$cpus" /usr/bin/time -f "rss_kb=%M" "$@"; } 2>&1 )"
        local load profile total rss
        load="$(grep -o 'load_s=[0-9.]*' <<<"$out" | cut -d= -f2)"
        profile="$(grep -o 'profile_s=[0-9.]*' <<<"$out" | cut -d= -f2)"
        total="$(grep -o 'total_s=[0-9.]*' <<<"$out" | cut -d= -f2)"
        rss="$(grep -o 'rss_kb=[0-9]*' <<<"$out" | cut -d= -f2)"
        if [ -z "$total" ]; then
            echo "$label failed:" >&2
            echo "$out" >&2
            exit 1
        fi

        if [ -z "$best_total" ] || awk "BEGIN{exit !($total < $best_total)}"; then
            best_total="$total"
            line="$label|$load|$profile|$total|$((rss / 1024))"
        fi
    done

    echo "$line"
}

ALL="0-$(($(nproc) - 1))"
pandas="$(best "pandas $("$PYTHON" -c 'import pandas; print(pandas.__version__)'), 1 core" 0 "A=1" -- "${PANDAS[@]}")"
workbench="$(best "Workbench, 1 core" 0 "DOTNET_TieredCompilation=0" -- "${WORKBENCH[@]}" --threads 1)"
workbench_tiered="$(best "Workbench, 1 core, default tiered JIT" 0 "A=1" -- "${WORKBENCH[@]}" --threads 1)"
workbench_all="$(best "Workbench, $(nproc) cores" "$ALL" "DOTNET_TieredCompilation=0" -- "${WORKBENCH[@]}" --threads "$(nproc)")"

pandas_total="$(cut -d'|' -f4 <<<"$pandas")"
echo "| side | load (s) | profile (s) | total (s) | peak RSS (MiB) | pandas total / this total |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for row in "$pandas" "$workbench" "$workbench_tiered" "$workbench_all"; do
    IFS='|' read -r label load profile total rss <<<"$row"
    ratio="$(awk "BEGIN{printf \"%.2f\", $pandas_total / $total}")"
    echo "| $label | $load | $profile | $total | $rss | $ratio |"
done
echo
echo "$ROWS rows x 30 columns, $(du -m "$CSV" | cut -f1) MB; best of $RUNS runs; $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)."
