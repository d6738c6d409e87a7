#!/usr/bin/env bash
# Remakes the perf.data captures and goldens here (Debian's linux-perf 6.1,
# gcc 12; root or perf_event_paranoid <= 1), after building proflens:
#   tests/golden/perfdata/make_goldens.sh [PROFLENS_BINARY]
# work.c needs no C library, so the captures hold no DSO but `work` and the
# kernel; debug/ is a build-id cache of both (work itself, and the lines of
# this kernel's kallsyms the captures' kernel addresses need), so the tests
# symbolize them on any machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proflens=${1:-$here/../../../build/proflens}
cd "$here"
gcc -O1 -g0 -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-inline -static -nostdlib \
    -fno-stack-protector -o work work.c
perf record -q -g -F 999 -e cpu-clock -o fp.data ./work cpu 1500
perf record -q -g -F 999 -e cpu-clock -o kernel.data ./work io 30000
perf record -q -g -F 999 -e cpu-clock -o multi.data ./work fork 1500
# Pipe mode: no build ids, so the binary is found by its recorded path (a
# fixed one, found under --symfs symfs/ by the test), and user space only (no
# kallsyms would be the capture's).
mkdir -p /tmp/proflens-perfdata && cp work /tmp/proflens-perfdata/work
perf record -q -g -F 999 -e cpu-clock:u -o - /tmp/proflens-perfdata/work cpu 600 > pipe.data
rm -r /tmp/proflens-perfdata
chmod 644 ./*.data
# The goldens: perf script's text through the perf script reader, which is
# byte for byte stackcollapse-perf.pl (tests/golden/folded).
for capture in fp kernel multi pipe; do
  perf script -i "$capture.data" --symfs symfs | "$proflens" convert - --to folded -o "$capture.folded"
done
# The build-id cache: work, and the kallsyms lines the captures need.
rm -rf debug
work_id=$(perf buildid-list -i fp.data | awk '$2 ~ /work$/ {print $1}')
kernel_id=$(perf buildid-list -i fp.data | awk '$2 == "[kernel.kallsyms]" {print $1}')
mkdir -p "debug/.build-id/${work_id:0:2}/${work_id:2}" "debug/.build-id/${kernel_id:0:2}/${kernel_id:2}"
cp work "debug/.build-id/${work_id:0:2}/${work_id:2}/elf"
for capture in fp kernel multi pipe; do perf script -i "$capture.data" -F ip,dso; done |
  python3 "$here/trim_kallsyms.py" /proc/kallsyms > "debug/.build-id/${kernel_id:0:2}/${kernel_id:2}/kallsyms"
# The --call-graph dwarf captures (user space only: no kallsyms needed).
"$here/make_dwarf_goldens.sh" "$proflens"
