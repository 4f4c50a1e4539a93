import Foundation

/// One entry of a source's table list.
public struct TableSummary: Codable, Sendable, Hashable {
    /// The canonical name, usable in routes (`orders`, `sales.orders`).
    public var name: String
    /// The Postgres schema holding the table; nil for SQLite.
    public var schema: String?
    /// Table, view, materialized view or foreign table.
    public var kind: TableKind
    /// An approximate row count (Postgres statistics, SQLite `count(*)`), when known.
    public var rowEstimate: Int64?
    /// Whether the table is in the source's trained set (filled in by the catalog, not the driver).
    public var trained: Bool

    /// A table-list entry; not trained unless told otherwise.
    public init(name: String, schema: String?, kind: TableKind, rowEstimate: Int64?, trained: Bool = false) {
        self.name = name
        self.schema = schema
        self.kind = kind
        self.rowEstimate = rowEstimate
        self.trained = trained
    }

    enum CodingKeys: String, CodingKey {
        case name, schema, kind
        case rowEstimate = "row_estimate"
        case trained
    }
}
