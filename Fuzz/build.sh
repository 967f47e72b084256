#!/bin/sh
# Builds the libFuzzer target Fuzz/.build/fuzz-shell: the package's library modules
# (MemorySetCore, MMUSim, Shell: the layers below the executable) compiled with swiftc under
# -sanitize=fuzzer,address (coverage + AddressSanitizer), optimized, with the set's invariant
# checks after every mutation, then linked with Fuzz/FuzzShell.swift and libFuzzer.
# Usage: Fuzz/build.sh (from the package root or anywhere).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/Fuzz/.build"
SWIFTC=${SWIFTC:-swiftc}
FLAGS="-O -g -sanitize=fuzzer,address -swift-version 6 -parse-as-library -D MEMORY_SET_INVARIANT_CHECKS"
mkdir -p "$OUT"
for module in MemorySetCore MMUSim Shell; do
    echo "compiling $module"
    # shellcheck disable=SC2046,SC2086
    "$SWIFTC" $FLAGS -wmo -module-name "$module" -I "$OUT" \
        -emit-module -emit-module-path "$OUT/$module.swiftmodule" \
        -c -o "$OUT/$module.o" $(find "$ROOT/Sources/$module" -name '*.swift' | sort)
done
echo "linking fuzz-shell"
# shellcheck disable=SC2086
"$SWIFTC" $FLAGS -module-name FuzzShell -I "$OUT" "$ROOT/Fuzz/FuzzShell.swift" \
    "$OUT/MemorySetCore.o" "$OUT/MMUSim.o" "$OUT/Shell.o" -o "$OUT/fuzz-shell" 2>&1 |
    { grep -v "Cannot export local symbol" || true; }
test -x "$OUT/fuzz-shell"
echo "built $OUT/fuzz-shell"
