import Foundation
import QuerentCore

/// The ``VectorStore``: vectors persist in the metadata store; searches run against an
/// in-memory cosine index per namespace, loaded from the store on first use and dropped by
/// ``invalidate(namespace:)`` when another process changes it.
public actor IndexedVectorStore: VectorStore {
    private let store: any MetadataStore
    private let embedder: any Embedder
    private var index: [String: [String: StoredVector]] = [:]
    /// Vectors laid out for searching, per namespace, kind and agent (see ``rows(_:namespace:agentId:)``).
    private var searchRows: [RowKey: VectorRows] = [:]
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
        dropRows(namespace)
    }

    public func searchRelevantTables(query: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch] {
        guard limit > 0 else { return [] }
        // Namespace strings are ambiguous when an id contains `_agent_` (users `x_agent_y`/agent
        // `z` and `x`/`y_agent_z` share one); equal namespace and agent imply the same user.
        let rows = try await rows(.tables, namespace: VectorNaming.namespace(tenant), agentId: tenant.agentId)
        return try await search(rows, query: query, limit: limit)
    }

    public func deleteTableSchema(sourceId: String, tableName: String, tenant: Tenant) async throws {
        let namespace = VectorNaming.namespace(tenant)
        let id = VectorNaming.tableId(sourceId: sourceId, tableName: tableName)
        try await store.deleteVectors(namespace: namespace, id: id, sourceId: nil)
        index[namespace]?[id] = nil
        dropRows(namespace)
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
        dropRows(namespace)
    }

    public func searchExamples(query: String, sourceId: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch] {
        guard limit > 0 else { return [] }
        let rows = try await rows(.examples(sourceId: sourceId), namespace: VectorNaming.namespace(tenant), agentId: tenant.agentId)
        return try await search(rows, query: query, limit: limit)
    }

    /// The best `limit` rows by cosine similarity with `query`'s embedding; ties go to the
    /// smaller id.
    private func search(_ rows: VectorRows, query: String, limit: Int) async throws -> [VectorMatch] {
        guard !rows.entries.isEmpty, let probe = try await embedding(of: query), probe.count == rows.dimension else { return [] }
        let probeNorm = probe.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard probeNorm > 0 else { return [] }
        var scores = [(score: Float, index: Int)]()
        scores.reserveCapacity(rows.entries.count)
        rows.vectors.withUnsafeBufferPointer { vectors in
            probe.withUnsafeBufferPointer { probe in
                for index in rows.entries.indices {
                    let norm = rows.norms[index]
                    let dot = Self.dot(probe, vectors, at: index * rows.dimension)
                    scores.append((norm > 0 ? dot / (norm * probeNorm) : 0, index))
                }
            }
        }
        // Rows are in id order, so the index breaks ties the way the id would.
        scores.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return scores.prefix(limit).map { VectorMatch(id: rows.entries[$0.index].id, score: $0.score, metadata: rows.entries[$0.index].metadata) }
    }

    /// The dot product of `probe` with the row of `vectors` starting at `base`, eight lanes at a time.
    private static func dot(_ probe: UnsafeBufferPointer<Float>, _ vectors: UnsafeBufferPointer<Float>, at base: Int) -> Float {
        let count = probe.count
        var sum = SIMD8<Float>()
        var tail: Float = 0
        var i = 0
        while i + 8 <= count {
            let u = UnsafeRawPointer(probe.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
            let v = UnsafeRawPointer(vectors.baseAddress! + base + i).loadUnaligned(as: SIMD8<Float>.self)
            sum += u * v
            i += 8
        }
        while i < count {
            tail += probe[i] * vectors[base + i]
            i += 1
        }
        return sum.sum() + tail
    }

    /// Which vectors of a namespace a set of rows holds.
    enum RowKind: Hashable {
        /// Every table vector, of all sources.
        case tables
        /// The example vectors of one source.
        case examples(sourceId: String)
    }

    /// One agent's vectors of one kind and the current model, laid out for scanning in id
    /// order: a flat array of components and each vector's norm. Rebuilt after any change to
    /// the namespace.
    struct VectorRows {
        var entries: [(id: String, metadata: VectorMetadata)] = []
        var vectors: [Float] = []
        var norms: [Float] = []
        var dimension = 0
    }

    private func rows(_ kind: RowKind, namespace: String, agentId: String) async throws -> VectorRows {
        let key = RowKey(namespace: namespace, kind: kind, agentId: agentId)
        if let rows = searchRows[key] { return rows }
        let entries = try await load(namespace)
        let model = embedder.model
        var rows = VectorRows(dimension: embedder.dimension)
        for entry in entries.values.sorted(by: { $0.id < $1.id })
        where entry.metadata.agentId == agentId && entry.model == model && entry.vector.count == rows.dimension {
            switch kind {
            case .tables: guard entry.metadata.exampleId == nil else { continue }
            case .examples(let sourceId): guard entry.metadata.exampleId != nil, entry.sourceId == sourceId else { continue }
            }
            rows.entries.append((entry.id, entry.metadata))
            rows.vectors += entry.vector
            rows.norms.append(entry.vector.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        searchRows[key] = rows
        return rows
    }

    public func deleteExample(sourceId: String, exampleId: String, tenant: Tenant) async throws {
        let namespace = VectorNaming.namespace(tenant)
        let id = VectorNaming.exampleId(sourceId: sourceId, exampleId: exampleId)
        try await store.deleteVectors(namespace: namespace, id: id, sourceId: nil)
        index[namespace]?[id] = nil
        dropRows(namespace)
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
        dropRows(namespace)
    }

    public func invalidate(namespace: String) {
        index[namespace] = nil
        dropRows(namespace)
    }

    private func dropRows(_ namespace: String) {
        searchRows = searchRows.filter { $0.key.namespace != namespace }
    }

    private struct RowKey: Hashable {
        var namespace: String
        var kind: RowKind
        var agentId: String
    }

    private func load(_ namespace: String) async throws -> [String: StoredVector] {
        if let loaded = index[namespace] { return loaded }
        let vectors = try await store.vectors(namespace: namespace)
        let loaded = Dictionary(vectors.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        index[namespace] = loaded
        return loaded
    }
}
