import MemorySetCore

/// The BACKEND column of the area table.
func backendName(_ backend: AreaBackend) -> String { "none" }

/// The `map` options that recreate `backend` (for `save`), with a leading space, or "".
func backendOptions(_ backend: AreaBackend) -> String { "" }
