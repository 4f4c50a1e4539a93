import Foundation
import QuerentCore
import QuerentIO

// The pool gives each connection to one task at a time, and every call runs on a
// BlockingIO thread while the lease is held, so no two threads touch a handle at once.
extension SQLiteConnection: @unchecked Sendable {}

extension SQLiteConnection: PooledConnection {
    public var isHealthy: Bool { true }
}

extension SQLiteConnection: SQLSession {}

/// A ``QuerentCore/SQLClient`` over a SQLite file: Querent's embedded metadata store.
///
/// The file is opened read-write in WAL mode with foreign keys on; writers queue on SQLite's
/// own lock (`BEGIN IMMEDIATE`, 5 s busy timeout).
public struct SQLiteClient: SQLClient {
    public let flavor = SQLFlavor.sqlite
    private let pool: ConnectionPool<SQLiteConnection>

    /// Opens (creating when missing) the metadata file at `path`.
    public init(path: String, maxConnections: Int = 4) {
        pool = ConnectionPool(maxConnections: maxConnections) {
            let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try connection.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            return connection
        }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            do {
                try connection.exec("BEGIN IMMEDIATE")
                let value = try body(connection)
                try connection.exec("COMMIT")
                return value
            } catch {
                try? connection.exec("ROLLBACK")
                throw SQLiteClient.convert(error)
            }
        }
    }

    public func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            do { return try body(connection) } catch { throw SQLiteClient.convert(error) }
        }
    }

    public func close() async {
        await pool.close()
    }

    static func convert(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError else { return error }
        if error.isConstraintViolation { return ServiceError(.conflict, "the record already exists", underlying: error) }
        return ServiceError(.unavailable, "metadata store error", underlying: error)
    }
}
