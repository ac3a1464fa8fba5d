#!/usr/bin/env bash
# Runs every test project. Installs what the tests need first (Debian packages when run as root),
# builds, runs each test project with a TRX log, and ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$WB_ROOT"

wb_require_dotnet
wb_require_npm
# libzmq5: the kernel's transport; python3-*: the Jupyter clients and scientific peers used for
# conformance and cross-checks; chromium: headless rendering checks; libopenblas0: the BLAS cross-check.
wb_apt_install libzmq5 libopenblas0 chromium \
    python3 python3-numpy python3-scipy python3-pandas python3-sklearn \
    python3-nbformat python3-nbclient python3-ipykernel python3-jupyter-client jupyter-nbconvert \
    python3-jupyter-kernel-test jupyter-notebook
wb_build || { echo "0 passed, 1 failed"; exit 1; }
# The kernel's notebook tests execute notebooks/ with jupyter nbconvert; the notebooks reference these packages.
wb_pack || { echo "0 passed, 1 failed"; exit 1; }

results="$WB_ROOT/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
for project in tests/*/*.csproj; do
    name="$(basename "$project" .csproj)"
    grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
    wb_log "testing $name"
    if ! dotnet test "$project" -c "$WB_CONFIGURATION" --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
        --results-directory "$results"; then
        status=1
        # A test host that crashed may leave no TRX: count the project as one failure so it is not lost.
        [ -f "$results/$name.trx" ] || echo "$name" >> "$results/aborted.txt"
    fi
done

"$WB_ROOT/scripts/trx-summary.sh" "$results" || status=1
exit $status
