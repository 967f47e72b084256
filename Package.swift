// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "memory-set",
    products: [
        .library(name: "MemorySetCore", targets: ["MemorySetCore"]),
        .library(name: "MMUSim", targets: ["MMUSim"]),
    ],
    targets: [
        .target(
            name: "MemorySetCore",
            swiftSettings: [.define("MEMORY_SET_INVARIANT_CHECKS", .when(configuration: .debug))]
        ),
        .testTarget(name: "MemorySetCoreTests", dependencies: ["MemorySetCore"]),
        .target(name: "MMUSim", dependencies: ["MemorySetCore"]),
        .testTarget(name: "MMUSimTests", dependencies: ["MMUSim", "MemorySetCore"]),
    ],
    swiftLanguageModes: [.v6]
)
