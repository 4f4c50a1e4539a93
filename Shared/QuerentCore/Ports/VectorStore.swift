/// The metadata stored with each table vector.
public struct VectorMetadata: Codable, Sendable, Hashable {
    /// The source of the table.
    public var sourceId: String
    /// The canonical name of the table.
    public var tableName: String
    /// The table's columns, in order.
    public var columnNames: [String]
    /// The declared type of each column, paired with ``columnNames`` by position.
    public var dataTypes: [String]
    /// The foreign keys in readable form (``Relationship/summary(from:)``).
    public var relationships: [String]
    /// The business context embedded with the table.
    public var businessContext: String
    /// The owning agent; searches compare it, since namespace strings alone can collide.
    public var agentId: String
    /// The taught example the vector stands for (its question embedded); nil for a table.
    public var exampleId: String?

    /// The metadata of one table vector.
    public init(
        sourceId: String,
        tableName: String,
        columnNames: [String],
        dataTypes: [String],
        relationships: [String],
        businessContext: String,
        agentId: String,
        exampleId: String? = nil
    ) {
        self.sourceId = sourceId
        self.tableName = tableName
        self.columnNames = columnNames
        self.dataTypes = dataTypes
        self.relationships = relationships
        self.businessContext = businessContext
        self.agentId = agentId
        self.exampleId = exampleId
    }

    enum CodingKeys: String, CodingKey {
        case sourceId = "source_id"
        case tableName = "table_name"
        case columnNames = "column_names"
        case dataTypes = "data_types"
        case relationships
        case businessContext = "business_context"
        case agentId = "agent_id"
        case exampleId = "example_id"
    }
}

/// One search hit.
public struct VectorMatch: Codable, Sendable, Hashable {
    /// The vector id, `db_{sourceId}_table_{tableName}`.
    public var id: String
    /// Cosine similarity to the query, -1…1; higher is closer.
    public var score: Float
    /// The table the vector stands for.
    public var metadata: VectorMetadata

    /// A hit on vector `id` with `score`.
    public init(id: String, score: Float, metadata: VectorMetadata) {
        self.id = id
        self.score = score
        self.metadata = metadata
    }
}

/// Table-schema and example vectors, one namespace per tenant: `user_{userId}_agent_{agentId}_db`,
/// ids `db_{sourceId}_table_{tableName}` and `db_{sourceId}_example_{exampleId}`.
///
/// A tenant only ever sees its own vectors. Vectors persist in the metadata store, so every
/// process sees every upsert and delete (after ``invalidate(namespace:)`` for a cached copy).
///
/// Errors: every throwing requirement throws what the metadata store throws (``ServiceError``
/// `.unavailable`), and the embedding calls what the ``Embedder`` throws.
public protocol VectorStore: Sendable {
    /// Embeds the table's document (``SchemaDocument``) and inserts or replaces its vector;
    /// idempotent.
    /// - Throws: ``ServiceError`` `.internalError` when the embedder returns no vector of its dimension.
    func upsertTableSchema(_ schema: TableSchema, businessContext: String, tenant: Tenant) async throws

    /// The `limit` tables of the tenant closest to `query` by cosine similarity, best first (ties
    /// by id). Only vectors of the current embedder's model and dimension are compared; empty
    /// when the tenant has none or `limit` is not positive.
    func searchRelevantTables(query: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch]

    /// Removes one table's vector; removing a missing one is not an error.
    func deleteTableSchema(sourceId: String, tableName: String, tenant: Tenant) async throws

    /// Embeds a taught example's question and inserts or replaces its vector
    /// (`db_{sourceId}_example_{exampleId}`); idempotent. Table searches never return it.
    /// - Throws: ``ServiceError`` `.internalError` when the embedder returns no vector of its dimension.
    func upsertExample(_ example: TaughtExample, tenant: Tenant) async throws

    /// The `limit` examples of the tenant's source whose questions are closest to `query`, best
    /// first; ``VectorMetadata/exampleId`` names each.
    func searchExamples(query: String, sourceId: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch]

    /// Removes one example's vector; removing a missing one is not an error.
    func deleteExample(sourceId: String, exampleId: String, tenant: Tenant) async throws

    /// Removes every vector of the tenant (user, agent), and no other tenant's.
    func deleteAgentVectors(tenant: Tenant) async throws

    /// Drops the in-memory copy of a namespace, so the next search reloads it from the store
    /// (called when another process changed it). Never fails.
    func invalidate(namespace: String) async
}

/// The naming contract of vectors.
public enum VectorNaming {
    /// The namespace of a tenant: `user_{userId}_agent_{agentId}_db`.
    public static func namespace(_ tenant: Tenant) -> String { tenant.vectorNamespace }

    /// The vector id of a table: `db_{sourceId}_table_{tableName}`.
    public static func tableId(sourceId: String, tableName: String) -> String {
        "db_\(sourceId)_table_\(tableName)"
    }

    /// The vector id of a taught example: `db_{sourceId}_example_{exampleId}`.
    public static func exampleId(sourceId: String, exampleId: String) -> String {
        "db_\(sourceId)_example_\(exampleId)"
    }
}
