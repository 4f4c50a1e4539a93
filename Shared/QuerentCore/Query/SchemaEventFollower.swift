import Foundation
import ServiceLifecycle

/// Keeps a query process's caches fresh: on every `schema.trained` / `schema.untrained` event
/// it drops the tenant's cached schema context and in-memory vector namespace.
public struct SchemaEventFollower: Service {
    let events: any EventBus
    let contexts: SchemaContextCache
    let vectors: any VectorStore

    public init(events: any EventBus, contexts: SchemaContextCache, vectors: any VectorStore) {
        self.events = events
        self.contexts = contexts
        self.vectors = vectors
    }

    public func run() async throws {
        for try await event in await events.subscribe().cancelOnGracefulShutdown() where event.channel != .trainingProgress {
            await contexts.invalidate(tenant: event.tenant)
            await vectors.invalidate(namespace: event.tenant.vectorNamespace)
        }
    }
}
