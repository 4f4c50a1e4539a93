/// Publishes and delivers ``QuerentEvent``s: live progress and cache invalidation.
///
/// Delivery is at most once, fire and forget: a subscriber gets the events published after it
/// subscribed (each publisher's events in order), and events published while it was
/// disconnected are lost. Treat events as hints; the metadata store is the truth (the schema
/// cache also expires after five minutes).
///
/// Adapters: Redis pub/sub (across processes); in-process.
public protocol EventBus: Sendable {
    /// Publishes `event` on its channel to every current subscriber, in every process.
    /// - Throws: the backend's error when it cannot be reached (a `RedisError` for Redis); the
    ///   in-process bus never throws.
    func publish(_ event: QuerentEvent) async throws

    /// A stream of every event published from now on, on every channel and for every tenant
    /// (subscribers filter), until the consumer stops iterating. A subscriber that falls behind
    /// keeps the newest 10,000 events. Never fails: a Redis subscriber reconnects on its own.
    func subscribe() async -> AsyncStream<QuerentEvent>
}
