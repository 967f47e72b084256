import MemorySetCore
import MMUSim

/// The BACKEND column of the area table: `none`, `alloc` (lazy), `alloc+pop`
/// (populated at map time), `linear 0x…` (the physical address of the area's start).
func backendName(_ area: Area) -> String {
    switch area.backend.sim {
    case .none: "none"
    case .alloc(let populate): populate ? "alloc+pop" : "alloc"
    case .linear(let offset): "linear " + hex(area.start.rawValue &- offset)
    }
}

/// The `map` options that recreate the area's backend (for `save`), with a leading space.
func backendOptions(_ area: Area) -> String {
    switch area.backend.sim {
    case .none: ""
    case .alloc(let populate): populate ? " --alloc --populate" : " --alloc"
    case .linear(let offset): " --linear " + hex(area.start.rawValue &- offset)
    }
}
