import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentInProcess
import QuerentRedis
import QuerentSQLStore
import ServiceLifecycle

/// The one composition root: every part a Querent process is built from, made once from a
/// ``QuerentConfiguration``.
///
/// The service executables, `querent serve`, `querent eval`, the benchmarks and the tests all
/// build their processes from this type and the use-case factories on it, so the wiring exists
/// once. The clients it opens (metadata store, Redis, kept customer connections) close when
/// ``services`` stop — run them in the process's `ServiceGroup` — or when ``close()`` is called
/// by a process that runs no group.
public struct Dependencies: Sendable {
    /// The settings this was built from.
    public let configuration: QuerentConfiguration
    /// Querent's own state: sources, schemas, training status, history, vectors.
    public let store: SQLMetadataStore
    /// The tenant's customer databases: registration, sealed credentials, drivers.
    public let registry: SourceRegistry
    /// Schema events (`training.progress`, `schema.trained`, `schema.untrained`).
    public let events: any EventBus
    /// The `database-schema-training` queue.
    public let queue: any JobQueue
    /// Embedded table schemas per tenant namespace.
    public let vectors: IndexedVectorStore
    /// Trained schemas per source, cached for five minutes and invalidated by events.
    public let contexts: SchemaContextCache
    /// The SQL generators offered (`builtin`, and `llm` when a model is configured).
    public let generators: [any SQLGenerator]
    /// The model that writes the chat's answers, when one is configured.
    public let chatModel: (any ChatModel)?
    /// What `/health/ready` checks.
    public let readiness: [ReadinessCheck]
    /// Background services that own the process's clients and subscriptions. Start them before
    /// anything that uses them; a `ServiceGroup` stops them last, and they close their clients
    /// when they stop, on every path.
    public let services: [any Service]
    private let closer: ClientCloser

    /// Opens the metadata store (and migrates it), Redis when configured, and builds every part.
    /// - Throws: ``ServiceError`` `.badRequest` for an unusable metadata URL; the store's or
    ///   Redis's error when they cannot be reached. Anything opened before the failure is closed.
    public static func make(_ configuration: QuerentConfiguration, logger: Logger) async throws -> Dependencies {
        let store = try MetadataStoreFactory.open(url: configuration.metadataURL)
        var redis: RedisClient?
        do {
            try await store.migrate()
            let events: any EventBus
            let queue: any JobQueue
            var services: [any Service] = []
            var readiness = [ReadinessCheck(name: "metadata", probe: { try await store.ping() })]
            switch configuration.messaging {
            case .inProcess:
                events = InProcessEventBus()
                queue = InProcessJobQueue(visibilityTimeout: configuration.visibilityTimeout)
            case .redis(let url):
                let client = try RedisClient(url: url)
                redis = client
                let bus = RedisEventBus(client: client, logger: logger)
                events = bus
                queue = RedisJobQueue(client: client, queueName: configuration.queueName, visibilityTimeout: configuration.visibilityTimeout)
                services.append(bus)
                readiness.append(ReadinessCheck(name: "redis", probe: { try await client.command("PING") }))
            }
            let connector = DriverConnector(
                allowedDirectories: configuration.sqliteDirectories,
                deniedPaths: configuration.deniedSQLitePaths,
                connectTimeout: configuration.connectTimeoutSeconds
            )
            let registry = SourceRegistry(
                store: store,
                connector: connector,
                cipher: try CredentialCipher(secret: configuration.secretKey, previousSecrets: configuration.previousSecretKeys),
                events: events,
                keepConnections: configuration.keepConnections
            )
            let embedder: any Embedder
            if let configured = configuration.embedder {
                embedder = configured
            } else {
                embedder = try await EmbedderFactory.make(environment: configuration.environment)
            }
            let closer = ClientCloser(store: store, redis: redis, registry: registry)
            return Dependencies(
                configuration: configuration,
                store: store,
                registry: registry,
                events: events,
                queue: queue,
                vectors: IndexedVectorStore(store: store, embedder: embedder),
                contexts: SchemaContextCache(store: store),
                generators: try configuration.generators ?? GeneratorFactory.make(environment: configuration.environment),
                chatModel: GeneratorFactory.chatModel(environment: configuration.environment),
                readiness: readiness,
                services: [closer] + services,
                closer: closer
            )
        } catch {
            await redis?.close()
            await store.client.close()
            throw error
        }
    }

