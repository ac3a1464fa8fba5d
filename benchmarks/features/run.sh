#!/usr/bin/env bash
# Side by side on one CSV (benchmarks/features/README.md): the same feature pipeline in Workbench
# (FeaturePipeline) and scikit-learn (ColumnTransformer): fit_transform, then transform, of the data benchmark's
# 1,000,000-row table. Both sides pinned to one core (taskset) and single-threaded; Workbench then also on every
# core. The sides take turns, round after round, so a busy machine slows them alike; each side's best round is
# reported with its CPU time (user + sys) and peak memory (maximum resident set), and the median of the
# per-round ratios. The script checks both sides made the same matrix (shape and sum of values).
#
#   benchmarks/features/run.sh                      # 1,000,000 rows, 5 rounds
#   ROWS=200000 RUNS=3 benchmarks/features/run.sh
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
profile_csv
build_harness

SIDES=(
    "scikit-learn $("$PYTHON" -c 'import sklearn; print(sklearn.__version__)'), 1 core|0|A=1|$PYTHON $ROOT/benchmarks/features/sklearn_side.py $CSV"
)
mapfile -t -O "${#SIDES[@]}" SIDES < <(workbench_sides "features-pipeline $CSV")

# run CPUS ENV COMMAND: prints "load fit_transform transform total cpu rss_mb shape sum" of one run.
run() {
    local out
    out="$(timed_side "$1" "$2" "$3" total_s)"
    echo "$(field load_s "$out") $(field fit_transform_s "$out") $(field transform_s "$out") $(field total_s "$out")" \
        "$(cpu_seconds "$out") $(rss_mib "$out") $(field shape "$out") $(field sum "$out")"
}

declare -A best ratios
for round in $(seq "$RUNS"); do
    echo "round $round of $RUNS" >&2
    reference=""
    for i in "${!SIDES[@]}"; do
        IFS='|' read -r label cpus env command <<<"${SIDES[$i]}"
        result="$(run "$cpus" "$env" "$command")"
        read -r _ _ _ total _ _ shape sum <<<"$result"
        if [ "$i" -eq 0 ]; then
            reference="$total $shape $sum"
        else
            read -r ref_total ref_shape ref_sum <<<"$reference"
            if [ "$shape" != "$ref_shape" ] || ! awk "BEGIN{d=$sum-$ref_sum; if (d<0) d=-d; exit !(d <= 1e-9 * ($ref_sum<0?-$ref_sum:$ref_sum))}"; then
                echo "$label made a different matrix: $shape, sum $sum; scikit-learn: $ref_shape, sum $ref_sum" >&2
                exit 1
            fi
        fi
        ratios[$i]+="$(awk "BEGIN{printf \"%.3f\", $(cut -d' ' -f1 <<<"$reference") / $total}") "
        if [ -z "${best[$i]:-}" ] || awk "BEGIN{exit !($total < $(cut -d' ' -f4 <<<"${best[$i]}"))}"; then
            best[$i]="$result"
        fi
    done
done

reference_best="$(cut -d' ' -f4 <<<"${best[0]}")"
echo "| side | load CSV (s) | fit_transform (s) | transform (s) | fit_transform + transform (s) | CPU (s) | peak RSS (MiB) | scikit-learn / this, best rounds | scikit-learn / this, median of rounds |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for i in "${!SIDES[@]}"; do
    IFS='|' read -r label _ _ _ <<<"${SIDES[$i]}"
    read -r load fit transform total cpu rss shape _ <<<"${best[$i]}"
    echo "| $label | $load | $fit | $transform | $total | $cpu | $rss | $(awk "BEGIN{printf \"%.2f\", $reference_best / $total}") | $(median "${ratios[$i]}") |"
done
echo
echo "$ROWS rows x 30 columns -> $(cut -d' ' -f7 <<<"${best[0]}") features, $(du -m "$CSV" | cut -f1) MB; best of $RUNS rounds; $(machine_line)"
