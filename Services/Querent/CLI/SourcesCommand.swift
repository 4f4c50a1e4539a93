import ArgumentParser
import Foundation
import QuerentCore

/// `querent sources list|add|test|remove`: the registered databases.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List, register, test and remove databases (sources) of a running Querent.",
        discussion: """
            Examples:
              querent sources list
              querent sources add --name shop --dialect postgres --connection postgres://readonly:secret@db:5432/shop
              querent sources remove shop
            \(CLIHelp.footer)
            """,
        subcommands: [List.self, Add.self, Test.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct List: APICommand {
        static let configuration = CommandConfiguration(
            abstract: "List the sources of the token's user and agent.",
            discussion: "Example:\n  querent sources list --format csv\n\(CLIHelp.footer)"
        )

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "Output format.")
        var format: OutputFormat = .table

        func run(_ api: APIClient) async throws {
            let raw = try await api.send("GET", APIClient.sourcesPath())
            struct List: Decodable { var sources: [SourceInfo] }
            let sources = try api.decode(raw, as: List.self).sources
            TableFormatter(
                columns: ["id", "name", "dialect", "trained", "connection"],
                rows: sources.map { [$0.id, $0.name, $0.dialect, String($0.trainedTables.count), $0.connectionSummary] }
            )
            .print(format, raw: raw)
        }
    }

    struct Add: APICommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a database (its connection is tested first).",
            discussion: """
                The connection is a Postgres or MySQL URL, libpq/MySQL key=value pairs, a SQLite file path \
                as the server sees it, or a JSON object with discrete fields.

                Examples:
                  querent sources add --name shop --dialect postgres --connection 'postgres://readonly:secret@db:5432/shop'
                  querent sources add --name chinook --dialect sqlite --connection /data/chinook.sqlite
                \(CLIHelp.footer)
                """
        )

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "A name for the source.")
        var name: String

        @Option(help: ArgumentHelp("postgres, sqlite or mysql.", valueName: "dialect"), completion: .list(CLIHelp.dialects))
        var dialect: String

        @Option(name: .customLong("connection"), help: ArgumentHelp("URL, key=value pairs, SQLite path or JSON object.", valueName: "connection"))
        var target: String

        func run(_ api: APIClient) async throws {
            let body: [String: JSONValue] = ["name": .string(name), "dialect": .string(dialect), "connection": CLIHelp.connectionValue(target)]
            let source: SourceInfo = try await api.post(APIClient.sourcesPath(), body)
            print("added \(source.name) (\(source.dialect), \(source.connectionSummary)): \(source.id)")
        }
    }

    struct Test: APICommand {
        static let configuration = CommandConfiguration(
            abstract: "Try a connection without registering it.",
            discussion: "Example:\n  querent sources test --dialect sqlite --connection /data/chinook.sqlite\n\(CLIHelp.footer)"
        )

        @OptionGroup var connection: ConnectionOptions

        @Option(help: ArgumentHelp("postgres, sqlite or mysql.", valueName: "dialect"), completion: .list(CLIHelp.dialects))
        var dialect: String

        @Option(name: .customLong("connection"), help: ArgumentHelp("URL, key=value pairs, SQLite path or JSON object.", valueName: "connection"))
        var target: String

        func run(_ api: APIClient) async throws {
            struct Answer: Decodable {
                var ok: Bool
                var tableCount: Int
                enum CodingKeys: String, CodingKey {
                    case ok
                    case tableCount = "table_count"
                }
            }
            let body: [String: JSONValue] = ["dialect": .string(dialect), "connection": CLIHelp.connectionValue(target)]
            let answer: Answer = try await api.post(APIClient.sourcesPath("test-connection"), body)
            print("ok: \(answer.tableCount) tables and views")
        }
    }

    struct Remove: APICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a source and everything Querent stored for it (no confirmation).",
            discussion: "Example:\n  querent sources remove shop\n\(CLIHelp.footer)"
        )

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The source: its id or name.")
        var source: String

        func run(_ api: APIClient) async throws {
            let id = try await api.sourceId(source)
            try await api.send("DELETE", APIClient.sourcesPath(id))
            print("removed \(source == id ? id : "\(source) (\(id))")")
        }
    }
}

/// Text and values the client commands share.
enum CLIHelp {
    static let dialects = ["postgres", "sqlite", "mysql"]

    /// The end of every client command's discussion: connection defaults and exit codes.
    static let footer = """

        Connects to --url (default http://127.0.0.1:8080) with --token or QUERENT_TOKEN; for a local \
        URL without either, the demo token of the `querent serve` home (--home, QUERENT_HOME, ./.querent).
        Exit codes: 0 success, 1 the API answered with an error (message and code on stderr) or the \
        answer failed, 3 Querent could not be reached, 64 usage error.
        """

    /// A connection given on the command line: a JSON object when it is one, else the string.
    static func connectionValue(_ text: String) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{"), let object = try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8)) { return object }
        return .string(text)
    }
}
