import Foundation

/// A value bound to a statement parameter (`$1`, `$2`, … in both SQL flavours).
public enum SQLBind: Sendable, Hashable {
    /// A text value.
    case text(String)
    /// An integer.
    case int(Int64)
    /// A boolean.
    case bool(Bool)
    /// SQL `NULL`.
    case null
}

/// The SQL flavour of a metadata database; migrations and a few clauses differ.
public enum SQLFlavor: Sendable {
    /// Postgres (the service deployment).
    case postgres
    /// SQLite (the embedded `querent`).
    case sqlite
}

/// One result row, values in the database's text form, by column name.
public struct SQLRow: Sendable {
    /// Column name to text value; nil for SQL `NULL`.
    public var values: [String: String?]

    /// A row with `values`.
    public init(values: [String: String?]) { self.values = values }

    /// The column's text; nil for `NULL` or an unknown column.
    public func string(_ column: String) -> String? { values[column] ?? nil }

    /// The column as an integer; nil for `NULL`, an unknown column or non-integer text.
    public func int(_ column: String) -> Int64? { string(column).flatMap { Int64($0) } }

    /// Booleans arrive as `t`/`f` (Postgres) or `1`/`0` (SQLite).
    public func bool(_ column: String) -> Bool {
        switch string(column) {
        case "t", "true", "1", "TRUE": return true
        default: return false
        }
    }
}

/// A connection leased for a sequence of statements; used inside ``SQLClient/transaction(_:)``.
/// Calls block: they run on a ``BlockingIO`` thread. A session is used by one task at a time and
/// must not escape the closure it was given to.
public protocol SQLSession {
    /// Runs one statement with `$1`, `$2`, … bound to `binds`, and returns its rows (none for a
    /// statement without a result).
    /// - Throws: the adapter's native error (SQLSTATE or SQLite code kept); the client converts it
    ///   to a ``ServiceError`` when it leaves ``SQLClient/transaction(_:)`` or ``SQLClient/withSession(_:)``.
    func query(_ sql: String, _ binds: [SQLBind]) throws -> [SQLRow]
}

extension SQLSession {
    /// Runs one statement with its binds written inline: `query(sql, .text(name), .int(id))`.
    @discardableResult
    public func query(_ sql: String, _ binds: SQLBind...) throws -> [SQLRow] { try query(sql, binds) }
}

/// A pool of connections to a metadata database. Adapters: Postgres (libpq), SQLite.
///
/// Errors: a database error leaving the client becomes ``ServiceError`` `.conflict` for a
/// unique or constraint violation and `.unavailable` for anything else (the native error kept
/// as ``ServiceError/underlying``); a ``ServiceError`` thrown by a closure passes through as is.
/// Calls after ``close()`` throw `.unavailable`.
public protocol SQLClient: Sendable {
    /// Which SQL the database speaks (migrations and a few clauses differ).
    var flavor: SQLFlavor { get }
    /// Runs `body` inside one transaction on one connection; commits when it returns, rolls back
    /// when it throws. SQLite transactions take the write lock at once (`BEGIN IMMEDIATE`).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// Runs `body` on one connection without a transaction (each statement commits on its own).
    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// Closes every connection.
    func close() async
}

extension SQLClient {
    /// Runs one statement.
    @discardableResult
    public func query(_ sql: String, _ binds: [SQLBind] = []) async throws -> [SQLRow] {
        try await withSession { try $0.query(sql, binds) }
    }
}
