extension StraceLog.Skip: Error {}

extension StraceLog {
    /// Reads a complete call, `NAME(ARG, ARG, …) = RESULT [ERRNO (text)] [<time>]`.
    ///
    /// Arguments are cut at the commas outside strings (`"a,b"`), brackets (`[…]`, `{…}`,
    /// `(…)`), comments (`/* 39 vars */`) and `-y` file annotations (`3</a,b.so>`, nested
    /// with `-yy`: `3</dev/null<char 1:3>>`).
    /// - Returns: The call, or the line skipped and why (truncated, no result, bad result).
    /// - Complexity: O(length of the text)
    static func call(_ text: Substring, pid: ProcessID, line: Int) -> Result<Call, Skip> {
        let utf8 = text.utf8
        let bytes = Array(utf8)
        func fail(_ reason: String) -> Result<Call, Skip> { .failure(Skip(line: line, reason: reason)) }
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")) else { return fail("not a system call line") }
        let name = String(decoding: bytes[..<open], as: UTF8.self)
        guard let (cuts, close) = argumentBounds(bytes, from: open) else {
            return fail("truncated \(name) call: no ')' closes its arguments")
        }
        func sub(_ range: Range<Int>) -> Substring {
            text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
        var arguments: [Substring] = []
        for range in cuts {
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi, bytes[lo] == UInt8(ascii: " ") { lo += 1 }
            while hi > lo, bytes[hi - 1] == UInt8(ascii: " ") { hi -= 1 }
            arguments.append(sub(lo..<hi))
        }
        if arguments.count == 1, arguments[0].isEmpty { arguments = [] }

        // ` = RESULT`, then an optional errno, its text in parentheses, and `-T`'s ` <0.000012>`.
        var i = close + 1
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
            return fail("truncated \(name) call: no '= RESULT' after its arguments")
        }
        i += 1
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        let resultStart = i
        while i < bytes.count, bytes[i] != UInt8(ascii: " ") { i += 1 }
        let result = bytes[resultStart..<i]
        var end = bytes.count
        if let last = bytes.last, last == UInt8(ascii: ">"), let lt = bytes.lastIndex(of: UInt8(ascii: "<")), lt > i,
           bytes[(lt + 1)..<(end - 1)].allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) {
            end = lt
            while end > i, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        }
        let outcome: Outcome
        if result.elementsEqual("?".utf8) {
            // `= ? ERESTARTSYS (To be restarted …)`: interrupted, to be restarted; `= ?`: no result.
            outcome = i < end ? .failed : .unknown
        } else if result.first == UInt8(ascii: "-") {
            outcome = .failed
        } else if let value = number(result) {
            outcome = .value(value)
        } else if result.isEmpty {
            return fail("truncated \(name) call: no result after '='")
        } else {
            return fail("\(name): bad result \(Token.show(String(decoding: result, as: UTF8.self)))")
        }
        return .success(Call(line: line, pid: pid, name: name, arguments: arguments, outcome: outcome,
                             text: String(sub(0..<end))))
    }

    /// The byte ranges of the top-level arguments of the call whose `(` is at `open`, and the
    /// index of its `)`; `nil` when nothing closes it (a truncated line).
    static func argumentBounds(_ bytes: [UInt8], from open: Int) -> ([Range<Int>], Int)? {
        var cuts: [Range<Int>] = []
        var depth = 0
        var start = open + 1
        var i = open + 1
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < bytes.count else { return nil }
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
                guard i + 1 < bytes.count else { return nil }
                i += 1
            case UInt8(ascii: "<") where i > 0 && isDigit(bytes[i - 1]):
                guard let close = annotationEnd(bytes, from: i) else { return nil }
                i = close
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: ")") where depth == 0:
                cuts.append(start..<i)
                return (cuts, i)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                cuts.append(start..<i)
                start = i + 1
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The index of the `>` closing the `-y` annotation whose `<` is at `open` (escapes
    /// skipped, nested annotations counted), or `nil`.
    static func annotationEnd(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "<"): depth += 1
            case UInt8(ascii: ">"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The value of a decimal or `0x` hex number (no sign), or `nil`.
    static func number<Bytes: Collection<UInt8>>(_ digits: Bytes) -> UInt64? {
        var rest = digits[...]
        var radix: UInt64 = 10
        if rest.starts(with: "0x".utf8) || rest.starts(with: "0X".utf8) {
            radix = 16
            rest = rest.dropFirst(2)
        }
        guard !rest.isEmpty else { return nil }
        var value: UInt64 = 0
        for b in rest {
            let d: UInt64
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: d = UInt64(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: d = UInt64(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
            let (times, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = times.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }
}
