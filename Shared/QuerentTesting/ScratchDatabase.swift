import Foundation
import QuerentCore
import QuerentIO
import QuerentPostgres

/// A fresh, uniquely named Postgres database for one test (or one benchmark run), created by
/// the test role (which needs `CREATEDB`) and dropped afterwards.
///
/// ``url`` points at the new database with the same credentials; ``execute(_:)`` and
/// ``query(_:_:)`` run statements read-write as the test role, for fixtures and for checking
/// what a read-only component left behind.
public struct ScratchDatabase: Sendable {
    public let name: String
    public let url: String
    private let adminURL: String

    /// Creates a database named `querent_<prefix>_<random>` next to the one `adminURL` names.
    public static func create(prefix: String = "test", adminURL: String? = nil) async throws -> ScratchDatabase {
        let adminURL = try adminURL ?? TestEnvironment.requirePostgresURL()
        let cleaned = prefix.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }.prefix(20)
        let name = "querent_\(cleaned)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
        // template0: never has other sessions, so concurrent CREATE DATABASE calls do not collide.
        try await Self.runAdmin(adminURL, "CREATE DATABASE \"\(name)\" TEMPLATE template0 ENCODING 'UTF8'")
        return ScratchDatabase(name: name, url: try Self.url(adminURL, database: name), adminURL: adminURL)
    }

    /// Drops the database, disconnecting any session still using it.
    public func drop() async {
        try? await Self.runAdmin(adminURL, "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
    }

    /// Runs each statement in order, read-write, on one connection (no implicit transaction).
    public func execute(_ statements: [String]) async throws {
        let url = self.url
        try await BlockingIO.run {
            let connection = try PostgresConnection(parameters: [("dbname", url)])
            defer { connection.close() }
            for statement in statements {
                do {
                    try connection.command(statement)
                } catch {
                    throw FixtureError(statement: statement, underlying: error)
                }
            }
        }
    }

    /// Runs one statement read-write and returns its rows in text form.
    public func query(_ sql: String, _ binds: [SQLBind] = []) async throws -> [SQLRow] {
        let url = self.url
        return try await BlockingIO.run {
            let connection = try PostgresConnection(parameters: [("dbname", url)])
            defer { connection.close() }
            return try connection.query(sql, binds)
        }
    }

    /// `adminURL` with its database replaced by `database` (URL or conninfo form).
    public static func url(_ adminURL: String, database: String) throws -> String {
        if adminURL.contains("://") {
            guard var components = URLComponents(string: adminURL) else {
                throw IntegrationUnavailable("unparsable Postgres URL in the test environment")
            }
            components.path = "/" + database
            guard let url = components.string else { throw IntegrationUnavailable("cannot build the scratch database URL") }
            return url
        }
        return adminURL + " dbname=\(database)"
    }

    private static func runAdmin(_ adminURL: String, _ sql: String) async throws {
        try await BlockingIO.run {
            let connection = try PostgresConnection(parameters: [("dbname", adminURL), ("connect_timeout", "10")])
            defer { connection.close() }
            try connection.command(sql)
        }
    }
}

/// A fixture statement failed; names the statement.
public struct FixtureError: Error, CustomStringConvertible {
    public var statement: String
    public var underlying: any Error
    public var description: String { "fixture statement failed: \(underlying)\n\(statement)" }
}

/// Creates a scratch database, runs `body` with it, and always drops it.
public func withScratchDatabase<T>(
    prefix: String = "test",
    _ body: (ScratchDatabase) async throws -> T
) async throws -> T {
    let database = try await ScratchDatabase.create(prefix: prefix)
    do {
        let value = try await body(database)
        await database.drop()
        return value
    } catch {
        await database.drop()
        throw error
    }
}
