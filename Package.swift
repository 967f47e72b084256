// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "memory-set",
    products: [
        .library(name: "MemorySetCore", targets: ["MemorySetCore"]),
    ],
    targets: [
        .target(
            name: "MemorySetCore",
            swiftSettings: [.define("MEMORY_SET_INVARIANT_CHECKS", .when(configuration: .debug))]
        ),
        .testTarget(name: "MemorySetCoreTests", dependencies: ["MemorySetCore"]),
    ],
    swiftLanguageModes: [.v6]
)
