// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "querent",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "schema-service", targets: ["SchemaServiceApp"]),
        .executable(name: "trainer-service", targets: ["TrainerServiceApp"]),
        .executable(name: "query-service", targets: ["QueryServiceApp"]),
        .executable(name: "querent", targets: ["Querent"]),
        .executable(name: "querent-bench", targets: ["QuerentBenchmarks"]),
        .library(name: "QuerentCore", targets: ["QuerentCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        // Tests only (DeploymentTests: openapi.yaml, docker-compose.yml, deploy/k8s manifests).
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
    ],
    targets: [
        // MARK: - C libraries, each wrapped once by a thin owner type
        .systemLibrary(name: "CLibpq", path: "Shared/CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .systemLibrary(name: "CHiredis", path: "Shared/CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"]), .brew(["hiredis"])]),
        .systemLibrary(name: "CSQLite", path: "Shared/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(name: "CCurl", path: "Shared/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(name: "CZlib", path: "Shared/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMariaDB", path: "Shared/CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),

        // MARK: - Domain and use cases (no I/O, no C)
        .target(
            name: "QuerentCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Shared/QuerentCore",
            swiftSettings: swiftSettings
        ),
        .target(name: "QuerentDialects", dependencies: ["QuerentCore"], path: "Shared/QuerentDialects", swiftSettings: swiftSettings),
        .target(name: "QuerentSafety", dependencies: ["QuerentCore", "QuerentDialects"], path: "Shared/QuerentSafety", swiftSettings: swiftSettings),
        .target(
            name: "QuerentSchemaLinking",
            dependencies: ["QuerentCore"],
            path: "Shared/QuerentSchemaLinking",
            resources: [.copy("Resources/lexicon.json"), .copy("Resources/english.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentSemantics",
            dependencies: ["QuerentCore"],
            path: "Shared/QuerentSemantics",
            resources: [.copy("Resources/conventions.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentAnalytics",
            dependencies: ["QuerentCore", "QuerentDialects", "QuerentSchemaLinking", "QuerentSemantics"],
            path: "Shared/QuerentAnalytics",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentTeaching",
            dependencies: ["QuerentCore", "QuerentSafety", "QuerentSchemaLinking"],
            path: "Shared/QuerentTeaching",
            resources: [.copy("Resources/phrasing.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentQueryPlan",
            dependencies: ["QuerentCore", "QuerentDialects", "QuerentSchemaLinking"],
            path: "Shared/QuerentQueryPlan",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentGeneration",
            dependencies: [
                "QuerentCore", "QuerentDialects", "QuerentSchemaLinking", "QuerentSemantics", "QuerentAnalytics", "QuerentTeaching",
                "QuerentQueryPlan",
            ],
            path: "Shared/QuerentGeneration",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentLLMGeneration",
            dependencies: ["QuerentCore", "QuerentDialects", "QuerentSafety", "QuerentSemantics"],
            path: "Shared/QuerentLLMGeneration",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentApplication",
            dependencies: [
                "QuerentCore", "QuerentDialects", "QuerentSafety", "QuerentSchemaLinking", "QuerentSemantics", "QuerentTeaching",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/QuerentApplication",
            swiftSettings: swiftSettings
        ),

        // MARK: - Adapters (one per technology)
        .target(
            name: "QuerentIO",
            dependencies: ["QuerentCore", .product(name: "NIOPosix", package: "swift-nio")],
            path: "Shared/QuerentIO",
            swiftSettings: swiftSettings
        ),
        .target(name: "QuerentSQLStore", dependencies: ["QuerentCore"], path: "Shared/QuerentSQLStore", swiftSettings: swiftSettings),
        .target(name: "QuerentInProcess", dependencies: ["QuerentCore"], path: "Shared/QuerentInProcess", swiftSettings: swiftSettings),
        .target(
            name: "QuerentPostgres",
            dependencies: ["CLibpq", "QuerentCore", "QuerentIO", .product(name: "Logging", package: "swift-log")],
            path: "Shared/QuerentPostgres",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentMySQL",
            dependencies: ["CMariaDB", "QuerentCore", "QuerentIO"],
            path: "Shared/QuerentMySQL",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentSQLite",
            dependencies: ["CSQLite", "QuerentCore", "QuerentDialects", "QuerentIO", .product(name: "Logging", package: "swift-log")],
            path: "Shared/QuerentSQLite",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentRedis",
            dependencies: [
                "CHiredis", "QuerentCore", "QuerentIO",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/QuerentRedis",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentHTTPClient",
            dependencies: ["CCurl", "QuerentCore", "QuerentIO", .product(name: "Logging", package: "swift-log")],
            path: "Shared/QuerentHTTPClient",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentCompression",
            dependencies: ["CZlib"],
            path: "Shared/QuerentCompression",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentHTTP",
            dependencies: [
                "QuerentApplication",
                "QuerentCore", "QuerentCompression",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Shared/QuerentHTTP",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentConsole",
            dependencies: [
                "QuerentCore", "QuerentHTTP", "QuerentCompression",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Shared/QuerentConsole",
            exclude: ["Assets", "embed-assets.py"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentMCP",
            dependencies: [
                "QuerentCore", "QuerentApplication",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/QuerentMCP",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentRuntime",
            dependencies: [
                "QuerentCore", "QuerentApplication", "QuerentGeneration", "QuerentLLMGeneration", "QuerentSQLStore", "QuerentInProcess",
                "QuerentPostgres", "QuerentSQLite", "QuerentMySQL", "QuerentRedis", "QuerentHTTPClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/QuerentRuntime",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SampleDatabase",
            dependencies: ["QuerentSQLite", "QuerentCore", "QuerentApplication"],
            path: "Shared/SampleDatabase",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentExpectations",
            dependencies: ["QuerentCore"],
            path: "Shared/QuerentExpectations",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuerentTesting",
            dependencies: [
                "QuerentIO",
                "QuerentCore", "QuerentApplication", "QuerentSQLStore", "QuerentInProcess", "QuerentPostgres", "QuerentSQLite",
                "QuerentMySQL", "QuerentRuntime", "QuerentHTTP", "QuerentGeneration", "QuerentSemantics", "SampleDatabase",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/QuerentTesting",
            swiftSettings: swiftSettings
        ),

        // MARK: - Services (library + thin executable each)
        .target(
            name: "SchemaService",
            dependencies: [
                "QuerentCore", "QuerentApplication", "QuerentHTTP", "QuerentRuntime",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Services/SchemaService/SchemaService",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SchemaServiceApp",
            dependencies: [
                "QuerentApplication", "QuerentCore",
                "SchemaService", "QuerentHTTP", "QuerentRuntime", "QuerentRedis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/SchemaService/App",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TrainerService",
            dependencies: [
                "QuerentCore", "QuerentApplication", "QuerentHTTP", "QuerentRuntime",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Services/TrainerService/TrainerService",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TrainerServiceApp",
            dependencies: [
                "QuerentApplication", "QuerentCore",
                "TrainerService", "QuerentHTTP", "QuerentRuntime", "QuerentRedis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/TrainerService/App",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QueryService",
            dependencies: [
                "QuerentCore", "QuerentApplication", "QuerentHTTP", "QuerentRuntime", "QuerentConsole", "QuerentMCP",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Services/QueryService/QueryService",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "QueryServiceApp",
            dependencies: [
                "QuerentApplication", "QuerentCore",
                "QueryService", "QuerentHTTP", "QuerentRuntime", "QuerentRedis", "QuerentConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/QueryService/App",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Querent",
            dependencies: [
                "QuerentApplication", "QuerentCore", "QuerentInProcess",
                "SchemaService", "TrainerService", "QueryService", "QuerentHTTP", "QuerentRuntime", "SampleDatabase",
                "QuerentSQLite", "QuerentPostgres", "QuerentMySQL", "QuerentHTTPClient", "QuerentConsole", "QuerentMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Querent",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "QuerentBenchmarks",
            dependencies: [
                "QuerentApplication", "QuerentGeneration", "QuerentInProcess", "QuerentSQLStore", "QuerentSafety",
                "QuerentCore", "QuerentPostgres", "QuerentRedis", "QuerentRuntime", "QuerentTesting", "QuerentHTTP", "QuerentHTTPClient",
                "QueryService", "SampleDatabase", "QuerentTeaching",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Benchmarks",
            exclude: ["BusinessDatasets/questions", "BusinessDatasets/teaching"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests: <Module>Tests tests <Module>; DeploymentTests and IntegrationTests span the package
        .testTarget(
            name: "QuerentCoreTests",
            dependencies: ["QuerentCore", "QuerentHTTPClient", "QuerentTesting"],
            path: "Tests/QuerentCoreTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentSafetyTests",
            dependencies: [
                "QuerentSafety", "QuerentCore", "QuerentDialects", "QuerentSQLite", "QuerentPostgres", "QuerentRuntime", "QuerentTesting",
            ],
            path: "Tests/QuerentSafetyTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentSemanticsTests",
            dependencies: ["QuerentSemantics", "QuerentCore", "QuerentSQLite", "QuerentTesting", "SampleDatabase"],
            path: "Tests/QuerentSemanticsTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentGenerationTests",
            dependencies: [
                "QuerentGeneration", "QuerentQueryPlan", "QuerentSchemaLinking", "QuerentApplication", "QuerentCore", "QuerentSQLite",
                "QuerentTesting", "SampleDatabase", "Querent",
            ],
            path: "Tests/QuerentGenerationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentTeachingTests",
            dependencies: ["QuerentTeaching", "QuerentCore"],
            path: "Tests/QuerentTeachingTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentLLMGenerationTests",
            dependencies: [
                "QuerentLLMGeneration", "QuerentCore", "QuerentHTTPClient", "QuerentSQLite", "QuerentTesting", "QuerentExpectations",
                "SampleDatabase",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/QuerentLLMGenerationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentApplicationTests",
            dependencies: [
                "QuerentApplication", "QuerentCore", "QuerentGeneration", "QuerentLLMGeneration", "QuerentTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/QuerentApplicationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentSQLStoreTests",
            dependencies: ["QuerentSQLStore", "QuerentCore", "QuerentPostgres", "QuerentSQLite", "QuerentTesting", "QuerentExpectations"],
            path: "Tests/QuerentSQLStoreTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentPostgresTests",
            dependencies: ["QuerentPostgres", "QuerentCore", "QuerentTesting", "QuerentExpectations"],
            path: "Tests/QuerentPostgresTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentSQLiteTests",
            dependencies: ["QuerentSQLite", "QuerentCore", "QuerentTesting", "QuerentExpectations"],
            path: "Tests/QuerentSQLiteTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentRedisTests",
            dependencies: ["QuerentRedis", "QuerentInProcess", "QuerentCore", "QuerentTesting"],
            path: "Tests/QuerentRedisTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentHTTPClientTests",
            dependencies: [
                "QuerentHTTPClient", "QuerentApplication", "QuerentCore", "QuerentTesting", "QuerentExpectations",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Tests/QuerentHTTPClientTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentCompressionTests",
            dependencies: ["QuerentCompression"],
            path: "Tests/QuerentCompressionTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentHTTPTests",
            dependencies: [
                "QuerentHTTP", "QuerentCore", "QuerentTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/QuerentHTTPTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentRuntimeTests",
            dependencies: ["QuerentRuntime", "QuerentCore", "QuerentTesting", "QuerentExpectations"],
            path: "Tests/QuerentRuntimeTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SampleDatabaseTests",
            dependencies: ["SampleDatabase", "QuerentCore", "QuerentSQLite"],
            path: "Tests/SampleDatabaseTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchemaServiceTests",
            dependencies: [
                "QuerentApplication", "QuerentCompression", "QuerentCore", "QuerentSQLStore", "QuerentSQLite",
                "SchemaService", "TrainerService", "QueryService", "QuerentHTTP", "QuerentRuntime", "QuerentTesting", "SampleDatabase",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/SchemaServiceTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TrainerServiceTests",
            dependencies: [
                "TrainerService", "QuerentHTTP", "QuerentCore", "QuerentTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/TrainerServiceTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QueryServiceTests",
            dependencies: [
                "QueryService", "QuerentHTTP", "QuerentCore", "QuerentTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/QueryServiceTests",
            swiftSettings: swiftSettings
        ),
        // Runs the built `querent-bench` (the business datasets), which `swift build --build-tests` builds.
        .testTarget(
            name: "QuerentBenchmarksTests",
            dependencies: ["QuerentCore", "QuerentIO", "QuerentSQLite", "QuerentTesting"],
            path: "Tests/QuerentBenchmarksTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeploymentTests",
            dependencies: [
                "QuerentApplication", "QuerentInProcess",
                "QuerentCore", "QuerentHTTP", "QuerentRuntime", "QuerentTesting", "SchemaService", "TrainerService", "QueryService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/DeploymentTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentMySQLTests",
            dependencies: ["QuerentMySQL", "QuerentCore", "QuerentIO", "QuerentApplication", "QuerentTesting", "SampleDatabase"],
            path: "Tests/QuerentMySQLTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuerentConsoleTests",
            dependencies: [
                "QuerentConsole", "QuerentHTTP", "QuerentCore", "QuerentTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/QuerentConsoleTests",
            swiftSettings: swiftSettings
        ),
        // The stdio tests run the built `querent` (`swift build --build-tests` builds it).
        .testTarget(
            name: "QuerentMCPTests",
            dependencies: [
                "QuerentMCP", "QueryService", "QuerentHTTP", "QuerentCore", "QuerentTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/QuerentMCPTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "QuerentApplication", "QuerentInProcess", "QuerentSQLStore",
                "QuerentCore", "QuerentRedis", "QuerentRuntime", "QuerentTesting", "QuerentHTTPClient",
            ],
            path: "Tests/IntegrationTests",
            swiftSettings: swiftSettings
        ),
        // Runs the built `querent` as a client of a `querent serve` it starts (`swift build --build-tests` builds both).
        .testTarget(
            name: "QuerentCLITests",
            dependencies: ["QuerentIO", "QuerentTesting"],
            path: "Tests/QuerentCLITests",
            swiftSettings: swiftSettings
        ),
    ]
)
