// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "memory-set",
    products: [
        .library(name: "MemorySetCore", targets: ["MemorySetCore"]),
        .library(name: "MMUSim", targets: ["MMUSim"]),
        .library(name: "Shell", targets: ["Shell"]),
    ],
    targets: [
        .target(
            name: "MemorySetCore",
            swiftSettings: [.define("MEMORY_SET_INVARIANT_CHECKS", .when(configuration: .debug))]
        ),
        .testTarget(name: "MemorySetCoreTests", dependencies: ["MemorySetCore"]),
        .target(name: "MMUSim", dependencies: ["MemorySetCore"]),
        .testTarget(name: "MMUSimTests", dependencies: ["MMUSim", "MemorySetCore"]),
        .target(name: "Shell", dependencies: ["MemorySetCore", "MMUSim"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "MemorySetCore", "MMUSim"]),
    ],
    swiftLanguageModes: [.v6]
)
