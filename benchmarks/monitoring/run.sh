#!/usr/bin/env bash
# Side by side (benchmarks/monitoring/README.md): a full drift + quality report of a 1,000,000-row x 30-column current
# batch against a 100,000-row reference, in Workbench and in numpy / scipy (per column ks_2samp, wasserstein_distance,
# histogram PSI, chisquare). Both sides pinned to one core and single-threaded; Workbench then on every core. The
# sides take turns round after round; each side's best round is reported with its CPU time and peak memory, and the
# median of the per-round ratios. Every round checks that both sides computed the same statistics.
#
#   benchmarks/monitoring/run.sh                                   # 100,000 vs 1,000,000 rows, 3 rounds
#   REFERENCE_ROWS=10000 CURRENT_ROWS=100000 RUNS=2 benchmarks/monitoring/run.sh
set -euo pipefail
RUNS="${RUNS:-3}"
source "$(dirname "$0")/../lib.sh"
REFERENCE_ROWS="${REFERENCE_ROWS:-100000}"
CURRENT_ROWS="${CURRENT_ROWS:-1000000}"
DIR="$BENCH_DIR/monitoring"
REFERENCE="$DIR/reference-$REFERENCE_ROWS.csv"
CURRENT="$DIR/current-$CURRENT_ROWS.csv"

if [ ! -f "$REFERENCE" ] || [ ! -f "$CURRENT" ]; then
    echo "generating $REFERENCE and $CURRENT" >&2
    "$PYTHON" "$ROOT/benchmarks/monitoring/generate.py" "$DIR" "$REFERENCE_ROWS" "$CURRENT_ROWS"
fi

build_harness
SIDES=(
    "numpy / scipy $("$PYTHON" -c 'import scipy; print(scipy.__version__)'), 1 core|0|$PYTHON $ROOT/benchmarks/monitoring/scipy_side.py $REFERENCE $CURRENT"
    "Workbench, 1 core|0|dotnet $WORKBENCH monitoring-report $REFERENCE $CURRENT --threads 1"
    "Workbench, $(nproc) cores|$ALL|dotnet $WORKBENCH monitoring-report $REFERENCE $CURRENT --threads $(nproc)"
)

# run CPUS COMMAND: prints "load report cpu rss_mb checksums report_cpu baseline baseline_cpu" of one run.
run() {
    local out
    out="$(timed_side "$1" A=1 "$2" report_s)"
    echo "$(field load_s "$out") $(field report_s "$out") $(cpu_seconds "$out") $(rss_mib "$out")" \
        "$(field ks_sum "$out"),$(field wasserstein_sum "$out"),$(field psi_sum "$out"),$(field chi_sum "$out"),$(field drifted "$out")" \
        "$(field report_cpu_s "$out") $(field baseline_s "$out") $(field baseline_cpu_s "$out")"
}

same() { awk -v a="$1" -v b="$2" 'BEGIN{d=a-b; if (d<0) d=-d; m=(a<0?-a:a); exit !(d <= 1e-6 * m + 1e-9)}'; }

declare -A best ratios cpu_ratios
for round in $(seq "$RUNS"); do
    echo "round $round of $RUNS" >&2
    reference=""
    for i in "${!SIDES[@]}"; do
        IFS='|' read -r label cpus command <<<"${SIDES[$i]}"
        result="$(run "$cpus" "$command")"
        read -r _ report _ _ sums report_cpu _ <<<"$result"
        if [ "$i" -eq 0 ]; then
            reference="$report $sums $report_cpu"
        else
            IFS=',' read -r -a ours <<<"$sums"
            IFS=',' read -r -a theirs <<<"$(cut -d' ' -f2 <<<"$reference")"
            for k in 0 1 2 3 4; do
                if ! same "${ours[$k]}" "${theirs[$k]}"; then
                    echo "$label computed different statistics: $sums; scipy: ${theirs[*]}" >&2
                    exit 1
                fi
            done
        fi
        ratios[$i]+="$(awk "BEGIN{printf \"%.3f\", $(cut -d' ' -f1 <<<"$reference") / $report}") "
        cpu_ratios[$i]+="$(awk "BEGIN{printf \"%.3f\", $(cut -d' ' -f3 <<<"$reference") / $report_cpu}") "
        if [ -z "${best[$i]:-}" ] || awk "BEGIN{exit !($report < $(cut -d' ' -f2 <<<"${best[$i]}"))}"; then
            best[$i]="$result"
        fi
    done
done

reference_best="$(cut -d' ' -f2 <<<"${best[0]}")"
echo "| side | load CSVs (s) | baseline (s) | report (s) | report CPU (s) | process CPU (s) | peak RSS (MiB) | scipy / this, report, best rounds | median of rounds | scipy / this, report CPU, median of rounds |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for i in "${!SIDES[@]}"; do
    IFS='|' read -r label _ _ <<<"${SIDES[$i]}"
    read -r load report cpu rss _ report_cpu baseline _ <<<"${best[$i]}"
    echo "| $label | $load | ${baseline:--} | $report | $report_cpu | $cpu | $rss | $(awk "BEGIN{printf \"%.2f\", $reference_best / $report}") | $(median "${ratios[$i]}") | $(median "${cpu_ratios[$i]}") |"
done
echo "statistics agreed in every round: $(cut -d' ' -f5 <<<"${best[0]}")"
echo "$(machine_line)"
