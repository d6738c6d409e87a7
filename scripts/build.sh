#!/usr/bin/env bash
# Installs what the build needs (scripts/setup.sh), then configures and builds
# proflens into build/ (or $PROFLENS_BUILD_DIR). Extra arguments go to cmake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
build=${PROFLENS_BUILD_DIR:-$root/build}
# A unity build (8 sources a compiler run) takes about a quarter of the CPU
# time of one run a source on a fresh build; incremental builds of your own
# can leave it off (-DCMAKE_UNITY_BUILD=OFF).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release} \
  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
