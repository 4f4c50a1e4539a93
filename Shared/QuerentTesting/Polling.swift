import Foundation

/// Waiting on an observable condition with a bounded deadline, instead of sleeping and hoping.
public enum Polling {
    /// The condition did not hold before the deadline.
    public struct TimedOut: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Evaluates `condition` every `interval` until it returns true.
    /// - Throws: ``TimedOut`` naming `what` (plus `detail()`, evaluated at the deadline) when
    ///   the condition is still false after `timeout`; rethrows errors of `condition`.
    public static func until(
        _ what: @autoclosure () -> String,
        timeout: Duration,
        interval: Duration = .milliseconds(50),
        detail: () async -> String = { "" },
        _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if try await condition() { return }
            guard clock.now < deadline else {
                let extra = await detail()
                throw TimedOut(description: "timed out after \(timeout) waiting until \(what())" + (extra.isEmpty ? "" : "; \(extra)"))
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Evaluates `produce` every `interval` until it returns a value.
    /// - Throws: ``TimedOut`` when it still returns nil after `timeout`.
    public static func value<T>(
        _ what: @autoclosure () -> String,
        timeout: Duration,
        interval: Duration = .milliseconds(50),
        detail: () async -> String = { "" },
        _ produce: () async throws -> T?
    ) async throws -> T {
        var result: T?
        try await until(what(), timeout: timeout, interval: interval, detail: detail) {
            result = try await produce()
            return result != nil
        }
        return result!
    }
}
