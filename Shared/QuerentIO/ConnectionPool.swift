import Foundation
import QuerentCore

/// A connection a ``ConnectionPool`` can lend out.
///
/// Conformers are classes that own a C handle; they are `Sendable` only because the pool
/// hands each one to a single task at a time.
public protocol PooledConnection: AnyObject, Sendable {
    /// False once the connection is broken (server gone); the pool then drops it. Asked when
    /// a connection is lent and when it comes back, on the pool's executor: it must not block.
    var isHealthy: Bool { get }
    /// Releases the C handle.
    func close()
}

/// A bounded pool of blocking connections; each lease runs on a ``BlockingIO`` thread.
public actor ConnectionPool<Connection: PooledConnection> {
    private let maxConnections: Int
    private let factory: @Sendable () throws -> Connection
    private var idle: [Connection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    /// - Parameters:
    ///   - maxConnections: the most connections open at once.
    ///   - factory: opens a connection; it blocks and runs on a ``BlockingIO`` thread.
    public init(maxConnections: Int, factory: @escaping @Sendable () throws -> Connection) {
        self.maxConnections = max(1, maxConnections)
        self.factory = factory
    }

    /// Runs `body` with a leased connection on a blocking thread, then returns the connection.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let connection = try await lease()
        do {
            let value = try await BlockingIO.run { try body(connection) }
            release(connection)
            return value
        } catch {
            release(connection)
            throw error
        }
    }

    private func lease() async throws -> Connection {
        while true {
            if closed { throw ServiceError(.unavailable, "connection pool is closed") }
            if let connection = idle.popLast() {
                // A connection the server closed while it was idle (a restart) is dropped, not lent.
                if connection.isHealthy { return connection }
                connection.close()
                openCount -= 1
                continue
            }
            if openCount < maxConnections {
                openCount += 1
                do {
                    return try await BlockingIO.run(factory)
                } catch {
                    openCount -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func release(_ connection: Connection) {
        if connection.isHealthy && !closed {
            idle.append(connection)
        } else {
            connection.close()
            openCount -= 1
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    /// Closes idle connections and refuses new leases.
    public func close() {
        closed = true
        for connection in idle { connection.close() }
        openCount -= idle.count
        idle.removeAll()
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
