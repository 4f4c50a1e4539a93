import ArgumentParser
import Foundation
import QuerentCore

/// `querent examples add|list|remove`: verified question → SQL pairs taught to a source.
struct ExamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "examples",
        abstract: "Teach, list and forget verified question → SQL examples of a source.",
        discussion: """
            Examples:
              querent examples add --source sample --question "How many orders were cancelled?" \\
                --sql "SELECT count(*) FROM orders WHERE status = 'cancelled'"
              querent examples list --source sample
              querent examples remove --source sample 3c2b7f4e-8a1d-4e6b-9f20-5d7c1a0b9e33
            \(CLIHelp.footer)
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Example: Decodable {
        var id: String
        var question: String
        var sql: String
        var origin: String
        var state: String
        var error: String?
    }

    struct Add: APICommand {
        static let configuration = CommandConfiguration(
            abstract: "Teach an example (its SQL is checked and run once first).",
            discussion: """
                Example:
                  querent examples add --source sample --question "How many orders were cancelled?" \\
                    --sql "SELECT count(*) FROM orders WHERE status = 'cancelled'"
                \(CLIHelp.footer)
                """
        )

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "The source: its id or name.")
        var source: String

        @Option(help: "The question, in plain language.")
        var question: String

        @Option(help: "The SQL that answers it.")
        var sql: String

        func run(_ api: APIClient) async throws {
            let path = APIClient.sourcesPath(try await api.sourceId(source), "examples")
            let example: Example = try await api.post(path, ["question": question, "sql": sql])
            print("added example \(example.id) (\(example.state))")
        }
    }

    struct List: APICommand {
        static let configuration = CommandConfiguration(
            abstract: "List a source's examples, oldest first.",
            discussion: "Example:\n  querent examples list --source sample\n\(CLIHelp.footer)"
        )

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "The source: its id or name.")
        var source: String

        @Option(help: "Output format.")
        var format: OutputFormat = .table

        func run(_ api: APIClient) async throws {
            struct List: Decodable { var examples: [Example] }
            let raw = try await api.send("GET", APIClient.sourcesPath(try await api.sourceId(source), "examples"))
            let examples = try api.decode(raw, as: List.self).examples
            TableFormatter(
                columns: ["id", "state", "origin", "question", "sql"],
                rows: examples.map { [$0.id, $0.state, $0.origin, $0.question, $0.sql] }
            )
            .print(format, raw: raw)
        }
    }

    struct Remove: APICommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget an example.",
            discussion: "Example:\n  querent examples remove --source sample 3c2b7f4e-8a1d-4e6b-9f20-5d7c1a0b9e33\n\(CLIHelp.footer)"
        )

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "The source: its id or name.")
        var source: String

        @Argument(help: "The example's id.")
        var id: String

        func run(_ api: APIClient) async throws {
            try await api.send("DELETE", APIClient.sourcesPath(try await api.sourceId(source), "examples", id))
            print("removed example \(id)")
        }
    }
}
