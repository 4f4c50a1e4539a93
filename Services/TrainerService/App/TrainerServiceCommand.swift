import ArgumentParser
import Foundation
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentRedis
import QuerentRuntime
import TrainerService

/// `trainer-service`: a stateless queue worker (run N replicas on one consumer group) that
/// also serves the training routes.
///
/// Environment (besides `QUERENT_METADATA_URL`, `QUERENT_SECRET_KEY`, `QUERENT_JWT_SECRET`,
/// `REDIS_URL` and the embeddings settings): `QUERENT_TRAINER_NAME` (consumer name, default
/// host-pid), `QUERENT_TRAINER_CONCURRENCY` (jobs in flight, default 2),
/// `QUERENT_TRAINER_VISIBILITY_MS` (reclaim after this long without a heartbeat, default 30000),
/// `QUERENT_TRAINER_MAX_ATTEMPTS` (default 3), `QUERENT_TRAINER_RETRY_BASE_MS` (first retry
/// delay, doubled each time, default 1000), `QUERENT_TRAINER_STAGE_DELAY_MS` (chaos testing
/// only: pause after each stage, default 0).
@main
struct TrainerServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainer-service",
        abstract: "Querent trainer: consumes database-schema-training and trains table schemas."
    )

    @OptionGroup var options: ServiceOptions

    @Option(help: "Consumer name in the queue's consumer group (env QUERENT_TRAINER_NAME).")
    var name: String?

    @Option(help: "Jobs processed at once (env QUERENT_TRAINER_CONCURRENCY, default 2).")
    var concurrency: Int?

    func run() async throws {
        let logger = options.makeLogger(label: "trainer-service")
        let environment = ServiceEnvironment()
        let settings = TrainerSettings(environment: environment.values)
        let store = try MetadataStoreFactory.open(url: try environment.metadataURL())
        try await store.migrate()
        let redis = try RedisClient(url: environment.redisURL())
        let events = RedisEventBus(client: redis, logger: logger)
        let queue = RedisJobQueue(client: redis, visibilityTimeout: settings.visibilityTimeout)
        let registry = SourceRegistry(store: store, connector: DriverConnector(environment: environment.values), cipher: try environment.cipher(), events: events, keepConnections: true)
        let vectors = IndexedVectorStore(store: store, embedder: try await EmbedderFactory.make(environment: environment.values))
        let progress = TrainingProgressReporter(store: store, events: events)
        let consumer = name ?? environment.values["QUERENT_TRAINER_NAME"] ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let worker = TrainingWorker(
            queue: queue,
            pipeline: TrainingPipeline(registry: registry, vectors: vectors, progress: progress, stageDelay: settings.stageDelay),
            progress: progress, policy: settings.retryPolicy, consumer: consumer,
            concurrency: concurrency ?? settings.concurrency, heartbeatInterval: settings.visibilityTimeout / 3,
            logger: logger
        )
        let coordinator = TrainingCoordinator(catalog: SchemaCatalog(registry: registry), queue: queue, events: events, vectors: vectors)
        let routes = TrainerRoutes(coordinator: coordinator)
        let router = QuerentRouter.make(
            service: "trainer-service", signer: try environment.tokenSigner(),
            checks: [
                .init(name: "metadata", probe: { try await store.ping() }),
                .init(name: "redis", probe: { try await queue.ping() }),
            ],
            api: routes.addRoutes
        )
        logger.info("trainer starting", metadata: ["trainer.consumer": .string(consumer), "queue": .string(queue.stream)])
        try await QuerentServer.run(
            router: router, hostname: options.resolvedHostname(), port: options.resolvedPort(default: 8082), logger: logger,
            services: [events, worker, TrainingQueueDepthMonitor(queue: queue, logger: logger)]
        )
        await redis.close()
        await store.client.close()
    }
}
