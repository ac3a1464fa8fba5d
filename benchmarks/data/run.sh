#!/usr/bin/env bash
# Side by side on one CSV (benchmarks/data/README.md): Workbench load + full profile versus
# pandas read_csv + describe() + corr() + value_counts(). Both sides are pinned to one core (taskset) and
# run single-threaded; Workbench is then also run on every core. The sides take turns, round after round,
# so a busy machine slows them alike; each side's best round is reported, with its CPU time (user + sys)
# and peak memory (maximum resident set) from /usr/bin/time, and the median of the per-round ratios.
#
#   benchmarks/data/run.sh                      # 1,000,000 rows, 5 rounds
#   ROWS=200000 RUNS=3 benchmarks/data/run.sh
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
profile_csv
build_harness

SIDES=(
    "pandas $("$PYTHON" -c 'import pandas; print(pandas.__version__)'), 1 core|0|A=1|$PYTHON $ROOT/benchmarks/data/pandas_side.py $CSV"
)
mapfile -t -O "${#SIDES[@]}" SIDES < <(workbench_sides "data-profile $CSV")

# run CPUS ENV COMMAND: prints "load profile total cpu rss_mb" of one run.
run() {
    local out
    out="$(timed_side "$1" "$2" "$3" total_s)"
    echo "$(field load_s "$out") $(field profile_s "$out") $(field total_s "$out") $(cpu_seconds "$out") $(rss_mib "$out")"
}

declare -A best ratios
for round in $(seq "$RUNS"); do
    echo "round $round of $RUNS" >&2
    pandas_total=""
    for i in "${!SIDES[@]}"; do
        IFS='|' read -r _ cpus env command <<<"${SIDES[$i]}"
        result="$(run "$cpus" "$env" "$command")"
        total="$(cut -d' ' -f3 <<<"$result")"
        [ "$i" -eq 0 ] && pandas_total="$total"
        ratios[$i]+="$(awk "BEGIN{printf \"%.3f\", $pandas_total / $total}") "
        if [ -z "${best[$i]:-}" ] || awk "BEGIN{exit !($total < $(cut -d' ' -f3 <<<"${best[$i]}"))}"; then
            best[$i]="$result"
        fi
    done
done

pandas_best="$(cut -d' ' -f3 <<<"${best[0]}")"
echo "| side | load (s) | profile (s) | total (s) | CPU (s) | peak RSS (MiB) | pandas / this, best rounds | pandas / this, median of rounds |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for i in "${!SIDES[@]}"; do
    IFS='|' read -r label _ _ _ <<<"${SIDES[$i]}"
    read -r load profile total cpu rss <<<"${best[$i]}"
    echo "| $label | $load | $profile | $total | $cpu | $rss | $(awk "BEGIN{printf \"%.2f\", $pandas_best / $total}") | $(median "${ratios[$i]}") |"
done
echo
echo "$ROWS rows x 30 columns, $(du -m "$CSV" | cut -f1) MB; best of $RUNS rounds; $(machine_line)"
