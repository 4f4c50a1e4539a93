import Foundation
import Logging
import QuerentCore
import ServiceLifecycle

/// A trainer: claims jobs from the queue, up to `batchSize` at once per slot, and runs them
/// through the ``TrainingPipeline`` (table jobs of one source together, see
/// ``TrainingPipeline/run(tables:logger:)``), `concurrency` slots at a time, heartbeating every
/// claimed job while its batch runs. Each job is still acknowledged, retried or dead-lettered
/// on its own.
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
    let batchSize: Int
    let heartbeatInterval: Duration
    let logger: Logger

    public init(
        queue: any JobQueue,
        pipeline: TrainingPipeline,
        progress: TrainingProgressReporter,
        policy: JobRetryPolicy = JobRetryPolicy(),
        consumer: String,
        concurrency: Int = 2,
        batchSize: Int = TrainingWorker.defaultBatchSize,
        heartbeatInterval: Duration = .seconds(5),
        logger: Logger
    ) {
        self.queue = queue
        self.pipeline = pipeline
        self.progress = progress
        self.policy = policy
        self.consumer = consumer
        self.concurrency = max(1, concurrency)
        self.batchSize = max(1, batchSize)
        self.heartbeatInterval = heartbeatInterval
        self.logger = logger
    }

    /// Jobs a slot claims at once unless told otherwise.
    public static let defaultBatchSize = 25

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
                let claimed = try await queue.claim(consumer: consumer, wait: .seconds(1), limit: batchSize)
                guard !claimed.isEmpty else { continue }
                await process(claimed, logger: logger)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("queue unavailable; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// Runs claimed jobs to their outcomes (acknowledged, retried, dead-lettered or released):
    /// table jobs together through the pipeline, examples one by one.
    func process(_ batch: [ClaimedJob], logger: Logger) async {
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: heartbeatInterval)
                for claimed in batch { try? await queue.heartbeat(claimed, consumer: consumer) }
            }
        }
        defer { heartbeat.cancel() }
        let started = ContinuousClock.now
        var tables: [ClaimedJob] = []
        for claimed in batch {
            do {
                try await progress.report(claimed.job, state: .active, stage: .started)
            } catch {
                await settle(claimed, failure: error, since: started, logger: logger)
                continue
            }
            guard claimed.job.trainingType == .example else {
                tables.append(claimed)
                continue
            }
            do {
                try await pipeline.run(claimed.job, logger: logger)
                await settle(claimed, failure: nil, since: started, logger: logger)
            } catch {
                await settle(claimed, failure: error, since: started, logger: logger)
            }
        }
        guard !tables.isEmpty else { return }
        let failures = await pipeline.run(tables: tables.map(\.job), logger: logger)
        for claimed in tables {
            await settle(claimed, failure: failures[claimed.job.jobId], since: started, logger: logger)
        }
    }

    /// Settles one job: acknowledged without `failure`; handed back after a cancellation;
    /// otherwise retried or dead-lettered as the policy says, with its progress reported.
    private func settle(_ claimed: ClaimedJob, failure: (any Error)?, since started: ContinuousClock.Instant, logger: Logger) async {
        var logger = logger
        logger[metadataKey: "trainer.job.id"] = .string(claimed.job.jobId)
        let job = claimed.job
        guard let failure else {
            do {
                try await retrying("acknowledge", logger: logger) { try await queue.acknowledge(claimed) }
                QuerentMetrics.trainingJobFinished(job, consumer: consumer, outcome: .completed, since: started)
            } catch  where Self.isLost(error) {
                logger.notice("job reclaimed by another trainer before it was acknowledged; it runs there")
            } catch {
                logger.warning("job not acknowledged; it will run again", metadata: ["error": "\(error)"])
            }
            return
        }
        if failure is CancellationError {
            logger.notice("job interrupted; handing it back")
            try? await queue.release(claimed)
            return
        }
        let message = (failure as? ServiceError)?.message ?? "\(failure)"
        logger.warning("job failed", metadata: ["trainer.attempt": .stringConvertible(job.attempt), "error": .string(message)])
        // Only a failure the queue recorded is reported: a job this trainer no longer holds, or
        // whose failure could not be recorded, is another delivery's to report.
        let action: JobRetryPolicy.Action
        do {
            var recorded = JobRetryPolicy.Action.deadLetter
            try await retrying("fail", logger: logger) { recorded = try await queue.fail(claimed, error: message, policy: policy) }
            action = recorded
        } catch  where Self.isLost(error) {
            logger.notice("job reclaimed by another trainer before its failure was recorded; it runs there")
            return
        } catch {
            logger.warning("job failure not recorded; it will be reclaimed and run again", metadata: ["error": "\(error)"])
            return
        }
        QuerentMetrics.trainingJobFinished(job, consumer: consumer, outcome: .failed, since: started, action: action)
        switch action {
        case .retry:
            try? await progress.report(job, state: .queued, stage: .queued, error: message)
        case .deadLetter:
            try? await progress.report(job, state: .failed, stage: .failed, error: message)
            await pipeline.deriveModelAfterFailure(job, logger: logger)
        }
    }

    /// Whether `error` says the delivery was reclaimed (``ClaimedJob/lost(_:)``): never retried.
    static func isLost(_ error: any Error) -> Bool {
        (error as? ServiceError)?.code == .conflict
    }

    /// Retries a queue call until it succeeds (the queue may be restarting), for at most a
    /// minute; after that the job is left to be reclaimed and, handlers being idempotent,
    /// run again.
    private func retrying(_ what: String, logger: Logger, _ call: () async throws -> Void) async throws {
        let giveUp = ContinuousClock.now + .seconds(60)
        while true {
            do {
                return try await call()
            } catch {
                guard ContinuousClock.now < giveUp, !Task.isCancelled, !Self.isLost(error) else { throw error }
                logger.warning("queue call failed; retrying", metadata: ["queue.call": .string(what), "error": "\(error)"])
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
