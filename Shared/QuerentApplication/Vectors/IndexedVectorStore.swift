import Foundation
import QuerentCore

/// The ``VectorStore``: vectors persist in the metadata store; searches run against an
/// in-memory cosine index per namespace, loaded from the store on first use and dropped by
/// ``invalidate(namespace:)`` when another process changes it.
public actor IndexedVectorStore: VectorStore {
    private let store: any MetadataStore
    private let embedder: any Embedder
    private var index: [String: [String: StoredVector]] = [:]
    /// Example vectors per namespace, source and agent (see ``exampleRows(namespace:sourceId:agentId:)``).
    private var examples: [String: ExampleRows] = [:]
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
        // Scores first, metadata only for the best `limit` (a source may hold thousands of tables).
        var scored: [(score: Float, entry: StoredVector)] = []
        scored.reserveCapacity(entries.count)
        // Namespace strings are ambiguous when an id contains `_agent_` (users `x_agent_y`/agent
        // `z` and `x`/`y_agent_z` share one); equal namespace and agent imply the same user.
        for entry in entries.values
        where entry.model == model && entry.vector.count == probe.count && entry.metadata.agentId == tenant.agentId && entry.metadata.exampleId == nil
        {
            scored.append((Self.cosine(probe, entry.vector), entry))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry.id < $1.entry.id }
        return scored.prefix(limit).map { VectorMatch(id: $0.entry.id, score: $0.score, metadata: $0.entry.metadata) }
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
        dropExampleRows(namespace)
    }

    public func searchExamples(query: String, sourceId: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch] {
        guard limit > 0 else { return [] }
        let rows = try await exampleRows(namespace: VectorNaming.namespace(tenant), sourceId: sourceId, agentId: tenant.agentId)
        guard !rows.entries.isEmpty, let probe = try await embedding(of: query), probe.count == rows.dimension else { return [] }
        let probeNorm = probe.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard probeNorm > 0 else { return [] }
        var scores = [(score: Float, index: Int)]()
        scores.reserveCapacity(rows.entries.count)
        rows.vectors.withUnsafeBufferPointer { vectors in
            probe.withUnsafeBufferPointer { probe in
                for index in rows.entries.indices {
                    var dot: Float = 0
                    let base = index * rows.dimension
                    for component in 0..<rows.dimension { dot += probe[component] * vectors[base + component] }
                    let norm = rows.norms[index]
                    scores.append((norm > 0 ? dot / (norm * probeNorm) : 0, index))
                }
            }
        }
        scores.sort { $0.score != $1.score ? $0.score > $1.score : rows.entries[$0.index].id < rows.entries[$1.index].id }
        return scores.prefix(limit).map { VectorMatch(id: rows.entries[$0.index].id, score: $0.score, metadata: rows.entries[$0.index].metadata) }
    }

    /// One source's example vectors of the current model, laid out for scanning: a flat array of
    /// components and each vector's norm. Rebuilt after any change to the namespace.
    struct ExampleRows {
        var entries: [(id: String, metadata: VectorMetadata)] = []
        var vectors: [Float] = []
        var norms: [Float] = []
        var dimension = 0
    }

    private func exampleRows(namespace: String, sourceId: String, agentId: String) async throws -> ExampleRows {
        let key = namespace + "|" + sourceId + "|" + agentId
        if let rows = examples[key] { return rows }
        let entries = try await load(namespace)
        let model = embedder.model
        var rows = ExampleRows(dimension: embedder.dimension)
        for entry in entries.values.sorted(by: { $0.id < $1.id })
        where entry.metadata.exampleId != nil && entry.sourceId == sourceId && entry.metadata.agentId == agentId && entry.model == model
            && entry.vector.count == rows.dimension
        {
            rows.entries.append((entry.id, entry.metadata))
            rows.vectors += entry.vector
            rows.norms.append(entry.vector.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        examples[key] = rows
        return rows
    }

    public func deleteExample(sourceId: String, exampleId: String, tenant: Tenant) async throws {
        let namespace = VectorNaming.namespace(tenant)
        let id = VectorNaming.exampleId(sourceId: sourceId, exampleId: exampleId)
        try await store.deleteVectors(namespace: namespace, id: id, sourceId: nil)
        index[namespace]?[id] = nil
        dropExampleRows(namespace)
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
        dropExampleRows(namespace)
    }

    public func invalidate(namespace: String) {
        index[namespace] = nil
        dropExampleRows(namespace)
    }

    private func dropExampleRows(_ namespace: String) {
        examples = examples.filter { !$0.key.hasPrefix(namespace + "|") }
    }

    private func load(_ namespace: String) async throws -> [String: StoredVector] {
        if let loaded = index[namespace] { return loaded }
        let vectors = try await store.vectors(namespace: namespace)
        let loaded = Dictionary(vectors.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        index[namespace] = loaded
        return loaded
    }

    /// Cosine similarity, eight lanes at a time (a search compares the probe with every table).
    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let count = min(a.count, b.count)
        var dot = SIMD8<Float>()
        var normA = SIMD8<Float>()
        var normB = SIMD8<Float>()
        var tail: (dot: Float, a: Float, b: Float) = (0, 0, 0)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                var i = 0
                while i + 8 <= count {
                    let u = UnsafeRawPointer(x.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
                    let v = UnsafeRawPointer(y.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
                    dot += u * v
                    normA += u * u
                    normB += v * v
                    i += 8
                }
                while i < count {
                    tail.dot += x[i] * y[i]
                    tail.a += x[i] * x[i]
                    tail.b += y[i] * y[i]
                    i += 1
                }
            }
        }
        let (d, na, nb) = (dot.sum() + tail.dot, normA.sum() + tail.a, normB.sum() + tail.b)
        guard na > 0, nb > 0 else { return 0 }
        return d / (na.squareRoot() * nb.squareRoot())
    }
}
