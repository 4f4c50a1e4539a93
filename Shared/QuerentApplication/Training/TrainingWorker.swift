import Foundation
import Logging
import QuerentCore
import ServiceLifecycle

/// A trainer: claims jobs from the queue and runs them through the ``TrainingPipeline``,
/// `concurrency` at a time, heartbeating while each runs.
///
/// On graceful shutdown it stops claiming, finishes the jobs in flight, and returns; a job
/// interrupted by cancellation is handed back to the queue.
public struct TrainingWorker: Service {
    let queue: any JobQueue
    let pipeline: TrainingPipeline
    let progress: TrainingProgressReporter
    let policy: JobRetryPolicy
    let consumer: String
    let concurrency: Int
    let heartbeatInterval: Duration
    let logger: Logger

    public init(
        queue: any JobQueue,
        pipeline: TrainingPipeline,
        progress: TrainingProgressReporter,
        policy: JobRetryPolicy = JobRetryPolicy(),
        consumer: String,
        concurrency: Int = 2,
        heartbeatInterval: Duration = .seconds(5),
        logger: Logger
    ) {
        self.queue = queue
        self.pipeline = pipeline
        self.progress = progress
        self.policy = policy
        self.consumer = consumer
        self.concurrency = max(1, concurrency)
        self.heartbeatInterval = heartbeatInterval
        self.logger = logger
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for slot in 0..<concurrency {
                group.addTask { await self.loop(slot: slot) }
            }
        }
    }

    private func loop(slot: Int) async {
        var logger = logger
        logger[metadataKey: "trainer.slot"] = .stringConvertible(slot)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                guard let claimed = try await queue.claim(consumer: consumer, wait: .seconds(1)) else { continue }
                await process(claimed, logger: logger)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("queue unavailable; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// Runs one claimed job to an outcome: acknowledged, retried, dead-lettered or released.
    func process(_ claimed: ClaimedJob, logger: Logger) async {
        var logger = logger
        logger[metadataKey: "trainer.job.id"] = .string(claimed.job.jobId)
        let job = claimed.job
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: heartbeatInterval)
                try? await queue.heartbeat(claimed, consumer: consumer)
            }
        }
        defer { heartbeat.cancel() }
        let started = ContinuousClock.now
        do {
            try await progress.report(job, state: .active, stage: .started)
            try await pipeline.run(job, logger: logger)
            try await settle("acknowledge", logger: logger) { try await queue.acknowledge(claimed) }
            QuerentMetrics.trainingJobFinished(job, consumer: consumer, outcome: .completed, since: started)
        } catch is CancellationError {
            logger.notice("job interrupted; handing it back")
            try? await queue.release(claimed)
        } catch {
            let message = (error as? ServiceError)?.message ?? "\(error)"
            logger.warning("job failed", metadata: ["trainer.attempt": .stringConvertible(job.attempt), "error": .string(message)])
            var action = JobRetryPolicy.Action.deadLetter
            try? await settle("fail", logger: logger) { action = try await queue.fail(claimed, error: message, policy: policy) }
            QuerentMetrics.trainingJobFinished(job, consumer: consumer, outcome: .failed, since: started, action: action)
            switch action {
            case .retry:
                try? await progress.report(job, state: .queued, stage: .queued, error: message)
            case .deadLetter:
                try? await progress.report(job, state: .failed, stage: .failed, error: message)
                await pipeline.deriveModelAfterFailure(job, logger: logger)
            }
        }
    }

    /// Retries a queue call until it succeeds (the queue may be restarting), for at most a
    /// minute; after that the job is left to be reclaimed and, handlers being idempotent,
    /// run again.
    private func settle(_ what: String, logger: Logger, _ call: () async throws -> Void) async throws {
        let giveUp = ContinuousClock.now + .seconds(60)
        while true {
            do {
                return try await call()
            } catch {
                guard ContinuousClock.now < giveUp, !Task.isCancelled else { throw error }
                logger.warning("queue call failed; retrying", metadata: ["queue.call": .string(what), "error": "\(error)"])
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
