import Foundation

/// Hands every event published after a subscription to that subscriber, in publication order,
/// inside one process. The in-process event bus is this alone; the Redis bus uses it to fan the
/// events of its one Redis subscription out to the process's subscribers.
public actor EventBroadcast {
    private var subscribers: [UUID: AsyncStream<QuerentEvent>.Continuation] = [:]

    /// A broadcast with no subscribers.
    public init() {}

    /// Delivers `event` to every current subscriber (each buffers the newest 10,000).
    public func publish(_ event: QuerentEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// The events published from now on; the subscription ends when the stream is dropped.
    public func subscribe() -> AsyncStream<QuerentEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<QuerentEvent>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        subscribers[id] = continuation
        return stream
    }

    private func remove(_ id: UUID) {
        subscribers[id] = nil
    }
}
