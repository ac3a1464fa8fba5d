# Shared by run.sh and test.sh: locating the repo, installing prerequisites, building.
# shellcheck shell=bash

WB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WB_CONFIGURATION="${WB_CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

wb_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

wb_require_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "error: the .NET 10 SDK is required (dotnet not on PATH): https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
        exit 1
    fi
}

# Installs the Debian packages named in "$@" that are missing: with apt-get when run as root,
# otherwise prints the command to run and carries on (what needs them then fails saying so).
wb_apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        wb_log "installing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null || apt-get update
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || apt-get install -y --no-install-recommends "${missing[@]}"
    else
        echo "warning: missing Debian packages: ${missing[*]}" >&2
        echo "         run as root, or: sudo apt-get install -y ${missing[*]}" >&2
        echo "         tests that need them will fail and say which package is missing." >&2
    fi
}

# The extension's build fetches plotly.js from the npm registry.
wb_require_npm() {
    command -v npm >/dev/null 2>&1 || wb_apt_install nodejs npm
    if ! command -v npm >/dev/null 2>&1; then
        echo "error: npm is required to build Workbench.Extension (plotly.js-dist-min); install Node.js and npm." >&2
        exit 1
    fi
}

wb_build() {
    wb_log "building Workbench.sln ($WB_CONFIGURATION)"
    dotnet build "$WB_ROOT/Workbench.sln" -c "$WB_CONFIGURATION" --nologo -v:minimal -clp:ErrorsOnly
}

# Packs the library and its renderers into artifacts/packages: the notebooks reference them there
# (#i "nuget: ../artifacts/packages"), both in the main job and in the tests that execute the notebooks.
wb_pack() {
    wb_log "packing Workbench and Workbench.Extension into artifacts/packages"
    rm -f "$WB_ROOT"/artifacts/packages/*.nupkg
    dotnet pack "$WB_ROOT/src/Workbench/Workbench.csproj" -c "$WB_CONFIGURATION" --no-build --nologo -v:quiet -o "$WB_ROOT/artifacts/packages" &&
        dotnet pack "$WB_ROOT/kernels-extensions/Workbench.Extension/Workbench.Extension.csproj" -c "$WB_CONFIGURATION" --no-build --nologo -v:quiet -o "$WB_ROOT/artifacts/packages"
}

wb_cli() {
    dotnet "$WB_ROOT/src/Workbench.Cli/bin/$WB_CONFIGURATION/net10.0/Workbench.Cli.dll" "$@"
}
