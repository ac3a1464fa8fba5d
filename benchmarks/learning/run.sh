#!/usr/bin/env bash
# Side-by-side Learning benchmarks: Workbench (C#) against PyTorch 1.13, scikit-learn 1.2 and NumPy/OpenBLAS on
# the same data, the same machine and the same thread count (set explicitly on both sides).
#
#   benchmarks/learning/run.sh              # threads 1 and 2
#   benchmarks/learning/run.sh 1            # one thread count
#   WB_BENCH_QUICK=1 benchmarks/learning/run.sh 1   # shorter runs (smoke test)
#
# Results: benchmarks/learning/results/<UTC timestamp>.jsonl (raw) and a markdown summary on stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${WB_BENCH_DATA:-/tmp/wb-learning-bench}"
python=/usr/bin/python3
threads=("$@")
[ ${#threads[@]} -eq 0 ] && threads=(1 2)
quick="${WB_BENCH_QUICK:-}"
digits_epochs=$([ -n "$quick" ] && echo 10 || echo 60)
synthetic_epochs=$([ -n "$quick" ] && echo 1 || echo 3)
sizes=$([ -n "$quick" ] && echo 256,1024 || echo 256,1024,4096)

"$python" "$here/data.py" "$data"
dotnet build "$here/harness/LearningBench.csproj" -c Release --nologo -v:quiet -clp:ErrorsOnly
bench=(dotnet "$here/harness/bin/Release/net10.0/LearningBench.dll")
mkdir -p "$here/results"
out="$here/results/$(date -u +%Y%m%dT%H%M%SZ).jsonl"

for t in "${threads[@]}"; do
    export OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t WORKBENCH_NUM_THREADS=$t
    {
        "${bench[@]}" sgemm --sizes "$sizes" --threads "$t" --gemm managed
        "${bench[@]}" sgemm --sizes "$sizes" --threads "$t" --gemm openblas
        "$python" "$here/torch_bench.py" sgemm "$sizes" "$t"
        # Interleaved, so a burst of load on a shared machine hits both sides alike.
        for repeat in 1 2; do
            "${bench[@]}" mlp --data "$data/digits" --hidden 128,64 --batch 64 --epochs "$digits_epochs" --threads "$t"
            "$python" "$here/torch_bench.py" mlp "$data/digits" 128,64 64 "$digits_epochs" "$t"
        done
        "${bench[@]}" mlp --data "$data/synthetic" --hidden 128,64 --batch 256 --epochs "$synthetic_epochs" --threads "$t"
        "$python" "$here/torch_bench.py" mlp "$data/synthetic" 128,64 256 "$synthetic_epochs" "$t"
        for set in breast_cancer digits synthetic100k; do
            "${bench[@]}" logreg --data "$data/$set" --threads "$t" --repeats 9
            "$python" "$here/torch_bench.py" logreg "$data/$set" "$t" 9
        done
    } | tee -a "$out"
done

"$python" "$here/summarize.py" "$out"
