import Synchronization

/// A thread-safe memo of a pure function's results, emptied when it reaches `capacity`
/// entries so it cannot grow without bound.
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])
    private let capacity: Int

    /// An empty memo that holds at most `capacity` entries before it is cleared.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The memoized value of `key`, computing it (outside the lock) on a miss.
    public func value(for key: Key, compute: () -> Value) -> Value {
        if let value = entries.withLock({ $0[key] }) { return value }
        let value = compute()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}
