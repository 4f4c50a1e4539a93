import Foundation
import Hummingbird
import HummingbirdTesting
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Testing

/// The query-service routes over HTTP (no sockets): query, sql, history with cursors, context, chat.
@Suite struct QueryRouteTests {
    static let base = QuerentRouter.apiPath

    func send(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ path: String,
        tenant: Tenant? = QueryHarness.tenant,
        body: String? = nil
    ) async throws -> (status: HTTPResponse.Status, json: JSONValue?, text: String) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let tenant { headers[.authorization] = "Bearer " + TestTokens.token(for: tenant) }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        return (response.status, try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), text)
    }

    @Test func queryRunsAndHistoryPages() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let asked = try await send(client, .post, "\(Self.base)/\(source)/query", body: #"{"question":"How many customers are there?"}"#)
            #expect(asked.status == .ok, "\(asked.text)")
            #expect(asked.json?.field("generation")?.field("sql")?.string?.contains("customers") == true)
            #expect(asked.json?.field("result")?.field("success") == .bool(true))
            #expect(asked.json?.field("result")?.field("row_count") == .int(1))

            let notExecuted = try await send(
                client,
                .post,
                "\(Self.base)/\(source)/query",
                body: #"{"question":"How many products are there?","execute":false}"#
            )
            #expect(notExecuted.status == .ok)
            #expect(notExecuted.json?.field("result") == nil || notExecuted.json?.field("result") == .null)

            for index in 0..<3 {
                let sql = try await send(client, .post, "\(Self.base)/\(source)/sql", body: #"{"sql":"SELECT id FROM orders LIMIT \#(index + 1)"}"#)
                #expect(sql.json?.field("row_count") == .int(Int64(index + 1)))
            }
            let refused = try await send(client, .post, "\(Self.base)/\(source)/sql", body: #"{"sql":"DELETE FROM orders"}"#)
            #expect(refused.status == .ok)
            #expect(refused.json?.field("success") == .bool(false))

            let first = try await send(client, .get, "\(Self.base)/\(source)/query-history?limit=3")
            let page = try #require(first.json?.field("history")?.array)
            #expect(page.count == 3)
            #expect(page.first?.field("success") == .bool(false))
            let cursor = try #require(first.json?.field("next_cursor")?.string)
            let second = try await send(client, .get, "\(Self.base)/\(source)/query-history?limit=3&cursor=\(cursor)")
            let rest = try #require(second.json?.field("history")?.array)
            #expect(rest.count == 2)
            #expect(rest.last?.field("question")?.string == "How many customers are there?")

            let badCursor = try await send(client, .get, "\(Self.base)/\(source)/query-history?cursor=abc")
            #expect(badCursor.status == .badRequest)
            let other = try await send(
                client,
                .post,
                "\(Self.base)/\(source)/query",
                tenant: Tenant(userId: "mallory", agentId: "x"),
                body: #"{"question":"orders"}"#
            )
            #expect(other.status == .notFound)
            let anonymous = try await send(client, .get, "\(Self.base)/\(source)/query-history", tenant: nil)
            #expect(anonymous.status == .unauthorized)
            let malformed = try await send(client, .post, "\(Self.base)/\(source)/query", body: #"{"question": "#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.json?.field("error")?.field("code")?.string == "bad_request")
        }
    }

    @Test func chatStreamsSQLRowsTokensAndDone() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let reply = try await send(client, .post, "/api/v1/chat", body: #"{"message":"How many orders were cancelled?"}"#)
            #expect(reply.status == .ok)
            let events = reply.text.components(separatedBy: "\n\n").compactMap { block in
                block.split(separator: "\n").first { $0.hasPrefix("event: ") }.map { String($0.dropFirst("event: ".count)) }
            }
            #expect(events.first == "sql")
            #expect(events.dropFirst().first == "rows")
            #expect(events.contains("token"))
            #expect(events.last == "done")
            #expect(reply.text.contains(source))

            let context = try await send(client, .get, "\(Self.base)/\(source)/context")
            #expect(context.json?.field("tables")?.field("orders") != nil)

            let empty = try await send(client, .post, "/api/v1/chat", body: #"{"message":"  "}"#)
            #expect(empty.status == .badRequest)
            let stranger = try await send(
                client,
                .post,
                "/api/v1/chat",
                tenant: Tenant(userId: "nobody", agentId: "none"),
                body: #"{"message":"orders"}"#
            )
            // Checked before the stream starts: a JSON error, not an error event.
            #expect(stranger.status == .badRequest)
            #expect(stranger.json?.field("error")?.field("code")?.string == "bad_request")
            let unknown = try await send(client, .post, "/api/v1/chat", body: #"{"message":"orders","source_id":"no-such-source"}"#)
            #expect(unknown.status == .notFound)
            let made = try await send(client, .post, "/api/v1/chat", body: #"{"message":"orders","generator":"made-up"}"#)
            #expect(made.status == .badRequest)
            let llm = try await send(client, .post, "/api/v1/chat", body: #"{"message":"orders","generator":"llm"}"#)
            #expect(llm.status == .unprocessableContent)
            #expect(llm.json?.field("error")?.field("code")?.string == "generator_unavailable")
        }
    }
}

extension JSONValue {
    func field(_ key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
