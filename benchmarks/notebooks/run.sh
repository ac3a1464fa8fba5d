#!/usr/bin/env bash
# Notebook runner performance, side by side with Jupyter's headless runner on the same machine:
#   workbench notebook run (C#, 1 and 200 cells of `1 + 1`)  vs  jupyter nbconvert --execute (python3 kernel, same cells).
# Reports time to the first cell's result, per-cell overhead, and ratios. Usage: benchmarks/notebooks/run.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/benchmarks/notebooks"
runs="${1:-10}"
python=/usr/bin/python3
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=true

dotnet build "$root/src/Workbench.Cli/Workbench.Cli.csproj" -c Release --nologo -v:quiet >/dev/null
cli="$root/src/Workbench.Cli/bin/Release/net10.0/Workbench.Cli.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" "$here/make_notebooks.py" "$work"

hyperfine --warmup 2 --runs "$runs" --export-json "$work/hyperfine.json" --style basic \
    -n workbench-1 "dotnet $cli notebook run $work/cs-1.ipynb --output-dir $work/out" \
    -n workbench-200 "dotnet $cli notebook run $work/cs-200.ipynb --output-dir $work/out" \
    -n nbconvert-1 "$python -m nbconvert --to notebook --execute $work/py-1.ipynb --output-dir $work/out-py" \
    -n nbconvert-200 "$python -m nbconvert --to notebook --execute $work/py-200.ipynb --output-dir $work/out-py"

# From the moment the command starts to the first cell's result (its end time in the run record), median of 5;
# and the runner's own per-cell timings from the same record.
for i in 1 2 3 4 5; do
    started="$(date +%s.%N)"
    dotnet "$cli" notebook run "$work/cs-200.ipynb" --output-dir "$work/first-$i" >/dev/null
    "$python" "$here/first_result.py" "$work/first-$i/cs-200.ipynb" "$started" > "$work/inside-$i.json"
done
"$python" -c "import json, statistics, sys; runs = [json.load(open(f)) for f in sys.argv[1:]]; json.dump({k: statistics.median(r[k] for r in runs) for k in runs[0]}, open('$work/inside.json', 'w'))" "$work"/inside-*.json
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "dotnet $(dotnet --version); $("$python" -c 'import nbconvert, ipykernel; print(f"nbconvert {nbconvert.__version__}, ipykernel {ipykernel.__version__}")')"
"$python" "$here/summarize.py" "$work/hyperfine.json" "$work/inside.json"
