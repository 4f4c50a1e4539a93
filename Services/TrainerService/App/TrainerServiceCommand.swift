import ArgumentParser
import Foundation
import QuerentCore
import QuerentHTTP
import QuerentRuntime
import TrainerService

/// `trainer-service`: a stateless queue worker (run N replicas on one consumer group) that
/// also serves the training routes.
///
/// Environment (besides `QUERENT_METADATA_URL`, `QUERENT_SECRET_KEY`, `QUERENT_JWT_SECRET`,
/// `REDIS_URL` and the embeddings settings): `QUERENT_TRAINER_NAME` (consumer name, default
/// host-pid), `QUERENT_TRAINER_CONCURRENCY` (batches in flight, default 2),
/// `QUERENT_TRAINER_BATCH_SIZE` (jobs a slot claims and trains together, default 25),
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
        let signer = try environment.tokenSigner()
        var settings = TrainerSettings(environment: environment.values)
        if let concurrency { settings.concurrency = max(1, concurrency) }
        var configuration = try QuerentConfiguration(environment: environment.values, requiresRedis: true)
        configuration.visibilityTimeout = settings.visibilityTimeout
        let dependencies = try await Dependencies.make(configuration, logger: logger)
        let consumer = name ?? environment.values["QUERENT_TRAINER_NAME"] ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        logger.info("trainer starting", metadata: ["trainer.consumer": .string(consumer), "queue": .string(TrainingJob.queueName)])
        try await QuerentServer.run(
            router: buildRouter(dependencies, signer: signer),
            hostname: options.resolvedHostname(),
            port: options.resolvedPort(default: 8082),
            logger: logger,
            services: dependencies.services + buildWorkers(dependencies, settings: settings, consumer: consumer, logger: logger)
        )
    }
}
