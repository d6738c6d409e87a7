#!/usr/bin/env bash
# Records the callgrind samples in samples/ (Debian's valgrind 3.19, gcc) and
# the cProfile samples (python3). Run from samples/gen.
set -euo pipefail
out=$(cd .. && pwd)
work=$(mktemp -d)
gcc -O1 -g -fno-omit-frame-pointer -o "$work/perfwork" perfwork.c
cd "$work"
# Defaults: compressed names and positions, one event (Ir), recursion levels as fib'2.
valgrind --tool=callgrind --callgrind-out-file=basic.out ./perfwork 1
# Instruction and line positions (relative +N/-N), cache and branch simulation: 13 events.
valgrind --tool=callgrind --dump-instr=yes --cache-sim=yes --branch-sim=yes --callgrind-out-file=multi.out ./perfwork 1
# No compression at all, recursion as self-calls (fib -> fib).
valgrind --tool=callgrind --compress-strings=no --compress-pos=no --separate-recs=1 --callgrind-out-file=plain.out ./perfwork 1
for n in basic multi plain; do gzip -9n -c $n.out > "$out/callgrind-$n.out.gz"; done
cd "$OLDPWD/.."
python3 -m cProfile -o py-fast.prof gen/pywork.py fast
python3 -m cProfile -o py-slow.prof gen/pywork.py slow
