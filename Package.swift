// swift-tools-version:6.0
// Lotse: directory and referral service for municipal social-care networks.
// No package dependencies: Foundation, Dispatch and Debian C libraries only.
import PackageDescription

let package = Package(
    name: "Lotse",
    products: [
        .executable(name: "lotse", targets: ["lotse"]),
        .executable(name: "lotse-bench", targets: ["lotse-bench"]),
    ],
    targets: [
        // C shims: module.modulemap + shim.h only.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CEpoll"),

        // Generic layers: know nothing of the domain.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "HTTP", dependencies: ["CEpoll"]),
        .target(name: "Templating"),

        // Templates/ and Seeds/ built into the binary: the plugin runs the generator over both
        // folders at build time (they stay the source of truth; docs/operations.md).
        .executableTarget(name: "LotseEmbed", path: "Sources/LotseEmbed"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["LotseEmbed"], path: "Sources/EmbedResources"),
        .target(name: "LotseResources", path: "Sources/LotseResources", plugins: ["EmbedResources"]),

        // The domain (never imports HTTP).
        .target(name: "LotseCore", dependencies: ["SQLite", "Templating", "LotseResources", "CLibXML2", "CCrypto", "CMalloc"]),
        // Pages, API and the route table.
        .target(name: "LotseWeb", dependencies: ["LotseCore", "HTTP", "Templating"]),
        // Command-line plumbing of both executables: arguments, help, exit codes, progress bar.
        .target(name: "LotseCommandLine", dependencies: ["LotseCore"]),
        // Thin executable: the command table.
        .executableTarget(name: "lotse", dependencies: ["LotseCommandLine", "LotseCore", "LotseWeb", "HTTP"]),
        // The benchmarks; `http` and `export` start the `lotse` binary beside it.
        .executableTarget(name: "lotse-bench", dependencies: ["LotseCommandLine", "LotseCore", "LotseWeb", "SQLite", "Templating"]),

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"]),
        .testTarget(name: "LotseCoreTests", dependencies: ["LotseCore", "SQLite"]),
        .testTarget(name: "LotseWebTests", dependencies: ["LotseWeb", "LotseCore", "HTTP"]),
        .testTarget(name: "CLITests", dependencies: ["lotse", "lotse-bench", "LotseCommandLine"]),
    ]
)
