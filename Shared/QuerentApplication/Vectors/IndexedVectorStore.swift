import Foundation
import QuerentCore

/// The ``VectorStore``: vectors persist in the metadata store; searches run against an
/// in-memory cosine index per namespace, loaded from the store on first use and dropped by
/// ``invalidate(namespace:)`` when another process changes it.
public actor IndexedVectorStore: VectorStore {
    private let store: any MetadataStore
    private let embedder: any Embedder
    private var index: [String: [String: StoredVector]] = [:]

    public init(store: any MetadataStore, embedder: any Embedder) {
        self.store = store
        self.embedder = embedder
    }

    public func upsertTableSchema(_ schema: TableSchema, businessContext: String, tenant: Tenant) async throws {
        let text = SchemaDocument.text(for: schema, businessContext: businessContext)
        guard let vector = try await embedder.embed([text]).first, vector.count == embedder.dimension else {
            throw ServiceError(.internalError, "the embedder returned no vector of dimension \(embedder.dimension)")
        }
        let namespace = VectorNaming.namespace(tenant)
        let stored = StoredVector(
            namespace: namespace,
            id: VectorNaming.tableId(sourceId: schema.sourceId, tableName: schema.tableName),
            sourceId: schema.sourceId,
            tableName: schema.tableName,
            model: embedder.model,
            vector: vector,
            metadata: VectorMetadata(
                sourceId: schema.sourceId,
                tableName: schema.tableName,
                columnNames: schema.columns.map(\.name),
                dataTypes: schema.columns.map(\.type),
                relationships: schema.relationships.map { $0.summary(from: schema.tableName) },
                businessContext: businessContext,
                agentId: tenant.agentId
            )
        )
        try await store.upsertVector(stored)
        index[namespace]?[stored.id] = stored
    }

    public func searchRelevantTables(query: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch] {
        guard limit > 0 else { return [] }
        let namespace = VectorNaming.namespace(tenant)
        let entries = try await load(namespace)
        guard let probe = try await embedder.embed([query]).first else { return [] }
        let model = embedder.model
        var matches: [VectorMatch] = []
        // Namespace strings are ambiguous when an id contains `_agent_` (users `x_agent_y`/agent
        // `z` and `x`/`y_agent_z` share one); equal namespace and agent imply the same user.
        for entry in entries.values where entry.model == model && entry.vector.count == probe.count && entry.metadata.agentId == tenant.agentId {
            matches.append(VectorMatch(id: entry.id, score: Self.cosine(probe, entry.vector), metadata: entry.metadata))
        }
        matches.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return Array(matches.prefix(limit))
    }

    public func deleteTableSchema(sourceId: String, tableName: String, tenant: Tenant) async throws {
        let namespace = VectorNaming.namespace(tenant)
        let id = VectorNaming.tableId(sourceId: sourceId, tableName: tableName)
        try await store.deleteVectors(namespace: namespace, id: id, sourceId: nil)
        index[namespace]?[id] = nil
    }

    public func deleteAgentVectors(tenant: Tenant) async throws {
        let namespace = VectorNaming.namespace(tenant)
        let stored = try await store.vectors(namespace: namespace)
        if stored.allSatisfy({ $0.metadata.agentId == tenant.agentId }) {
            try await store.deleteVectors(namespace: namespace, id: nil, sourceId: nil)
        } else {
            // Another tenant shares the namespace string (see searchRelevantTables): delete only ours.
            for vector in stored where vector.metadata.agentId == tenant.agentId {
                try await store.deleteVectors(namespace: namespace, id: vector.id, sourceId: nil)
            }
        }
        index[namespace] = nil
    }

    public func invalidate(namespace: String) {
        index[namespace] = nil
    }

    private func load(_ namespace: String) async throws -> [String: StoredVector] {
        if let loaded = index[namespace] { return loaded }
        let vectors = try await store.vectors(namespace: namespace)
        let loaded = Dictionary(vectors.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        index[namespace] = loaded
        return loaded
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var dot: Float = 0
        var normA: Float = 0
        var normB: Float = 0
        for i in 0..<min(a.count, b.count) {
            dot += a[i] * b[i]
            normA += a[i] * a[i]
            normB += b[i] * b[i]
        }
        guard normA > 0, normB > 0 else { return 0 }
        return dot / (normA.squareRoot() * normB.squareRoot())
    }
}
