#!/usr/bin/env python3
"""Keeps the modules that must build under Embedded Swift free of what it lacks.

Usage:
    Scripts/embedded-check.py [--root DIR] [--float-ok MODULE]... MODULE...
    Scripts/embedded-check.py --self-test

Each MODULE is a folder under DIR/Sources (DIR defaults to the repository). Every
.swift file in it is read with comments and string literals blanked out, and these
are reported as FILE:LINE: rule: text:

    key-path      a key-path literal: \\.name, \\Type.name
    existential   `any P`, `Any`, `AnyHashable`, or `as?` / `as!` / `is` to a protocol
                  (one the scanned sources declare, or a standard library protocol)
    import        Foundation, Glibc, Musl, Darwin, WinSDK, ucrt
    reflection    String(describing:), String(reflecting:), Mirror
    untyped-throws  `throws` not followed by `(ErrorType)`, or `rethrows`
    string-processing  _StringProcessing (absent under Embedded Swift): ranges(of:),
                  firstRange(of:), firstMatch, wholeMatch, prefixMatch, matches(of:),
                  trimmingPrefix, Regex, regex literals
    wide-division  dividingFullWidth, Int128, UInt128 (a 128-bit division calls
                  compiler-rt's __udivti3, which the bare-metal kernel does not link)
    float         Double, Float, Float16/32/64/80, CGFloat, a floating-point literal
                  (not for modules given with --float-ok)

Exit status 0 when nothing is found, 1 otherwise (2 on a usage error). The
compiler's Embedded mode rejects most of these too, but only in code a client
specializes; this check covers every line, and names the rule.

--self-test plants each kind of violation in a scratch module and checks that each
is reported (and that clean look-alikes, in comments, strings or identifiers, are not).
"""
import os
import re
import sys
import tempfile

FORBIDDEN_IMPORTS = ("Foundation", "Glibc", "Musl", "Darwin", "WinSDK", "ucrt", "FoundationEssentials")

# Standard library protocols a cast could name (a cast to one of these is an existential).
STDLIB_PROTOCOLS = {
    "Error", "CustomStringConvertible", "CustomDebugStringConvertible", "TextOutputStreamable",
    "TextOutputStream", "Sendable", "Hashable", "Equatable", "Comparable", "Identifiable",
    "Sequence", "Collection", "BidirectionalCollection", "RandomAccessCollection",
    "MutableCollection", "RangeReplaceableCollection", "IteratorProtocol", "StringProtocol",
    "BinaryInteger", "FixedWidthInteger", "SignedInteger", "UnsignedInteger", "Numeric",
    "SignedNumeric", "AdditiveArithmetic", "Strideable", "RawRepresentable", "OptionSet",
    "SetAlgebra", "CaseIterable", "Codable", "Encodable", "Decodable", "CustomReflectable",
    "LosslessStringConvertible", "BinaryFloatingPoint", "FloatingPoint",
}

RULES = [
    ("key-path", re.compile(r"\\\.[A-Za-z0-9_(]|\\[A-Z][A-Za-z0-9_]*(<[^>]*>)?\??\.[A-Za-z_]")),
    ("existential", re.compile(r"\bany\s+[A-Z(]|\bAny\b|\bAnyHashable\b")),
    ("import", re.compile(r"^\s*(@[A-Za-z_]+\s+)*import\s+(class\s+|struct\s+|enum\s+|func\s+)?("
                          + "|".join(FORBIDDEN_IMPORTS) + r")\b")),
    ("reflection", re.compile(r"String\(\s*(describing|reflecting)\s*:|\bMirror\b")),
    ("untyped-throws", re.compile(r"\bthrows\b(?!\s*\()|\brethrows\b")),
    ("string-processing", re.compile(
        r"\.(ranges|firstRange|firstMatch|wholeMatch|prefixMatch|trimmingPrefix)\(|\.matches\(of:|\bRegex\b|#/")),
    # A 128-bit division calls compiler-rt's __udivti3/__divti3, which the bare-metal kernel
    # does not link (its C runtime provides only what Kernel/ lists).
    ("wide-division", re.compile(r"\bdividingFullWidth\b|\b(U?Int128)\b")),
]
FLOAT_RULE = ("float", re.compile(
    r"\b(Double|Float|Float16|Float32|Float64|Float80|CGFloat)\b"
    r"|(?<![\w.$])\d[\d_]*\.\d[\d_]*([eE][+-]?\d+)?\b|(?<![\w.$])\d[\d_]*[eE][+-]?\d+\b"))


def blank(source):
    """The source with comments and string-literal contents replaced by spaces
    (line breaks kept, so line numbers stay right)."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif source.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if source.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif source.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", source[i:j]))
            i = j
        elif c == '"' or (c == "#" and re.match(r'#+"', source[i:])):
            i = skip_string(source, i, out)
        else:
            out.append(c)
            i += 1
    return "".join(out)


def skip_string(source, i, out):
    """Appends the blanked string literal starting at `i` (raw `#"`, multi-line
    `\"\"\"`, with interpolations kept as code) and returns the index after it."""
    m = re.match(r'(#*)("""|")', source[i:])
    hashes, quote = m.group(1), m.group(2)
    out.append(" " * len(m.group(0)))
    j = i + len(m.group(0))
    closing = quote + hashes
    escape = "\\" + hashes
    n = len(source)
    while j < n:
        if source.startswith(closing, j):
            out.append(" " * len(closing))
            return j + len(closing)
        if source.startswith(escape + "(", j):
            # An interpolation: code, up to the matching parenthesis.
            out.append(" " * len(escape))
            j += len(escape)
            depth = 0
            start = j
            while j < n:
                if source[j] == "(":
                    depth += 1
                elif source[j] == ")":
                    depth -= 1
                    if depth == 0:
                        j += 1
                        break
                elif source[j] == '"' or (source[j] == "#" and re.match(r'#+"', source[j:])):
                    out.append(blank(source[start:j]))
                    j = skip_string(source, j, out)
                    start = j
                    continue
                j += 1
            out.append(blank(source[start:j]))
            continue
        if source.startswith(escape, j) and j + len(escape) < n:
            out.append(" " * (len(escape) + 1))
            j += len(escape) + 1
            continue
        out.append("\n" if source[j] == "\n" else " ")
        j += 1
    return j


