import Foundation

/// Decides what happens to a failed job: retry after an exponential backoff, or dead-letter.
/// A plain value with no I/O, so the decisions are tested on their own.
public struct JobRetryPolicy: Sendable, Hashable {
    /// What to do with a failed attempt.
    public enum Action: Sendable, Hashable {
        /// Run attempt `attempt` after `delay`.
        case retry(attempt: Int, delay: Duration)
        /// Give up: move the job to the dead-letter stream.
        case deadLetter
    }

    /// Total attempts, the first included (default 3).
    public var maxAttempts: Int
    /// The delay before the first retry; doubled for each later one.
    public var baseDelay: Duration
    /// The longest delay.
    public var maxDelay: Duration

    /// A policy; `maxAttempts` below 1 counts as 1 (no retry).
    public init(maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The action after attempt number `attempt` (1-based) failed.
    public func action(afterFailedAttempt attempt: Int) -> Action {
        guard attempt < maxAttempts else { return .deadLetter }
        let exponent = min(attempt - 1, 20)
        let delay = baseDelay * (1 << exponent)
        return .retry(attempt: attempt + 1, delay: min(delay, maxDelay))
    }
}
