/// The metadata stored with each table vector.
public struct VectorMetadata: Codable, Sendable, Hashable {
    public var sourceId: String
    public var tableName: String
    public var columnNames: [String]
    public var dataTypes: [String]
    public var relationships: [String]
    public var businessContext: String
    public var agentId: String

    public init(
        sourceId: String, tableName: String, columnNames: [String], dataTypes: [String], relationships: [String],
        businessContext: String, agentId: String
    ) {
        self.sourceId = sourceId
        self.tableName = tableName
        self.columnNames = columnNames
        self.dataTypes = dataTypes
        self.relationships = relationships
        self.businessContext = businessContext
        self.agentId = agentId
    }

    enum CodingKeys: String, CodingKey {
        case sourceId = "source_id"
        case tableName = "table_name"
        case columnNames = "column_names"
        case dataTypes = "data_types"
        case relationships
        case businessContext = "business_context"
        case agentId = "agent_id"
    }
}

/// One search hit.
public struct VectorMatch: Codable, Sendable, Hashable {
    public var id: String
    public var score: Float
    public var metadata: VectorMetadata

    public init(id: String, score: Float, metadata: VectorMetadata) {
        self.id = id
        self.score = score
        self.metadata = metadata
    }
}

/// Table-schema vectors, one namespace per tenant: `user_{userId}_agent_{agentId}_db`,
/// ids `db_{sourceId}_table_{tableName}`.
public protocol VectorStore: Sendable {
    /// Inserts or replaces the vector of a trained table.
    func upsertTableSchema(_ schema: TableSchema, businessContext: String, tenant: Tenant) async throws

    /// The `limit` tables of the tenant closest to `query` by cosine similarity, best first.
    func searchRelevantTables(query: String, tenant: Tenant, limit: Int) async throws -> [VectorMatch]

    /// Removes one table's vector.
    func deleteTableSchema(sourceId: String, tableName: String, tenant: Tenant) async throws

    /// Removes every vector of the tenant (user, agent).
    func deleteAgentVectors(tenant: Tenant) async throws

    /// Drops the in-memory copy of a namespace, so the next search reloads it from the store
    /// (called when another process changed it).
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
}
