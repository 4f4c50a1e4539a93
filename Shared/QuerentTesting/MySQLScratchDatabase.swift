import Foundation
import QuerentCore
import QuerentIO
import QuerentMySQL

/// A fresh, uniquely named MySQL/MariaDB database for one test or benchmark, created and
/// dropped by the admin user (`QUERENT_TEST_MYSQL_URL` unless given), with a read-write
/// connection for fixtures and for checking what the read-only driver left behind. Its
/// sessions read SQL as the driver's do (``QuerentMySQL/MySQLDriver/sessionSQLMode``).
public struct MySQLScratchDatabase: Sendable {
    public let name: String
    public let adminURL: String

    /// The database's URL for the driver.
    public var url: String {
        var components = URLComponents(string: adminURL)!
        components.path = "/" + name
        return components.string!
    }

    /// Creates `querent_<prefix>_<random>` (utf8mb4, case-insensitive collation) on the server
    /// `adminURL` names.
    public static func create(prefix: String, adminURL: String? = nil) async throws -> MySQLScratchDatabase {
        let adminURL = try adminURL ?? TestEnvironment.requireMySQLURL()
        let cleaned = prefix.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }.prefix(20)
        let name = "querent_\(cleaned)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
        try await run(adminURL, ["CREATE DATABASE `\(name)` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"])
        return MySQLScratchDatabase(name: name, adminURL: adminURL)
    }

    /// Runs `body` with a fresh database holding `statements`, and always drops it.
    public static func with<T>(prefix: String, _ statements: [String], _ body: (MySQLScratchDatabase) async throws -> T) async throws -> T {
        let database = try await create(prefix: prefix)
        do {
            try await database.execute(statements)
            let value = try await body(database)
            await database.drop()
            return value
        } catch {
            await database.drop()
            throw error
        }
    }

    public func drop() async {
        try? await Self.run(adminURL, ["DROP DATABASE IF EXISTS `\(name)`"])
    }

    /// Runs each statement read-write, in order, on one connection of this database.
    public func execute(_ statements: [String]) async throws {
        try await Self.run(url, statements)
    }

    /// Rows of one read-write query.
    public func query(_ sql: String) async throws -> [[JSONValue]] {
        let url = self.url
        return try await BlockingIO.run {
            let connection = try Self.connect(url)
            defer { connection.close() }
            return try connection.query(sql).rows
        }
    }

    /// Every table's rows (ordered) and the list of tables, views and routines: what a statement
    /// that changed anything would change.
    public func fingerprint() async throws -> String {
        var parts: [String] = []
        let objects = try await query(
            """
            SELECT CONCAT(TABLE_TYPE, ' ', TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
            UNION ALL SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()
            UNION ALL SELECT CONCAT('TRIGGER ', TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
            ORDER BY 1
            """
        )
        parts.append("\(objects)")
        for row in try await query(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1"
        ) {
            guard case .string(let table) = row[0] else { continue }
            let quoted = "`" + table.replacingOccurrences(of: "`", with: "``") + "`"
            parts.append("\(table): \(try await query("SELECT * FROM \(quoted) ORDER BY 1"))")
        }
        return parts.joined(separator: "\n")
    }

    private static func run(_ url: String, _ statements: [String]) async throws {
        try await BlockingIO.run {
            let connection = try connect(url)
            defer { connection.close() }
            for statement in statements {
                do {
                    try connection.command(statement)
                } catch {
                    throw IntegrationUnavailable("fixture statement failed: \(statement)\n\(error)")
                }
            }
        }
    }

    /// A read-write connection that reads SQL as the driver's sessions do.
    private static func connect(_ url: String) throws -> MySQLConnection {
        let connection = try MySQLConnection(parameters: MySQLConnectionParameters(ConnectionSpec(url: url)))
        try connection.command("SET SESSION sql_mode = '\(MySQLDriver.sessionSQLMode)'")
        return connection
    }
}
