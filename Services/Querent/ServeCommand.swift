import ArgumentParser
import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentInProcess
import QuerentRuntime
import QueryService
import SampleDatabase
import SchemaService
import TrainerService

/// `querent serve`: every route of every service in one process, with SQLite metadata under
/// `QUERENT_HOME`, and the bundled sample database registered on first start.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run every Querent service in one process (SQLite metadata, no Postgres or Redis needed)."
    )

    @OptionGroup var options: ServiceOptions

    @Option(help: "State directory (env QUERENT_HOME, default ./.querent).")
    var home: String?

    @Flag(help: "Do not create or register the bundled sample database.")
    var noSample = false

    /// The tenant the sample database and the printed token belong to.
    static let demoTenant = Tenant(userId: "demo", agentId: "default")

    func run() async throws {
        let logger = options.makeLogger(label: "querent")
        let home = QuerentHome(path: home)
        try home.create()
        let store = try MetadataStoreFactory.open(url: home.metadataPath)
        try await store.migrate()
        let events = InProcessEventBus()
        let queue = InProcessJobQueue()
        let registry = SourceRegistry(
            store: store, connector: DriverConnector(environment: ProcessInfo.processInfo.environment, deniedPaths: [home.metadataPath]),
            cipher: try CredentialCipher(secret: try home.secretKey()), events: events, keepConnections: true
        )
        let signer = TokenSigner(secret: try home.jwtSecret())
        let catalog = SchemaCatalog(registry: registry)
        let environment = ProcessInfo.processInfo.environment
        let vectors = IndexedVectorStore(store: store, embedder: try await EmbedderFactory.make(environment: environment))
        let coordinator = TrainingCoordinator(catalog: catalog, queue: queue, events: events, vectors: vectors)
        let progress = TrainingProgressReporter(store: store, events: events)
        let worker = TrainingWorker(
            queue: queue, pipeline: TrainingPipeline(registry: registry, vectors: vectors, progress: progress), progress: progress,
            consumer: "querent", concurrency: 2, logger: logger
        )

        let sampleId = noSample ? nil : try await registerSample(home: home, registry: registry, coordinator: coordinator, logger: logger)

        let contexts = SchemaContextCache(store: store)
        let generators = try GeneratorFactory.make(environment: environment)
        let pipeline = QueryPipeline(
            registry: registry, retriever: SchemaRetriever(vectors: vectors, contexts: contexts), contexts: contexts,
            generators: generators, defaultGenerator: GeneratorFactory.defaultName(environment: environment, available: generators),
            hybridThreshold: GeneratorFactory.hybridThreshold(environment: environment)
        )
        let chat = ChatService(pipeline: pipeline, registry: registry, contexts: contexts, vectors: vectors, writer: GeneratorFactory.chatModel(environment: environment))

        let schemaRoutes = SchemaRoutes(catalog: catalog)
        let trainerRoutes = TrainerRoutes(coordinator: coordinator)
        let queryRoutes = QueryRoutes(pipeline: pipeline, chat: chat)
        let router = QuerentRouter.make(
            service: "querent", signer: signer,
            checks: [.init(name: "metadata", probe: { try await store.ping() })],
            api: { group in
                schemaRoutes.addRoutes(to: group)
                trainerRoutes.addRoutes(to: group)
                queryRoutes.addRoutes(to: group)
            },
            root: queryRoutes.addRootRoutes
        )
        let token = signer.issue(for: Self.demoTenant)
        try await QuerentServer.run(
            router: router, hostname: options.resolvedHostname(), port: options.resolvedPort(default: 8080), logger: logger,
            services: [worker, await SchemaEventFollower(events: events, contexts: contexts, vectors: vectors)],
            onReady: { port in
                if let sampleId { await Self.waitUntilTrained(sampleId, store: store, logger: logger) }
                Self.printBanner(port: port, token: token, sampleId: sampleId, home: home.path)
            }
        )
        await registry.shutdown()
        await store.client.close()
    }

    /// Waits (at most a minute) until every table of the sample is trained, so the banner
    /// appears when Querent is ready for a question.
    private static func waitUntilTrained(_ sourceId: String, store: any MetadataStore, logger: Logger) async {
        let giveUp = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < giveUp {
            let statuses = await withTaskGroup(of: TrainingState?.self) { group in
                for table in SampleDatabase.trainedTables {
                    group.addTask { try? await store.trainingStatus(sourceId: sourceId, tableName: table)?.state }
                }
                return await group.reduce(into: [TrainingState?]()) { $0.append($1) }
            }
            if statuses.allSatisfy({ $0 == .completed || $0 == .failed }) { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        logger.warning("sample training is still running")
    }

    /// Generates the sample database when missing, registers it for the demo tenant once,
    /// and queues training of its tables that are not trained yet.
    private func registerSample(home: QuerentHome, registry: SourceRegistry, coordinator: TrainingCoordinator, logger: Logger) async throws -> String {
        if try SampleDatabase.ensure(at: home.samplePath) {
            logger.info("sample database generated", metadata: ["path": .string(home.samplePath)])
        }
        let source: DatabaseSource
        if let existing = try await registry.list(tenant: Self.demoTenant).first(where: { $0.name == "sample" }) {
            source = existing
        } else {
            source = try await registry.create(name: "sample", dialect: .sqlite, spec: ConnectionSpec(path: home.samplePath), tenant: Self.demoTenant)
            logger.info("sample database registered", metadata: ["source.id": .string(source.id)])
        }
        let untrained = SampleDatabase.trainedTables.filter { !source.trainedTables.contains($0) }
        if !untrained.isEmpty {
            _ = try await coordinator.train(sourceId: source.id, tables: untrained, tenant: Self.demoTenant)
        }
        return source.id
    }

    private static func printBanner(port: Int, token: String, sampleId: String?, home: String) {
        var lines = [
            "",
            "Querent is ready on http://127.0.0.1:\(port)  (state: \(home))",
            "",
            "Token for user 'demo', agent 'default':",
            "  export TOKEN=\(token)",
            "",
            "Try:",
            "  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/",
        ]
        if let sampleId {
            lines.append("  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/\(sampleId)/tables")
            lines.append("  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/\(sampleId)/tables/orders/schema")
            lines.append("  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/\(sampleId)/query -d '{\"question\":\"How many orders were cancelled?\"}'")
            lines.append("  curl -sN -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/chat -d '{\"message\":\"Top 5 customers by revenue\"}'")
        }
        lines.append("")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
