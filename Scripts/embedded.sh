#!/bin/sh
# Builds the embedded smoke program (Embedded/Smoke) against MemorySetCore, MMUSim and Shell twice,
# under Embedded Swift and as a normal host program, runs both and compares their output
# with each other and with Embedded/Smoke/expected.txt. Then compiles the same modules and
# client (no link, no run) for the bare-metal targets riscv64-none-none-eabi and
# aarch64-none-none-elf, and checks that MemorySetCore's riscv64 object calls no soft-float
# routine (no floating point in the core). Run by `make embedded` (part of `make test`).
#
# Environment: SWIFTC (default swiftc); EMBEDDED_OPT (default -Onone); EMBEDDED_SOURCES, the folder holding the module
# sources (default Sources); EMBEDDED_OUT, the build folder (default .build/embedded).
# Updating the golden after an intended change: UPDATE_GOLDEN=1 Scripts/embedded.sh
set -eu
cd "$(dirname "$0")/.."

SWIFTC=${SWIFTC:-swiftc}
SOURCES=${EMBEDDED_SOURCES:-Sources}
OUT=${EMBEDDED_OUT:-.build/embedded}
MODULES="MemorySetCore MMUSim Shell"
GOLDEN=Embedded/Smoke/expected.txt

# The toolchain's usr/ folder: swiftc is in usr/bin, the embedded libraries in
# usr/lib/swift/embedded/<target>/.
SWIFTC_PATH=$(command -v "$SWIFTC") || { echo "embedded: $SWIFTC not found" >&2; exit 1; }
TOOLCHAIN=$(dirname "$(dirname "$(readlink -f "$SWIFTC_PATH")")")
EMBEDDED_LIBS=$TOOLCHAIN/lib/swift/embedded
NM=$(command -v llvm-nm || echo "$TOOLCHAIN/bin/llvm-nm")

EMBEDDED="-enable-experimental-feature Embedded -wmo -parse-as-library"
# Unoptimized by default: the program is tiny, and the builds take half the time.
OPT=${EMBEDDED_OPT:--Onone}
# The core's invariant checks run after every mutation in both builds.
CHECKS="-D MEMORY_SET_INVARIANT_CHECKS"

# build_modules DIR FLAGS...: compiles each module of $MODULES into DIR (module + object).
build_modules() {
    dir=$1
    shift
    mkdir -p "$dir"
    for module in $MODULES; do
        # shellcheck disable=SC2046  # one argument per source file
        "$SWIFTC" "$@" -I "$dir" -module-name "$module" \
            -emit-module -emit-module-path "$dir/$module.swiftmodule" \
            -c -o "$dir/$module.o" $(find "$SOURCES/$module" -name '*.swift' | sort)
    done
}

objects() {
    for module in $MODULES; do printf '%s ' "$1/$module.o"; done
}

start=$(date +%s)

# 1. Host build and Embedded build for x86_64 Linux; run both.
build_modules "$OUT/host" -wmo -parse-as-library $OPT $CHECKS
# shellcheck disable=SC2046
"$SWIFTC" -wmo -parse-as-library $OPT -I "$OUT/host" -module-name Smoke \
    Embedded/Smoke/*.swift Embedded/Common/*.swift $(objects "$OUT/host") -o "$OUT/host/smoke"

LINUX=x86_64-unknown-linux-gnu
# shellcheck disable=SC2086
build_modules "$OUT/$LINUX" $EMBEDDED -target $LINUX $OPT $CHECKS
# shellcheck disable=SC2046,SC2086
"$SWIFTC" $EMBEDDED -target $LINUX $OPT -I "$OUT/$LINUX" -module-name Smoke \
    Embedded/Smoke/*.swift Embedded/Common/*.swift $(objects "$OUT/$LINUX") \
    "$EMBEDDED_LIBS/$LINUX/libswiftUnicodeDataTables.a" -lm -o "$OUT/$LINUX/smoke"

"$OUT/host/smoke" > "$OUT/host.out"
"$OUT/$LINUX/smoke" > "$OUT/embedded.out"

status=0
if ! cmp -s "$OUT/host.out" "$OUT/embedded.out"; then
    echo "embedded: the Embedded build prints differently from the host build:" >&2
    diff "$OUT/host.out" "$OUT/embedded.out" >&2 || true
    status=1
fi
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$OUT/host.out" "$GOLDEN"
    echo "embedded: $GOLDEN updated"
elif ! cmp -s "$OUT/host.out" "$GOLDEN"; then
    echo "embedded: output differs from $GOLDEN:" >&2
    diff "$GOLDEN" "$OUT/host.out" >&2 || true
    status=1
fi
[ $status = 0 ] || exit $status
echo "embedded: host and Embedded ($LINUX) smoke runs agree with $GOLDEN ($(wc -l < "$GOLDEN") lines)"

# 2. Bare-metal targets: modules and client compile (nothing to run them on here).
for target in riscv64-none-none-eabi aarch64-none-none-elf; do
    # shellcheck disable=SC2086
    build_modules "$OUT/$target" $EMBEDDED -target $target $OPT
    # shellcheck disable=SC2086
    "$SWIFTC" $EMBEDDED -target $target $OPT -I "$OUT/$target" -module-name Smoke \
        -c Embedded/Smoke/*.swift Embedded/Common/*.swift -o "$OUT/$target/Smoke.o"
    echo "embedded: $MODULES and the smoke client compile for $target"
done

# 3. No floating point in the core: on riscv64 (no FPU in the target's ABI) any floating-point
# operation becomes a call to a soft-float routine such as __floatundidf or __muldf3.
softfloat=$("$NM" -u "$OUT/riscv64-none-none-eabi/MemorySetCore.o" |
    grep -E ' __(add|sub|mul|div|neg|fix|fixuns|float|floatun|eq|ne|lt|le|gt|ge|unord|cmp|extend|trunc)[a-z]*[sdtx]f[0-9]?$' || true)
if [ -n "$softfloat" ]; then
    echo "embedded: MemorySetCore uses floating point (soft-float calls on riscv64):" >&2
    echo "$softfloat" >&2
    exit 1
fi
echo "embedded: MemorySetCore calls no soft-float routine on riscv64"
echo "embedded: done in $(( $(date +%s) - start )) s"
