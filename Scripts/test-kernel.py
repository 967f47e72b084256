#!/usr/bin/env python3
"""Boots the memory-set kernel in QEMU and types Kernel/Tests/session.txt at its prompt, one
line at a time (each after the prompt is back; `<BS>` stands for a backspace key), then
compares the console transcript from the kernel's first line on (OpenSBI's banner left out,
line ends as \\n) with Kernel/Tests/session.out.

Usage: Scripts/test-kernel.py [ELF] [--update]   (--update rewrites the golden)
"""
import os
import re
import sys
import time

import pexpect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SESSION = os.path.join(ROOT, "Kernel", "Tests", "session.txt")
GOLDEN = os.path.join(ROOT, "Kernel", "Tests", "session.out")
PROMPT = re.compile(rb"memory-set \(\d+ areas?\)> ")
STEP_TIMEOUT = 20  # seconds for the boot, and for each command


def main(argv):
    update = "--update" in argv
    args = [a for a in argv if a != "--update"]
    elf = args[0] if args else os.path.join(ROOT, ".build", "kernel", "memory-set.elf")
    started = time.time()
    qemu = pexpect.spawn(
        "qemu-system-riscv64",
        ["-machine", "virt", "-m", "128M", "-bios", "default", "-nographic", "-kernel", elf],
        timeout=STEP_TIMEOUT)
    log = bytearray()
    try:
        qemu.expect(PROMPT)
        log += qemu.before + qemu.after
        with open(SESSION) as f:
            lines = f.read().splitlines()
        for line in lines:
            for i, part in enumerate(line.encode().split(b"<BS>")):
                if i:
                    qemu.send(b"\x7f")
                qemu.send(part)
            qemu.send(b"\r")
            if line.strip().lower() in ("quit", "exit"):
                qemu.expect(pexpect.EOF)
                log += qemu.before
                break
            qemu.expect(PROMPT)
            log += qemu.before + qemu.after
        else:
            print("test-kernel: the session does not end with quit", file=sys.stderr)
            return 1
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        print(f"test-kernel: the kernel stopped answering ({type(error).__name__}); output so far:",
              file=sys.stderr)
        sys.stderr.write((bytes(log) + (qemu.before or b"")).decode("utf-8", "replace"))
        return 1
    finally:
        qemu.close(force=True)
    # Line ends: the kernel sends \r\n, which the pseudo-terminal may turn into \r\r\n.
    text = re.sub(r"\r+\n", "\n", bytes(log).decode("utf-8", "replace"))
    start = text.find("memory-set kernel:")
    if start < 0:
        print("test-kernel: no kernel banner in the output", file=sys.stderr)
        return 1
    transcript = text[start:]
    if update:
        with open(GOLDEN, "w", newline="") as f:
            f.write(transcript)
        print(f"test-kernel: {GOLDEN} updated")
        return 0
    with open(GOLDEN, newline="") as f:
        expected = f.read()
    if transcript != expected:
        import difflib
        sys.stderr.writelines(difflib.unified_diff(
            expected.splitlines(True), transcript.splitlines(True), "session.out", "this run"))
        print("test-kernel: the transcript differs from Kernel/Tests/session.out", file=sys.stderr)
        return 1
    print(f"test-kernel: {len(lines)} lines typed, transcript matches Kernel/Tests/session.out "
          f"({time.time() - started:.1f} s in QEMU)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
