import Foundation
import QuerentCore
import Testing

extension JSONValue {
    subscript(_ key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

/// The same conversation over any transport: `request` sends a JSON-RPC request and returns the
/// response object, `notify` sends a notification.
struct MCPConversation {
    let request: (_ method: String, _ params: JSONValue) async throws -> JSONValue
    let notify: (_ method: String) async throws -> Void

    func call(_ tool: String, _ arguments: [String: JSONValue]) async throws -> JSONValue {
        let response = try await request("tools/call", .object(["name": .string(tool), "arguments": .object(arguments)]))
        return try #require(response["result"], "tools/call \(tool): \(response)")
    }

    /// initialize → initialized → tools/list → every tool (a refused `run_sql` too) →
    /// resources/list → resources/read, checking each answer.
    func run() async throws {
        let initialized = try await request(
            "initialize",
            .object([
                "protocolVersion": .string("2025-06-18"), "capabilities": .object([:]),
                "clientInfo": .object(["name": .string("tests"), "version": .string("1")]),
            ])
        )
        let info = try #require(initialized["result"], "\(initialized)")
        #expect(info["protocolVersion"] == .string("2025-06-18"))
        #expect(info["serverInfo"]?["name"] == .string("querent"))
        #expect(info["capabilities"]?["tools"] != nil && info["capabilities"]?["resources"] != nil)
        #expect(info["instructions"]?.string?.isEmpty == false)
        try await notify("notifications/initialized")

        let tools = try #require(try await request("tools/list", .object([:]))["result"]?["tools"]?.array)
        #expect(Set(tools.compactMap { $0["name"]?.string }) == ["list_sources", "list_tables", "describe_table", "ask", "run_sql"])
        for tool in tools {
            #expect(tool["inputSchema"]?["type"] == .string("object"), "\(tool)")
            #expect(tool["outputSchema"]?["type"] == .string("object"), "\(tool)")
        }

        let sources = try await call("list_sources", [:])
        #expect(sources["isError"] == .bool(false))
        let source = try #require(sources["structuredContent"]?["sources"]?.array?.first { $0["trained_tables"]?.array?.isEmpty == false })
        let sourceId = try #require(source["id"]?.string)
        #expect(sources["content"]?.array?.first?["type"] == .string("text"))

        let tables = try await call("list_tables", ["source": .string(sourceId)])
        let orders = try #require(tables["structuredContent"]?["tables"]?.array?.first { $0["name"] == .string("orders") }, "\(tables)")
        #expect(orders["trained"] == .bool(true))

        let described = try await call("describe_table", ["source": .string(sourceId), "table": .string("orders")])
        #expect(described["isError"] == .bool(false), "\(described)")
        #expect(described["structuredContent"]?["table_name"] == .string("orders"))
        #expect(described["structuredContent"]?["schema_data"]?["columns"]?.array?.isEmpty == false)
        let missing = try await call("describe_table", ["source": .string(sourceId), "table": .string("no_such_table")])
        #expect(missing["isError"] == .bool(true), "\(missing)")

        let asked = try await call("ask", ["question": .string("How many orders were cancelled?")])
        #expect(asked["isError"] == .bool(false), "\(asked)")
        let answer = try #require(asked["structuredContent"])
        #expect(answer["sql"]?.string?.lowercased().contains("orders") == true, "\(answer)")
        #expect(answer["executed"] == .bool(true))
        #expect(answer["rows"]?.array?.count == 1)
        #expect((answer["confidence"]?.number ?? 0) > 0)
        #expect(answer["explanation"]?.string?.isEmpty == false)
        #expect(answer["source_id"] == .string(sourceId))
        let generated = try await call(
            "ask",
            ["question": .string("How many products are there?"), "source": .string(sourceId), "execute": .bool(false)]
        )
        #expect(generated["structuredContent"]?["executed"] == .bool(false), "\(generated)")
        #expect(generated["structuredContent"]?["rows"] == nil)

        let rows = try await call("run_sql", ["source": .string(sourceId), "sql": .string("SELECT id FROM orders ORDER BY id LIMIT 2")])
        #expect(rows["isError"] == .bool(false), "\(rows)")
        #expect(rows["structuredContent"]?["row_count"] == .int(2))
        let refused = try await call("run_sql", ["source": .string(sourceId), "sql": .string("DELETE FROM orders")])
        #expect(refused["isError"] == .bool(true))
        #expect(refused["content"]?.array?.first?["text"]?.string?.contains("not DELETE") == true, "\(refused)")
        let unnamed = try await call("run_sql", ["sql": .string("SELECT 1")])
        #expect(unnamed["isError"] == .bool(true), "an argument error is a tool error: \(unnamed)")

        let unknownTool = try await request("tools/call", .object(["name": .string("drop_everything"), "arguments": .object([:])]))
        #expect(unknownTool["error"]?["code"] == .int(-32602), "\(unknownTool)")
        let unknownMethod = try await request("prompts/list", .object([:]))
        #expect(unknownMethod["error"]?["code"] == .int(-32601), "\(unknownMethod)")
        #expect(try await request("ping", .object([:]))["result"] == .object([:]))

        let resources = try #require(try await request("resources/list", .object([:]))["result"]?["resources"]?.array)
        let uri = "querent://sources/\(sourceId)/tables/orders/schema"
        #expect(resources.contains { $0["uri"] == .string(uri) && $0["mimeType"] == .string("application/json") }, "\(resources.prefix(2))")
        let read = try await request("resources/read", .object(["uri": .string(uri)]))
        let content = try #require(read["result"]?["contents"]?.array?.first, "\(read)")
        #expect(content["uri"] == .string(uri))
        let schema = try #require(JSONValue.parse(content["text"]?.string ?? ""))
        #expect(schema["table_name"] == .string("orders"))
        let unknown = try await request("resources/read", .object(["uri": .string("querent://sources/\(sourceId)/tables/nope/schema")]))
        #expect(unknown["error"]?["code"] == .int(-32002), "\(unknown)")
    }
}
