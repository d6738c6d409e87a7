#!/usr/bin/env bash
# A second build with AddressSanitizer, LeakSanitizer and UndefinedBehavior-
# Sanitizer (any report is fatal) runs the whole C++ test suite: the unit,
# golden, hostile-input and fuzz-regression tests. The browser tests run in
# the normal build only (they test the page, not memory).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PROFLENS_ASAN_BUILD_DIR:-$root/build-asan}
PROFLENS_BUILD_DIR=$build CMAKE_BUILD_TYPE=RelWithDebInfo "$root/scripts/build.sh" -DPROFLENS_SANITIZE=ON >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -E '^browser$'
