import Foundation
import Hummingbird
import HummingbirdTesting
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Testing

/// Request limits and `405`: a router made by ``QuerentRouter/make`` with two small routes.
@Suite struct RequestLimitsTests {
    static let limits = {
        var limits = RequestLimits(environment: [:])
        limits.maxBodyBytes = 100
        limits.maxURLBytes = 200
        limits.maxHeaderBytes = 2_000
        return limits
    }()

    struct Echo: ResponseCodable { var text: String }

    /// `POST …/echo` decodes a body; `GET …/items/:id` and `DELETE …/items/:id` take none.
    static func application() -> some ApplicationProtocol {
        let router = QuerentRouter.make(service: "limits-test", signer: TestTokens.signer, checks: [], limits: limits) { api in
            api.post("echo") { request, context -> Echo in try await request.decode(as: Echo.self, context: context) }
            api.get("items/:id") { _, context -> Echo in Echo(text: try context.parameters.require("id")) }
            api.delete("items/:id") { _, _ -> HTTPResponse.Status in .noContent }
            api.post("items/new") { _, _ -> HTTPResponse.Status in .created }
        }
        return Application(router: router)
    }

    static let authorization = TestTokens.bearer(TestTokens.token(for: Tenant(userId: "alice", agentId: "agent-1")))
    static let echo = QuerentRouter.apiPath + "/echo"

    static func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
        var headers: HTTPFields = [.authorization: authorization, .contentType: "application/json"]
        headers.append(contentsOf: extra)
        return headers
    }

    static func errorCode(_ response: TestResponse) -> String? {
        let json = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
        return json?["error"]?["code"]
    }

    @Test func aBodyWithinTheLimitIsRead() async throws {
        try await Self.application().test(.live) { client in
            let response = try await client.execute(
                uri: Self.echo,
                method: .post,
                headers: Self.headers(),
                body: ByteBuffer(string: #"{"text":"hi"}"#)
            )
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("hi"))
        }
    }

    @Test func aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsRead() async throws {
        let body = #"{"text":""# + String(repeating: "a", count: 10_000) + #""}"#
        try await Self.application().test(.live) { client in
            let response = try await client.execute(uri: Self.echo, method: .post, headers: Self.headers(), body: ByteBuffer(string: body))
            #expect(response.status == .contentTooLarge)
            #expect(Self.errorCode(response) == "content_too_large")
            // The connection still serves the next request.
            let next = try await client.execute(uri: Self.echo, method: .post, headers: Self.headers(), body: ByteBuffer(string: #"{"text":"ok"}"#))
            #expect(next.status == .ok)
        }
    }

    /// Without a `Content-Length`, the body is cut while it is read.
    @Test func anUndeclaredLengthOverTheLimitIs413WhileReading() async throws {
        let body = #"{"text":""# + String(repeating: "a", count: 10_000) + #""}"#
        try await Self.application().test(.router) { client in
            let response = try await client.execute(uri: Self.echo, method: .post, headers: Self.headers(), body: ByteBuffer(string: body))
            #expect(response.status == .contentTooLarge)
            #expect(Self.errorCode(response) == "content_too_large")
        }
    }

    @Test func aLongURLIs414AndLargeHeadersAre431() async throws {
        try await Self.application().test(.live) { client in
            let long = try await client.execute(uri: Self.echo + "?q=" + String(repeating: "x", count: 300), method: .post, headers: Self.headers())
            #expect(long.status == .uriTooLong)
            #expect(Self.errorCode(long) == "uri_too_long")
            let big = try await client.execute(
                uri: Self.echo,
                method: .post,
                headers: Self.headers([HTTPFields.Element.Name("X-Padding")!: String(repeating: "p", count: 3_000)]),
                body: ByteBuffer(string: #"{"text":"hi"}"#)
            )
            #expect(big.status == .requestHeaderFieldsTooLarge)
            #expect(Self.errorCode(big) == "request_header_fields_too_large")
        }
    }

    @Test func anotherMethodOnAKnownPathIs405WithAllow() async throws {
        let item = QuerentRouter.apiPath + "/items/42"
        try await Self.application().test(.live) { client in
            let put = try await client.execute(uri: item, method: .put, headers: Self.headers())
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "DELETE, GET")
            #expect(Self.errorCode(put) == "method_not_allowed")
            let get = try await client.execute(uri: Self.echo, method: .get, headers: Self.headers())
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow] == "POST")
            // A literal route wins over a capture, as the router resolves it.
            let new = try await client.execute(uri: QuerentRouter.apiPath + "/items/new", method: .get, headers: Self.headers())
            #expect(new.status == .methodNotAllowed)
            #expect(new.headers[.allow] == "POST")
            // Unknown paths stay 404, known ones still answer.
            #expect(try await client.execute(uri: QuerentRouter.apiPath + "/items", method: .put, headers: Self.headers()).status == .notFound)
            #expect(try await client.execute(uri: "/nowhere/at/all", method: .post).status == .notFound)
            #expect(try await client.execute(uri: item, method: .get, headers: Self.headers()).status == .ok)
        }
    }

    @Test func limitsComeFromTheEnvironment() {
        let limits = RequestLimits(environment: ["QUERENT_MAX_BODY_BYTES": "2048", "QUERENT_MAX_URL_BYTES": "-1", "QUERENT_MAX_HEADER_BYTES": "junk"])
        #expect(limits.maxBodyBytes == 2_048)
        #expect(limits.maxURLBytes == 8 << 10)
        #expect(limits.maxHeaderBytes == 16 << 10)
        #expect(RequestLimits(environment: [:]).maxBodyBytes == 1 << 20)
    }
}
