#!/usr/bin/env bash
# Quick start 1: set up, build, and run proflens on a bundled sample.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
echo "\$ proflens top samples/go-cpu.pb.gz -n 15" >&2
"$root/build/proflens" top "$root/samples/go-cpu.pb.gz" -n 15
