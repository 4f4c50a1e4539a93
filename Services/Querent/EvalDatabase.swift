import Foundation
import QuerentCore
import QuerentIO
import QuerentMySQL
import QuerentPostgres

/// A fresh database on a server for one dataset database of `querent eval --dialect
/// postgres|mysql`: created next to the one the admin URL names (its user may CREATE
/// DATABASE), loaded from the dataset's `<db>.<dialect>.sql`, and dropped at the end.
protocol EvalDatabase: Sendable {
    /// The new database, same credentials as the admin URL.
    var url: String { get }
    /// Runs every statement of the SQL script at `path`, in order, on one connection.
    func load(scriptAt path: String) async throws
    /// Drops the database, ending any session still on it.
    func drop() async
}

/// Creates the eval database for `dialect` (postgres or mysql) on the server `adminURL` names.
func makeEvalDatabase(_ dialect: Dialect, adminURL: String, label: String) async throws -> any EvalDatabase {
    let cleaned = label.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }.prefix(24)
    let name = "querent_eval_\(cleaned)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10))"
    switch dialect {
    case .postgres: return try await EvalPostgresDatabase.create(adminURL: adminURL, name: name)
    case .mysql: return try await EvalMySQLDatabase.create(adminURL: adminURL, name: name)
    case .sqlite: throw ServiceError(.badRequest, "SQLite datasets are files, not server databases")
    }
}

/// A Postgres eval database, created from `template0`.
struct EvalPostgresDatabase: EvalDatabase {
    let name: String
    let url: String
    private let adminURL: String

    static func create(adminURL: String, name: String) async throws -> EvalPostgresDatabase {
        try await run(adminURL, ["CREATE DATABASE \"\(name)\" TEMPLATE template0 ENCODING 'UTF8'"])
        return EvalPostgresDatabase(name: name, url: try url(adminURL, database: name), adminURL: adminURL)
    }

    func load(scriptAt path: String) async throws {
        try await Self.run(url, SQLScript.statements(in: try String(contentsOfFile: path, encoding: .utf8)))
    }

    func drop() async {
        try? await Self.run(adminURL, ["DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"])
    }

    /// `adminURL` (a URL or a libpq conninfo) pointing at `database` instead.
    static func url(_ adminURL: String, database: String) throws -> String {
        guard adminURL.contains("://") else { return adminURL + " dbname=\(database)" }
        return try SQLScript.url(adminURL, database: database)
    }

    private static func run(_ url: String, _ statements: [String]) async throws {
        try await BlockingIO.run {
            let connection = try PostgresConnection(parameters: [("dbname", url), ("connect_timeout", "10")])
            defer { connection.close() }
            for statement in statements { try connection.command(statement) }
        }
    }
}

/// A MySQL/MariaDB eval database (utf8mb4, the server's default case-insensitive collation,
/// as most MySQL databases are).
struct EvalMySQLDatabase: EvalDatabase {
    let name: String
    let url: String
    private let adminURL: String

    static func create(adminURL: String, name: String) async throws -> EvalMySQLDatabase {
        try await run(adminURL, ["CREATE DATABASE `\(name)` CHARACTER SET utf8mb4"])
        return EvalMySQLDatabase(name: name, url: try SQLScript.url(adminURL, database: name), adminURL: adminURL)
    }

    func load(scriptAt path: String) async throws {
        try await Self.run(url, SQLScript.statements(in: try String(contentsOfFile: path, encoding: .utf8)))
    }

    func drop() async {
        try? await Self.run(adminURL, ["DROP DATABASE IF EXISTS `\(name)`"])
    }

    private static func run(_ url: String, _ statements: [String]) async throws {
        try await BlockingIO.run {
            let connection = try MySQLConnection(parameters: MySQLConnectionParameters(ConnectionSpec(url: url), connectTimeout: 10))
            defer { connection.close() }
            for statement in statements { try connection.command(statement) }
        }
    }
}

/// SQL scripts of the datasets.
enum SQLScript {
    /// `adminURL` with its path replaced by `/database`.
    static func url(_ adminURL: String, database: String) throws -> String {
        guard var components = URLComponents(string: adminURL) else { throw ServiceError(.badRequest, "unparsable database URL") }
        components.path = "/" + database
        guard let url = components.string else { throw ServiceError(.badRequest, "cannot build the database URL") }
        return url
    }

    /// The statements of a script, split at `;` outside quotes (`'`, `"`, `` ` ``) and comments;
    /// `--` and `/* */` comments are dropped. Dollar-quoted bodies are not supported (the
    /// datasets have none).
    static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        var characters = Array(script)[...]
        while let character = characters.popFirst() {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"", "`":
                quote = character
                current.append(character)
            case "-" where characters.first == "-":
                while let next = characters.popFirst(), next != "\n" {}
                current.append("\n")
            case "/" where characters.first == "*":
                characters.removeFirst()
                while let next = characters.popFirst() {
                    if next == "*", characters.first == "/" {
                        characters.removeFirst()
                        break
                    }
                }
                current.append(" ")
            case ";":
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            default:
                current.append(character)
            }
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }
}
