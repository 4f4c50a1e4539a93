import Foundation
import Hummingbird
import HummingbirdTesting
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Testing

/// Authentication, tenant isolation and secret hygiene of the schema service.
@Suite struct SchemaServiceSecurityTests {
    let base = QuerentRouter.apiPath
    let alice = APIClient.alice

    /// Every route of the API, with a body where it takes one.
    func routes(sourceId id: String) -> [(HTTPRequest.Method, String, String?)] {
        let create = json(["name": .string("x"), "dialect": .string("sqlite"), "connection": .string("/nonexistent.sqlite")])
        return [
            (.post, "\(base)/", create),
            (.post, "\(base)/test-connection", create),
            (.get, "\(base)/", nil),
            (.get, "\(base)/\(id)", nil),
            (.delete, "\(base)/\(id)", nil),
            (.get, "\(base)/\(id)/tables", nil),
            (.get, "\(base)/\(id)/tables/customers/schema", nil),
            (.get, "\(base)/\(id)/tables/customers/schema?refresh=true", nil),
            (.get, "\(base)/\(id)/tables/customers/sample", nil),
            (.put, "\(base)/\(id)/tables/customers/context", json(["business_description": .string("stolen")])),
            (.get, "\(base)/\(id)/trained-tables", nil),
        ]
    }

