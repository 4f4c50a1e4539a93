import Foundation
import QuerentCore
import QuerentPostgres
import QuerentSQLite

/// The ``QuerentCore/DatabaseConnector`` that serves each dialect with its adapter:
/// Postgres through libpq, SQLite through libsqlite3 (read-only).
public struct DriverConnector: DatabaseConnector {
    public init() {}

    public func connect(dialect: Dialect, spec: ConnectionSpec) async throws -> any DatabaseDriver {
        switch dialect {
        case .postgres:
            return try await PostgresDriver.connect(spec)
        case .sqlite:
            return try await SQLiteDriver.open(path: try Self.sqlitePath(spec))
        }
    }

    public func summary(dialect: Dialect, spec: ConnectionSpec) -> String {
        switch dialect {
        case .postgres: return PostgresDriver.summary(spec)
        case .sqlite: return (try? Self.sqlitePath(spec)) ?? ""
        }
    }

    /// The file path of a SQLite spec: `path`, or `url` as a path, `file:` or `sqlite://` URL.
    static func sqlitePath(_ spec: ConnectionSpec) throws -> String {
        guard var path = spec.path ?? spec.url, !path.isEmpty else {
            throw ServiceError(.badRequest, "a SQLite connection needs a file path")
        }
        for prefix in ["sqlite://", "file://", "file:"] where path.hasPrefix(prefix) {
            path = String(path.dropFirst(prefix.count))
            break
        }
        return path
    }
}
