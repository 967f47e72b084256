#!/bin/sh
# Rebuilds the seed corpus Fuzz/seeds/ from the session files Sessions/*.mset (those under
# 4 KiB): each one prefixed with a few configuration bytes (see Fuzz/FuzzShell.swift:
# bit 0 JSON, bits 1-3 the frame count, bit 4 echo, bit 5 narrow, bit 6 no render, bit 7
# interactive).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SEEDS="$ROOT/Fuzz/seeds"
rm -rf "$SEEDS"
mkdir -p "$SEEDS"
for file in "$ROOT"/Sessions/*.mset; do
    [ "$(wc -c < "$file")" -le 4096 ] || continue
    name=$(basename "$file" .mset)
    # human + default frames, JSON + 4 frames, human + 9 frames + echo, JSON + 2 frames + no render
    # (octal: printf in sh has no \\x escape)
    for config in 000 011 034 105; do
        { printf "\\$config"; cat "$file"; } > "$SEEDS/$name-$config"
    done
done
echo "$(ls "$SEEDS" | wc -l) seeds in $SEEDS"
