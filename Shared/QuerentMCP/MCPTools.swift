import Foundation
import Logging
import QuerentApplication
import QuerentCore

/// The outcome of a `tools/call`: structured content (with its JSON text, as the spec asks
/// for compatibility), or an error the model can read (`isError: true`).
struct ToolResult: Sendable {
    var structured: JSONValue?
    var text: String
    var isError: Bool

    static func success(_ value: JSONValue) -> ToolResult {
        ToolResult(structured: value, text: String(decoding: JSONRPC.encode(value), as: UTF8.self), isError: false)
    }

    static func failure(_ message: String) -> ToolResult {
        ToolResult(structured: nil, text: message, isError: true)
    }

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "content": .array([.object(["type": .string("text"), "text": .string(text)])]),
            "isError": .bool(isError),
        ]
        if let structured { object["structuredContent"] = structured }
        return .object(object)
    }
}

/// The tools: `list_sources`, `list_tables`, `describe_table`, `ask`, `run_sql`. Each calls
/// the application layer for the connection's tenant; what the application refuses (an unknown
/// source, a bad argument, SQL the gate refuses, a failed query) is a tool error, not a
/// protocol error, so the model sees the reason.
struct MCPTools: Sendable {
    let backend: MCPBackend
    let tenant: Tenant
    let logger: Logger

    static let names: Set<String> = ["list_sources", "list_tables", "describe_table", "ask", "run_sql"]

    func call(_ name: String, arguments: [String: JSONValue]) async -> ToolResult {
        if ["ask", "run_sql"].contains(name), let wait = backend.admit(tenant) {
            return .failure("too_many_requests: too many questions for this tenant; retry in \(wait) s")
        }
        do {
            switch name {
            case "list_sources": return .success(try await listSources())
            case "list_tables": return .success(try await listTables(try string("source", in: arguments)))
            case "describe_table":
                return .success(try await describeTable(try string("source", in: arguments), table: try string("table", in: arguments)))
            case "ask":
                let execute: Bool
                switch arguments["execute"] {
                case nil, .null?: execute = true
                case .bool(let value)?: execute = value
                default: throw ServiceError(.badRequest, "'execute' must be a boolean")
                }
                return try await ask(try string("question", in: arguments), source: try optionalString("source", in: arguments), execute: execute)
            case "run_sql": return try await runSQL(try string("sql", in: arguments), source: try string("source", in: arguments))
            default: return .failure("unknown tool '\(name)'")
            }
        } catch let error as ServiceError {
            return .failure("\(error.code.rawValue): \(error.message)")
        } catch {
            logger.error("mcp tool failed", metadata: ["mcp.tool": .string(name), "error": "\(error)"])
            return .failure("internal error")
        }
    }

    // MARK: - Tools

    private func listSources() async throws -> JSONValue {
        let sources = try await backend.registry.list(tenant: tenant)
        return .object(["sources": .array(sources.map(Self.summary))])
    }

    private func listTables(_ reference: String) async throws -> JSONValue {
        let source = try await resolve(reference)
        let tables = try await backend.catalog.listTables(sourceId: source.id, tenant: tenant)
        return .object(["source_id": .string(source.id), "tables": try JSONRPC.json(tables)])
    }

    private func describeTable(_ reference: String, table: String) async throws -> JSONValue {
        let source = try await resolve(reference)
        let record = try await backend.catalog.describeTable(sourceId: source.id, tableName: table, tenant: tenant)
        return try JSONRPC.json(record)
    }

    private func ask(_ question: String, source reference: String?, execute: Bool) async throws -> ToolResult {
        let sourceId: String
        if let reference { sourceId = try await resolve(reference).id } else { sourceId = try await pickSource(for: question) }
        let answer = try await backend.pipeline.ask(question: question, sourceId: sourceId, tenant: tenant, execute: execute, logger: logger)
        let generation = answer.generation
        guard !generation.sql.isEmpty else { return .failure("no SQL could be generated: \(generation.explanation)") }
        if let result = answer.result, !result.success {
            return .failure("the query failed: \(result.error ?? "unknown error") (SQL: \(generation.sql))")
        }
        var object: [String: JSONValue] = [
            "source_id": .string(sourceId),
            "sql": .string(generation.sql),
            "explanation": .string(generation.explanation),
            "confidence": .double(generation.confidence),
            "tables_used": .array(generation.tableUsed.map(JSONValue.string)),
            "executed": .bool(answer.result != nil),
        ]
        if let historyId = answer.historyId { object["history_id"] = .int(historyId) }
        if let result = answer.result { object.merge(try Self.rows(result)) { $1 } }
        return .success(.object(object))
    }

    private func runSQL(_ sql: String, source reference: String) async throws -> ToolResult {
        let source = try await resolve(reference)
        let result = try await backend.pipeline.runSQL(sql, sourceId: source.id, tenant: tenant)
        guard result.success else { return .failure("refused or failed: \(result.error ?? "unknown error")") }
        var object = try Self.rows(result)
        object["source_id"] = .string(source.id)
        object["sql"] = .string(result.generatedSQL)
        object["tables_used"] = .array(result.tableUsed.map(JSONValue.string))
        return .success(.object(object))
    }

    // MARK: - Helpers

    /// A source by id, or by name when exactly one of the tenant's sources has it.
    private func resolve(_ reference: String) async throws -> DatabaseSource {
        let sources = try await backend.registry.list(tenant: tenant)
        if let source = sources.first(where: { $0.id == reference }) { return source }
        let named = sources.filter { $0.name == reference }
        if named.count == 1 { return named[0] }
        throw ServiceError(.notFound, "source '\(reference)' does not exist (list_sources lists the sources' ids and names)")
    }

    /// The tenant's only trained source, or the one whose trained tables best match the question.
    private func pickSource(for question: String) async throws -> String {
        let sources = try await backend.registry.list(tenant: tenant).filter { !$0.trainedTables.isEmpty }
        guard let first = sources.first else { throw ServiceError(.badRequest, "no trained source; register a database and train some tables first") }
        if sources.count == 1 { return first.id }
        let ids = Set(sources.map(\.id))
        let matches = try await backend.vectors.searchRelevantTables(query: question, tenant: tenant, limit: 10)
        return matches.first { ids.contains($0.metadata.sourceId) }?.metadata.sourceId ?? first.id
    }

    private func string(_ name: String, in arguments: [String: JSONValue]) throws -> String {
        guard let value = try optionalString(name, in: arguments) else { throw ServiceError(.badRequest, "'\(name)' is required") }
        return value
    }

    private func optionalString(_ name: String, in arguments: [String: JSONValue]) throws -> String? {
        switch arguments[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw ServiceError(.badRequest, "'\(name)' must be a string")
        }
    }

    static func summary(_ source: DatabaseSource) -> JSONValue {
        .object([
            "id": .string(source.id),
            "name": .string(source.name),
            "dialect": .string(source.dialect.rawValue),
            "trained_tables": .array(source.trainedTables.map(JSONValue.string)),
        ])
    }

    static func rows(_ result: QueryExecutionResult) throws -> [String: JSONValue] {
        [
            "columns": .array(result.columns.map(JSONValue.string)),
            "rows": .array(result.data.map(JSONValue.object)),
            "row_count": .int(Int64(result.rowCount)),
            "truncated": .bool(result.truncated),
            "execution_time_ms": .double(result.executionTimeMs),
        ]
    }
}
