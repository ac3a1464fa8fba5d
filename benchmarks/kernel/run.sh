#!/usr/bin/env bash
# Kernel startup and round trip next to Debian's ipykernel. Builds the CLI (Release), installs the kernelspec into a
# temporary prefix, and runs bench.py with /usr/bin/python3. Arguments: [ROUNDS] [ROUND_TRIPS] (default 5 200).
set -euo pipefail
source "$(dirname "$0")/../../scripts/common.sh"
cd "$WB_ROOT"
dotnet build src/Workbench.Cli/Workbench.Cli.csproj -c "$WB_CONFIGURATION" --nologo -v:quiet >&2
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
wb_cli kernel install --prefix "$prefix" >&2
export JUPYTER_PATH="$prefix/share/jupyter" JUPYTER_DATA_DIR="$prefix/data" WORKBENCH_HOME="$prefix/home" PYDEVD_DISABLE_FILE_VALIDATION=1
/usr/bin/python3 -W ignore "$WB_ROOT/benchmarks/kernel/bench.py" "$@"
