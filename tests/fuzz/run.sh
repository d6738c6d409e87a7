#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address and undefined-behaviour
# sanitizers) and runs each for SECONDS (default 300), seeded from samples/,
# FlameGraph's perf captures and the rules of tests/analyzer/assertions_test.cpp:
#   read        bytes as a profile file: gzip, detection, every reader
#   pprof, pprof_legacy, perf_script, perf_data, folded, pstats, callgrind, json, v8, firefox, austin, pickle   each reader on its own
#   parse_rule  text as a check rule: the parser
#   input       read, then every report (top, peek, dot, flame, folded, pprof)
#   rule        parse and evaluate a rule on a small profile with a base Prints executions per target and their total; a crash is
# saved by libFuzzer as crash-* in build-fuzz/ (copy it into
# tests/fuzz/regressions/<target>/ once fixed).
#
#   tests/fuzz/run.sh [SECONDS] [JOBS]     (JOBS targets at a time, default: cores)
# Needs Debian's clang-14 and libclang-rt-14-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-300}
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
"$root/scripts/setup.sh" >/dev/null
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROFLENS_FUZZ=ON >/dev/null
targets=(${FUZZ_TARGETS:-read pprof pprof_legacy perf_script perf_data folded pstats callgrind json v8 firefox austin pickle parse_rule input rule})
cmake --build "$build" --target "${targets[@]/#/fuzz_}" -j "$(nproc)" >/dev/null

corpus=$build/corpus
mkdir -p "$corpus/input" "$corpus/rule" "$corpus/read" "$corpus/parse_rule" "$corpus/pprof" "$corpus/pprof_legacy" "$corpus/perf_script" "$corpus/perf_data" "$corpus/folded" \
  "$corpus/pstats" "$corpus/callgrind" "$corpus/json" "$corpus/v8" "$corpus/firefox" "$corpus/austin" "$corpus/pickle"
