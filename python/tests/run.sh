#!/bin/sh
# Runs the proflens_fleet tests (CTest's "fleet" test) with a python3 that
# has Dask distributed: Debian's python3-distributed is in /usr/bin/python3's
# path, which a python3 of pyenv or a venv earlier on PATH may not see.
# PROFLENS names the binary under test (default: build/proflens).
dir=$(cd "$(dirname "$0")" && pwd)
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import distributed' 2>/dev/null; then
    exec "$py" -m unittest discover -s "$dir" "$@"
  fi
done
echo "python/tests: no python3 with Dask distributed; install python3-distributed (scripts/setup.sh --test)" >&2
exit 1
