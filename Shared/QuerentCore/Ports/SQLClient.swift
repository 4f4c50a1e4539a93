import Foundation

/// A value bound to a statement parameter (`$1`, `$2`, … in both SQL flavours).
public enum SQLBind: Sendable, Hashable {
    case text(String)
    case int(Int64)
    case bool(Bool)
    case null
}

/// The SQL flavour of a metadata database; migrations and a few clauses differ.
public enum SQLFlavor: Sendable {
    case postgres
    case sqlite
}

/// One result row, values in the database's text form, by column name.
public struct SQLRow: Sendable {
    public var values: [String: String?]

    public init(values: [String: String?]) { self.values = values }

    public func string(_ column: String) -> String? { values[column] ?? nil }

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
/// Calls block: they run on a ``BlockingIO`` thread.
public protocol SQLSession {
    func query(_ sql: String, _ binds: [SQLBind]) throws -> [SQLRow]
}

extension SQLSession {
    @discardableResult
    public func query(_ sql: String, _ binds: SQLBind...) throws -> [SQLRow] { try query(sql, binds) }
}

/// A pool of connections to a metadata database. Adapters: Postgres (libpq), SQLite.
public protocol SQLClient: Sendable {
    var flavor: SQLFlavor { get }
    /// Runs `body` inside one transaction on one connection; commits when it returns, rolls back when it throws.
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
