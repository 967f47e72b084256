#!/usr/bin/env python3
"""Replay semantics of `load strace` and `memory-set trace` (issue 15, point 3).

Usage: semantics.py MEMORY_SET_BINARY

Compiles Tests/Strace/probe.c with cc, traces it with `memory-set trace --save LOG` (strace -f
-y), replays LOG with `load strace` and exports the areas with `export maps`, then compares,
page by page, the replayed areas with the probe's own /proc/self/maps dumped at its marker
(after its last memory call):

- every replayed page is in the dump, with the same rwx and the same name (`[anon]` for an
  anonymous mapping, which the kernel leaves unnamed; `[heap]`; the -y path of a file);
- every page of the dump is replayed, except those the kernel mapped itself at execve (the
  program, its interpreter, [stack], [vdso], [vvar], [vvar_vclock], [vsyscall]), which no
  traced call made.

Areas are compared as pages, so Linux merging adjacent compatible areas (the replay keeps
them apart) does not matter. Exits 1 listing the differences, 0 when they agree.
"""
import os
import shutil
import subprocess
import sys
import tempfile

PAGE = 4096
KERNEL_MADE = {"[stack]", "[vdso]", "[vvar]", "[vvar_vclock]", "[vsyscall]"}


def pages(maps_text):
    """{page address: (rwx, name)} of a /proc/PID/maps text."""
    out = {}
    for line in maps_text.splitlines():
        if not line.strip():
            continue
        fields = line.split(None, 5)
        start, end = (int(x, 16) for x in fields[0].split("-"))
        name = fields[5].strip() if len(fields) > 5 else ""
        for page in range(start, end, PAGE):
            out[page] = (fields[1][:3], name)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    if not shutil.which("cc"):
        sys.exit("semantics.py: cc is needed to build the probe")
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory(prefix="strace-semantics-") as tmp:
        probe = os.path.join(tmp, "probe")
        subprocess.run(["cc", "-O1", "-o", probe, os.path.join(here, "probe.c")], check=True)
        log, dump, replayed = (os.path.join(tmp, n) for n in ("probe.strace", "dump.maps", "replayed.maps"))

        trace = subprocess.run([binary, "trace", "--no-render", "--save", log, "--", probe, dump],
                               capture_output=True, text=True)
        if trace.returncode != 0:
            sys.exit(f"memory-set trace failed ({trace.returncode}):\n{trace.stderr}")
        if "replayed " not in trace.stdout:
            sys.exit(f"memory-set trace printed no replay summary:\n{trace.stdout[-2000:]}")

        load = subprocess.run([binary, "--no-render", "-c", f'load strace "{log}"', "-c", f'export maps "{replayed}"'],
                              capture_output=True, text=True)
        if load.returncode != 0:
            sys.exit(f"load strace failed ({load.returncode}):\n{load.stderr}")

        with open(dump) as f:
            dumped = pages(f.read())
        with open(replayed) as f:
            ours = {page: (rwx, "" if name == "[anon]" else name) for page, (rwx, name) in pages(f.read()).items()}

        made_at_exec = KERNEL_MADE | {probe}
        made_at_exec |= {name for _, name in dumped.values() if os.path.basename(name).startswith("ld-")}
        problems = []
        for page, (rwx, name) in sorted(ours.items()):
            if page not in dumped:
                problems.append(f"{page:#x}: replayed {rwx} {name or '[anon]'}, not mapped in the process")
            elif dumped[page] != (rwx, name):
                problems.append(f"{page:#x}: replayed {rwx} {name or '[anon]'}, the process has {dumped[page][0]} {dumped[page][1] or '[anon]'}")
        for page, (rwx, name) in sorted(dumped.items()):
            if page not in ours and name not in made_at_exec:
                problems.append(f"{page:#x}: the process has {rwx} {name or '[anon]'}, not replayed")

        # The probe's own calls must be there: an area split in three by protect, and a
        # page of the probe's file mapped by mmap (not at execve).
        if not any(name == probe for page, (_, name) in ours.items()):
            problems.append("no replayed page of the probe's own file (the mmap of F)")
        if sum(1 for _, (_, name) in ours.items() if name == "[heap]") != 12:
            problems.append("the replayed heap is not 12 pages (64 KiB grown, 16 KiB shrunk)")

        if problems:
            print(f"strace replay semantics: {len(problems)} difference(s)", file=sys.stderr)
            for p in problems[:50]:
                print("  " + p, file=sys.stderr)
            sys.exit(1)
        print(f"strace replay semantics: {len(ours)} replayed pages agree with /proc/self/maps "
              f"({len(dumped) - len(ours)} pages mapped at execve left out)")


if __name__ == "__main__":
    main()
