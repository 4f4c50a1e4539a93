/// Publishes and delivers ``QuerentEvent``s: live progress and cache invalidation.
///
/// Adapters: Redis pub/sub (across processes); in-process.
public protocol EventBus: Sendable {
    /// Publishes `event` on its channel.
    func publish(_ event: QuerentEvent) async throws

    /// A stream of every event published from now on, until the consumer stops iterating.
    func subscribe() async -> AsyncStream<QuerentEvent>
}
