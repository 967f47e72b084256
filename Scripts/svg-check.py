#!/usr/bin/env python3
"""Checks SVG pictures of `export svg`: each must be well-formed XML (xml.etree), a
standalone SVG 1.1 document with whole-pixel width and height, and render with rsvg-convert
to a PNG of exactly that size.

usage: svg-check.py MEMORY-SET FILE.svg...

Besides the files given (the goldens, Sessions/svg/*.svg), it exports a fresh picture from
the built binary holding every kind of area, a label full of XML metacharacters and a huge
gap, and checks it the same way. Exits 1 naming the first bad file.
"""
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}svg"


def check(path):
    root = ET.parse(path).getroot()
    if root.tag != SVG or root.get("version") != "1.1":
        raise ValueError(f"root is {root.tag} version {root.get('version')}, not SVG 1.1")
    width, height = int(root.get("width")), int(root.get("height"))
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "out.png")
        subprocess.run(["rsvg-convert", "-o", png, path], check=True, capture_output=True)
        with open(png, "rb") as f:
            head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("rsvg-convert wrote no PNG")
    size = struct.unpack(">II", head[16:24])
    if size != (width, height):
        raise ValueError(f"rendered {size[0]}x{size[1]}, declared {width}x{height}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary, files = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "fresh.svg")
        commands = "; ".join([
            "map 0x1000 +4K -", "map 0x2000 +4K r", "map 0x3000 +8K rw --label \"/tmp/a&b <c> 'd' \\\"e\\\"\"",
            "map 0x5000 +4K rx", "map 0x6000 +4K rwxu", "map 0x7fff0000 +1M rwu", f"export svg {fresh} --width 640",
        ])
        subprocess.run([binary, "--no-render", "-c", commands], check=True, capture_output=True)
        count = 0
        for path in files + [fresh]:
            try:
                check(path)
            except Exception as error:  # any failure names the file
                sys.exit(f"svg-check: {path}: {error}")
            count += 1
    print(f"svg-check: {count} pictures well-formed and rendered by rsvg-convert")


if __name__ == "__main__":
    main()
