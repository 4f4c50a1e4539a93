import Foundation
import QuerentCore
import QuerentMySQL
import QuerentPostgres
import QuerentSQLite

/// The ``QuerentCore/DatabaseConnector`` that serves each dialect with its adapter:
/// Postgres through libpq, MySQL and MariaDB through MariaDB Connector/C, SQLite through
/// libsqlite3 (read-only).
///
/// SQLite sources are files on the server, so which files a tenant may open is restricted:
/// never Querent's own state (`deniedPaths`), and, when `allowedDirectories` is set
/// (`QUERENT_SQLITE_DIRS`, colon-separated), only files inside those directories.
///
/// A Postgres or MySQL server that does not answer within `connectTimeout` seconds
/// (`QUERENT_CONNECT_TIMEOUT_S`, default 5) is a `connection_failed`.
public struct DriverConnector: DatabaseConnector {
    let allowedDirectories: [String]?
    let deniedPaths: [String]
    let connectTimeout: Int

    public init(allowedDirectories: [String]? = nil, deniedPaths: [String] = [], connectTimeout: Int = 5) {
        self.allowedDirectories = allowedDirectories?.map(Self.resolve)
        self.deniedPaths = deniedPaths.map(Self.resolve)
        self.connectTimeout = max(1, connectTimeout)
    }

    /// Reads `QUERENT_SQLITE_DIRS` from `environment`.
    public init(environment: [String: String], deniedPaths: [String] = []) {
        let directories = environment["QUERENT_SQLITE_DIRS"]?.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        self.init(allowedDirectories: directories?.isEmpty == false ? directories : nil, deniedPaths: deniedPaths)
    }

    public func connect(dialect: Dialect, spec: ConnectionSpec) async throws -> any DatabaseDriver {
        switch dialect {
        case .postgres:
            return try await PostgresDriver.connect(spec, connectTimeout: connectTimeout)
        case .mysql:
            return try await MySQLDriver.connect(spec, connectTimeout: connectTimeout)
        case .sqlite:
            let path = Self.resolve(try Self.sqlitePath(spec))
            if deniedPaths.contains(where: { path == $0 || path.hasPrefix($0 + "-") }) {
                throw ServiceError(.connectionFailed, "this SQLite file may not be used as a source")
            }
            if let allowedDirectories, !allowedDirectories.contains(where: { path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
                throw ServiceError(.connectionFailed, "SQLite sources must be inside: \(allowedDirectories.joined(separator: ", "))")
            }
            return try await SQLiteDriver.open(path: path)
        }
    }

    /// The absolute path with symbolic links resolved (so links cannot escape the rules).
    static func resolve(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    public func summary(dialect: Dialect, spec: ConnectionSpec) -> String {
        switch dialect {
        case .postgres: return PostgresDriver.summary(spec)
        case .mysql: return MySQLDriver.summary(spec)
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
