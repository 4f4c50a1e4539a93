import Foundation
import QuerentCore
import QuerentIO
import QuerentPostgres

/// A fresh Postgres database for one dataset database of `querent eval --dialect postgres`:
/// created next to the one the admin URL names (its role needs `CREATEDB`), loaded from the
/// dataset's `<db>.postgres.sql`, and dropped at the end.
struct EvalPostgresDatabase: Sendable {
    let name: String
    /// The new database, same credentials as the admin URL.
    let url: String
    private let adminURL: String

    /// Creates `querent_eval_<label>_<random>` from `template0`.
    static func create(adminURL: String, label: String) async throws -> EvalPostgresDatabase {
        let cleaned = label.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }.prefix(24)
        let name = "querent_eval_\(cleaned)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10))"
        try await run(adminURL, ["CREATE DATABASE \"\(name)\" TEMPLATE template0 ENCODING 'UTF8'"])
        return EvalPostgresDatabase(name: name, url: try url(adminURL, database: name), adminURL: adminURL)
    }

    /// Runs every statement of the SQL script at `path`, in order, on one connection.
    func load(scriptAt path: String) async throws {
        let script = try String(contentsOfFile: path, encoding: .utf8)
        try await Self.run(url, Self.statements(in: script))
    }

    /// Drops the database, ending any session still on it.
    func drop() async {
        try? await Self.run(adminURL, ["DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"])
    }

    /// `adminURL` (a URL or a libpq conninfo) pointing at `database` instead.
    static func url(_ adminURL: String, database: String) throws -> String {
        guard adminURL.contains("://") else { return adminURL + " dbname=\(database)" }
        guard var components = URLComponents(string: adminURL) else { throw ServiceError(.badRequest, "unparsable Postgres URL") }
        components.path = "/" + database
        guard let url = components.string else { throw ServiceError(.badRequest, "cannot build the database URL") }
        return url
    }

    /// The statements of a script, split at `;` outside quotes and comments; `--` and `/* */`
    /// comments are dropped. Dollar-quoted bodies are not supported (the datasets have none).
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
            case "'", "\"":
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

    private static func run(_ url: String, _ statements: [String]) async throws {
        try await BlockingIO.run {
            let connection = try PostgresConnection(parameters: [("dbname", url), ("connect_timeout", "10")])
            defer { connection.close() }
            for statement in statements { try connection.command(statement) }
        }
    }
}
