#!/usr/bin/env bash
# The one test command: ./test.sh [extra dotnet test arguments]
# For a fresh Debian machine with the .NET 10 SDK. The Redis tests start their own redis-server on a free port,
# so this script only makes sure the binary is installed; it never starts one. The browser tests launch Debian's
# chromium by path, so it is installed too when missing.
set -euo pipefail
cd "$(dirname "$0")"

install_packages() {
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        as_root=(sudo)
    fi
    "${as_root[@]}" apt-get update &&
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]} (the Redis tests need redis-server, the browser tests /usr/bin/chromium)."
    if ! install_packages "${missing[@]}"; then
        echo "test.sh: could not install ${missing[*]}. As root, run:" >&2
        echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
        echo "then run ./test.sh again." >&2
        exit 1
    fi
fi

exec dotnet test TemporalBridge.sln "$@"
