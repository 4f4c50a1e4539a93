import Foundation

/// A job a consumer has claimed and must acknowledge, fail or release.
public struct ClaimedJob: Sendable, Hashable {
    public var job: TrainingJob
    /// The queue's own handle for this delivery (a Redis stream entry id).
    public var receipt: String
    /// How many times this delivery was handed out (above 1 after a reclaim).
    public var deliveries: Int

    public init(job: TrainingJob, receipt: String, deliveries: Int = 1) {
        self.job = job
        self.receipt = receipt
        self.deliveries = deliveries
    }
}

/// A job that exhausted its attempts.
public struct DeadLetter: Codable, Sendable, Hashable {
    public var job: TrainingJob
    public var error: String
    public var failedAt: Date

    public init(job: TrainingJob, error: String, failedAt: Date = Date()) {
        self.job = job
        self.error = error
        self.failedAt = failedAt
    }
}

/// The durable work queue `database-schema-training`: at-least-once delivery to any number
/// of consumers, reclaim of jobs whose consumer died, retries with backoff, dead letters.
///
/// Adapters: Redis Streams with a consumer group; in-process for the embedded `querent`.
public protocol JobQueue: Sendable {
    /// Adds a job; it becomes claimable at once.
    func enqueue(_ job: TrainingJob) async throws

    /// Waits up to `wait` for a job and claims it for `consumer`. Jobs whose consumer stopped
    /// heartbeating for longer than the visibility timeout are reclaimed here too.
    func claim(consumer: String, wait: Duration) async throws -> ClaimedJob?

    /// Tells the queue the consumer is still working on the job, so it is not reclaimed.
    func heartbeat(_ claimed: ClaimedJob, consumer: String) async throws

    /// Marks the job done.
    func acknowledge(_ claimed: ClaimedJob) async throws

    /// Records a failed attempt: the job is retried later or moved to the dead letters,
    /// as `policy` decides. Returns the decision.
    @discardableResult
    func fail(_ claimed: ClaimedJob, error: String, policy: JobRetryPolicy) async throws -> JobRetryPolicy.Action

    /// Hands an unfinished job back (graceful shutdown): it is claimable again at once, and
    /// the attempt does not count.
    func release(_ claimed: ClaimedJob) async throws

    /// The most recent dead letters, newest last.
    func deadLetters(limit: Int) async throws -> [DeadLetter]

    /// Jobs waiting, in flight, or delayed for retry.
    func pendingCount() async throws -> Int

    /// Checks the queue's backend answers.
    func ping() async throws
}
