import Foundation

/// A job a consumer has claimed and must acknowledge, fail or release.
public struct ClaimedJob: Sendable, Hashable {
    /// The job as enqueued (its ``TrainingJob/attempt`` counts retries).
    public var job: TrainingJob
    /// The queue's own handle for this delivery (a Redis stream entry id).
    public var receipt: String
    /// How many times this delivery was handed out (above 1 after a reclaim).
    public var deliveries: Int
    /// The consumer holding this delivery.
    public var consumer: String

    /// A delivery of `job` identified by `receipt`, held by `consumer`.
    public init(job: TrainingJob, receipt: String, deliveries: Int = 1, consumer: String = "") {
        self.job = job
        self.receipt = receipt
        self.deliveries = deliveries
        self.consumer = consumer
    }

    /// The error of a call on a delivery its consumer no longer holds (another consumer, or a
    /// later delivery, reclaimed the job): nothing was changed.
    public static func lost(_ claimed: ClaimedJob) -> ServiceError {
        ServiceError(.conflict, "job \(claimed.job.jobId) was reclaimed; this delivery is no longer held")
    }
}

/// A job that exhausted its attempts.
public struct DeadLetter: Codable, Sendable, Hashable {
    /// The job, with the number of its last attempt.
    public var job: TrainingJob
    /// Why the last attempt failed, safe to show a client.
    public var error: String
    /// When the job was given up.
    public var failedAt: Date

    /// A dead letter for `job`, failed with `error`.
    public init(job: TrainingJob, error: String, failedAt: Date = Date()) {
        self.job = job
        self.error = error
        self.failedAt = failedAt
    }
}

/// The durable work queue `database-schema-training`: at-least-once delivery to any number
/// of consumers, reclaim of jobs whose consumer died, retries with backoff, dead letters.
///
/// Delivery is at least once: a job can be handed out again (after a reclaim, or when an
/// acknowledgement is lost), so handlers must be idempotent. A job is held by one consumer at
/// a time while it heartbeats.
///
/// Fencing: heartbeat, acknowledge, fail and release act only on a delivery its consumer
/// still holds (the same consumer and delivery count); after a reclaim they change nothing and
/// throw ``ClaimedJob/lost(_:)`` (`.conflict`), which a caller must not retry.
///
/// Errors: otherwise every requirement throws the backend's own error when it cannot be
/// reached (a `RedisError` for Redis; ``ServiceError`` `.unavailable` once its client is
/// closed); callers retry. The in-process queue throws only the fencing error.
///
/// Adapters: Redis Streams with a consumer group; in-process for the embedded `querent`.
public protocol JobQueue: Sendable {
    /// Adds a job; it becomes claimable at once. Durable when the call returns (Redis: as durable
    /// as the server's persistence).
    func enqueue(_ job: TrainingJob) async throws

    /// Waits up to `wait` for a job and claims it for `consumer`. Jobs whose consumer stopped
    /// heartbeating for longer than the visibility timeout are reclaimed here too, and retries
    /// whose backoff has passed become claimable.
    /// - Returns: the claimed job, or nil when none came within `wait`.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func claim(consumer: String, wait: Duration) async throws -> ClaimedJob?

    /// Like ``claim(consumer:wait:)``, but up to `limit` jobs that are ready together; each is
    /// heartbeated and settled on its own. Empty when none came within `wait`.
    func claim(consumer: String, wait: Duration, limit: Int) async throws -> [ClaimedJob]

    /// Tells the queue the consumer is still working on the job, so it is not reclaimed; call it
    /// well within the visibility timeout.
    func heartbeat(_ claimed: ClaimedJob, consumer: String) async throws

    /// Marks the job done and removes it for good.
    func acknowledge(_ claimed: ClaimedJob) async throws

    /// Records a failed attempt: as `policy` decides, the job is scheduled again with its attempt
    /// number increased (claimable after the backoff) or moved to the dead letters. Either way the
    /// current delivery is removed, atomically with the decision.
    /// - Returns: the decision.
    @discardableResult
    func fail(_ claimed: ClaimedJob, error: String, policy: JobRetryPolicy) async throws -> JobRetryPolicy.Action

    /// Hands an unfinished job back (graceful shutdown): it is claimable again at once, and
    /// the attempt does not count. Atomic: the job is never lost or duplicated by a release.
    func release(_ claimed: ClaimedJob) async throws

    /// The `limit` most recent dead letters, newest last.
    func deadLetters(limit: Int) async throws -> [DeadLetter]

    /// Jobs waiting, in flight, or delayed for retry (the signal to scale trainers on).
    func pendingCount() async throws -> Int

    /// Checks the queue's backend answers (`/health/ready`).
    func ping() async throws
}