cp "$root"/samples/*.pb.gz "$root"/samples/*.txt "$root"/samples/*.txt.gz "$root"/samples/*.folded "$root"/samples/*.prof "$corpus/input/" 2>/dev/null || true
for f in "$root"/samples/*.gz; do zcat "$f" > "$corpus/input/$(basename "$f" .gz).raw"; done
cp "$root"/../shared/corpus/flamegraph/*.txt "$corpus/input/" 2>/dev/null || true
i=0
while IFS= read -r rule; do
  printf '%s' "$rule" > "$corpus/rule/seed-$i"; i=$((i + 1))
done < <(grep -ho "f.Holds(\"[^;]*\")\|f.Error(\"[^;]*\")" "$root/tests/analyzer/assertions_test.cpp" | sed 's/^f\.[A-Za-z]*("//; s/")$//; s/\\"/"/g')

cp "$corpus/input/"* "$corpus/read/"
for f in "$root"/samples/*.pb.gz; do zcat "$f" > "$corpus/pprof/$(basename "$f" .gz)"; done
cp "$root"/samples/perf-*.txt "$root"/../shared/corpus/flamegraph/*.txt "$corpus/perf_script/" 2>/dev/null || true
cp "$root"/samples/*.folded "$root"/tests/golden/folded/*.folded "$corpus/folded/" 2>/dev/null || true
cp "$root"/tests/golden/perfdata/*.data "$corpus/perf_data/"
cp "$corpus/rule/"* "$corpus/parse_rule/"
cp "$root"/samples/*.prof "$corpus/pstats/"
cp "$root"/samples/legacy/* "$corpus/pprof_legacy/"
cp "$root"/samples/*.pickle "$corpus/pickle/"
for f in "$root"/samples/callgrind-*.gz; do zcat "$f" | head -c 16000 > "$corpus/callgrind/$(basename "$f" .gz)" || true; done
zcat "$root"/samples/chrome-trace.json.gz | head -c 16000 > "$corpus/json/chrome-trace.json" || true
cp "$root"/tests/data/json/*.cpuprofile "$corpus/v8/"
zcat "$root"/samples/node-cpu.cpuprofile.gz > "$corpus/v8/node-cpu.cpuprofile"
printf '%s' '{"code":[{"name":"main /a.js:1:1","type":"JS","kind":"Opt"},{"name":"/usr/lib/libc.so.6","type":"SHARED_LIB"}],"functions":[],"ticks":[{"tm":5,"vm":0,"s":[0,3,-1,77]},{"tm":9,"vm":1,"s":[1,0,0,2]}]}' > "$corpus/v8/proflog.json"
zcat "$root"/tests/data/json/speedscope-firefox63-simple.json.gz | head -c 16000 > "$corpus/firefox/firefox63.json" || true
zcat "$root"/tests/data/json/samply-ls-profile.json.gz | head -c 16000 > "$corpus/firefox/samply.json" || true
cp "$root"/tests/data/python/austin-python-austin.out "$corpus/austin/"
for f in "$root"/samples/austin1*.txt.gz; do zcat "$f" | head -c 16000 > "$corpus/austin/$(basename "$f" .gz)"; done
printf '%s' '{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"a"},{"name":"b"}]},"profiles":[{"type":"evented","unit":"milliseconds","events":[{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":1},{"type":"C","frame":1,"at":2},{"type":"C","frame":0,"at":3}]},{"type":"sampled","unit":"none","samples":[[0,1]],"weights":[2]}]}' > "$corpus/json/speedscope.json"
# Hostile shapes (issue 38): a long name, deep nesting, ill-formed UTF-8 and
# markup in names, in every text reader's corpus and in input's and read's
# (which draw every report), within the default max_len.
python3 - "$corpus" <<'PY'
import json, sys
c = sys.argv[1]
long_name, bad, markup = "x" * 15000, b"bad\xff\xfe\xc0\xed\xa0\x80", b"<!--<script>x</script>]]>&\xe2\x80\xa8"
seeds = {
    "folded": {"long.folded": b"main;" + long_name.encode() + b" 1\n",
               "names.folded": b"main;" + bad + b" 2\nmain;" + markup + b" 3\n"},
    "perf_script": {"names.txt": b"app 1/1 [000] 1.000000: 1000 cpu-clock:\n\t 1000 " + bad + b" (/bin/app)\n\t 2000 " + markup + b" (/bin/app)\n\n"},
    "callgrind": {"names.callgrind": b"events: Ir\nfl=a.c\nfn=main\n1 10\ncfn=" + bad + b"\ncalls=1 2\n1 100\nfn=" + markup + b"\n2 100\n"},
    "json": {"nested.json": json.dumps({"traceEvents": [{"name": "f%d" % (i % 7), "ph": "B", "ts": i, "pid": 1, "tid": 1} for i in range(120)] +
                                        [{"name": "f%d" % ((119 - i) % 7), "ph": "E", "ts": 120 + i, "pid": 1, "tid": 1} for i in range(120)]}).encode(),
             "markup.json": json.dumps({"traceEvents": [{"name": "<!--<script>x\u2028\u0001\u001b[31m", "ph": "X", "ts": 0, "dur": 5, "pid": 1, "tid": 1}]}).encode()},
}
for target, files in seeds.items():
    for name, data in files.items():
        for d in (target, "input", "read"):
            open("%s/%s/hostile-%s" % (c, d, name), "wb").write(data)
PY
# Run the targets JOBS at a time (default: one per core), then sum the executions.
jobs=${2:-$(nproc)}
run_one() {
  local target=$1 log=$build/fuzz_$1.log
  (cd "$build" && ./fuzz_$target -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=${FUZZ_MAX_LEN:-16384} \
      -print_final_stats=1 "$corpus/$target" > "$log" 2>&1) || echo "fuzz_$target stopped early: see $log"
}
running=0
for target in "${targets[@]}"; do
  run_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
total=0
for target in "${targets[@]}"; do
  execs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$build/fuzz_$target.log" | grep -o "[0-9]*$" || echo 0)
  echo "fuzz_$target: $execs executions in ${seconds}s"
  total=$((total + execs))
done
echo "total: $total executions"
ls "$build"/crash-* "$build"/timeout-* "$build"/leak-* "$build"/oom-* 2>/dev/null && echo "findings above" || echo "no findings"
