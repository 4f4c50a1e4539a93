import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentRuntime
import QuerentSQLStore
import SampleDatabase

/// The query side wired as `querent serve` wires it (``Dependencies``): SQLite metadata in a
/// temporary directory, the real training pipeline, retrieval, generators, safety gate and history.
public struct QueryHarness: Sendable {
    public let directory: TemporaryDirectory
    public let dependencies: Dependencies
    public let training: TrainingPipeline
    public let coordinator: TrainingCoordinator
    public let pipeline: QueryPipeline
    public let chat: ChatService
    public let logger: Logger
    /// The tenant the harness asks as unless told otherwise.
    public static let tenant = Tenant(userId: "analyst", agentId: "shop-bot")

    /// Builds the wiring with these query limits, generators (the built-in one by default) and
    /// hybrid threshold; the default generator is `builtin`.
    public init(
        limits: QueryLimits = .standard,
        generators: [any SQLGenerator] = [BuiltinSQLGenerator()],
        hybridThreshold: Double = HybridSelection.defaultThreshold
    ) async throws {
        directory = try TemporaryDirectory(prefix: "querent-query")
        var configuration = QuerentConfiguration(metadataURL: directory.path("metadata.sqlite"), secretKey: CredentialCipher.generateKey())
        configuration.queryLimits = limits
        configuration.generators = generators
        configuration.hybridThreshold = hybridThreshold
        configuration.defaultGenerator = "builtin"
        var logger = Logger(label: "query-tests")
        logger.logLevel = .critical
        self.logger = logger
        dependencies = try await Dependencies.make(configuration, logger: logger)
        training = dependencies.trainingPipeline()
        coordinator = dependencies.trainingCoordinator()
        pipeline = dependencies.queryPipeline()
        chat = dependencies.chat(pipeline: pipeline)
    }

    public var store: SQLMetadataStore { dependencies.store }
    public var registry: SourceRegistry { dependencies.registry }
    public var events: any EventBus { dependencies.events }
    public var vectors: IndexedVectorStore { dependencies.vectors }
    public var contexts: SchemaContextCache { dependencies.contexts }

    /// Generates the sample database, registers it, and trains `tables` (all when nil).
    public func registerSample(training tables: [String]? = nil, tenant: Tenant = tenant) async throws -> String {
        let path = directory.path("sample.sqlite")
        if !FileManager.default.fileExists(atPath: path) { _ = try SampleDatabase.generate(at: path) }
        let source = try await registry.create(
            name: "sample-\(UUID().uuidString.prefix(6))",
            dialect: .sqlite,
            spec: ConnectionSpec(path: path),
            tenant: tenant
        )
        try await train(source.id, tables: tables ?? SampleDatabase.trainedTables, tenant: tenant)
        return source.id
    }

    /// Registers a Postgres database and trains `tables`.
    public func registerPostgres(url: String, tables: [String], tenant: Tenant = tenant) async throws -> String {
        try await register(.postgres, url: url, tables: tables, tenant: tenant)
    }

    /// Registers a database of `dialect` at `url` and trains `tables`.
    public func register(_ dialect: Dialect, url: String, tables: [String], tenant: Tenant = tenant) async throws -> String {
        let source = try await registry.create(
            name: "\(dialect.rawValue)-\(UUID().uuidString.prefix(6))",
            dialect: dialect,
            spec: ConnectionSpec(url: url),
            tenant: tenant
        )
        try await train(source.id, tables: tables, tenant: tenant)
        return source.id
    }

    /// Trains `tables` of the source with the training pipeline, one after the other, in this task.
    public func train(_ sourceId: String, tables: [String], tenant: Tenant = tenant) async throws {
        for table in tables {
            try await training.run(TrainingJob(sourceId: sourceId, tableName: table, tenant: tenant, trainingType: .newTable), logger: logger)
        }
    }

    /// Asks `question` of the source as ``tenant``, and whether the answer's rows are the rows
    /// `gold` gives run directly (``ResultComparer``; in order when `gold` sorts).
    public func check(_ question: String, against gold: String, sourceId: String) async throws -> (answer: QueryAnswer, matches: Bool) {
        let answer = try await pipeline.ask(question: question, sourceId: sourceId, tenant: Self.tenant, logger: logger)
        guard let result = answer.result, result.success else { return (answer, false) }
        let expected = try await direct(gold, sourceId: sourceId)
        let rows = result.data.map { row in result.columns.map { row[$0] ?? .null } }
        return (answer, ResultComparer.matches(predicted: rows, gold: expected.rows, ordered: ResultComparer.hasTopLevelOrderBy(gold)))
    }

    /// Runs `sql` directly on the source (bypassing the pipeline) for expected results.
    public func direct(_ sql: String, sourceId: String, tenant: Tenant = tenant) async throws -> QueryRows {
        try await registry.withDriver(sourceId, tenant: tenant) { try await $0.execute(sql, limits: QueryLimits(maxRows: 100_000)) }
    }
}
