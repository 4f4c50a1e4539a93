import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuerentCore
import QuerentHTTP
import QuerentTesting
import QueryService
import Testing

/// `POST /mcp` on query-service's router (as `buildRouter` builds it; `querent serve` mounts the
/// same route), in process: the scripted conversation, then the transport's own rules.
@Suite struct MCPHTTPTests {
    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var text: String
        var json: JSONValue? { JSONValue.parse(text) }
    }

    static func post(
        _ client: some TestClientProtocol,
        _ body: String,
        token: String? = TestTokens.token(for: QueryHarness.tenant),
        session: String? = nil,
        extra: HTTPFields = [:],
        method: HTTPRequest.Method = .post
    ) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/json", .accept: "application/json, text/event-stream"]
        if let token { headers[.authorization] = "Bearer " + token }
        if let session { headers[HTTPField.Name("Mcp-Session-Id")!] = session }
        for field in extra { headers[field.name] = field.value }
        let response = try await client.executeRequest(uri: "/mcp", method: method, headers: headers, body: ByteBuffer(string: body))
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    static let initialize =
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
    static let sessionHeader = HTTPField.Name("Mcp-Session-Id")!

    @Test func aScriptedClientUsesEveryToolAndResource() async throws {
        let harness = try await QueryHarness()
        _ = try await harness.registerSample()
        let app = Application(router: buildRouter(harness.dependencies, signer: TestTokens.signer), logger: harness.logger)
        try await app.test(.router) { client in
            let session = SessionBox()
            var nextId: Int64 = 100
            try await MCPConversation(
                request: { method, params in
                    nextId += 1
                    let message: JSONValue = .object(["jsonrpc": .string("2.0"), "id": .int(nextId), "method": .string(method), "params": params])
                    let reply = try await Self.post(
                        client,
                        String(decoding: try JSONEncoder.querent.encode(message), as: UTF8.self),
                        session: session.id
                    )
                    #expect(reply.status == .ok, "\(method): \(reply.text)")
                    #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
                    if method == "initialize" { session.id = reply.headers[Self.sessionHeader] }
                    return try #require(reply.json, "\(reply.text)")
                },
                notify: { method in
                    let reply = try await Self.post(client, #"{"jsonrpc":"2.0","method":"\#(method)"}"#, session: session.id)
                    #expect(reply.status == .accepted && reply.text.isEmpty, "a notification is 202 without body")
                }
            ).run()
            #expect(session.id?.isEmpty == false, "initialize issues Mcp-Session-Id")
        }
    }

    @Test func askAndRunSQLTakeFromTheTenantsQuestionBucket() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        var rates = RateLimits(environment: [:])
        rates.queries = RateLimits.Bucket(perMinute: 1, burst: 2)
        let router = buildRouter(harness.dependencies, signer: TestTokens.signer, rateLimits: RateLimitMiddleware(rates))
        try await Application(router: router, logger: harness.logger).test(.router) { client in
            let session = try await Self.post(client, Self.initialize).headers[Self.sessionHeader]
            func call(_ tool: String, _ arguments: String) async throws -> JSONValue? {
                let body = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#
                return try await Self.post(client, body, session: session).json?["result"]
            }
            // One token for an MCP question, one for the API's /sql: the bucket is shared.
            let asked = try await call("ask", #"{"question":"How many customers are there?","source":"\#(source)"}"#)
            #expect(asked?["isError"] != .bool(true), "\(String(describing: asked))")
            let sql = try await client.execute(
                uri: "/api/v1/sources/database/\(source)/sql",
                method: .post,
                headers: [.authorization: "Bearer " + TestTokens.token(for: QueryHarness.tenant), .contentType: "application/json"],
                body: ByteBuffer(string: #"{"sql":"SELECT count(*) FROM customers"}"#)
            )
            #expect(sql.status == .ok)
            let limited = try await call("run_sql", #"{"sql":"SELECT count(*) FROM customers","source":"\#(source)"}"#)
            #expect(limited?["isError"] == .bool(true), "\(String(describing: limited))")
            #expect(limited.map { "\($0)" }?.contains("too_many_requests") == true, "\(String(describing: limited))")
            // Listing is not a question: it is not limited.
            let listed = try await call("list_sources", "{}")
            #expect(listed?["isError"] != .bool(true))
        }
    }

    final class SessionBox: @unchecked Sendable { var id: String? }

    @Test func transportRules() async throws {
        let harness = try await QueryHarness()
        let app = Application(router: buildRouter(harness.dependencies, signer: TestTokens.signer), logger: harness.logger)
        try await app.test(.router) { client in
            let ping = #"{"jsonrpc":"2.0","id":2,"method":"ping"}"#
            // The API's bearer auth.
            #expect(try await Self.post(client, Self.initialize, token: nil).status == .unauthorized)
            #expect(try await Self.post(client, Self.initialize, token: TestTokens.forged(for: QueryHarness.tenant)).status == .unauthorized)
            #expect(try await Self.post(client, Self.initialize, token: TestTokens.expired(for: QueryHarness.tenant)).status == .unauthorized)

            // Malformed JSON: a JSON-RPC parse error (400, no id).
            let malformed = try await Self.post(client, #"{"jsonrpc":"2.0","id":1,"#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.json?["error"]?["code"] == .int(-32700) && malformed.json?["id"] == .null, "\(malformed.text)")
            #expect(try await Self.post(client, "[]").json?["error"]?["code"] == .int(-32600))

            // No server-initiated stream: GET is 405 with Allow.
            let get = try await client.executeRequest(
                uri: "/mcp",
                method: .get,
                headers: [.authorization: "Bearer " + TestTokens.token(for: QueryHarness.tenant)],
                body: nil
            )
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow]?.contains("POST") == true)

            // Sessions: issued at initialize, required afterwards, bound to the tenant, ended by DELETE.
            #expect(try await Self.post(client, ping).status == .badRequest)
            #expect(try await Self.post(client, ping, session: "no-such-session").status == .notFound)
            let opened = try await Self.post(client, Self.initialize)
            #expect(opened.json?["result"]?["protocolVersion"] == .string("2025-11-25"))
            let session = try #require(opened.headers[Self.sessionHeader])
            #expect(session.allSatisfy { $0.isASCII && !$0.isWhitespace } && session.count >= 32)
            #expect(try await Self.post(client, ping, session: session).json?["result"] == .object([:]))
            let otherTenant = TestTokens.token(for: Tenant(userId: "someone", agentId: "else"))
            #expect(try await Self.post(client, ping, token: otherTenant, session: session).status == .notFound)
            let version = HTTPField.Name("MCP-Protocol-Version")!
            #expect(try await Self.post(client, ping, session: session, extra: [version: "2025-11-25"]).status == .ok)
            #expect(try await Self.post(client, ping, session: session, extra: [version: "1999-01-01"]).status == .badRequest)
            #expect(try await Self.post(client, ping, session: session, extra: [.origin: "https://evil.example"]).status == .forbidden)
            #expect(try await Self.post(client, ping, session: session, extra: [.origin: "http://localhost:5173"]).status == .ok)
            #expect(try await Self.post(client, ping, session: session, extra: [.accept: "text/html"]).status == .notAcceptable)
            #expect(try await Self.post(client, #"{"jsonrpc":"2.0","id":3,"result":{}}"#, session: session).status == .accepted)
            #expect(try await Self.post(client, "", session: session, method: .delete).status == .noContent)
            #expect(try await Self.post(client, ping, session: session).status == .notFound)
        }
    }
}
