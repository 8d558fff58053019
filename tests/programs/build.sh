#!/bin/sh
# build.sh OUTDIR -- build the guest test programs in tests/programs/*.c and *.cpp.
#
# For every NAME.c (or NAME.cpp, built by the C++ drivers) next to this script it produces
#   OUTDIR/riscv64/NAME   riscv64-linux-gnu-gcc -O2 -ffp-contract=off -static ... -lm   (the guest binary)
#   OUTDIR/riscv64-dynamic/NAME  the same without -static: a PIE linked dynamically
#                         against the cross toolchain's glibc (run with -L SYSROOT)
#   OUTDIR/native/NAME    gcc -O2 -ffp-contract=off ... -lm                            (the reference)
# -ffp-contract=off: by default RISC-V gcc contracts a*b+c into one fmadd.d
# (a single rounding) while x86-64 gcc without -mfma keeps the multiply and
# the add apart (two roundings), so the floating-point programs (fpmath.c's
# kernels and fma cases) would print different last bits for the same C.
# Turned off on both sides, each C operation is one correctly rounded IEEE
# operation everywhere; fmadd/fmsub/fnmadd/fnmsub still come from explicit
# fma()/fmaf() calls, which RISC-V gcc inlines. -lm for libm (the FP
# programs); it is harmless for the others.
# If riscv64-linux-gnu-gcc is not on PATH the RISC-V half is skipped with a
# message (exit status stays 0); any compile error makes the script exit 1.
# Override the compilers with RISCV_CC / NATIVE_CC if needed.
#
# How each program is run (used by runtime/.../GuestProgramsTest.java and by
# anyone comparing native / qemu-riscv64 / our translator by hand):
#   args/NAME.args     command-line arguments, ONE ARGUMENT PER LINE (an empty
#                      line is an empty argument). Missing file = no arguments.
#   stdin/NAME.stdin   bytes fed to stdin. Missing file = empty stdin.
#   status/NAME.status expected exit status (a decimal number). Missing = 0.
#   qemu/NAME.differs  a known qemu-riscv64 bug that makes this program's run
#                      under qemu differ from Linux's: the qemu comparison is
#                      skipped, with that reason.
# A run passes when stdout and the exit status are identical to the native
# binary's (and the native status equals the expected one). stderr is not
# compared. Programs are deterministic and print nothing that depends on pid,
# time, addresses, the environment's contents or architecture-specific
# floating-point details (NaN signs and payloads, last bits of libm results).
#
# Example (compare native and qemu for one program):
#   tests/programs/build.sh /tmp/progs
#   /tmp/progs/native/argv alpha 'two words' '' 42 --flag=x
#   qemu-riscv64 /tmp/progs/riscv64/argv alpha 'two words' '' 42 --flag=x
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi

SRCDIR=$(cd "$(dirname "$0")" && pwd)
OUT=$1
RISCV_CC=${RISCV_CC:-riscv64-linux-gnu-gcc}
NATIVE_CC=${NATIVE_CC:-gcc}
CFLAGS="-O2 -ffp-contract=off"
LIBS="-lm"

mkdir -p "$OUT/native" || exit 1

have_riscv=1
if ! command -v "$RISCV_CC" >/dev/null 2>&1; then
    echo "build.sh: $RISCV_CC not found; skipping the RISC-V builds" >&2
    have_riscv=0
else
    mkdir -p "$OUT/riscv64" "$OUT/riscv64-dynamic" || exit 1
fi

have_native=1
if ! command -v "$NATIVE_CC" >/dev/null 2>&1; then
    echo "build.sh: $NATIVE_CC not found; skipping the native builds" >&2
    have_native=0
fi

status=0
count=0
for src in "$SRCDIR"/*.c "$SRCDIR"/*.cpp; do
    [ -e "$src" ] || continue
    file=$(basename "$src")
    name=${file%.*}
    riscv=$RISCV_CC
    native=$NATIVE_CC
    if [ "$name.cpp" = "$file" ]; then # C++: the same compilers' C++ drivers
        riscv=${RISCV_CXX:-riscv64-linux-gnu-g++}
        native=${NATIVE_CXX:-g++}
    fi
    count=$((count + 1))
    if [ $have_riscv -eq 1 ]; then
        if ! "$riscv" $CFLAGS -static -o "$OUT/riscv64/$name" "$src" $LIBS; then
            echo "build.sh: FAILED: $riscv $file" >&2
            status=1
        fi
        if ! "$riscv" $CFLAGS -o "$OUT/riscv64-dynamic/$name" "$src" $LIBS; then
            echo "build.sh: FAILED: $riscv $file (dynamic)" >&2
            status=1
        fi
    fi
    if [ $have_native -eq 1 ]; then
        if ! "$native" $CFLAGS -o "$OUT/native/$name" "$src" $LIBS; then
            echo "build.sh: FAILED: $native $file" >&2
            status=1
        fi
    fi
done

if [ $status -eq 0 ]; then
    echo "build.sh: built $count programs into $OUT" >&2
fi
exit $status
