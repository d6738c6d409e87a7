#!/usr/bin/env bash
# Quick start 2: set up, build, and run the whole test suite with CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# The build's packages first; the test suite's (chromium, Go, perf, Dask, Node)
# are installed while the build compiles, which needs none of them.
"$root/scripts/setup.sh"
"$root/scripts/setup.sh" --test &
test_packages=$!
"$root/scripts/build.sh"
wait "$test_packages" || { echo "test.sh: installing the test suite's packages failed" >&2; exit 1; }
# Configured again now that node is there (CMake adds the browser test only then).
cmake "${PROFLENS_BUILD_DIR:-$root/build}" >/dev/null
# playwright-core for the browser tests, from the npm registry (pinned by package-lock.json).
if [ ! -d "$root/tests/browser/node_modules/playwright-core" ]; then
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
ctest --test-dir "${PROFLENS_BUILD_DIR:-$root/build}" --output-on-failure -j "$(nproc)"
