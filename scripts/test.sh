#!/usr/bin/env bash
# Quick start 2: set up, build, and run the whole test suite with CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --test
"$root/scripts/build.sh"
# playwright-core for the browser tests, from the npm registry (pinned by package-lock.json).
if [ ! -d "$root/tests/browser/node_modules/playwright-core" ]; then
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
ctest --test-dir "${PROFLENS_BUILD_DIR:-$root/build}" --output-on-failure -j "$(nproc)"
