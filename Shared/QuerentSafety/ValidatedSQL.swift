import Foundation

/// A statement that passed ``SQLSafety/validate(_:dialect:allowedTables:)``.
public struct ValidatedSQL: Sendable, Hashable {
    /// The statement without leading or trailing whitespace and comments and without trailing semicolons.
    public var sql: String
    /// Canonical names of the tables the statement reads, in order of first appearance.
    public var tables: [String]
    /// Things worth telling the user that do not make the statement unsafe.
    public var warnings: [String]

    public init(sql: String, tables: [String], warnings: [String]) {
        self.sql = sql
        self.tables = tables
        self.warnings = warnings
    }
}
