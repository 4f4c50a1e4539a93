import Foundation
import QuerentCore
import QuerentIO

/// A pool of Redis connections. Broken connections (server restarted) are dropped and
/// replaced on the next call, so callers reconnect by simply retrying.
public struct RedisClient: Sendable {
    /// Where Redis is, parsed from `redis://[:password@]host[:port][/db]`.
    public struct Endpoint: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var password: String?
        public var database: Int?

        /// - Throws: ``QuerentCore/ServiceError`` `.badRequest` for a malformed URL.
        public init(url: String) throws {
            guard let components = URLComponents(string: url), components.scheme == "redis", let host = components.host, !host.isEmpty else {
                throw ServiceError(.badRequest, "REDIS_URL must look like redis://host:6379")
            }
            self.host = host
            port = components.port ?? 6379
            password = components.password?.removingPercentEncoding
            let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            database = path.isEmpty ? nil : Int(path)
        }
    }

    public let endpoint: Endpoint
    private let maxConnections: Int
    private let pool: ConnectionPool<RedisConnection>

    public init(url: String, maxConnections: Int = 16) throws {
        let endpoint = try Endpoint(url: url)
        self.endpoint = endpoint
        self.maxConnections = max(1, maxConnections)
        pool = ConnectionPool(maxConnections: maxConnections) { try Self.connect(endpoint) }
    }

    static func connect(_ endpoint: Endpoint) throws -> RedisConnection {
        try RedisConnection(host: endpoint.host, port: endpoint.port, password: endpoint.password, database: endpoint.database)
    }

    /// Runs one command.
    @discardableResult
    public func command(_ arguments: String...) async throws -> RedisReply {
        try await withConnection { try $0.command(arguments) }
    }

    /// Runs `body` with one connection (for MULTI/EXEC sequences).
    ///
    /// A pooled connection that Redis closed (a restart) fails on its next use; the pool then
    /// drops it and `body` runs again on another connection, so the first calls after a restart
    /// do not fail. Connecting itself is not retried: when Redis is down, the call fails fast.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (RedisConnection) throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await pool.withConnection { connection in
                    do {
                        return try body(connection)
                    } catch let error as RedisError where !error.isReplyError && !connection.isHealthy {
                        throw BrokenConnection(underlying: error)
                    }
                }
            } catch let broken as BrokenConnection {
                attempt += 1
                guard attempt <= maxConnections else { throw broken.underlying }
            }
        }
    }

    /// A transport failure on a pooled connection (now dropped by the pool).
    private struct BrokenConnection: Error {
        var underlying: RedisError
    }

    /// Opens a dedicated connection outside the pool (pub/sub subscribers).
    public func dedicatedConnection() async throws -> RedisConnection {
        let endpoint = endpoint
        return try await BlockingIO.run { try Self.connect(endpoint) }
    }

    public func close() async {
        await pool.close()
    }
}
