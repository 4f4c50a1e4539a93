import Foundation
import QuerentApplication
import QuerentCore

/// The trainer's tuning, from environment variables with defaults.
public struct TrainerSettings: Sendable {
    /// Jobs processed at once (`QUERENT_TRAINER_CONCURRENCY`, default 2).
    public var concurrency = 2
    /// Jobs each slot claims and trains together (`QUERENT_TRAINER_BATCH_SIZE`, default 25).
    public var batchSize = TrainingWorker.defaultBatchSize
    /// A claimed job without a heartbeat for this long goes to another trainer
    /// (`QUERENT_TRAINER_VISIBILITY_MS`, at least 300, default 30000).
    public var visibilityTimeout = Duration.seconds(30)
    /// Attempts and back-off (`QUERENT_TRAINER_MAX_ATTEMPTS`, default 3; `QUERENT_TRAINER_RETRY_BASE_MS`, default 1000).
    public var retryPolicy = JobRetryPolicy()
    /// A pause after each stage, for chaos testing only (`QUERENT_TRAINER_STAGE_DELAY_MS`, default 0).
    public var stageDelay = Duration.zero

    /// Reads the settings from `environment`; unset or invalid values keep their defaults.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func int(_ name: String) -> Int? { environment[name].flatMap(Int.init) }
        if let value = int("QUERENT_TRAINER_CONCURRENCY"), value > 0 { concurrency = value }
        if let value = int("QUERENT_TRAINER_BATCH_SIZE"), value > 0 { batchSize = value }
        if let value = int("QUERENT_TRAINER_VISIBILITY_MS"), value >= 300 { visibilityTimeout = .milliseconds(value) }
        let attempts = int("QUERENT_TRAINER_MAX_ATTEMPTS") ?? 3
        let base = int("QUERENT_TRAINER_RETRY_BASE_MS").map { Duration.milliseconds(max(0, $0)) } ?? .seconds(1)
        retryPolicy = JobRetryPolicy(maxAttempts: attempts, baseDelay: base)
        if let value = int("QUERENT_TRAINER_STAGE_DELAY_MS"), value > 0 { stageDelay = .milliseconds(value) }
    }
}
