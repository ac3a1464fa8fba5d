#!/usr/bin/env bash
# Kernel startup and round trip next to Debian's ipykernel. Builds the CLI (Release), installs the kernelspec into a
# temporary prefix, and runs bench.py with /usr/bin/python3. Arguments: [ROUNDS] [ROUND_TRIPS] (default 5 200).
# READY_TO_RUN=1 benchmarks a ReadyToRun publish of the CLI instead of the build output.
set -euo pipefail
source "$(dirname "$0")/../../scripts/common.sh"
cd "$WB_ROOT"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
if [ "${READY_TO_RUN:-0}" = "1" ]; then
    dotnet publish src/Workbench.Cli/Workbench.Cli.csproj -c "$WB_CONFIGURATION" -r linux-x64 --self-contained false \
        -p:PublishReadyToRun=true -o "$prefix/cli" --nologo -v:quiet >&2
    dotnet "$prefix/cli/Workbench.Cli.dll" kernel install --prefix "$prefix" >&2
else
    dotnet build src/Workbench.Cli/Workbench.Cli.csproj -c "$WB_CONFIGURATION" --nologo -v:quiet >&2
    wb_cli kernel install --prefix "$prefix" >&2
fi
export JUPYTER_PATH="$prefix/share/jupyter" JUPYTER_DATA_DIR="$prefix/data" WORKBENCH_HOME="$prefix/home" PYDEVD_DISABLE_FILE_VALIDATION=1
/usr/bin/python3 -W ignore "$WB_ROOT/benchmarks/kernel/bench.py" "$@"
