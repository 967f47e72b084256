// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "memory-set",
    // Layers, each using only those before it:
    //   MemorySetCore → MMUSim → Shell (no I/O: files through ShellFileSystem) → BenchKit, memory-set
    products: [
        .library(name: "MemorySetCore", targets: ["MemorySetCore"]),
        .library(name: "MMUSim", targets: ["MMUSim"]),
        .library(name: "Shell", targets: ["Shell"]),
        .library(name: "BenchKit", targets: ["BenchKit"]),
        .executable(name: "memory-set", targets: ["MemorySetMain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "MemorySetCore",
            swiftSettings: [.define("MEMORY_SET_INVARIANT_CHECKS", .when(configuration: .debug))]
        ),
        .target(name: "MMUSim", dependencies: ["MemorySetCore"]),
        .target(name: "Shell", dependencies: ["MemorySetCore", "MMUSim"]),
        // Workloads and the session-file benchmark of `memory-set bench`.
        .target(name: "BenchKit", dependencies: ["MemorySetCore", "MMUSim", "Shell", "SeededRandom"]),
        // SplitMix64, the seeded generator of the workloads and the tests; depends on nothing.
        .target(name: "SeededRandom"),

        // What the test targets share: the seeded generator (re-exported).
        .target(name: "TestSupport", dependencies: ["SeededRandom"], path: "Tests/TestSupport"),
        .testTarget(name: "MemorySetCoreTests", dependencies: ["MemorySetCore", "TestSupport"]),
        .testTarget(name: "MMUSimTests", dependencies: ["MMUSim", "MemorySetCore", "TestSupport"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "MemorySetCore", "MMUSim", "TestSupport"]),
        .testTarget(name: "BenchKitTests", dependencies: ["BenchKit", "Shell"]),

        // libedit (BSD editline), used through its readline-compatible header.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The `memory-set` executable's code: command line, REPL, batch sessions. A library,
        // so that the test bundles link it without the executable's linker settings.
        .target(
            name: "MemorySetCLI",
            dependencies: [
                "Shell",
                "BenchKit",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/memory-set"
        ),
        // The `memory-set` executable: its `main` only. Release links the Swift runtime and
        // standard library in (and FoundationEssentials, which ArgumentParser pulls in, in one
        // group with its parts), and the C++ library they use (StaticLibstdcxx/libstdc++.so,
        // a linker script): no dynamic linking of libswiftCore & co. and libstdc++ at every
        // start; the binary grows from about 9 MB to about 30 MB.
        .executableTarget(
            name: "MemorySetMain",
            dependencies: ["MemorySetCLI"],
            path: "Sources/memory-set-main",
            exclude: ["StaticLibstdcxx"],
            linkerSettings: [
                .unsafeFlags(
                    ["-L\(Context.packageDirectory)/Sources/memory-set-main/StaticLibstdcxx",
                     "-static-stdlib", "-Xlinker", "--start-group", "-Xlinker", "-lFoundationEssentials",
                     "-Xlinker", "-l_FoundationCollections", "-Xlinker", "-l_FoundationCShims", "-Xlinker", "--end-group"],
                    .when(configuration: .release)),
            ]
        ),
        // Unit tests of the executable's parts (options, line-editor helpers, output writer).
        .testTarget(name: "MemorySetCLITests", dependencies: ["MemorySetCLI", "Shell", "TestSupport"]),
        // Runs the built `memory-set` binary: piped sessions and a pseudo-terminal REPL. (`swift
        // test` builds every product; a dependency on MemorySetMain would bring its linker
        // settings into the test bundle, whose release link then fails.)
        .testTarget(name: "EndToEndTests", dependencies: ["MemorySetCLI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
