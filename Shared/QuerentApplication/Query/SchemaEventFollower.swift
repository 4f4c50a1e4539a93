import Foundation
import QuerentCore
import ServiceLifecycle

/// Keeps a query process's caches fresh: on every `schema.trained` / `schema.untrained` event
/// it drops the tenant's cached schema context and in-memory vector namespace.
public struct SchemaEventFollower: Service {
    private let stream: AsyncStream<QuerentEvent>
    let contexts: SchemaContextCache
    let vectors: any VectorStore

    /// Subscribes at once, so no event published after this returns is missed.
    public init(events: any EventBus, contexts: SchemaContextCache, vectors: any VectorStore) async {
        self.stream = await events.subscribe()
        self.contexts = contexts
        self.vectors = vectors
    }

    public func run() async throws {
        for try await event in stream.cancelOnGracefulShutdown() where event.channel != .trainingProgress {
            await contexts.invalidate(tenant: event.tenant)
            await vectors.invalidate(namespace: event.tenant.vectorNamespace)
        }
    }
}
