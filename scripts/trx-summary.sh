#!/usr/bin/env bash
# Sums the Counters of every TRX file under $1 and prints "N passed, N failed[, N skipped]" as the last line.
# Exits non-zero when anything failed or a project left no TRX (listed in aborted.txt).
set -euo pipefail
dir="$1"
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$dir"/*.trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    p=$(value passed); f=$(value failed); e=$(value error); t=$(value timeout); a=$(value aborted); n=$(value notExecuted)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
    skipped=$((skipped + ${n:-0}))
done
if [ -f "$dir/aborted.txt" ]; then
    aborted=$(wc -l < "$dir/aborted.txt")
    echo "test runs that left no results (counted as failures): $(tr '\n' ' ' < "$dir/aborted.txt")" >&2
    failed=$((failed + aborted))
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
