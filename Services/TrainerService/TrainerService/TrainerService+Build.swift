import Hummingbird
import Logging
import QuerentApplication
import QuerentHTTP
import QuerentRuntime
import ServiceLifecycle

extension TrainerRoutes {
    /// The training routes over `dependencies`.
    public init(_ dependencies: Dependencies) {
        self.init(coordinator: dependencies.trainingCoordinator())
    }
}

/// The router `trainer-service` serves: training, status and live progress, with health,
/// metrics and OpenAPI routes.
public func buildRouter(_ dependencies: Dependencies, signer: TokenSigner) -> Router<AppRequestContext> {
    let routes = TrainerRoutes(dependencies)
    return QuerentRouter.make(service: "trainer-service", signer: signer, checks: dependencies.readiness, api: routes.addRoutes)
}

/// The trainer's background work: a queue worker named `consumer` and the queue-depth gauge.
public func buildWorkers(_ dependencies: Dependencies, settings: TrainerSettings, consumer: String, logger: Logger) -> [any Service] {
    let worker = dependencies.trainingWorker(
        consumer: consumer,
        concurrency: settings.concurrency,
        batchSize: settings.batchSize,
        policy: settings.retryPolicy,
        heartbeatInterval: settings.visibilityTimeout / 3,
        stageDelay: settings.stageDelay,
        logger: logger
    )
    return [worker, TrainingQueueDepthMonitor(queue: dependencies.queue, logger: logger)]
}
