#!/usr/bin/env bash
# Quick start 2: set up, build, and run the whole test suite with CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --test
"$root/scripts/build.sh"
ctest --test-dir "${PROFLENS_BUILD_DIR:-$root/build}" --output-on-failure -j "$(nproc)"
