// swift-tools-version: 6.1
// Benchmarks of memory-set with ordo-one/benchmark, kept out of the main
// package so that `make test` never builds them. Run from this folder:
//   swift package benchmark
import Foundation
import PackageDescription

// The parent package's identity is its folder name, whatever the clone is called.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "memory-set-benchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "AreaSetBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BenchKit", package: parent),
            ],
            path: "Benchmarks/AreaSetBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
