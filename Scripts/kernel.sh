#!/bin/sh
# Builds .build/kernel/memory-set.elf: the memory-set kernel for QEMU's riscv64 `virt` machine,
# started by OpenSBI (`-bios default`) at 0x80200000 in S-mode (docs/KERNEL.md).
#
#   Kernel/Support/start.S, support.c   start-up, trap entry, probes, UART, CSRs, SBI, heap (C)
#   Kernel/Support/float.c              the double routines of Dictionary and Set, on the FPU
#   Sources/MemorySetCore, MMUSim, Shell  the package's modules, under Embedded Swift
#   Kernel/Sources/*.swift              the Sv39 mirror, trap handler and console loop (Swift)
#   Kernel/kernel.ld                    the memory layout
#
# Environment: SWIFTC, CLANG, LLD (defaults: from the toolchain of swiftc); KERNEL_SOURCES, the
# folder holding the module sources (default Sources); KERNEL_OUT (default .build/kernel).
set -eu
cd "$(dirname "$0")/.."

SWIFTC=${SWIFTC:-swiftc}
SWIFTC_PATH=$(command -v "$SWIFTC") || { echo "kernel: $SWIFTC not found" >&2; exit 1; }
BIN=$(dirname "$(readlink -f "$SWIFTC_PATH")")
CLANG=${CLANG:-$BIN/clang}
LLD=${LLD:-$BIN/ld.lld}
SOURCES=${KERNEL_SOURCES:-Sources}
OUT=${KERNEL_OUT:-.build/kernel}
TARGET=riscv64-none-none-eabi
UNICODE=$(dirname "$BIN")/lib/swift/embedded/$TARGET/libswiftUnicodeDataTables.a
mkdir -p "$OUT"

CFLAGS="--target=riscv64 -march=rv64imac -mabi=lp64 -mcmodel=medany -ffreestanding -fno-builtin
    -nostdlib -O2 -Wall -Werror -I Kernel/Support/include"
SWIFTFLAGS="-enable-experimental-feature Embedded -wmo -parse-as-library -target $TARGET -Osize
    -Xcc -mcmodel=medany -Xcc -march=rv64imac -Xcc -mabi=lp64 -Xfrontend -function-sections
    -Xfrontend -disable-stack-protector -I $OUT -I Kernel/Support/include"

start=$(date +%s)
# shellcheck disable=SC2086
"$CLANG" $CFLAGS -c Kernel/Support/start.S -o "$OUT/start.o"
# shellcheck disable=SC2086
"$CLANG" $CFLAGS -c Kernel/Support/support.c -o "$OUT/support.o"
# The double routines of the standard library's hashed collections, on the FPU (float.c).
# shellcheck disable=SC2086
"$CLANG" $(echo $CFLAGS | sed 's/-march=rv64imac/-march=rv64imafdc/') -c Kernel/Support/float.c -o "$OUT/float.o"

for module in MemorySetCore MMUSim Shell; do
    # shellcheck disable=SC2046,SC2086
    "$SWIFTC" $SWIFTFLAGS -module-name "$module" \
        -emit-module -emit-module-path "$OUT/$module.swiftmodule" \
        -c -o "$OUT/$module.o" $(find "$SOURCES/$module" -name '*.swift' | sort)
done
# shellcheck disable=SC2086
"$SWIFTC" $SWIFTFLAGS -module-name Kernel -c -o "$OUT/Kernel.o" \
    Kernel/Sources/*.swift Embedded/Common/*.swift

"$LLD" -T Kernel/kernel.ld --gc-sections -o "$OUT/memory-set.elf" \
    "$OUT/start.o" "$OUT/support.o" "$OUT/float.o" "$OUT/Kernel.o" "$OUT/MemorySetCore.o" "$OUT/MMUSim.o" "$OUT/Shell.o" "$UNICODE"
echo "kernel: $OUT/memory-set.elf ($(wc -c < "$OUT/memory-set.elf") bytes) built in $(( $(date +%s) - start )) s"