    @Test func everyRouteNeedsAValidToken() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let alice = self.alice
        let routes = self.routes(sourceId: "00000000-0000-0000-0000-000000000000")
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let authorizations: [(String, String?)] = [
                ("missing", nil),
                ("garbage", "Bearer garbage"),
                ("empty", "Bearer "),
                ("basic", "Basic YWxpY2U6c2VjcmV0"),
                ("expired", TestTokens.bearer(TestTokens.expired(for: alice))),
                ("forged", TestTokens.bearer(TestTokens.forged(for: alice))),
                ("alg none", TestTokens.bearer(TestTokens.unsigned(for: alice))),
                (
                    "no agent",
                    TestTokens.bearer(TestTokens.craft(claims: ["sub": .string("alice"), "exp": .int(Int64(Date().timeIntervalSince1970) + 60)]))
                ),
            ]
            for (method, route, body) in routes + self.routes(sourceId: id) {
                for (label, authorization) in authorizations {
                    let reply = try await api.send(method, route, as: nil, body: body, authorization: authorization)
                    #expect(reply.status == .unauthorized, "\(method) \(route) with \(label) token → \(reply.status)")
                    #expect(reply.errorCode == "unauthorized")
                    #expect(reply.headers[.wwwAuthenticate] == "Bearer")
                }
            }
            let expired = try await api.send(.get, "\(base)/", as: nil, authorization: TestTokens.bearer(TestTokens.expired(for: alice)))
            #expect(expired.errorMessage == "token expired")
            // Nothing was changed by the refused calls.
            #expect(try await api.send(.get, "\(base)/\(id)").status == .ok)
            #expect(try await api.send(.get, "\(base)/").json?["sources"]?.arrayValue?.count == 1)
        }
    }

    @Test func anotherTenantGets404OnEverySourceRoute() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let store = harness.store
        let routes = self.routes(sourceId: "SOURCE")
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let unknownId = UUID().uuidString.lowercased()
            for intruder in [Tenant(userId: "mallory", agentId: "agent-1"), Tenant(userId: "alice", agentId: "agent-2")] {
                #expect(try await api.send(.get, "\(base)/", as: intruder).json == .object(["sources": .array([])]))
                for (method, template, body) in routes where template.contains("SOURCE") {
                    let route = template.replacingOccurrences(of: "SOURCE", with: id)
                    let reply = try await api.send(method, route, as: intruder, body: body)
                    #expect(reply.status == .notFound, "\(intruder.userId)/\(intruder.agentId): \(method) \(route) → \(reply.status)")
                    #expect(reply.errorCode == "not_found")
                    // Indistinguishable from a source that does not exist.
                    let missing = try await api.send(method, template.replacingOccurrences(of: "SOURCE", with: unknownId), as: intruder, body: body)
                    #expect(missing.status == reply.status && missing.errorCode == reply.errorCode)
                    #expect(reply.errorMessage == missing.errorMessage?.replacingOccurrences(of: unknownId, with: id))
                }
            }
            // The owner still has everything; the intruders' PUT and DELETE changed nothing.
            #expect(try await api.send(.get, "\(base)/\(id)").status == .ok)
            #expect(try await store.tableSchema(sourceId: id, tableName: "customers") == nil)
            let schema = try await api.send(.get, "\(base)/\(id)/tables/customers/schema")
            #expect(schema.status == .ok)
            #expect(schema.json?["schema"]?["business_description"] == nil)
        }
    }

    @Test func passwordsNeverReachTheLogs() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let secrets = ["L0g-Secret-url", "L0g-Secret-field", "L0g-Secret-conninfo", "L0g-Secret-sqlite", "L0g-Secret-badjson", "L0g-Secret-pct"]
        try await harness.test { api in
            let requests: [(String, String)] = [
                (
                    "\(base)/",
                    json([
                        "name": .string("a"), "dialect": .string("postgres"), "connection": .string("postgres://app:\(secrets[0])@127.0.0.1:1/shop"),
                    ])
                ),
                (
                    "\(base)/test-connection",
                    json([
                        "dialect": .string("postgres"),
                        "connection": .object([
                            "host": .string("127.0.0.1"), "port": .int(1), "database": .string("shop"), "user": .string("app"),
                            "password": .string(secrets[1]),
                        ]),
                    ])
                ),
                (
                    "\(base)/",
                    json([
                        "name": .string("b"), "dialect": .string("postgres"),
                        "connection": .string("host=nonexistent.invalid dbname=shop password=\(secrets[2])"),
                    ])
                ),
                (
                    "\(base)/",
                    json([
                        "name": .string("c"), "dialect": .string("sqlite"),
                        "connection": .object(["path": .string(path), "password": .string(secrets[3])]),
                    ])
                ),
                ("\(base)/", #"{"name": "d", "dialect": "postgres", "connection": "postgres://app:\#(secrets[4])@db/shop""#),
                (
                    "\(base)/",
                    json(["name": .string("e"), "dialect": .string("oracle"), "connection": .string("oracle://app:\(secrets[4])@db/shop")])
                ),
                (
                    "\(base)/",
                    json([
                        "name": .string("f"), "dialect": .string("postgres"), "connection": .string("postgres://app:\(secrets[5])%zz@127.0.0.1/shop"),
                    ])
                ),
            ]
            var statuses: [HTTPResponse.Status] = []
            for (route, body) in requests {
                let reply = try await api.send(.post, route, body: body)
                statuses.append(reply.status)
                for secret in secrets { #expect(!reply.text.contains(secret), "\(route): \(reply.text)") }
            }
            #expect(
                statuses == [
                    .unprocessableContent, .unprocessableContent, .unprocessableContent, .created, .badRequest, .badRequest, .unprocessableContent,
                ]
            )
            let list = try await api.send(.get, "\(base)/")
            let id = try #require(list.json?["sources"]?[0]?["id"]?.stringValue)
            _ = try await api.send(.get, "\(base)/\(id)")
            _ = try await api.send(.get, "\(base)/\(id)/tables")
            _ = try await api.send(.delete, "\(base)/\(id)")
        }
        let text = harness.logs.text
        // The capture really saw the traffic (at trace level)…
        #expect(harness.logs.entries.count >= 10)
        #expect(harness.logs.entries(withMessage: "source created").count == 1)
        #expect(harness.logs.entries(withMessage: "source deleted").count == 1)
        // …and no secret, nor any part of one.
        for secret in secrets {
            #expect(!text.contains(secret), "a password reached the logs")
        }
        #expect(!text.contains("L0g-Secret"))
    }
}

