import Foundation

/// A statement that passed ``SQLSafety/validate(_:dialect:allowedTables:)``.
public struct ValidatedSQL: Sendable, Hashable {
    /// The statement without leading or trailing whitespace and comments and without trailing semicolons.
    public var sql: String
    /// Canonical names of the tables the statement reads, in order of first appearance.
    public var tables: [String]
    /// Things worth telling the user that do not make the statement unsafe.
    public var warnings: [String]
    /// Whether the statement is a query without a top-level row limit (`LIMIT`, or `FETCH` on
    /// Postgres), so ``limited(_:)`` appends one.
    public var isUnlimitedQuery: Bool

    public init(sql: String, tables: [String], warnings: [String], isUnlimitedQuery: Bool = false) {
        self.sql = sql
        self.tables = tables
        self.warnings = warnings
        self.isUnlimitedQuery = isUnlimitedQuery
    }

    /// ``sql`` with `LIMIT limit` appended when it has no top-level row limit: what
    /// ``SQLSafety/optimize(_:dialect:limit:)`` makes of it, from the tokens already lexed.
    /// Pass one more than the row cap (`maxRows + 1`) so the driver can tell a truncated result.
    public func limited(_ limit: Int) -> String {
        isUnlimitedQuery && limit >= 0 ? sql + " LIMIT \(limit)" : sql
    }
}
