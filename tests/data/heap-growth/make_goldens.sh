#!/bin/sh
# Remakes goldens.txt from the heap profiles with go tool pprof (Go 1.19):
# per profile its time (pprof -raw's "Time:" line), its inuse_space total and
# the cum of main.(*cache).Put (-focus), both in bytes.
#   cd tests/data/heap-growth && ./make_goldens.sh > goldens.txt
set -eu
echo "# file time_utc inuse_space_total_bytes cache_put_cum_bytes"
for f in heap-*.pb.gz; do
  time=$(go tool pprof -raw "$f" 2>/dev/null | sed -n 's/^Time: \([0-9-]*\) \([0-9:.]*\) .*/\1T\2Z/p')
  total=$(go tool pprof -sample_index=inuse_space -unit=B -top "$f" 2>/dev/null | sed -n 's/.* of \([0-9]*\)B total$/\1/p')
  put=$(go tool pprof -sample_index=inuse_space -unit=B -focus='cache.*Put' -top "$f" 2>/dev/null |
        awk '$NF == "main.(*cache).Put" { sub(/B$/, "", $4); print $4 }')
  echo "$f $time $total $put"
done
