import Foundation

/// A row of `database_table_schemas`: a table's stored schema, its business context and
/// whether it is trained.
public struct TableSchemaRecord: Codable, Sendable, Hashable {
    /// The source the table belongs to (`source_id`).
    public var sourceId: String
    /// The canonical table name; with ``sourceId`` the row's unique key.
    public var tableName: String
    /// The introspected schema (`schema_data`).
    public var schema: TableSchema
    /// The business context: the user's description when given, followed by the generated paragraph.
    public var businessContext: String
    /// Whether the table is trained: its vector exists and queries may read it.
    public var isTrained: Bool
    /// When the row was first written.
    public var createdAt: Date
    /// When the row last changed (re-introspection, training, untraining).
    public var updatedAt: Date
    /// Who first wrote the row: a user id, or `trainer`.
    public var createdBy: String
    /// Who last changed the row: a user id, or `trainer`.
    public var updatedBy: String

    /// A stored row; the store sets the audit fields.
    public init(
        sourceId: String,
        tableName: String,
        schema: TableSchema,
        businessContext: String,
        isTrained: Bool = false,
        createdAt: Date = Date(),
        updatedAt: Date = Date(),
        createdBy: String,
        updatedBy: String
    ) {
        self.sourceId = sourceId
        self.tableName = tableName
        self.schema = schema
        self.businessContext = businessContext
        self.isTrained = isTrained
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
    }

    enum CodingKeys: String, CodingKey {
        case sourceId = "source_id"
        case tableName = "table_name"
        case schema = "schema_data"
        case businessContext = "business_context"
        case isTrained = "is_trained"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case createdBy = "created_by"
        case updatedBy = "updated_by"
    }
}
