#!/usr/bin/env bash
# The main job: build, pack the library and extension into artifacts/packages, run every notebook in
# notebooks/ headless on the local defaults, writing executed notebooks to artifacts/notebooks/.
# Extra arguments go to `workbench notebook run` (for example --html, or -p NAME VALUE).
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$WB_ROOT"

wb_require_dotnet
wb_require_npm
wb_build

wb_pack

wb_log "running notebooks"
mapfile -t notebooks < <(ls notebooks/*.ipynb | sort)
wb_cli notebook run "${notebooks[@]}" --output-dir artifacts/notebooks "$@"
