#!/usr/bin/env bash
# Installs the Debian packages proflens needs to build and test.
# Usage: scripts/setup.sh [--test]   (--test adds what only the test suite needs)
# Uses sudo when not root; does nothing when everything is already installed.
set -euo pipefail

build_packages=(
  cmake g++ ninja-build pkg-config
  libprotobuf-dev protobuf-compiler
  golang-github-google-pprof-dev   # pprof's own profile.proto
  libgraphviz-dev
  libcli11-dev
  libdeflate-dev
  libisal-dev                      # gzip inflated in pieces (a file's first bytes, info as it inflates)
  libxxhash-dev                    # 128-bit stack hashes (info counts stacks without keeping them)
  nlohmann-json3-dev
  libre2-dev                       # pprof's regex syntax, linear-time matching
  libcurl4-openssl-dev             # URLs as inputs (http, https)
  libcpp-httplib-dev               # proflens serve's HTTP server (thread pool)
  libarchive-dev                   # tar, tar.gz and zip archives of profiles as inputs
  libelf-dev libdw-dev             # perf.data: ELF symbol tables (elfutils, as perf reads them)
  libiberty-dev                    # perf.data: the demangler perf links (cplus_demangle)
  catch2
)

# Only the test suite needs these: a real browser checks the SVG and HTML
# outputs, driven by playwright-core under Node.js (kept if already there).
test_packages=(
  chromium
  python3-distributed              # Dask distributed: python/proflens_fleet and its tests
  golang-go                        # the Go service the URL tests fetch from (tests/data/pprof_service), go tool pprof
  curl                             # the serve tests' requests as written (--path-as-is)
  linux-perf                       # the live perf.data test records with perf (skipped without it)
)
if ! command -v node >/dev/null 2>&1; then test_packages+=(nodejs npm); fi

wanted=("${build_packages[@]}")
if [ "${1:-}" = "--test" ]; then wanted+=("${test_packages[@]}"); fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
