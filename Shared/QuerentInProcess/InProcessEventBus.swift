import Foundation
import QuerentCore

/// An ``EventBus`` inside one process: every subscriber gets every event published after it
/// subscribed, in publication order.
public actor InProcessEventBus: EventBus {
    private var subscribers: [UUID: AsyncStream<QuerentEvent>.Continuation] = [:]

    public init() {}

    public func publish(_ event: QuerentEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

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
