#!/usr/bin/env bash
# Records the goroutine profiles in samples/go-goroutine.* from main.go
# (Debian 12: Go 1.19): the program serves net/http/pprof on a loopback port;
# after WAIT seconds (default 70, for goroutines blocked over a minute; the
# samples show no wait all the same) the three forms of
# /debug/pprof/goroutine are fetched one right after the other:
#   debug=0  profile.proto (gzipped)        -> go-goroutine.pb.gz
#   debug=1  counts of equal stacks, "#" frame lines -> go-goroutine.debug1.txt
#   debug=2  every goroutine, as a panic prints it  -> go-goroutine.debug2.txt
# Run from anywhere: samples/gen/goroutine/record.sh [WAIT]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../..
wait_seconds=${1:-70}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp "$here/main.go" "$tmp/main.go"
(cd "$tmp" && GO111MODULE=off go build -o goroutines main.go)
port=$((20000 + RANDOM % 20000))
"$tmp/goroutines" -addr 127.0.0.1:$port -ready "$tmp/ready" &
pid=$!
for _ in $(seq 100); do [ -e "$tmp/ready" ] && break; sleep 0.1; done
sleep "$wait_seconds"
base=http://127.0.0.1:$port/debug/pprof/goroutine
curl -sf "$base?debug=0" -o "$out/go-goroutine.pb.gz"
curl -sf "$base?debug=1" -o "$out/go-goroutine.debug1.txt"
curl -sf "$base?debug=2" -o "$out/go-goroutine.debug2.txt"
echo "wrote $out/go-goroutine.pb.gz, go-goroutine.debug1.txt, go-goroutine.debug2.txt"
