import QuerentCore

/// The trainer's tuning, from environment variables with defaults.
struct TrainerSettings {
    var concurrency = 2
    var visibilityTimeout = Duration.seconds(30)
    var retryPolicy = JobRetryPolicy()
    var stageDelay = Duration.zero

    init(environment: [String: String]) {
        func int(_ name: String) -> Int? { environment[name].flatMap(Int.init) }
        if let value = int("QUERENT_TRAINER_CONCURRENCY"), value > 0 { concurrency = value }
        if let value = int("QUERENT_TRAINER_VISIBILITY_MS"), value >= 300 { visibilityTimeout = .milliseconds(value) }
        let attempts = int("QUERENT_TRAINER_MAX_ATTEMPTS") ?? 3
        let base = int("QUERENT_TRAINER_RETRY_BASE_MS").map { Duration.milliseconds(max(0, $0)) } ?? .seconds(1)
        retryPolicy = JobRetryPolicy(maxAttempts: attempts, baseDelay: base)
        if let value = int("QUERENT_TRAINER_STAGE_DELAY_MS"), value > 0 { stageDelay = .milliseconds(value) }
    }
}
