import Foundation

/// The schema of one table or view, as introspected from a customer's database.
///
/// The JSON form is the product contract (`source_id`, `table_name`, `columns`, `relationships`,
/// `indexes`, `sample_data`, `business_description`) plus the details a demanding user expects:
/// kind, comment, approximate row count and unique constraints.
public struct TableSchema: Codable, Sendable, Hashable {
    public var sourceId: String
    /// The canonical table name: `name` in the default schema, `schema.name` elsewhere.
    public var tableName: String
    /// The schema (Postgres) or attached database (SQLite) holding the table.
    public var schemaName: String?
    public var kind: TableKind
    public var columns: [ColumnSchema]
    public var relationships: [Relationship]
    public var indexes: [IndexSchema]
    public var uniqueConstraints: [UniqueConstraint]
    /// The table comment (`COMMENT ON TABLE`), if any.
    public var description: String?
    /// An approximate row count from the database's statistics, if it has one.
    public var rowEstimate: Int64?
    /// Up to three sample rows, column name to value.
    public var sampleData: [[String: JSONValue]]?
    /// The user's own description of the table; kept across re-introspection and retraining.
    public var businessDescription: String?
    /// The distinct values of low-cardinality text columns, by column (set by training), so
    /// words like "Paris" or "cancelled" in a question can be linked to a column.
    public var valueProfile: [String: [String]]?

    public init(
        sourceId: String, tableName: String, schemaName: String? = nil, kind: TableKind = .table,
        columns: [ColumnSchema], relationships: [Relationship] = [], indexes: [IndexSchema] = [],
        uniqueConstraints: [UniqueConstraint] = [], description: String? = nil, rowEstimate: Int64? = nil,
        sampleData: [[String: JSONValue]]? = nil, businessDescription: String? = nil
    ) {
        self.sourceId = sourceId
        self.tableName = tableName
        self.schemaName = schemaName
        self.kind = kind
        self.columns = columns
        self.relationships = relationships
        self.indexes = indexes
        self.uniqueConstraints = uniqueConstraints
        self.description = description
        self.rowEstimate = rowEstimate
        self.sampleData = sampleData
        self.businessDescription = businessDescription
    }

    enum CodingKeys: String, CodingKey {
        case sourceId = "source_id"
        case tableName = "table_name"
        case schemaName = "schema_name"
        case kind, columns, relationships, indexes
        case uniqueConstraints = "unique_constraints"
        case description
        case rowEstimate = "row_estimate"
        case sampleData = "sample_data"
        case businessDescription = "business_description"
        case valueProfile = "value_profile"
    }

    /// The names of the primary-key columns, in table column order.
    public var primaryKey: [String] { columns.filter(\.primaryKey).map(\.name) }
}

/// Whether a relation is a table or a view.
public enum TableKind: String, Codable, Sendable, Hashable {
    case table
    case view
    case materializedView = "materialized_view"
    case foreignTable = "foreign_table"
}

/// One column of a ``TableSchema``.
public struct ColumnSchema: Codable, Sendable, Hashable {
    public var name: String
    /// The declared type, as the database prints it (`numeric(10,2)`, `timestamp with time zone`).
    public var type: String
    public var nullable: Bool
    public var primaryKey: Bool
    /// The default expression, if any.
    public var defaultValue: String?
    /// Set when this column alone references another table's column.
    public var foreignKey: ForeignKeyReference?
    /// The column comment (`COMMENT ON COLUMN`), if any.
    public var description: String?

    public init(
        name: String, type: String, nullable: Bool = true, primaryKey: Bool = false, defaultValue: String? = nil,
        foreignKey: ForeignKeyReference? = nil, description: String? = nil
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.primaryKey = primaryKey
        self.defaultValue = defaultValue
        self.foreignKey = foreignKey
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case name, type, nullable
        case primaryKey = "primary_key"
        case defaultValue = "default"
        case foreignKey = "foreign_key"
        case description
    }
}

/// The target of a single-column foreign key.
public struct ForeignKeyReference: Codable, Sendable, Hashable {
    public var referencesTable: String
    public var referencesColumn: String

    public init(referencesTable: String, referencesColumn: String) {
        self.referencesTable = referencesTable
        self.referencesColumn = referencesColumn
    }

    enum CodingKeys: String, CodingKey {
        case referencesTable = "references_table"
        case referencesColumn = "references_column"
    }
}

/// A foreign key from this table to another (or to itself); composite keys list several columns.
public struct Relationship: Codable, Sendable, Hashable {
    public var name: String?
    public var columns: [String]
    public var referencesTable: String
    public var referencesColumns: [String]

    public init(name: String?, columns: [String], referencesTable: String, referencesColumns: [String]) {
        self.name = name
        self.columns = columns
        self.referencesTable = referencesTable
        self.referencesColumns = referencesColumns
    }

    enum CodingKeys: String, CodingKey {
        case name, columns
        case referencesTable = "references_table"
        case referencesColumns = "references_columns"
    }

    /// A readable form: `orders(customer_id) → customers(id)`.
    public func summary(from table: String) -> String {
        "\(table)(\(columns.joined(separator: ", "))) → \(referencesTable)(\(referencesColumns.joined(separator: ", ")))"
    }
}

/// An index on the table.
public struct IndexSchema: Codable, Sendable, Hashable {
    public var name: String
    /// Key columns or expressions, in order.
    public var columns: [String]
    public var unique: Bool
    public var primary: Bool
    /// The full definition where the database offers one (`CREATE INDEX …`).
    public var definition: String?

    public init(name: String, columns: [String], unique: Bool, primary: Bool = false, definition: String? = nil) {
        self.name = name
        self.columns = columns
        self.unique = unique
        self.primary = primary
        self.definition = definition
    }
}

/// A `UNIQUE` constraint.
public struct UniqueConstraint: Codable, Sendable, Hashable {
    public var name: String?
    public var columns: [String]

    public init(name: String?, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}
