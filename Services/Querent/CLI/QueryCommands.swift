import ArgumentParser
import Foundation
import QuerentCore

/// The result of running SQL (`result` of `…/query`, the answer of `…/sql`).
struct ExecutionResult: Decodable {
    var success: Bool
    var data: [[String: JSONValue]]
    var columns: [String]
    var rowCount: Int
    var truncated: Bool
    var executionTimeMs: Double
    var error: String?

    enum CodingKeys: String, CodingKey {
        case success, data, columns, truncated, error
        case rowCount = "row_count"
        case executionTimeMs = "execution_time_ms"
    }

    /// Prints the rows as `format` asks (`json` prints `raw`), then a row count on a table.
    func print(_ format: OutputFormat, raw: Data) {
        TableFormatter(columns: columns, data: data).print(format, raw: raw)
        if format == .table {
            let rows = rowCount == 1 ? "1 row" : "\(rowCount) rows"
            Swift.print("(\(rows)\(truncated ? ", truncated" : ""), \(String(format: "%.1f", executionTimeMs)) ms)")
        }
    }
}

/// `querent ask [--source S] "question"`: a question in plain language.
struct AskCommand: APICommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask a question in plain language: prints the SQL, its confidence and the rows.",
        discussion: """
            --format csv prints the rows only, --format json the whole answer. Exits 1 when no SQL \
            could be generated or it failed to run.

            Examples:
              querent ask "How many orders are there?"
              querent ask --source shop "Top 5 customers by revenue" --format csv
              querent ask --sql-only "Revenue per month in 2025"
            \(CLIHelp.footer)
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The source: its id or name (default: the only source).")
    var source: String?

    @Argument(help: "The question (several words are joined with spaces).")
    var question: [String]

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @Flag(help: "Print the generated SQL only (it is not run).")
    var sqlOnly = false

    @Flag(help: "Generate and check the SQL without running it.")
    var noExecute = false

    @Option(help: "Generator: builtin, llm or hybrid (default: the server's).", completion: .list(["builtin", "llm", "hybrid"]))
    var generator: String?

    func validate() throws {
        guard !question.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the question is empty") }
        if noExecute, format == .csv { throw ValidationError("--format csv prints rows; it cannot go with --no-execute") }
    }

    struct Answer: Decodable {
        struct Generation: Decodable {
            var sql: String
            var confidence: Double
            var explanation: String
        }
        var generation: Generation
        var result: ExecutionResult?
    }

    struct Request: Encodable {
        var question: String
        var execute: Bool
        var generator: String?
    }

    func run(_ api: APIClient) async throws {
        let sourceId = try await resolveSource(api)
        let request = Request(question: question.joined(separator: " "), execute: !(sqlOnly || noExecute), generator: generator)
        let raw = try await api.send("POST", APIClient.sourcesPath(sourceId, "query"), body: request)
        let answer = try api.decode(raw, as: Answer.self)
        let generation = answer.generation
        if format == .json, !sqlOnly {
            print(TableFormatter.prettyJSON(raw))
        } else if sqlOnly {
            if !generation.sql.isEmpty { print(generation.sql) }
        } else if format == .table {
            print("SQL:         \(generation.sql.isEmpty ? "(none)" : generation.sql)")
            print("Confidence:  \(String(format: "%.2f", generation.confidence))")
            if !generation.explanation.isEmpty { print("Explanation: \(generation.explanation)") }
        }
        guard !generation.sql.isEmpty else { throw CLIError(message: "no SQL for this question: \(generation.explanation)") }
        guard let result = answer.result else { return }
        guard result.success else { throw CLIError(message: result.error ?? "the SQL failed") }
        switch format {
        case .table:
            print("")
            result.print(.table, raw: raw)
        case .csv: result.print(.csv, raw: raw)
        case .json: break
        }
    }

    /// `--source`, else the only source there is.
    private func resolveSource(_ api: APIClient) async throws -> String {
        if let source { return try await api.sourceId(source) }
        let sources = try await api.sources()
        guard sources.count == 1 else {
            let names = sources.map(\.name).joined(separator: ", ")
            let message = sources.isEmpty ? "no source is registered; add one with `querent sources add`" : "pass --source (one of: \(names))"
            throw CLIError(message: message, exitCode: CLIError.usage)
        }
        return sources[0].id
    }
}

/// `querent sql SOURCE "SELECT …"`: hand-written SQL under the same safety gate.
struct SQLCommand: APICommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run a read-only SELECT on a source, under the same safety gate and limits as answers.",
        discussion: """
            Only one read-only SELECT (or WITH … SELECT) over trained tables runs; anything else is \
            refused, and the refusal is printed on stderr with exit code 1.

            Example:
              querent sql sample "SELECT status, count(*) FROM orders GROUP BY status"
            \(CLIHelp.footer)
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The source: its id or name.")
    var source: String

    @Argument(help: "The statement.")
    var sql: String

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    func run(_ api: APIClient) async throws {
        let path = APIClient.sourcesPath(try await api.sourceId(source), "sql")
        let raw = try await api.send("POST", path, body: ["sql": sql])
        let result = try api.decode(raw, as: ExecutionResult.self)
        guard result.success else {
            if format == .json { print(TableFormatter.prettyJSON(raw)) }
            throw CLIError(message: result.error ?? "the SQL failed")
        }
        result.print(format, raw: raw)
    }
}

/// `querent history SOURCE`: past questions and statements.
struct HistoryCommand: APICommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past questions and statements on a source, newest first.",
        discussion: "Example:\n  querent history sample --limit 5\n\(CLIHelp.footer)"
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The source: its id or name.")
    var source: String

    @Option(help: "At most this many entries (1 to 500).")
    var limit = 20

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be 1 to 500") }
    }

    struct Page: Decodable {
        struct Entry: Decodable {
            var id: Int64
            var question: String?
            var sql: String
            var success: Bool
            var rowCount: Int
            var generator: String
            var error: String?
            var createdAt: String

            enum CodingKeys: String, CodingKey {
                case id, question, sql, success, generator, error
                case rowCount = "row_count"
                case createdAt = "created_at"
            }
        }
        var history: [Entry]
    }

    /// Long SQL cut to 80 characters in a table (CSV and JSON keep it whole).
    private func clip(_ sql: String) -> String {
        format == .table && sql.count > 80 ? sql.prefix(79) + "…" : sql
    }

    func run(_ api: APIClient) async throws {
        let raw = try await api.send("GET", APIClient.sourcesPath(try await api.sourceId(source), "query-history") + "?limit=\(limit)")
        let page = try api.decode(raw, as: Page.self)
        TableFormatter(
            columns: ["id", "at", "generator", "ok", "rows", "question", "sql"],
            rows: page.history.map {
                [String($0.id), $0.createdAt, $0.generator, $0.success ? "yes" : "no", String($0.rowCount), $0.question ?? "", clip($0.sql)]
            }
        )
        .print(format, raw: raw)
    }
}
