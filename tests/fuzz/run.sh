#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address and undefined-behaviour
# sanitizers) and runs each for SECONDS (default 300), seeded from samples/,
# tests/data, FlameGraph's perf captures, the rules of
# tests/analyzer/assertions_test.cpp and the hostile shapes of issue 38
# (tests/fuzz/hostile_seeds.py):
#   read        bytes as a profile file: gzip, detection, every reader
#   pprof, pprof_legacy, perf_script, perf_data, folded, pstats, callgrind,
#   json, v8, firefox, austin, pickle   each reader on its own
#   parse_rule  text as a check rule: the parser
#   input       read, then every report (top, peek, dot, flame, folded, pprof)
#   rule        parse and evaluate a rule on a small profile with a base
# Prints a table of executions per target and their total; a crash, timeout,
# leak or OOM is saved by libFuzzer as build-fuzz/findings/<target>-crash-*
# (minimize it with -minimize_crash=1, fix it, then copy it into
# tests/fuzz/regressions/<target>/, which the normal suite replays).
#
#   tests/fuzz/run.sh [SECONDS] [JOBS]     (JOBS targets at a time, default: cores)
#   FUZZ_TARGETS="json v8" tests/fuzz/run.sh 60 1     (some targets only)
# Needs Debian's clang-14 and libclang-rt-14-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-300}
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
shared_corpus=${PROFLENS_CORPUS_DIR:-$root/../shared/corpus}
"$root/scripts/setup.sh" >/dev/null
# -O1 and line tables (CMakeLists.txt), as libFuzzer advises: quicker to build.
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS=-O1 -DPROFLENS_FUZZ=ON \
  ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
targets=(${FUZZ_TARGETS:-read pprof pprof_legacy perf_script perf_data folded pstats callgrind json v8 firefox austin pickle parse_rule input rule})
cmake --build "$build" --target "${targets[@]/#/fuzz_}" -j "${BUILD_JOBS:-$(nproc)}" >/dev/null

corpus=$build/corpus
mkdir -p "$corpus/input" "$corpus/rule" "$corpus/read" "$corpus/parse_rule" "$corpus/pprof" "$corpus/pprof_legacy" "$corpus/perf_script" "$corpus/perf_data" "$corpus/folded" \
  "$corpus/pstats" "$corpus/callgrind" "$corpus/json" "$corpus/v8" "$corpus/firefox" "$corpus/austin" "$corpus/pickle"
cp "$root"/samples/*.pb.gz "$root"/samples/*.txt "$root"/samples/*.txt.gz "$root"/samples/*.folded "$root"/samples/*.prof "$corpus/input/" 2>/dev/null || true
for f in "$root"/samples/*.gz; do zcat "$f" > "$corpus/input/$(basename "$f" .gz).raw"; done
cp "$shared_corpus"/flamegraph/*.txt "$corpus/input/" 2>/dev/null || true
i=0
while IFS= read -r rule; do
  printf '%s' "$rule" > "$corpus/rule/seed-$i"; i=$((i + 1))
done < <(grep -ho "f.Holds(\"[^;]*\")\|f.Error(\"[^;]*\")" "$root/tests/analyzer/assertions_test.cpp" | sed 's/^f\.[A-Za-z]*("//; s/")$//; s/\\"/"/g')

cp "$corpus/input/"* "$corpus/read/"
for f in "$root"/samples/*.pb.gz; do zcat "$f" > "$corpus/pprof/$(basename "$f" .gz)"; done
cp "$root"/samples/perf-*.txt "$shared_corpus"/flamegraph/*.txt "$corpus/perf_script/" 2>/dev/null || true
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
for f in "$root"/samples/austin1*.txt.gz; do zcat "$f" | head -c 16000 > "$corpus/austin/$(basename "$f" .gz)" || true; done
printf '%s' '{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"name":"a"},{"name":"b"}]},"profiles":[{"type":"evented","unit":"milliseconds","events":[{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":1},{"type":"C","frame":1,"at":2},{"type":"C","frame":0,"at":3}]},{"type":"sampled","unit":"none","samples":[[0,1]],"weights":[2]}]}' > "$corpus/json/speedscope.json"
# Small real files of formats the lines above do not give whole.
cp "$root"/tests/data/json/*.json "$corpus/json/"
zcat "$root"/tests/data/json/speedscope-chrome141-no-arg-data.json.gz > "$corpus/json/chrome141.json"
zcat "$root"/tests/data/json/speedscope-firefox63-simple.json.gz > "$corpus/firefox/firefox63-whole.json"
cp "$root"/tests/data/callgrind/*.callgrind "$root"/tests/data/callgrind/*.log "$corpus/callgrind/"
cp "$root"/tests/data/folded/*.txt "$corpus/folded/"
cp "$root"/samples/perf-nocallchain.txt "$root"/samples/perf-tracepoint.txt "$corpus/perf_script/"
zcat "$root"/samples/austin1-m.txt.gz > "$corpus/austin/austin1-m.txt"
# Hostile shapes (issue 38) in every reader's own format, and in input's and
# read's (which draw every report): a 100 KB name, 10,000-deep stacks and
# nesting, ill-formed UTF-8, markup (<!--<script>x, ]]>) and control bytes in
# names. Generated, not committed (up to 0.9 MB each; max_len below holds them).
python3 "$root/tests/fuzz/hostile_seeds.py" "$corpus"
# Run the targets JOBS at a time (default: one per core), then sum the executions.
jobs=${2:-$(nproc)}
run_one() {
  local target=$1 log=$build/fuzz_$1.log
  (cd "$build" && ./fuzz_$target -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=${FUZZ_MAX_LEN:-1048576} \
      -print_final_stats=1 -artifact_prefix="$build/findings/$target-" "$corpus/$target" > "$log" 2>&1) ||
    echo "fuzz_$target stopped early: see $log"
}
mkdir -p "$build/findings"
running=0
for target in "${targets[@]}"; do
  run_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
# One table row per target (docs/limits-and-errors.md keeps the last run's).
total=0
echo "| target | executions | corpus at the end | findings |"
echo "|---|---:|---:|---|"
for target in "${targets[@]}"; do
  log=$build/fuzz_$target.log
  execs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" || echo 0)
  units=$(grep -o "#[0-9]*[^0-9]*DONE.*corp: [0-9]*" "$log" | grep -o "corp: [0-9]*" | grep -o "[0-9]*" || echo "?")
  found=$(for f in "$build/findings/$target"-*; do [ -e "$f" ] && printf '%s ' "${f#"$build/findings/$target"-}"; done; true)
  echo "| $target | $execs | $units | ${found:-none} |"
  total=$((total + execs))
done
echo "total: $total executions in ${seconds}s a target"
ls "$build"/findings/* 2>/dev/null && echo "findings above" || echo "no findings"
