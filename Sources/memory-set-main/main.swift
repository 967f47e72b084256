// The `memory-set` executable (Sources/memory-set holds its code, in the MemorySetCLI module).
import MemorySetCLI

MemorySetProgram.main()
