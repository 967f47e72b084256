#!/usr/bin/env python3
"""Writes a random session for timing `memory-set` end to end (issue #6: a 1,000,000-line piped
session with --no-render).

    python3 Scripts/make-session.py LINES [SEED] > session.mset
    time .build/release/memory-set --no-render < session.mset > /dev/null

Commands touch 1-4 pages among 2^16 pages at 0x0: 40% map --force, 30% unmap, 20% protect,
10% find. The same LINES and SEED always give the same file.
"""
import random
import sys


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    flags = ["r", "rw", "rx", "rwx", "rwu", "-"]
    out = []
    for _ in range(lines):
        page = rng.randrange(1 << 16)
        pages = rng.randint(1, 4)
        start, size = page << 12, pages << 12
        roll = rng.random()
        if roll < 0.4:
            out.append(f"map {start:#x} +{size:#x} {rng.choice(flags)} --force")
        elif roll < 0.7:
            out.append(f"unmap {start:#x} +{size:#x}")
        elif roll < 0.9:
            out.append(f"protect {start:#x} +{size:#x} {rng.choice(flags)}")
        else:
            out.append(f"find {start + rng.randrange(size):#x}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
