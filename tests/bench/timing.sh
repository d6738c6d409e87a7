# Timing for the benchmark scripts (sourced; needs $bench and /usr/bin/time).
#
# file_mib FILE          the file's size in MiB (one decimal)
# mib_rate MIB SECONDS   MiB/s, or "-" without a time
# speedup PEER_S OURS_S  the peer's time over ours, as "12.3x", or "-" without both
# run OUT CMD...         one run: secs (wall) and mib (peak RSS); OUT gets stdout
# run_median OUT CMD...  three runs: secs is their median, mib the largest peak,
#                        spread "min-max" seconds. proflens runs are short (most
#                        under a second), so one stall of a shared machine could
#                        decide a single run; peers take many seconds and run once.

file_mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
mib_rate() { awk -v m="$1" -v s="$2" 'BEGIN { if (s + 0 > 0) printf "%.0f", m / s; else print "-" }'; }
speedup() { awk -v p="$1" -v o="$2" 'BEGIN { if (p + 0 > 0 && o + 0 > 0) printf "%.1fx", p / o; else print "-" }'; }

run() {
  local out=$1 start end
  shift
  # The previous run's output is removed before the clock starts: the shell
  # truncates an existing file when it opens it, and freeing the page cache
  # of a 115 MB output takes 30 ms, which is no part of the command's work.
  rm -f "$out"
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$bench/time.txt" "$@" > "$out" 2> "$bench/stderr.txt" || { secs=fail; mib=-; spread=-; return; }
  end=$(date +%s%N)
  secs=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
  mib=$(awk -v kb="$(cat "$bench/time.txt")" 'BEGIN { printf "%.0f", kb / 1024 }')
  spread=$secs
}

run_median() {
  local times=() peaks=() k
  for k in 1 2 3; do
    run "$@"
    [ "$secs" = fail ] && return
    times+=("$secs")
    peaks+=("$mib")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  secs=$(sed -n 2p <<< "$sorted")
  spread="$(head -1 <<< "$sorted")-$(tail -1 <<< "$sorted")"
  mib=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -1)
}