/// The schema service over a Postgres customer database (the fixture in a scratch database).
@Suite(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres: set POSTGRES_HOSTNAME or QUERENT_TEST_POSTGRES_URL"))
struct SchemaServicePostgresTests {
    let base = QuerentRouter.apiPath

    @Test func postgresSourceEndToEnd() async throws {
        try await withPostgresFixture { database in
            let harness = try await SchemaServiceHarness()
            let url = database.url
            try await harness.test { api in
                let created = try await api.send(
                    .post,
                    "\(base)/",
                    body: json(["name": .string("pg"), "dialect": .string("postgres"), "connection": .string(url)])
                )
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.json?["id"]?.stringValue)
                let components = try #require(URLComponents(string: url))
                #expect(
                    created.json?["connection_summary"]
                        == .string("postgres://\(components.user ?? "")@\(components.host ?? ""):\(components.port ?? 0)/\(database.name)")
                )

                let tables = try #require(try await api.send(.get, "\(base)/\(id)/tables").json?["tables"]?.arrayValue)
                var kinds: [String: String] = [:]
                for table in tables { kinds[table["name"]?.stringValue ?? "?"] = table["kind"]?.stringValue }
                #expect(kinds == Fixture.postgresRelations.mapValues(\.rawValue))
                #expect(tables.first { $0["name"] == .string("sales.orders") }?["schema"] == .string("sales"))

                let sales = try await api.send(.get, "\(base)/\(id)/tables/sales.orders/schema")
                #expect(sales.status == .ok)
                #expect(sales.json?["schema"]?["table_name"] == .string("sales.orders"))
                #expect(sales.json?["schema"]?["description"] == .string("Orders booked by the sales team"))
                let publicOrders = try await api.send(.get, "\(base)/\(id)/tables/orders/schema")
                #expect(publicOrders.json?["schema"]?["columns"]?[1]?["name"] == .string("customer_id"))

                let unicode = try await api.send(.get, "\(base)/\(id)/tables/\(pathSegment("café_ñandú"))/schema")
                #expect(unicode.json?["schema"]?["columns"]?[1]?["name"] == .string("prix€"))
                let quoted = try await api.send(.get, "\(base)/\(id)/tables/\(pathSegment(#""odd.name""#))/schema")
                #expect(quoted.status == .ok)
                #expect(quoted.json?["schema"]?["table_name"] == .string(#""odd.name""#))
                let mixed = try await api.send(.get, "\(base)/\(id)/tables/MixedCase/schema")
                #expect(mixed.json?["schema"]?["columns"]?[0]?["name"] == .string("Id"))

                let comments = try await api.send(.get, "\(base)/\(id)/tables/customers/schema")
                let context = try #require(comments.json?["business_context"]?.stringValue)
                #expect(context.contains("People who buy things"))
                #expect(context.contains("email: Login e-mail address"))
                #expect(try await api.send(.get, "\(base)/\(id)/tables/view_that_does_not_exist/schema").status == .notFound)
            }
        }
    }

    @Test func wrongPasswordIs422WithTheDriversReason() async throws {
        let url = try TestEnvironment.requirePostgresURL()
        var components = try #require(URLComponents(string: url))
        let password = "Wr0ng-Service-Pa55"
        components.password = password
        let wrong = try #require(components.string)
        let harness = try await SchemaServiceHarness()
        try await harness.test { api in
            for route in ["\(base)/", "\(base)/test-connection"] {
                let reply = try await api.send(
                    .post,
                    route,
                    body: json(["name": .string("pg"), "dialect": .string("postgres"), "connection": .string(wrong)])
                )
                #expect(reply.status == .unprocessableContent, "\(reply.text)")
                #expect(reply.errorCode == "connection_failed")
                #expect(reply.errorMessage?.contains("password authentication failed") == true)
                #expect(!reply.text.contains(password))
            }
        }
        #expect(!harness.logs.text.contains(password))
    }
}
