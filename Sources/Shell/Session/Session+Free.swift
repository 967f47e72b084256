import MemorySetCore
import MMUSim

extension Session {
    /// `free`: checks SIZE and --align (`InvalidParam`), resolves the limit (default: the
    /// space; used as given), and asks the set for the lowest fitting address.
    /// - Complexity: O(log n) (see ``MemorySet/findFreeArea(hint:size:limit:alignment:)``)
    func free(size: UInt64, hint: UInt64?, limit: RangeSpec?, align: UInt64?) throws(ShellError) -> CommandResult {
        let page = state.settings.pageSize
        guard size != 0 else { throw .invalid("free: SIZE must not be 0") }
        guard size % page == 0 else {
            throw .invalid("free: SIZE \(hex(size)) is not a multiple of the page size \(hex(page))")
        }
        let alignment = align ?? page
        guard alignment.isPowerOfTwo, alignment >= page else {
            throw .invalid("free: --align \(hex(alignment)) must be a power of two >= the page size \(hex(page))")
        }
        var limitRange = state.settings.space
        if let limit {
            guard let end = limit.end.resolve(from: limit.start) else {
                throw .invalid("free: --limit START + SIZE overflows 64 bits")
            }
            guard end >= limit.start else {
                throw .invalid("free: --limit END \(hex(end)) is below START \(hex(limit.start))")
            }
            limitRange = AddrRange(start: VirtAddr(limit.start), end: VirtAddr(end))
        }
        do {
            let address = try state.set.findFreeArea(hint: VirtAddr(hint ?? 0), size: size, limit: limitRange, alignment: alignment)
            return .free(size: size, address: address)
        } catch {
            throw ShellError(ShellErrorKind(error), "free: invalid SIZE or --align")
        }
    }
}
