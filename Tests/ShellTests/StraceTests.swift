import Foundation
import Testing
import TestSupport
@testable import Shell

/// The steps and skipped lines of a log (4 KiB pages).
private func translate(_ log: String, pid: Int? = nil) throws -> (steps: [StraceReplay.Step], skipped: [StraceLog.Skip]) {
    StraceReplay.translate(try StraceLog(text: log, pid: pid), pageSize: 4096)
}

/// The commands of a log, in order (comments left out).
private func commands(_ log: String, pid: Int? = nil) throws -> [String] {
    try translate(log, pid: pid).steps.flatMap(\.commands)
}

/// The skipped lines of a log as `LINE: reason`.
private func skips(_ log: String, pid: Int? = nil) throws -> [String] {
    try translate(log, pid: pid).skipped.map { "\($0.line): \($0.reason)" }
}

/// A real `strace -f -y -e trace=memory,execve -o LOG /bin/true` (strace 6.1, x86_64).
private let trueLog = """
    22048 execve("/bin/true", ["/bin/true"], 0x7ffde90e79b0 /* 39 vars */) = 0
    22048 brk(NULL)                         = 0x562fa42d4000
    22048 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f4f01f70000
    22048 mmap(NULL, 45555, PROT_READ, MAP_PRIVATE, 3</etc/ld.so.cache>, 0) = 0x7f4f01f64000
    22048 mmap(NULL, 1974096, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</usr/lib/x86_64-linux-gnu/libc.so.6>, 0) = 0x7f4f01d82000
    22048 mmap(0x7f4f01da8000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3</usr/lib/x86_64-linux-gnu/libc.so.6>, 0x26000) = 0x7f4f01da8000
    22048 mprotect(0x7f4f01f51000, 16384, PROT_READ) = 0
    22048 munmap(0x7f4f01f64000, 45555)     = 0
    22048 +++ exited with 0 +++
    """

@Suite struct StraceTests {
    // MARK: - Translation of each call

