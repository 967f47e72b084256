// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "memory-set",
    products: [
        .library(name: "MemorySetCore", targets: ["MemorySetCore"]),
        .library(name: "BenchKit", targets: ["BenchKit"]),
    ],
    targets: [
        .target(
            name: "MemorySetCore",
            swiftSettings: [.define("MEMORY_SET_INVARIANT_CHECKS", .when(configuration: .debug))]
        ),
        .target(name: "BenchKit", dependencies: ["MemorySetCore"]),
        .testTarget(name: "MemorySetCoreTests", dependencies: ["MemorySetCore"]),
    ],
    swiftLanguageModes: [.v6]
)
