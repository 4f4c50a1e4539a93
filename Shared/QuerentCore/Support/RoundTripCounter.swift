import Synchronization

/// Counts round trips to a customer database, for measurement: on Postgres every libpq call
/// that waits for the server, on SQLite every statement prepared and stepped. A driver shares
/// one counter between its pooled connections; it may be read from any thread.
public final class RoundTripCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// A counter at zero.
    public init() {}

    /// Counts one more round trip.
    public func increment() {
        count.add(1, ordering: .relaxed)
    }

    /// The round trips counted so far.
    public var value: Int { count.load(ordering: .relaxed) }
}