    @Test func aRealLogBecomesMapUnmapProtectWithLabels() throws {
        let (steps, skipped) = try translate(trueLog)
        #expect(skipped.isEmpty)
        #expect(steps.map(\.line) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(steps[2].comment == "# mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f4f01f70000")
        #expect(steps[1].comment == "# brk(NULL)                         = 0x562fa42d4000")
        #expect(steps.flatMap(\.commands) == [
            "map 0x7f4f01f70000 +8K rw-u --force --label \"[anon]\"",
            "map 0x7f4f01f64000 +48K r--u --force --label \"/etc/ld.so.cache\"",
            "map 0x7f4f01d82000 +1928K r--u --force --label \"/usr/lib/x86_64-linux-gnu/libc.so.6\"",
            "map 0x7f4f01da8000 +1368K r-xu --force --label \"/usr/lib/x86_64-linux-gnu/libc.so.6\"",
            "protect 0x7f4f01f51000 +16K r--u",
            "unmap 0x7f4f01f64000 +48K",
        ])
        // The first execve (nothing mapped yet) and brk(NULL) change nothing.
        #expect(steps[0].commands.isEmpty && steps[1].commands.isEmpty)
    }

    @Test func theTranslatedCommandsRunInAShell() throws {
        let shell = makeShell(render: false)
        for command in try commands(trueLog) {
            #expect(run(shell, command).failures == 0, "\(command)")
        }
        #expect(areas(shell) == [
            "[0x7f4f01d82000, 0x7f4f01da8000) r--u",
            "[0x7f4f01da8000, 0x7f4f01efe000) r-xu",
            "[0x7f4f01efe000, 0x7f4f01f64000) r--u",
            "[0x7f4f01f70000, 0x7f4f01f72000) rw-u",
        ])
    }

    @Test func protectionsBecomeFlags() throws {
        let log = """
            mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            mmap(NULL, 4096, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK, -1, 0) = 0x20000
            mmap(NULL, 4096, 0x5 /* PROT_READ|PROT_EXEC */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0) = 0x30000
            mmap(NULL, 4096, PROT_READ|0x10, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x40000
            pkey_mprotect(0x10000, 4096, PROT_WRITE|PROT_SEM, 3) = 0
            """
        #expect(try commands(log) == [
            "map 0x10000 +4K ---u --force --label \"[anon]\"",
            "map 0x20000 +4K rwxu --force --label \"[anon]\"",
            "map 0x30000 +4K r-xu --force --label \"[anon]\"",
            "map 0x40000 +4K r--u --force --label \"[anon]\"",
            "protect 0x10000 +4K -w-u",
        ])
    }

    @Test func lengthsRoundUpToPagesAndHugePages() throws {
        let log = """
            mmap(NULL, 1, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            mmap(NULL, 4097, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB, -1, 0) = 0x200000
            mmap(NULL, 4097, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_1GB, -1, 0) = 0x40000000
            munmap(0x10000, 1) = 0
            """
        #expect(try commands(log) == [
            "map 0x10000 +4K r--u --force --label \"[anon]\"",
            "map 0x200000 +2M r--u --force --label \"[anon]\"",
            "map 0x40000000 +1G r--u --force --label \"[anon]\"",
            "unmap 0x10000 +4K",
        ])
    }

    @Test func fileLabelsComeFromMinusYEscapedAndNested() throws {
        let log = #"""
            mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3</tmp/a,b (x)\76y>, 0) = 0x10000
            mmap(NULL, 4096, PROT_READ, MAP_SHARED, 4</dev/zero<char 1:5>>, 0) = 0x20000
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 5, 0) = 0x30000
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 6</tmp/new\nline>, 0) = 0x40000
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 7</tmp/gone (deleted)>, 0) = 0x50000
            """#
        #expect(try commands(log) == [
            "map 0x10000 +4K r--u --force --label \"/tmp/a,b (x)>y\"",
            "map 0x20000 +4K r--u --force --label \"/dev/zero\"",
            "map 0x30000 +4K r--u --force --label \"[fd 5]\"",
            // A control character cannot be in a label: the path stays as strace wrote it.
            "map 0x40000 +4K r--u --force --label \"/tmp/new\\\\nline\"",
            "map 0x50000 +4K r--u --force --label \"/tmp/gone (deleted)\"",
        ])
    }

    @Test func brkMovesTheHeapFromTheFirstBreak() throws {
        let log = """
            brk(NULL) = 0x555555559000
            brk(0x55555557a000) = 0x55555557a000
            brk(0x55555557b123) = 0x55555557b123
            brk(0x55555557b800) = 0x55555557b800
            brk(0x555555570000) = 0x555555570000
            brk(0x7fffffffffff) = 0x555555570000
            """
        let (steps, skipped) = try translate(log)
        #expect(skipped.isEmpty)
        #expect(steps.map(\.commands) == [
            [],
            ["map 0x555555559000 +132K rw-u --force --label \"[heap]\""],
            ["map 0x55555557a000 +8K rw-u --force --label \"[heap]\""],
            [],  // within the same page
            ["unmap 0x555555570000 +48K"],
            [],  // refused by the kernel: the break stays
        ])
    }

    @Test func aFirstBrkWithAnAddressOnlySetsTheBreak() throws {
        #expect(try commands("brk(0x2000000) = 0x2000000\nbrk(0x2001000) = 0x2001000") == [
            "map 0x2000000 +4K rw-u --force --label \"[heap]\"",
        ])
    }

    @Test func mremapResizesInPlaceOrMovesKeepingFlagsAndLabel() throws {
        let log = """
            mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3</lib/x.so>, 0) = 0x10000
            mremap(0x10000, 8192, 16384, MREMAP_MAYMOVE) = 0x10000
            mremap(0x10000, 16384, 4096, 0) = 0x10000
            mremap(0x10000, 4096, 8192, MREMAP_MAYMOVE) = 0x80000
            mremap(0x80000, 8192, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x90000) = 0x90000
            mremap(0x90000, 8192, 8192, MREMAP_MAYMOVE|MREMAP_DONTUNMAP) = 0xa0000
            mremap(0x90000, 0, 4096, MREMAP_MAYMOVE) = 0xb0000
            mremap(0x90000, 8192, 8192, 0) = 0x90000
            """
        let (steps, skipped) = try translate(log)
        #expect(skipped.isEmpty)
        let label = "--force --label \"/lib/x.so\""
        #expect(steps.map(\.commands) == [
            ["map 0x10000 +8K r--u \(label)"],
            ["map 0x12000 +8K r--u \(label)"],
            ["unmap 0x11000 +12K"],
            ["unmap 0x10000 +4K", "map 0x80000 +8K r--u \(label)"],
            ["unmap 0x80000 +8K", "map 0x90000 +8K r--u \(label)"],
            ["map 0xa0000 +8K r--u \(label)"],
            ["map 0xb0000 +4K r--u \(label)"],
            [],
        ])
    }

    @Test func mremapOfAnAreaTheLogNeverMappedIsSkippedWhole() throws {
        let log = """
            mremap(0x10000, 4096, 8192, MREMAP_MAYMOVE) = 0x20000
            munmap(0x20000, 4096) = 0
            """
        let (steps, skipped) = try translate(log)
        #expect(skipped.map(\.line) == [1])
        #expect(skipped[0].reason == "mremap: no area of the log holds 0x10000: its flags and label are unknown")
        #expect(steps.map(\.commands) == [["unmap 0x20000 +4K"]])
    }

    @Test func mremapAfterAProtectTakesThePieceFlags() throws {
        let log = """
            mmap(NULL, 12288, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            mprotect(0x11000, 4096, PROT_READ) = 0
            mremap(0x11000, 4096, 8192, MREMAP_MAYMOVE) = 0x40000
            """
        #expect(try commands(log).suffix(2) == ["unmap 0x11000 +4K", "map 0x40000 +8K r--u --force --label \"[anon]\""])
    }

    @Test func execveStartsAFreshSet() throws {
        let log = """
            1 execve("/bin/sh", ["sh"], 0x7ffc /* 3 vars */) = 0
            1 brk(NULL) = 0x1000000
            1 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            1 execve("/bin/missing", ["x"], 0x7ffc /* 3 vars */) = -1 ENOENT (No such file or directory)
            1 execve("/bin/true", ["true"], 0x7ffc /* 3 vars */) = 0
            1 brk(0x1001000) = 0x2001000
            1 brk(0x2002000) = 0x2002000
            """
        let (steps, _) = try translate(log)
        #expect(steps.map(\.commands) == [
            [], [], ["map 0x10000 +4K r--u --force --label \"[anon]\""], ["clear"],
            [],  // the break of the new program is not known yet
            ["map 0x2001000 +4K rw-u --force --label \"[heap]\""],
        ])
    }

    @Test func failedAndOtherCallsAreLeftOutSilently() throws {
        let log = """
            mmap(NULL, 1099511627776, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1 ENOMEM (Cannot allocate memory)
            munmap(0x10000, 4096) = -1 EINVAL (Invalid argument)
            madvise(0x7f0000000000, 4096, MADV_DONTNEED) = 0
            mlock(0x7f0000000000, 4096) = 0
            mprotect(0x10000, 4096, PROT_READ) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
            --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---
            +++ killed by SIGSEGV (core dumped) +++

            """
        let (steps, skipped) = try translate(log)
        #expect(steps.isEmpty)
        #expect(skipped.isEmpty)
    }

    // MARK: - Line forms

    @Test func everyPrefixFormIsSkipped() throws {
        let forms = [
            "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "08:01:02 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "08:01:02.123456 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "1796284775.747469 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "     0.000353 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "1796284775.747904 (+     0.000353) mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "[pid 22062] 1796284775.772926 (+     0.000264) mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "[pid  7] mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "22053 07:59:35.687884 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "7     mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000 <0.000012>",
            "[00007f1234567890] mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000",
            "[  9] mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000\r",
        ]
        for form in forms {
            let (steps, skipped) = try translate(form)
            #expect(skipped.isEmpty, "\(form)")
            #expect(steps.first?.commands == ["map 0x10000 +4K r--u --force --label \"[anon]\""], "\(form)")
            #expect(steps.first?.comment == "# mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000", "\(form)")
        }
    }

    @Test func processPrefixesAreRead() {
        #expect(StraceLog.record(of: "[pid  123] brk(NULL) = 0x1") == .call(123, "brk(NULL) = 0x1"))
        #expect(StraceLog.record(of: "123   brk(NULL) = 0x1") == .call(123, "brk(NULL) = 0x1"))
        #expect(StraceLog.record(of: "brk(NULL) = 0x1") == .call(nil, "brk(NULL) = 0x1"))
        #expect(StraceLog.record(of: "12 +++ exited with 1 +++") == .exit(12))
        #expect(StraceLog.record(of: "strace: Process 22062 attached") == .ignored)
        #expect(StraceLog.record(of: "   ") == .ignored)
        #expect(StraceLog.record(of: " > /usr/lib/libc.so.6(mmap64+0x26) [0x11eb26]") == .ignored)
    }

    @Test func splitCallsAreJoinedPerProcess() throws {
        let log = """
            100 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0 <unfinished ...>
            101 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0 <unfinished ...>
            101 <... mmap resumed>) = 0x20000
            100 <... mmap resumed>) = 0x10000
            """
        let (steps, skipped) = try translate(log)
        #expect(skipped.isEmpty)
        #expect(steps.map(\.line) == [4])
        #expect(steps[0].comment == "# mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000")
        #expect(try commands(log, pid: 101) == ["map 0x20000 +8K r--u --force --label \"[anon]\""])
    }

    @Test func theFirstProcessIsTheDefaultAndPidChoosesAnother() throws {
        let log = """
            [pid 7] munmap(0x10000, 4096) = 0
            [pid 8] munmap(0x20000, 4096) = 0
            """
        #expect(try commands(log) == ["unmap 0x10000 +4K"])
        #expect(try commands(log, pid: 8) == ["unmap 0x20000 +4K"])
        #expect(throws: ShellError.badState("load strace: no process 9 in the log (processes: 7, 8)")) { try StraceLog(text: log, pid: 9) }
        #expect(throws: ShellError.self) { try StraceLog(text: "munmap(0x10000, 4096) = 0", pid: 1) }
        #expect(try StraceLog(text: log, pid: nil).processes == [7, 8])
    }

    @Test func threadsCreatedWithCloneVMShareTheAddressSpace() throws {
        let log = """
            10 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD, child_tid=0x7f, exit_signal=0, stack=0x7f, stack_size=0x7fff00}, 88 <unfinished ...>
            11 munmap(0x30000, 4096) = 0
            10 <... clone3 resumed>) = 11
            10 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 12
            12 munmap(0x40000, 4096) = 0
            10 munmap(0x50000, 4096) = 0
            """
        #expect(try commands(log) == ["unmap 0x30000 +4K", "unmap 0x50000 +4K"])
    }

    // MARK: - Bad input

    @Test func badLinesAreListedWithTheirReasonAndNothingOfThemIsApplied() throws {
        let log = """
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            hello world
            mmap(NULL, 4096, PROT_READ|PROT_WR
            munmap(0x10000, 4096)
            munmap(0x10000, 4096) =
            <... munmap resumed>) = 0
            mprotect(0x10000, 4096, PROT_BOGUS|) = 0
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1) = 0x20000
            munmap(0x10800, 4096) = 0
            munmap(0xzz, 4096) = 0
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xqq
            brk(0x1000) = ?
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0 <unfinished ...>
            """
        let (steps, skipped) = try translate(log)
        #expect(steps.flatMap(\.commands) == ["map 0x10000 +4K r--u --force --label \"[anon]\""])
        #expect(skipped.map { "\($0.line): \($0.reason)" } == [
            "2: not a system call line",
            "3: truncated mmap call: no ')' closes its arguments",
            "4: truncated munmap call: no '= RESULT' after its arguments",
            "5: truncated munmap call: no result after '='",
            "6: munmap resumed without its unfinished call",
            "7: mprotect: bad protection 'PROT_BOGUS|'",
            "8: mmap: expected 6 arguments, found 5",
            "9: munmap: [0x10800, +4K) is not aligned to the page size 0x1000 or overflows",
            "10: munmap: bad address '0xzz'",
            "11: mmap: bad result '0xqq'",
            "12: brk: no result (the process ended during the call)",
            "13: mmap never resumed: the log ends first",
        ])
    }

    @Test func unjoinedHalvesAreReportedOnlyForTheChosenProcessAndRelevantCalls() throws {
        let log = """
            5 munmap(0x10000, 4096 <unfinished ...>
            5 munmap(0x20000, 4096) = 0
            6 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0 <unfinished ...>
            5 wait4(-1,  <unfinished ...>
            5 +++ killed by SIGKILL +++
            6 <... mprotect resumed>) = 0
            """
        #expect(try skips(log) == [
            "1: munmap never resumed: the process started another call first",
        ])
        #expect(try skips(log, pid: 6) == [
            "3: mmap never resumed: the log ends first",
            "6: mprotect resumed without its unfinished call",
        ])
    }

    @Test func mremapNearTheTopOfTheAddressSpaceIsRefusedNotTrapped() throws {
        let log = """
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xffffffffffffe000
            mremap(0xffffffffffffe000, 65536, 32768, 0) = 0xffffffffffffe000
            """
        #expect(try skips(log) == ["2: mremap: the range overflows 64 bits"])
    }

    /// Lines spliced from fragments of real lines, garbage and edge values: reading and
    /// translating never traps, every line is either used, ignored or skipped (a skipped line
    /// is never also a step), and the model stays a valid set.
    @Test func randomLinesNeverTrapAndAreUsedIgnoredOrSkipped() throws {
        let fragments = [
            "123 ", "[pid  7] ", "08:01:02.123456 ", "(+ 0.1) ", "[00007f12] ", "mmap(", "munmap(", "mprotect(",
            "brk(", "mremap(", "execve(", "clone3(", "madvise(", "NULL", "0x10000", "0xffffffffffff0000", "4096",
            "18446744073709551615", "-1", "PROT_READ|PROT_WRITE", "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB",
            "MAP_HUGE_1GB", "MREMAP_MAYMOVE|MREMAP_FIXED", "3</a<b>>", "4</x\\76\\", ", ", ")", " = ", "0", "?",
            " ENOMEM (x)", " <unfinished ...>", "<... mmap resumed>", "<... brk resumed>", "\"a,)\\\"\"", "/* c */",
            "{flags=CLONE_VM}", "+++ exited with 0 +++", "--- SIGSEGV {} ---", " <0.000012>", "\u{FFFD}", "(", "<",
        ]
        var generator = SplitMix64(seed: 15)
        for _ in 0..<300 {
            var log = ""
            let lines = Int.random(in: 1...12, using: &generator)
            for _ in 0..<lines {
                for _ in 0..<Int.random(in: 1...10, using: &generator) { log += fragments.randomElement(using: &generator)! }
                log += "\n"
            }
            let read = try StraceLog(text: log, pid: nil)
            let (steps, skipped) = StraceReplay.translate(read, pageSize: 4096)
            #expect(Set(steps.map(\.line)).isDisjoint(with: skipped.map(\.line)), "\(log)")
            #expect(skipped.allSatisfy { (1...(lines + 1)).contains($0.line) && !$0.reason.isEmpty }, "\(log)")
            for step in steps {
                for command in step.commands { #expect(Lexer.segments(of: command).count == 1, "\(command)") }
            }
        }
    }

    @Test func aMalformedResumedLineIsReported() throws {
        #expect(try skips("7 <... mmap resumed") == ["1: bad '<... NAME resumed>' line"])
    }

    @Test func sizesUseTheLargestSuffix() {
        let replay = StraceReplay(pageSize: 4096)
        #expect(replay.sizeText(4096) == "4K")
        #expect(replay.sizeText(3 << 20) == "3M")
        #expect(replay.sizeText(1 << 30) == "1G")
        #expect(replay.sizeText(1 << 40) == "1T")
        #expect(replay.sizeText(0x1800) == "6K")
        #expect(replay.sizeText(0x100) == "0x100")
    }

    // MARK: - load strace

    /// The text of `Sessions/strace/NAME`.
    static func session(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sessions/strace/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// A shell whose file system holds `files`.
    func shell(json: Bool = false, _ files: [String: String]) -> Shell {
        makeShell(json: json, render: false, files: InMemoryFileSystem(files))
    }

    @Test func theSessionLogBecomesTheSessionMset() throws {
        let files = ["hello.strace": try Self.session("hello.strace"), "hello.mset": try Self.session("hello.mset")]
        let shell = shell(files)
        let out = run(shell, "load strace hello.strace")
        #expect(out.failures == 0)
        let shown = out.stdout.split(separator: "\n").filter { $0.hasPrefix("# ") || $0.hasPrefix("> ") }
            .map { $0.hasPrefix("> ") ? String($0.dropFirst(2)) : String($0) }
        #expect(shown == files["hello.mset"]!.split(separator: "\n").dropFirst(2).map(String.init))
        let sourced = self.shell(files)
        #expect(run(sourced, "source hello.mset").failures == 0)
        #expect(areas(sourced) == areas(shell))
        #expect(sourced.session.state.set.map(\.backend) == shell.session.state.set.map(\.backend))
        #expect(out.stdout.hasSuffix("replayed 19 calls of process 8720 from hello.strace (17 commands)\n"))
    }

    @Test func everyReplayedCommandIsItsOwnUndoStep() throws {
        let shell = shell(["hello.strace": try Self.session("hello.strace")])
        run(shell, "load strace hello.strace")
        #expect(areas(shell).count == 9)
        // 17 commands, of which two protects change nothing (areas the kernel mapped at execve).
        for _ in 0..<15 { #expect(run(shell, "undo").failures == 0) }
        #expect(areas(shell).isEmpty)
        #expect(failure(shell, "undo")?.kind == "BadState")
    }

    @Test func jsonReportsEachCommandThenTheLoad() throws {
        let log = """
            7 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            7 munmap(0x10000, 4096) = 0
            """
        let lines = try jsonLines(run(shell(json: true, ["a.log": log]), "load strace a.log"))
        #expect(lines.map { $0["cmd"] as? String } == ["map", "unmap", "load"])
        #expect(lines.allSatisfy { $0["ok"] as? Bool == true })
        #expect(lines[2]["log"] as? String == "a.log")
        #expect(lines[2]["pid"] as? Int == 7)
        #expect(lines[2]["calls"] as? Int == 2)
        #expect(lines[2]["commands"] as? Int == 2)
        #expect((lines[2]["skipped"] as? [Any])?.isEmpty == true)
    }

    @Test func skippedLinesAreListedTheRestIsReplayedAndTheLoadFails() throws {
        let log = """
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            garbage
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x20000
            mprotect(0x20000, 4096, PROT_READ|PROT_WR
            """
        let shell = shell(["a.log": log])
        let out = run(shell, "load strace a.log")
        #expect(out.failures == 1)
        #expect(areas(shell) == ["[0x10000, 0x11000) r--u", "[0x20000, 0x21000) r--u"])
        #expect(out.stderr == """
            warning: a.log:2: not a system call line
            warning: a.log:4: truncated mprotect call: no ')' closes its arguments
            test:1: error: SyntaxError: load strace: 2 lines of a.log skipped

            """)
        let json = try jsonLines(run(self.shell(json: true, ["a.log": log]), "load strace a.log"))
        #expect(json.last?["ok"] as? Bool == false)
        #expect(json.last?["error"] as? String == "SyntaxError")
        #expect(json.last?["line"] as? Int == 1)
        #expect(json.last?["file"] as? String == "test")
        let skipped = json.last?["skipped"] as? [[String: Any]]
        #expect(skipped?.map { $0["line"] as? Int } == [2, 4])
    }

    @Test func aCallWhoseSecondCommandFailsIsUndoneWhole() throws {
        // The move of the mremap lands outside the space: its unmap is taken back.
        let log = """
            mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            mremap(0x10000, 4096, 4096, MREMAP_MAYMOVE) = 0x7f0000000000
            """
        let shell = shell(["a.log": log])
        run(shell, "set space 0 +1M")
        let out = run(shell, "load strace a.log")
        #expect(out.failures == 1)
        #expect(areas(shell) == ["[0x10000, 0x11000) r--u"])
        #expect(out.stderr.contains("a.log:2: note: nothing of this mremap call is applied\n"))
        #expect(out.stderr.contains("a.log:2: error: InvalidParam: map:"))
        #expect(run(shell, "undo").stdout == "undone: map 0x10000 +4K r--u --force --label \"[anon]\"\n")
    }

    @Test func theLogIsReadThroughTheFileSystemUpTo64MiB() throws {
        let files = InMemoryFileSystem(["big.log": String(repeating: " ", count: (64 << 20) + 1)])
        let shell = makeShell(render: false, files: files)
        #expect(failure(shell, "load strace big.log")?.message == "load strace: cannot read 'big.log': larger than 64 MiB")
        #expect(files.trace == [.read("big.log", limit: 64 << 20)])
        #expect(failure(shell, "load strace missing.log")?.message == "load strace: cannot read 'missing.log': no such file or directory")
        #expect(areas(shell).isEmpty)
    }

    @Test func loadStraceSyntax() throws {
        let shell = makeShell(render: false)
        #expect(failure(shell, "load strace")?.kind == "SyntaxError")
        #expect(failure(shell, "load strace x.log --force")?.message == "load strace: no --force (every replayed map replaces what lies under it)")
        #expect(failure(shell, "load strace x.log --pid 0")?.message == "load strace: PID 0 is not a process id (1 to 2147483647)")
        #expect(failure(shell, "load maps x.maps --pid 3")?.message == "load: --pid is an option of load strace only")
        #expect(run(shell, "help load").stdout.contains("load strace FILE"))
    }
}
