#!/bin/sh
# Starts a Temporal dev server (gRPC :7233, Web UI :8233) with the bridge's search attributes registered.
# POSIX sh on purpose: docker-compose.yml runs this same file inside the temporalio/temporal image (Alpine).
# Extra arguments go to `temporal server start-dev`; compose adds --ip 0.0.0.0 so other containers reach it.
# DRY_RUN=1 prints the command instead of running it.
set -eu

attributes_file="$(dirname "$0")/search-attributes.txt"
[ -r "$attributes_file" ] || { echo "start-dev.sh: cannot read $attributes_file" >&2; exit 1; }

# Comments and blank lines dropped; tr removes carriage returns left by a checkout with Windows line endings.
flags=""
for attribute in $(sed -e 's/#.*//' "$attributes_file" | tr -d '\r'); do
    flags="$flags --search-attribute $attribute"
done

# $flags is split on purpose: every NAME=Type is a single word (identifiers only, no spaces or glob characters).
# shellcheck disable=SC2086
if [ "${DRY_RUN:-0}" = 1 ]; then
    echo temporal server start-dev $flags "$@"
else
    exec temporal server start-dev $flags "$@"
fi
