import ArgumentParser
import Foundation
import QuerentCore

/// `querent tables SOURCE`: the tables and views of a source's database.
struct TablesCommand: APICommand {
    static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "List the tables and views of a source, and whether each is trained.",
        discussion: "Example:\n  querent tables sample\n\(CLIHelp.footer)"
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The source: its id or name.")
    var source: String

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    struct Summary: Decodable {
        var name: String
        var kind: String
        var rowEstimate: Int64?
        var trained: Bool

        enum CodingKeys: String, CodingKey {
            case name, kind, trained
            case rowEstimate = "row_estimate"
        }
    }

    struct List: Decodable { var tables: [Summary] }

    func run(_ api: APIClient) async throws {
        let raw = try await api.send("GET", APIClient.sourcesPath(try await api.sourceId(source), "tables"))
        let tables = try api.decode(raw, as: List.self).tables
        TableFormatter(
            columns: ["table", "kind", "rows", "trained"],
            rows: tables.map { [$0.name, $0.kind, $0.rowEstimate.map(String.init) ?? "", $0.trained ? "yes" : "no"] }
        )
        .print(format, raw: raw)
    }
}

/// `querent schema SOURCE TABLE`: a table's introspected schema.
struct SchemaCommand: APICommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Show a table's columns, keys and foreign keys.",
        discussion: "Example:\n  querent schema sample orders\n\(CLIHelp.footer)"
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The source: its id or name.")
    var source: String

    @Argument(help: "The table's canonical name (orders, or sales.orders outside the default schema).")
    var table: String

    @Flag(help: "Introspect again instead of answering from the cache.")
    var refresh = false

    @Option(help: "Output format (csv and table list the columns).")
    var format: OutputFormat = .table

    struct Answer: Decodable {
        struct Schema: Decodable {
            var tableName: String
            var kind: String
            var columns: [Column]
            var rowEstimate: Int64?
            var description: String?

            enum CodingKeys: String, CodingKey {
                case kind, columns, description
                case tableName = "table_name"
                case rowEstimate = "row_estimate"
            }
        }

        struct Column: Decodable {
            struct Reference: Decodable {
                var table: String
                var column: String
                enum CodingKeys: String, CodingKey {
                    case table = "references_table"
                    case column = "references_column"
                }
            }
            var name: String
            var type: String
            var nullable: Bool
            var primaryKey: Bool
            var foreignKey: Reference?
            var description: String?

            enum CodingKeys: String, CodingKey {
                case name, type, nullable, description
                case primaryKey = "primary_key"
                case foreignKey = "foreign_key"
            }
        }

        var schema: Schema
        var businessContext: String
        var isTrained: Bool

        enum CodingKeys: String, CodingKey {
            case schema
            case businessContext = "business_context"
            case isTrained = "is_trained"
        }
    }

    func run(_ api: APIClient) async throws {
        let path = APIClient.sourcesPath(try await api.sourceId(source), "tables", table, "schema") + (refresh ? "?refresh=true" : "")
        let raw = try await api.send("GET", path)
        let answer = try api.decode(raw, as: Answer.self)
        let columns = TableFormatter(
            columns: ["column", "type", "null", "key", "references", "description"],
            rows: answer.schema.columns.map { column in
                [
                    column.name, column.type, column.nullable ? "yes" : "no", column.primaryKey ? "PK" : "",
                    column.foreignKey.map { "\($0.table).\($0.column)" } ?? "", column.description ?? "",
                ]
            }
        )
        guard format == .table else { return columns.print(format, raw: raw) }
        let rows = answer.schema.rowEstimate.map { ", ~\($0) rows" } ?? ""
        print("\(answer.schema.tableName) (\(answer.schema.kind)\(rows), \(answer.isTrained ? "trained" : "not trained"))")
        if let description = answer.schema.description, !description.isEmpty { print(description) }
        print("")
        print(columns.aligned())
    }
}
