import Foundation

/// A row of `database_table_schemas`: a table's stored schema, its business context and
/// whether it is trained.
public struct TableSchemaRecord: Codable, Sendable, Hashable {
    public var sourceId: String
    public var tableName: String
    public var schema: TableSchema
    /// The business context: the user's description when given, followed by the generated paragraph.
    public var businessContext: String
    public var isTrained: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: String
    public var updatedBy: String

    public init(
        sourceId: String, tableName: String, schema: TableSchema, businessContext: String, isTrained: Bool = false,
        createdAt: Date = Date(), updatedAt: Date = Date(), createdBy: String, updatedBy: String
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
