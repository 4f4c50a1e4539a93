import Foundation
import QuerentCore
import QuerentIO

/// A ``QuerentCore/SQLClient`` over Postgres: Querent's metadata store in the service deployment.
public struct PostgresClient: SQLClient {
    public let flavor = SQLFlavor.postgres
    private let pool: ConnectionPool<PostgresConnection>

    /// - Parameters:
    ///   - url: a `postgres://` URL or conninfo string of the metadata database.
    ///   - maxConnections: the most connections open at once.
    public init(url: String, maxConnections: Int = 8) throws {
        let parameters = try PostgresConnectionParameters.make(
            ConnectionSpec(url: url),
            extra: [("options", PostgresConnectionParameters.sessionDefaults)]
        )
        pool = ConnectionPool(maxConnections: maxConnections) { try PostgresConnection(parameters: parameters) }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await run { connection in
            try connection.command("BEGIN")
            do {
                let value = try body(connection)
                try connection.command("COMMIT")
                return value
            } catch {
                if connection.isHealthy { try? connection.command("ROLLBACK") }
                throw error
            }
        }
    }

    public func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await run(body)
    }

    public func close() async {
        await pool.close()
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        do {
            return try await pool.withConnection(body)
        } catch let error as PostgresError {
            if error.isUniqueViolation { throw ServiceError(.conflict, "the record already exists", underlying: error) }
            throw ServiceError(.unavailable, "metadata store error", underlying: error)
        }
    }
}
