#!/usr/bin/env bash
# Tracking benchmark, side by side with its peers on this machine (see README.md here):
#  - metrics/s through the batching API vs Python sqlite3 bulk insert of the same rows, in alternating rounds;
#  - cost per training step of logging 3 metrics per step, interleaved with the same step without logging;
#  - cost of logging every step of the real digits MLP (64-128-64-10, batch 64, Adam) through TrackingCallback.
# Usage: benchmarks/tracking/run.sh [output folder] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/artifacts/benchmarks/tracking}"
rounds="${2:-5}"
mkdir -p "$out"
cd "$root"
dotnet build tests/Workbench.Benchmarks -c Release --nologo -v:quiet >/dev/null
bench=(dotnet "tests/Workbench.Benchmarks/bin/Release/net10.0/Workbench.Benchmarks.dll" tracking)
: >"$out/throughput.jsonl"
: >"$out/peer.jsonl"
for round in $(seq "$rounds"); do
    "${bench[@]}" throughput 3 >>"$out/throughput.jsonl"
    /usr/bin/python3 benchmarks/tracking/peer.py 3 >>"$out/peer.jsonl"
done
"${bench[@]}" overhead 20 >"$out/overhead.json"
"${bench[@]}" training "$((rounds * 12))" data-samples/digits.csv >"$out/training.json"
/usr/bin/python3 benchmarks/tracking/peer.py 1 --torch >"$out/torch.json"
/usr/bin/python3 benchmarks/tracking/report.py "$out" | tee "$out/summary.txt"
