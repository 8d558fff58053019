#!/usr/bin/env bash
# threadstress.sh [RUNS] -- runs tests/programs/threadstress.c (64 threads reaching 200 fresh functions at once,
# while blocks are translated and linked) RUNS times (default 100) under ./dbt run, and compares every run's output
# and exit status with the native binary's. Too long for ./run-tests (about 4 s a run); run it by hand after changes
# to the thread model, the code cache or linking. Exits 1 at the first difference.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-100}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
riscv64-linux-gnu-gcc -O2 -static "$ROOT/tests/programs/threadstress.c" -o "$OUT/guest"
gcc -O2 "$ROOT/tests/programs/threadstress.c" -o "$OUT/native" -lpthread
"$OUT/native" > "$OUT/expected"
for i in $(seq 1 "$RUNS"); do
    status=0
    "$ROOT/dbt" run "$OUT/guest" > "$OUT/actual" 2> "$OUT/stderr" || status=$?
    if [ "$status" -ne 0 ] || ! cmp -s "$OUT/expected" "$OUT/actual"; then
        echo "run $i: exit status $status, output differs:" >&2
        diff "$OUT/expected" "$OUT/actual" | head -20 >&2
        cat "$OUT/stderr" >&2
        exit 1
    fi
done
echo "threadstress: $RUNS runs, every one the same as native"
