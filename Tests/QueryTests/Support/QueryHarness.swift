import Foundation
import Hummingbird
import Logging
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentHTTP
import QuerentInProcess
import QuerentRuntime
import QuerentSQLStore
import QuerentTesting
import QueryService
import SampleDatabase

/// The query side wired as `querent serve` wires it (``Dependencies``): SQLite metadata in a
/// temporary directory, the real training pipeline, retrieval, generators, safety gate and history.
struct QueryHarness {
    let directory: TemporaryDirectory
    let dependencies: Dependencies
    let training: TrainingPipeline
    let coordinator: TrainingCoordinator
    let pipeline: QueryPipeline
    let chat: ChatService
    let logger: Logger
    static let tenant = Tenant(userId: "analyst", agentId: "shop-bot")

    init(
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

    var store: SQLMetadataStore { dependencies.store }
    var registry: SourceRegistry { dependencies.registry }
    var events: any EventBus { dependencies.events }
    var vectors: IndexedVectorStore { dependencies.vectors }
    var contexts: SchemaContextCache { dependencies.contexts }

    /// Generates the sample database, registers it, and trains `tables` (all when nil).
    func registerSample(training tables: [String]? = nil, tenant: Tenant = tenant) async throws -> String {
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
    func registerPostgres(url: String, tables: [String], tenant: Tenant = tenant) async throws -> String {
        let source = try await registry.create(
            name: "pg-\(UUID().uuidString.prefix(6))",
            dialect: .postgres,
            spec: ConnectionSpec(url: url),
            tenant: tenant
        )
        try await train(source.id, tables: tables, tenant: tenant)
        return source.id
    }

    func train(_ sourceId: String, tables: [String], tenant: Tenant = tenant) async throws {
        for table in tables {
            try await training.run(TrainingJob(sourceId: sourceId, tableName: table, tenant: tenant, trainingType: .newTable), logger: logger)
        }
    }

    /// The router of the query service, built as `query-service` builds it.
    func router() -> Router<AppRequestContext> {
        buildRouter(dependencies, signer: TestTokens.signer)
    }

    /// Runs `sql` directly on the source (bypassing the pipeline) for expected results.
    func direct(_ sql: String, sourceId: String, tenant: Tenant = tenant) async throws -> QueryRows {
        try await registry.withDriver(sourceId, tenant: tenant) { try await $0.execute(sql, limits: QueryLimits(maxRows: 100_000)) }
    }
}
