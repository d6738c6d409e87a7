#!/usr/bin/env bash
# Runs every command over every bundled sample and writes each output (and the
# exit code and stderr) into OUT_DIR, so two builds can be compared byte for
# byte after a change that must not change behaviour:
#   tests/regress/sample_outputs.sh build/proflens /tmp/before
#   (change, rebuild)
#   tests/regress/sample_outputs.sh build/proflens /tmp/after && diff -r /tmp/before /tmp/after
set -uo pipefail
bin=$(realpath "$1"); out=$(realpath -m "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out"; mkdir -p "$out"
cd "$root/samples"
mapfile -t files < <(ls | grep -v -E '^(README.md|gen|legacy)$'; ls legacy | sed 's|^|legacy/|')
run() {  # name, then the command's arguments; output files go to $out/$name.*
  local name=$1; shift
  (cd "$root/samples" && "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo "exit $?" >>"$out/$name.err")
}
for f in "${files[@]}"; do
  n=${f//\//_}
  run "$n.info" info "$f"
  run "$n.top" top "$f"
  run "$n.top-cum" top "$f" --sort cum -n 15 --symbols full
  run "$n.top-json" top "$f" --format json -n 10
  run "$n.top-csv" top "$f" --format csv -n 10 --unit auto
  run "$n.top-lines" top "$f" --granularity lines -n 10
  run "$n.peek" peek "$f" '.'
  run "$n.traces" traces "$f"
  run "$n.dot" dot "$f"
  run "$n.dot-svg" dot "$f" -o "$out/$n.dot.svg"
  run "$n.flame" flame "$f" -o "$out/$n.flame.svg"
  run "$n.flame-rev" flame "$f" --reverse --symbols short -o "$out/$n.flame-rev.svg"
  run "$n.report" report "$f" -o "$out/$n.report.html" -a 'total > 0' -a 'cum("main") < 99%'
  run "$n.check" check "$f" -a 'total > 0' -a 'cum("main") < 50%' -a 'flat("a") >= 0' --json
  run "$n.convert-folded" convert "$f" --to folded
  run "$n.convert-pprof" convert "$f" -o "$out/$n.pb"
  run "$n.diff-self" diff "$f" "$f"
  run "$n.top-focus" top "$f" --focus 'main|fib|run' --hide 'libc' -n 10
done
# Real before/after pairs.
run pair.perf.diff diff perf-slow.txt.gz perf-fast.txt.gz
run pair.perf.diff-json diff perf-slow.txt.gz perf-fast.txt.gz --format json -n 20
run pair.perf.diff-folded diff perf-slow.folded perf-fast.folded --folded-diff
run pair.perf.top-base top perf-fast.txt.gz --base perf-slow.txt.gz --normalize
run pair.perf.flame-base flame perf-fast.txt.gz --base perf-slow.txt.gz -o "$out/pair.perf.flame-base.svg"
run pair.perf.report report perf-fast.txt.gz --base perf-slow.txt.gz -o "$out/pair.perf.report.html" -a 'change(cum("main")) < 10%'
run pair.perf.check check perf-fast.txt.gz --base perf-slow.txt.gz -a 'change(total) < 10%' -a 'new_functions == 0'
run pair.py.diff diff py-slow.prof py-fast.prof
run pair.py.report report py-fast.prof --base py-slow.prof -o "$out/pair.py.report.html"
run pair.consumer.diff diff consumer-v1.prof consumer-v2.prof --unit auto
run pair.consumer.check check consumer-v1.prof -a 'cum("parse") < 5%'
run pair.go.merge merge go-cpu.pb.gz go-cpu.pb.gz -o "$out/pair.go.merge.pb.gz"
run pair.go.heap-top top go-heap.pb.gz --sample-index alloc_space
run pair.go.tag top tag-labels.pb.gz --tagfocus 'worker=.'
run pair.trace.report report chrome-trace.json.gz -o "$out/pair.trace.report.html"
# A series of heap profiles over time, and a go test -bench run (tests/data).
heaps=(../tests/data/heap-growth/heap-*.pb.gz)
run series.heap.trend trend "${heaps[@]}"
run series.heap.trend-focus trend "${heaps[@]}" --focus 'cache.*Put' --format json
run series.heap.check check "${heaps[@]}" -a 'growth < 1GB/h' -a 'growth("cache.*Put") < 10GB/h' -a 'growth(total("inuse_objects")) < 1/s'
run series.heap.report report "${heaps[@]}" -o "$out/series.heap.report.html" -a 'growth < 1GB/h'
gobench=../tests/data/gobench
run bench.check check $gobench/cpu.pb.gz --focus 'BenchmarkParse$' --bench-output $gobench/bench.txt --bench Parse \
  -a 'cum("gobench\.Parse$") / ops < 25us' -a 'bench("ns/op") < 400us' -a 'bench("B/op") < 20KiB' --json
run bench.check-unfocused check $gobench/cpu.pb.gz --bench-output $gobench/bench.txt --bench Parse -a 'total / ops < 1ms'
# Reports embed the generator's version only; nothing time-dependent is expected.
echo "$(ls "$out" | wc -l) files in $out"
