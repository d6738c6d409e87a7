#!/usr/bin/env bash
# Regenerates tests/golden/names/pprof_names.tsv from the real peer: the pprof
# vendored in Go 1.19 (Debian's golang-go, /usr/lib/go/src/cmd/vendor), the
# same pprof the other goldens come from, and from GNU c++filt (binutils).
# For every line of names.txt it prints five tab-separated columns:
#   1. the name,
#   2. graph.ShortenFunctionName(name): the names of pprof's call-graph nodes,
#   3. profile's simplifyFunc(name): the name pprof's drop_frames and
#      keep_frames regexes are matched against,
#   4. demangle.Filter(name, NoParams, NoTemplateParams): how pprof's
#      symbolizer shows a mangled name by default (the name itself otherwise),
#   5. c++filt --no-verbose: its demangling of the name (C++ and legacy Rust; the name itself
#      when it is not mangled).
# The two functions are internal to pprof, so the script copies pprof's
# internal/graph and profile packages into a temporary GOPATH and adds a
# main package (and one exported wrapper of simplifyFunc) beside them.
# Tests never need Go.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vendor=${GO_PPROF_VENDOR:-$(go env GOROOT)/src/cmd/vendor/github.com/google/pprof}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pkg="$tmp/src/github.com/google/pprof"
mkdir -p "$pkg/internal" "$pkg/zznames"
cp -r "$vendor/internal/graph" "$vendor/internal/measurement" "$pkg/internal/"
cp -r "$vendor/profile" "$pkg/"
mkdir -p "$tmp/src/github.com/ianlancetaylor"
cp -r "$vendor/../../ianlancetaylor/demangle" "$tmp/src/github.com/ianlancetaylor/"
cat > "$pkg/profile/zz_simplify.go" <<'GO'
package profile

// SimplifyFunc exports simplifyFunc for make_names_goldens.sh.
func SimplifyFunc(f string) string { return simplifyFunc(f) }
GO
cat > "$pkg/zznames/main.go" <<'GO'
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/google/pprof/internal/graph"
	"github.com/google/pprof/profile"
	"github.com/ianlancetaylor/demangle"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		name := in.Text()
		if name == "" || name[0] == '#' {
			continue
		}
		fmt.Printf("%s\t%s\t%s\t%s\n", name, graph.ShortenFunctionName(name), profile.SimplifyFunc(name),
			demangle.Filter(name, demangle.NoParams, demangle.NoTemplateParams))
	}
}
GO
grep -v -e '^#' -e '^$' "$here/names.txt" > "$tmp/names"
(cd "$pkg/zznames" && GO111MODULE=off GOPATH="$tmp" GOFLAGS= go run . < "$tmp/names") > "$tmp/pprof"
c++filt --no-verbose < "$tmp/names" > "$tmp/cxxfilt"
out=$(paste "$tmp/pprof" "$tmp/cxxfilt")
{
  echo "# name	ShortenFunctionName	simplifyFunc	pprof demangled	c++filt --no-verbose: pprof of $(go version | cut -d' ' -f3), $(c++filt --version | head -1); made by make_names_goldens.sh from names.txt"
  echo "$out"
} > "$here/pprof_names.tsv"
echo "wrote $here/pprof_names.tsv ($(echo "$out" | wc -l) names)"