def protocols_declared(files):
    names = set()
    for path in files:
        with open(path, encoding="utf-8") as f:
            names.update(re.findall(r"\bprotocol\s+([A-Za-z_][A-Za-z0-9_]*)", blank(f.read())))
    return names


def swift_files(folder):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".swift"):
                yield os.path.join(dirpath, name)


def check(root, modules, float_ok=()):
    """Returns the list of problems in `modules` (folders under root/Sources)."""
    problems = []
    all_files = list(swift_files(os.path.join(root, "Sources")))
    protocols = STDLIB_PROTOCOLS | protocols_declared(all_files)
    cast = re.compile(r"\b(as[?!]|is)\s+(" + "|".join(sorted(protocols)) + r")\b(?!\s*[.<])")
    for module in modules:
        folder = os.path.join(root, "Sources", module)
        if not os.path.isdir(folder):
            problems.append(f"{folder}: no such module folder")
            continue
        rules = RULES + ([] if module in float_ok else [FLOAT_RULE])
        for path in swift_files(folder):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            code = blank(text).split("\n")
            original = text.split("\n")
            rel = os.path.relpath(path, root)
            for number, line in enumerate(code, 1):
                found = [name for name, rule in rules if rule.search(line)]
                if cast.search(line):
                    found.append("existential")
                for name in dict.fromkeys(found):
                    problems.append(f"{rel}:{number}: {name}: {original[number - 1].strip()}")
    return problems


PLANTED = {
    "key-path": "let a = areas.map(\\.start)",
    "key-path ": "let k = \\MemoryArea<B>.start",
    "key-path  ": "let letters = pairs.map(\\.0)",
    "existential": "let e: any Error = MappingError.badState",
    "existential ": "var values: [Any] = []",
    "existential  ": "if let p = x as? CustomStringConvertible { _ = p }",
    "existential   ": "if let p = x as? Planted { _ = p }",
    "import": "import Foundation",
    "import ": "@preconcurrency import Glibc",
    "reflection": "let s = String(describing: x)",
    "untyped-throws": "func f() throws -> Int { 0 }",
    "untyped-throws ": "func g(_ h: () throws -> Void) rethrows {}",
    "string-processing": "let cut = text.ranges(of: \" [\").last",
    "wide-division": "let q = d.dividingFullWidth(x.multipliedFullWidth(by: y))",
    "wide-division ": "let big: UInt128 = 1",
    "float": "let d: Double = 1",
    "float ": "let ratio = count * 0.75",
}

CLEAN = """\
// A comment may say \\.start, any Error, import Foundation, throws, Double and 0.5.
/* Nested /* block */ comments: Any, as? Error, String(describing: x). */
protocol Planted {}
struct Clean: Planted {
    var any = 0
    func f() throws(MappingError) -> Int { any |= 1; return any < 0x80 ? 1 : 0 }
    let text = "any Error, \\\\.key, throws, 1.5, Double \\(1 + 2) done"
    let raw = #"Any "quoted" \\.x"#
    let multi = \"\"\"
        import Foundation
        rethrows 2.5
        \"\"\"
    let version = "1.2"
    let dots = 1...2
    func h(_ p: [(Int, Int)]) -> Bool { p.min { $0.1 < $1.1 } != nil }
    func g() -> Bool { self is Clean }
}
"""


def self_test():
    failures = []
    with tempfile.TemporaryDirectory() as root:
        folder = os.path.join(root, "Sources", "Planted")
        os.makedirs(folder)
        with open(os.path.join(folder, "Clean.swift"), "w") as f:
            f.write(CLEAN)
        problems = check(root, ["Planted"])
        if problems:
            failures.append("clean file reported: " + "; ".join(problems))
        for rule, line in PLANTED.items():
            rule = rule.strip()
            with open(os.path.join(folder, "Bad.swift"), "w") as f:
                f.write("struct Bad {\n    // fine\n    " + line + "\n}\n")
            problems = [p for p in check(root, ["Planted"]) if "Bad.swift" in p]
            want = f"Sources/Planted/Bad.swift:3: {rule}:"
            if not any(p.startswith(want) for p in problems):
                failures.append(f"not caught: {line!r} (wanted {rule}; got {problems})")
            if rule == "float":
                allowed = [p for p in check(root, ["Planted"], float_ok=["Planted"]) if "Bad.swift" in p]
                if allowed:
                    failures.append(f"--float-ok still reports: {allowed}")
            os.remove(os.path.join(folder, "Bad.swift"))
    for failure in failures:
        print("embedded-check self-test: " + failure)
    print(f"embedded-check self-test: {len(PLANTED)} planted violations, "
          + ("all caught" if not failures else f"{len(failures)} failures"))
    return 1 if failures else 0


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    modules, float_ok = [], []
    args = iter(argv)
    for arg in args:
        if arg == "--self-test":
            return self_test()
        if arg == "--root":
            root = next(args, None)
        elif arg == "--float-ok":
            float_ok.append(next(args, ""))
        elif arg.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            modules.append(arg)
    if not modules or root is None:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(root, modules, float_ok)
    for p in problems:
        print(p)
    print(f"embedded-check: {' '.join(modules)}: "
          + ("clean" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