    /// Closes every client now (for processes that run no `ServiceGroup`: tests, `querent eval`,
    /// benchmarks). Closing twice is harmless.
    public func close() async {
        await closer.close()
    }

    // MARK: - Use cases

    /// Sources and their tables: listing, introspection, business context.
    public func catalog() -> SchemaCatalog {
        SchemaCatalog(registry: registry)
    }

    /// Records training progress and publishes it.
    public func progressReporter() -> TrainingProgressReporter {
        TrainingProgressReporter(store: store, events: events)
    }

    /// Trains one table: fetch, analyze, vectorize, model.
    /// - Parameter stageDelay: a pause after each stage (chaos testing only).
    public func trainingPipeline(stageDelay: Duration = .zero) -> TrainingPipeline {
        TrainingPipeline(registry: registry, vectors: vectors, progress: progressReporter(), stageDelay: stageDelay)
    }

    /// Queues training and untraining of tables.
    public func trainingCoordinator() -> TrainingCoordinator {
        TrainingCoordinator(catalog: catalog(), queue: queue, events: events, vectors: vectors)
    }

    /// A queue worker that trains claimed jobs.
    public func trainingWorker(
        consumer: String,
        concurrency: Int = 2,
        batchSize: Int = TrainingWorker.defaultBatchSize,
        policy: JobRetryPolicy = JobRetryPolicy(),
        heartbeatInterval: Duration? = nil,
        stageDelay: Duration = .zero,
        logger: Logger
    ) -> TrainingWorker {
        TrainingWorker(
            queue: queue,
            pipeline: trainingPipeline(stageDelay: stageDelay),
            progress: progressReporter(),
            policy: policy,
            consumer: consumer,
            concurrency: concurrency,
            batchSize: batchSize,
            heartbeatInterval: heartbeatInterval ?? configuration.visibilityTimeout / 3,
            logger: logger
        )
    }

    /// Finds the trained tables relevant to a question.
    public func retriever() -> SchemaRetriever {
        SchemaRetriever(vectors: vectors, contexts: contexts, maxTables: configuration.maxRetrievedTables)
    }

    /// Answers questions: retrieval, generation, the safety gate, execution, history.
    public func queryPipeline() -> QueryPipeline {
        let environment = configuration.environment
        return QueryPipeline(
            registry: registry,
            retriever: retriever(),
            contexts: contexts,
            generators: generators,
            defaultGenerator: configuration.defaultGenerator ?? GeneratorFactory.defaultName(environment: environment, available: generators),
            hybridThreshold: configuration.hybridThreshold ?? GeneratorFactory.hybridThreshold(environment: environment),
            limits: configuration.queryLimits
        )
    }

    /// Examples, glossary, instructions, their export and import, and feedback on answers.
    public func knowledge() -> KnowledgeService {
        KnowledgeService(registry: registry, contexts: contexts, queue: queue, events: events, vectors: vectors, limits: configuration.queryLimits)
    }

    /// The streaming chat over `pipeline`.
    public func chat(pipeline: QueryPipeline) -> ChatService {
        ChatService(pipeline: pipeline, registry: registry, contexts: contexts, vectors: vectors, writer: chatModel)
    }

    /// Drops cached schemas and vectors when another process trains or untrains a table.
    public func schemaEventFollower() async -> SchemaEventFollower {
        await SchemaEventFollower(events: events, contexts: contexts, vectors: vectors)
    }
}

/// Closes the process's clients when the service group stops it (gracefully or by
/// cancellation), or when ``close()`` is called directly; only the first call closes.
private actor ClientCloser: Service {
    private let store: SQLMetadataStore
    private let redis: RedisClient?
    private let registry: SourceRegistry
    private var closed = false

    init(store: SQLMetadataStore, redis: RedisClient?, registry: SourceRegistry) {
        self.store = store
        self.redis = redis
        self.registry = registry
    }

    nonisolated func run() async throws {
        // Returns on graceful shutdown and throws on cancellation: close on both.
        try? await gracefulShutdown()
        await close()
    }

    func close() async {
        guard !closed else { return }
        closed = true
        await registry.shutdown()
        await redis?.close()
        await store.client.close()
    }
}
