/// Records every element of a stream in the background, so tests can wait on what arrived.
public final class StreamRecorder<Element: Sendable>: Sendable {
    private let storage = Locked<[Element]>([])
    private let task: Task<Void, Never>

    /// Starts recording `stream`.
    public init(_ stream: AsyncStream<Element>) {
        let storage = self.storage
        task = Task {
            for await element in stream { storage.withLock { $0.append(element) } }
        }
    }

    deinit { task.cancel() }

    /// What arrived so far, in order.
    public var elements: [Element] { storage.withLock { $0 } }

    /// Stops recording.
    public func stop() { task.cancel() }

    /// Waits until `condition` holds for what arrived so far, and returns it.
    @discardableResult
    public func wait(
        _ what: @autoclosure () -> String,
        timeout: Duration = .seconds(30),
        until condition: ([Element]) -> Bool
    ) async throws -> [Element] {
        try await Polling.until(what(), timeout: timeout, interval: .milliseconds(20), detail: { "received so far: \(self.elements)" }) {
            condition(elements)
        }
        return elements
    }
}
