# Shared by the side-by-side benchmark scripts that time Workbench.Benchmarks against a Python peer. Source it after
# `set -euo pipefail`; it defines ROOT, ROWS, RUNS, CSV (the data benchmark's table), PYTHON, WORKBENCH (the benchmark
# harness DLL) and ALL (every core, for taskset). Call build_harness, and profile_csv when the script reads CSV.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-5}"
BENCH_DIR="${WB_BENCH_DIR:-${TMPDIR:-/tmp}/wb-bench}"
CSV="$BENCH_DIR/profile-$ROWS.csv"
# Debian's python3 carries the peers' packages; a pyenv python3 earlier on PATH does not.
PYTHON=/usr/bin/python3
ALL="0-$(($(nproc) - 1))"
WORKBENCH="$ROOT/tests/Workbench.Benchmarks/bin/Release/net10.0/Workbench.Benchmarks.dll"

# profile_csv: writes the data benchmark's ROWS x 30 table to CSV unless it is there already.
profile_csv() {
    mkdir -p "$BENCH_DIR"
    if [ ! -f "$CSV" ]; then
        echo "generating $CSV" >&2
        "$PYTHON" "$ROOT/benchmarks/data/generate.py" "$CSV" "$ROWS"
    fi
}

build_harness() {
    dotnet build "$ROOT/tests/Workbench.Benchmarks/Workbench.Benchmarks.csproj" -c Release --nologo -v:quiet -clp:ErrorsOnly >&2
}

# field NAME TEXT: the value of the first NAME=value pair in TEXT.
field() { grep -oE "(^| )$1=[^ ]*" <<<"$2" | head -1 | sed "s/^ //" | cut -d= -f2; }

# timed CPUS ENV COMMAND: runs COMMAND pinned to CPUS with ENV, appending cpu=user+sys and rss_kb= to its output.
timed() {
    # shellcheck disable=SC2086
    { env $2 taskset -c "$1" /usr/bin/time -f "cpu=%U+%S rss_kb=%M" $3; } 2>&1
}

# timed_side CPUS ENV COMMAND KEY: `timed`, stopping the whole script (with the side's output) when the side printed
# no KEY=value, i.e. it failed.
timed_side() {
    local out
    out="$(timed "$1" "$2" "$3")"
    if [ -z "$(field "$4" "$out")" ]; then
        echo "failed: $3" >&2
        echo "$out" >&2
        exit 1
    fi

    echo "$out"
}

# workbench_sides COMMAND: the Workbench rows of a SIDES table ("label|cpus|env|command"): one core with tiered
# compilation off, one core with the default JIT (what a fresh notebook kernel gets), and every core.
workbench_sides() {
    echo "Workbench, 1 core|0|DOTNET_TieredCompilation=0|dotnet $WORKBENCH $1 --threads 1"
    echo "Workbench, 1 core, default tiered JIT|0|A=1|dotnet $WORKBENCH $1 --threads 1"
    echo "Workbench, $(nproc) cores|$ALL|DOTNET_TieredCompilation=0|dotnet $WORKBENCH $1 --threads $(nproc)"
}

# cpu_seconds TEXT / rss_mib TEXT: the CPU time and peak memory `timed` recorded.
cpu_seconds() { field cpu "$1" | awk -F+ '{printf "%.2f", $1 + $2}'; }
rss_mib() { echo $(( $(field rss_kb "$1") / 1024 )); }

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{v[NR]=$1} END{printf "%.2f", (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

machine_line() {
    echo "$(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)."
}
