import Foundation

/// The schema of one table or view, as introspected from a customer's database.
///
/// The JSON form is the product contract (`source_id`, `table_name`, `columns`, `relationships`,
/// `indexes`, `sample_data`, `business_description`) plus the details a demanding user expects:
/// kind, comment, approximate row count and unique constraints.
public struct TableSchema: Codable, Sendable, Hashable {
    /// The id of the ``DatabaseSource`` the table belongs to.
    public var sourceId: String
    /// The canonical table name: `name` in the default schema, `schema.name` elsewhere.
    public var tableName: String
    /// The schema (Postgres) or attached database (SQLite) holding the table.
    public var schemaName: String?
    /// Table, view, materialized view or foreign table.
    public var kind: TableKind
    /// The columns, in the table's column order.
    public var columns: [ColumnSchema]
    /// The foreign keys from this table, composite and self-referencing ones included.
    public var relationships: [Relationship]
    /// The indexes, the primary-key index included.
    public var indexes: [IndexSchema]
    /// The `UNIQUE` constraints.
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

    /// A schema as a driver introspected it; ``valueProfile`` is set later, by training.
    public init(
        sourceId: String,
        tableName: String,
        schemaName: String? = nil,
        kind: TableKind = .table,
        columns: [ColumnSchema],
        relationships: [Relationship] = [],
        indexes: [IndexSchema] = [],
        uniqueConstraints: [UniqueConstraint] = [],
        description: String? = nil,
        rowEstimate: Int64? = nil,
        sampleData: [[String: JSONValue]]? = nil,
        businessDescription: String? = nil
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
    /// An ordinary table.
    case table
    /// A view.
    case view
    /// A Postgres materialized view.
    case materializedView = "materialized_view"
    /// A Postgres foreign table (foreign data wrapper).
    case foreignTable = "foreign_table"
}

/// One column of a ``TableSchema``.
public struct ColumnSchema: Codable, Sendable, Hashable {
    /// The column name, exactly as the database spells it.
    public var name: String
    /// The declared type, as the database prints it (`numeric(10,2)`, `timestamp with time zone`).
    public var type: String
    /// False when the column is `NOT NULL`.
    public var nullable: Bool
    /// True when the column is part of the primary key.
    public var primaryKey: Bool
    /// The default expression, if any.
    public var defaultValue: String?
    /// Set when this column alone references another table's column.
    public var foreignKey: ForeignKeyReference?
    /// The column comment (`COMMENT ON COLUMN`), if any.
    public var description: String?

    /// A column; nullable and not a key unless told otherwise.
    public init(
        name: String,
        type: String,
        nullable: Bool = true,
        primaryKey: Bool = false,
        defaultValue: String? = nil,
        foreignKey: ForeignKeyReference? = nil,
        description: String? = nil
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
    /// The canonical name of the referenced table.
    public var referencesTable: String
    /// The referenced column.
    public var referencesColumn: String

    /// A reference to `referencesTable.referencesColumn`.
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
    /// The constraint name, when the database has one.
    public var name: String?
    /// The referencing columns of this table, in key order.
    public var columns: [String]
    /// The canonical name of the referenced table (this table for a self-reference).
    public var referencesTable: String
    /// The referenced columns, paired with ``columns`` by position.
    public var referencesColumns: [String]
    /// True when no foreign key is declared and the join was inferred from names and types;
    /// nil for a declared key.
    public var inferred: Bool?

    /// A foreign key from `columns` to `referencesTable(referencesColumns)`.
    public init(name: String?, columns: [String], referencesTable: String, referencesColumns: [String], inferred: Bool? = nil) {
        self.name = name
        self.columns = columns
        self.referencesTable = referencesTable
        self.referencesColumns = referencesColumns
        self.inferred = inferred
    }

    enum CodingKeys: String, CodingKey {
        case name, columns, inferred
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
    /// The index name.
    public var name: String
    /// Key columns or expressions, in order.
    public var columns: [String]
    /// True for a unique index.
    public var unique: Bool
    /// True for the index backing the primary key.
    public var primary: Bool
    /// The full definition where the database offers one (`CREATE INDEX …`).
    public var definition: String?

    /// An index over `columns`.
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
    /// The constraint name, when the database has one.
    public var name: String?
    /// The columns whose combination is unique.
    public var columns: [String]

    /// A unique constraint over `columns`.
    public init(name: String?, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}
