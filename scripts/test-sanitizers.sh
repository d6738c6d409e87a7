#!/usr/bin/env bash
# A second build with AddressSanitizer, LeakSanitizer and UndefinedBehavior-
# Sanitizer (any report is fatal) runs the whole C++ test suite: the unit,
# golden, hostile-input and fuzz-regression tests. The browser tests run in
# the normal build only (they test the page, not memory), and so do the fleet
# tests (Python driving Dask; the merges they run are the C++ suite's) and the
# hostile shell scripts (they time commands and limit memory with ulimit -v,
# which AddressSanitizer's shadow memory does not fit).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PROFLENS_ASAN_BUILD_DIR:-$root/build-asan}
# -O1 -g1: sanitizers need little optimization and only line tables, and the
# build stays a few minutes on two cores.
PROFLENS_BUILD_DIR=$build CMAKE_BUILD_TYPE=Sanitize "$root/scripts/build.sh" -DPROFLENS_SANITIZE=ON \
  "-DCMAKE_CXX_FLAGS_SANITIZE=-O1 -g1" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$root/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -E '^(browser|fleet|hostile_long_names|hostile_deep_nesting|hostile_out_of_memory)$'
