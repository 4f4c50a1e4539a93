import QuerentCore

/// An ``EventBus`` inside one process: every subscriber gets every event published after it
/// subscribed, in publication order.
public struct InProcessEventBus: EventBus {
    private let broadcast = EventBroadcast()

    /// A bus with no subscribers.
    public init() {}

    public func publish(_ event: QuerentEvent) async {
        await broadcast.publish(event)
    }

    public func subscribe() async -> AsyncStream<QuerentEvent> {
        await broadcast.subscribe()
    }
}
