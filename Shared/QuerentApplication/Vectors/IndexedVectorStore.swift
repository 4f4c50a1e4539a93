import Foundation
import QuerentCore

/// The ``VectorStore``: vectors persist in the metadata store; searches run against an
/// in-memory cosine index per namespace, loaded from the store on first use and dropped by
/// ``invalidate(namespace:)`` when another process changes it.
public actor IndexedVectorStore: VectorStore {
    private let store: any MetadataStore
    private let embedder: any Embedder
    private var index: [String: [String: StoredVector]] = [:]
    /// The latest embedded texts, newest first (see ``embedding(of:)``).
    private var recent: [(text: String, vector: [Float])] = []

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
        guard let probe = try await embedding(of: query) else { return [] }
        let model = embedder.model
        var matches: [VectorMatch] = []
        // Namespace strings are ambiguous when an id contains `_agent_` (users `x_agent_y`/agent
        // `z` and `x`/`y_agent_z` share one); equal namespace and agent imply the same user.
        for entry in entries.values
        where entry.model == model && entry.vector.count == probe.count && entry.metadata.agentId == tenant.agentId && entry.metadata.exampleId == nil
        {
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

    public func upsertExample(_ example: TaughtExample, tenant: Tenant) async throws {
        guard let probe = try await embedding(of: example.question), probe.count == embedder.dimension else {
            throw ServiceError(.internalError, "the embedder returned no vector of dimension \(embedder.dimension)")
        }
        let namespace = VectorNaming.namespace(tenant)
        let stored = StoredVector(
            namespace: namespace,
            id: VectorNaming.exampleId(sourceId: example.sourceId, exampleId: example.id),
            sourceId: example.sourceId,
            tableName: "",
            model: embedder.model,
            vector: probe,
            metadata: VectorMetadata(
                sourceId: example.sourceId,
                tableName: "",
                columnNames: [],
                dataTypes: [],
                relationships: [],
                businessContext: example.question,
                agentId: tenant.agentId,
                exampleId: example.id
            )
        )
        try await store.upsertVector(stored)
        index[namespace]?[stored.id] = stored
    }

    public func searchExamples(query: String, sourceId: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch] {
        guard limit > 0 else { return [] }
        let entries = try await load(VectorNaming.namespace(tenant))
        let examples = entries.values.filter { $0.metadata.exampleId != nil && $0.sourceId == sourceId && $0.metadata.agentId == tenant.agentId }
        guard !examples.isEmpty, let probe = try await embedding(of: query) else { return [] }
        let model = embedder.model
        var matches: [VectorMatch] = []
        for entry in examples where entry.model == model && entry.vector.count == probe.count {
            matches.append(VectorMatch(id: entry.id, score: Self.cosine(probe, entry.vector), metadata: entry.metadata))
        }
        matches.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return Array(matches.prefix(limit))
    }

    public func deleteExample(sourceId: String, exampleId: String, tenant: Tenant) async throws {
        let namespace = VectorNaming.namespace(tenant)
        let id = VectorNaming.exampleId(sourceId: sourceId, exampleId: exampleId)
        try await store.deleteVectors(namespace: namespace, id: id, sourceId: nil)
        index[namespace]?[id] = nil
    }

    /// The embedding of `text`; the last few are remembered, so the table and the example
    /// searches of one question embed it once.
    /// Nil when the embedder returns none.
    private func embedding(of text: String) async throws -> [Float]? {
        if let cached = recent.first(where: { $0.text == text }) { return cached.vector }
        guard let vector = try await embedder.embed([text]).first else { return nil }
        recent.insert((text, vector), at: 0)
        if recent.count > 8 { recent.removeLast() }
        return vector
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
