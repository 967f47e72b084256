import MemorySetCore
import MMUSim

extension Shell {
    /// The human output of `touch`, `pt`, `pt dump`, `stats`, `verify`.
    func humanMMU(_ result: CommandResult) -> String {
        let state = session.state
        switch result {
        case let .touch(outcome, access, user):
            return "touch \(outcome.address) \(access.rawValue)\(user ? " (user)" : ""): \(outcome)\n"
        case let .walk(addr, steps, physical):
            var out = "walk \(addr): " + (physical.map { "pa \(hex($0))" } ?? "not mapped") + "\n"
            for step in steps { out += "  \(step)\n" }
            return out
        case let .ptDump(window, ranges):
            var out = "mapped ranges" + (window.map { " in \($0)" } ?? "") + ": \(ranges.count)\n"
            for range in ranges { out += "  \(range)\n" }
            return out
        case .stats(let stats):
            return "areas: \(state.set.count)\n\(stats)\n"
        case .verified:
            return "verify: ok (page table consistent with \(state.set.count) area\(state.set.count == 1 ? "" : "s"))\n"
        default:
            return ""
        }
    }

    /// The JSON fields of `touch`, `pt`, `pt dump`, `stats`, `verify`.
    func jsonMMU(_ result: CommandResult) -> [(String, JSON)] {
        let state = session.state
        func optionalAddress(_ value: UInt64?) -> JSON { value.map { JSON.address($0) } ?? .null }
        switch result {
        case let .touch(outcome, access, user):
            return [
                ("address", JSON.address(outcome.address)), ("access", .string(access.rawValue)), ("user", .bool(user)),
                ("outcome", .string(outcome.kind)), ("physical", optionalAddress(outcome.physicalAddress)),
                ("message", .string(outcome.description)),
            ]
        case let .walk(addr, steps, physical):
            return [
                ("address", JSON.address(addr)), ("physical", optionalAddress(physical)),
                ("steps", .array(steps.map { step in
                    .object([
                        ("level", .number(UInt64(step.level))), ("index", .number(UInt64(step.index))),
                        ("present", .bool(step.present)), ("leaf", .bool(step.isLeaf)),
                        ("physical", optionalAddress(step.physicalAddress)),
                        ("pageSize", step.pageSize.map { .number($0) } ?? .null),
                        ("flags", step.flags.map { .string($0.description) } ?? .null),
                    ])
                })),
            ]
        case let .ptDump(_, ranges):
            return [("ranges", .array(ranges.map { range in
                .object([
                    ("start", JSON.address(range.start)), ("end", JSON.address(range.end)),
                    ("physical", JSON.address(range.physicalStart)), ("flags", .string(range.flags.description)),
                    ("pageSize", .number(range.pageSize)), ("allocated", .bool(range.allocated)),
                ])
            }))]
        case .stats(let s):
            return [
                ("areas", .number(UInt64(state.set.count))),
                ("frames", .number(UInt64(s.frameCount))), ("usedFrames", .number(UInt64(s.usedFrames))),
                ("freeFrames", .number(UInt64(s.freeFrames))), ("tablePages", .number(UInt64(s.tablePages))),
                ("dataFrames", .number(UInt64(s.dataFrames))), ("mappedPages", .number(UInt64(s.mappedPages))),
                ("pages4K", .number(UInt64(s.pages4K))), ("pages2M", .number(UInt64(s.pages2M))),
                ("pages1G", .number(UInt64(s.pages1G))),
            ]
        case .verified:
            return [("areas", .number(UInt64(state.set.count)))]
        default:
            return []
        }
    }
}
