import Foundation
import NIOPosix

/// Runs blocking C calls (libpq, libsqlite3, hiredis, libcurl) off the cooperative thread pool.
public enum BlockingIO {
    /// A dedicated pool: blocking reads (Redis `XREADGROUP BLOCK`, slow queries) must not starve
    /// the two-thread default pool.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 64)
        pool.start()
        return pool
    }()

    /// Runs `body` on a blocking-I/O thread and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
