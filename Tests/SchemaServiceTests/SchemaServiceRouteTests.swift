import Foundation
import Hummingbird
import HummingbirdTesting
import QuerentCompression
import QuerentCore
import QuerentHTTP
import QuerentSQLite
import QuerentTesting
import Testing

/// Every route of the schema service over a SQLite metadata store and a SQLite customer database.
@Suite struct SchemaServiceRouteTests {
    let base = QuerentRouter.apiPath

    // MARK: - Sources

    @Test func createAnswers201WithLocation() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let reply = try await api.send(
                .post,
                "\(base)/",
                body: json([
                    "name": .string("shop"), "dialect": .string("sqlite"), "connection": .object(["path": .string(path)]),
                ])
            )
            #expect(reply.status == .created)
            let body = try #require(reply.json)
            let id = try #require(body["id"]?.stringValue)
            #expect(UUID(uuidString: id) != nil)
            #expect(reply.headers[.location] == "\(base)/\(id)")
            #expect(body["name"] == .string("shop"))
            #expect(body["dialect"] == .string("sqlite"))
            #expect(body["connection_summary"] == .string(path))
            #expect(body["user_id"] == .string("alice") && body["agent_id"] == .string("agent-1"))
            #expect(body["trained_tables"] == .array([]))
            #expect(body["created_at"]?.stringValue.flatMap(Timestamp.parse) != nil)
            #expect(!reply.text.contains("connection_encrypted"))

            // The connection may also be sent as a plain string.
            let second = try await api.send(
                .post,
                "\(base)/",
                body: json([
                    "name": .string("shop, again"), "dialect": .string("sqlite"), "connection": .string(path),
                ])
            )
            #expect(second.status == .created)

            let fetched = try await api.send(.get, "\(base)/\(id)")
            #expect(fetched.status == .ok)
            #expect(fetched.json == body)
        }
    }

    @Test func testConnectionCountsTablesAndStoresNothing() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let missing = harness.directory.path("missing.sqlite")
        try await harness.test { api in
            let reply = try await api.send(
                .post,
                "\(base)/test-connection",
                body: json([
                    "dialect": .string("sqlite"), "connection": .object(["path": .string(path)]),
                ])
            )
            #expect(reply.status == .ok)
            #expect(reply.json == .object(["ok": .bool(true), "table_count": .int(Int64(Fixture.sqliteRelations.count))]))

            let failed = try await api.send(
                .post,
                "\(base)/test-connection",
                body: json([
                    "dialect": .string("sqlite"), "connection": .object(["path": .string(missing)]),
                ])
            )
            #expect(failed.status == .unprocessableContent)
            #expect(failed.errorCode == "connection_failed")
            #expect(failed.errorMessage == "SQLite file not found: \(missing)")

            #expect(try await api.send(.get, "\(base)/").json == .object(["sources": .array([])]))
        }
    }

    @Test func listNeverShowsSecrets() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let password = "Sup3r-List-Secret"
        try await harness.test { api in
            // A client may send fields a SQLite source does not need, a password included: it is sealed, never shown.
            let created = try await api.send(
                .post,
                "\(base)/",
                body: json([
                    "name": .string("with password"), "dialect": .string("sqlite"),
                    "connection": .object(["path": .string(path), "password": .string(password)]),
                ])
            )
            #expect(created.status == .created)
            #expect(!created.text.contains(password))
            let other = try await api.createSQLiteSource(name: "plain", path: path)

            let list = try await api.send(.get, "\(base)/")
            #expect(list.status == .ok)
            let sources = try #require(list.json?["sources"]?.arrayValue)
            #expect(sources.compactMap { $0["name"]?.stringValue } == ["with password", "plain"])
            #expect(sources.last?["id"]?.stringValue == other)
            #expect(!list.text.contains(password))
            #expect(!list.text.contains("connection_encrypted"))
            #expect(!list.text.contains("sealed"))
            for source in sources {
                #expect(
                    Set(source.objectKeys) == ["id", "name", "dialect", "connection_summary", "user_id", "agent_id", "trained_tables", "created_at"]
                )
            }
        }
        // At rest the password is only inside the AES-GCM box.
        let raw = try await SchemaServiceHarness.rawMetadata(harness)
        #expect(!raw.contains(password))
    }

    @Test func deleteAnswers204ThenNotFound() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let store = harness.store
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customers/schema").status == .ok)
            #expect(try await store.tableSchemas(sourceId: id).count == 1)

            let deleted = try await api.send(.delete, "\(base)/\(id)")
            #expect(deleted.status == .noContent)
            #expect(deleted.text.isEmpty)
            #expect(try await store.tableSchemas(sourceId: id).isEmpty)

            let gone = try await api.send(.get, "\(base)/\(id)")
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "not_found")
            #expect(try await api.send(.delete, "\(base)/\(id)").status == .notFound)
            #expect(try await api.send(.get, "\(base)/\(id)/tables").status == .notFound)
            #expect(try await api.send(.get, "\(base)/").json == .object(["sources": .array([])]))
        }
    }

    @Test func duplicateNameIsAConflict() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            _ = try await api.createSQLiteSource(name: "shop", path: path)
            let again = try await api.send(
                .post,
                "\(base)/",
                body: json([
                    "name": .string("shop"), "dialect": .string("sqlite"), "connection": .object(["path": .string(path)]),
                ])
            )
            #expect(again.status == .conflict)
            #expect(again.errorCode == "conflict")
            #expect(again.errorMessage?.contains("shop") == true)
            // Another tenant may use the name.
            _ = try await api.createSQLiteSource(name: "shop", path: path, as: Tenant(userId: "bob", agentId: "agent-1"))
            #expect(try await api.send(.get, "\(base)/").json?["sources"]?.arrayValue?.count == 1)
        }
    }

    // MARK: - Tables

    @Test func tablesListKindsAndTrainedFlags() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let store = harness.store
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let reply = try await api.send(.get, "\(base)/\(id)/tables")
            #expect(reply.status == .ok)
            let tables = try #require(reply.json?["tables"]?.arrayValue)
            var kinds: [String: String] = [:]
            for table in tables { kinds[table["name"]?.stringValue ?? "?"] = table["kind"]?.stringValue }
            #expect(kinds == Fixture.sqliteRelations.mapValues(\.rawValue))
            #expect(tables.allSatisfy { $0["trained"] == .bool(false) })
            #expect(tables.first { $0["name"] == .string("customers") }?["row_estimate"] == .int(5))

            // Train one table (as the trainer would) and the flags follow.
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customers/schema").status == .ok)
            try await store.setTrained(sourceId: id, tableName: "customers", trained: true, actor: "trainer")
            let after = try #require(try await api.send(.get, "\(base)/\(id)/tables").json?["tables"]?.arrayValue)
            #expect(after.filter { $0["trained"] == .bool(true) }.compactMap { $0["name"]?.stringValue } == ["customers"])
            #expect(try await api.send(.get, "\(base)/\(id)/trained-tables").json == .object(["trained_tables": .array([.string("customers")])]))

            // The schema reports it too.
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customers/schema").json?["is_trained"] == .bool(true))
        }
    }

    @Test func trainedTablesStartsEmpty() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let reply = try await api.send(.get, "\(base)/\(id)/trained-tables")
            #expect(reply.status == .ok)
            #expect(reply.json == .object(["trained_tables": .array([])]))
        }
    }

    @Test func schemaIsStoredUntilRefreshed() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let store = harness.store
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let first = try await api.send(.get, "\(base)/\(id)/tables/customers/schema")
            #expect(first.status == .ok)
            let schema = try #require(first.json?["schema"])
            #expect(schema["table_name"] == .string("customers"))
            #expect(schema["source_id"] == .string(id))
            #expect(schema["columns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["id", "email", "name", "created_at"])
            #expect(schema["sample_data"]?.arrayValue?.count == 3)
            #expect(first.json?["is_trained"] == .bool(false))
            let context = try #require(first.json?["business_context"]?.stringValue)
            #expect(context.hasPrefix("The table customers holds customer records (about 5 rows)."))
            #expect(try await store.tableSchema(sourceId: id, tableName: "customers") != nil)

            try harness.alterCustomerDatabase("ALTER TABLE customers ADD COLUMN vip INTEGER NOT NULL DEFAULT 0")

            // The stored copy is served…
            let stored = try await api.send(.get, "\(base)/\(id)/tables/customers/schema")
            #expect(stored.json?["schema"]?["columns"]?.arrayValue?.count == 4)
            #expect(
                try await api.send(.get, "\(base)/\(id)/tables/customers/schema?refresh=false").json?["schema"]?["columns"]?.arrayValue?.count == 4
            )
            // …until a refresh re-introspects, and then the new copy is stored.
            let refreshed = try await api.send(.get, "\(base)/\(id)/tables/customers/schema?refresh=true")
            #expect(refreshed.status == .ok)
            #expect(refreshed.json?["schema"]?["columns"]?.arrayValue?.last?["name"] == .string("vip"))
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customers/schema").json?["schema"]?["columns"]?.arrayValue?.count == 5)
            #expect(try await store.tableSchema(sourceId: id, tableName: "customers")?.schema.column("vip") != nil)

            for bogus in ["bogus", "2", "truthy", "1", "yes", "TRUE", ""] {
                let bad = try await api.send(.get, "\(base)/\(id)/tables/customers/schema?refresh=\(bogus)")
                #expect(bad.status == .badRequest)
                #expect(bad.errorCode == "bad_request")
                #expect(bad.errorMessage?.contains("refresh") == true)
            }

            let missing = try await api.send(.get, "\(base)/\(id)/tables/no_such_table/schema")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            #expect(try await store.tableSchema(sourceId: id, tableName: "no_such_table") == nil)
        }
    }

    @Test func businessContextSurvivesRefresh() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let description = "Paying customers of the web shop"
            let put = try await api.send(.put, "\(base)/\(id)/tables/customers/context", body: json(["business_description": .string(description)]))
            #expect(put.status == .ok)
            #expect(put.json?["schema"]?["business_description"] == .string(description))
            #expect(put.json?["business_context"]?.stringValue?.hasPrefix(description + ".\n\nThe table customers") == true)

            try harness.alterCustomerDatabase("ALTER TABLE customers ADD COLUMN vip INTEGER")
            let refreshed = try await api.send(.get, "\(base)/\(id)/tables/customers/schema?refresh=true")
            #expect(refreshed.json?["schema"]?["columns"]?.arrayValue?.count == 5)
            #expect(refreshed.json?["schema"]?["business_description"] == .string(description))
            #expect(refreshed.json?["business_context"]?.stringValue?.hasPrefix(description + ".") == true)

            // An empty description removes it.
            let cleared = try await api.send(.put, "\(base)/\(id)/tables/customers/context", body: json(["business_description": .string("  ")]))
            #expect(cleared.status == .ok)
            #expect(cleared.json?["business_context"]?.stringValue?.hasPrefix("The table customers") == true)

            // Bad bodies and unknown tables.
            let malformed = try await api.send(.put, "\(base)/\(id)/tables/customers/context", body: #"{"business_description": "#)
            #expect(malformed.status == .badRequest && malformed.errorCode == "bad_request")
            let missingField = try await api.send(.put, "\(base)/\(id)/tables/customers/context", body: #"{"description": "x"}"#)
            #expect(missingField.status == .badRequest && missingField.errorCode == "bad_request")
            let tooLong = try await api.send(
                .put,
                "\(base)/\(id)/tables/customers/context",
                body: json(["business_description": .string(String(repeating: "x", count: 10_001))])
            )
            #expect(tooLong.status == .badRequest)
            let unknown = try await api.send(.put, "\(base)/\(id)/tables/no_such_table/context", body: json(["business_description": .string("x")]))
            #expect(unknown.status == .notFound)
        }
    }

    @Test func sampleRows() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let sample = try await api.send(.get, "\(base)/\(id)/tables/customers/sample")
            #expect(sample.status == .ok)
            let rows = try #require(sample.json?["rows"]?.arrayValue)
            #expect(rows.count == 3)
            #expect(
                rows.first
                    == .object([
                        "id": .int(1), "email": .string("ada@example.com"), "name": .string("Ada"), "created_at": .string("2024-01-01 10:00:00"),
                    ])
            )
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customers/sample?limit=1").json?["rows"]?.arrayValue?.count == 1)
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customers/sample?limit=100").json?["rows"]?.arrayValue?.count == 5)
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customers/sample?limit=0").json?["rows"]?.arrayValue?.count == 0)
            for bad in ["abc", "-1", "101", "1.5"] {
                let reply = try await api.send(.get, "\(base)/\(id)/tables/customers/sample?limit=\(bad)")
                #expect(reply.status == .badRequest, "limit=\(bad)")
                #expect(reply.errorCode == "bad_request")
            }
            #expect(try await api.send(.get, "\(base)/\(id)/tables/no_such_table/sample").status == .notFound)
            #expect(try await api.send(.get, "\(base)/\(id)/tables/customer_totals/sample").json?["rows"]?.arrayValue?.count == 3)
        }
    }

    @Test func unicodeAndMixedCaseNamesArePercentEncoded() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            #expect(pathSegment("café_ñandú") == "caf%C3%A9_%C3%B1and%C3%BA")
            let unicode = try await api.send(.get, "\(base)/\(id)/tables/\(pathSegment("café_ñandú"))/schema")
            #expect(unicode.status == .ok, "\(unicode.text)")
            #expect(unicode.json?["schema"]?["table_name"] == .string("café_ñandú"))
            #expect(unicode.json?["schema"]?["columns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["id", "prix€", "naïve"])
            #expect(unicode.json?["schema"]?["sample_data"] == .array([.object(["id": .int(1), "prix€": .double(12.5), "naïve": .string("oui")])]))
            let sample = try await api.send(.get, "\(base)/\(id)/tables/\(pathSegment("café_ñandú"))/sample")
            #expect(sample.json?["rows"]?.arrayValue?.count == 1)

            let mixed = try await api.send(.get, "\(base)/\(id)/tables/MixedCase/schema")
            #expect(mixed.status == .ok)
            #expect(mixed.json?["schema"]?["table_name"] == .string("MixedCase"))
            #expect(try await api.send(.get, "\(base)/\(id)/tables/mixedcase/schema").status == .notFound)

            let put = try await api.send(
                .put,
                "\(base)/\(id)/tables/\(pathSegment("café_ñandú"))/context",
                body: json(["business_description": .string("Prix en €")])
            )
            #expect(put.status == .ok)
            #expect(put.json?["schema"]?["business_description"] == .string("Prix en €"))
        }
    }

    @Test func wideSchemaIsGzippedWhenAccepted() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let plain = try await api.send(.get, "\(base)/\(id)/tables/wide/schema")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.json?["schema"]?["columns"]?.arrayValue?.count == 500)
            let gzipped = try await api.send(.get, "\(base)/\(id)/tables/wide/schema", headers: [.acceptEncoding: "gzip, deflate"])
            #expect(gzipped.headers[.contentEncoding] == "gzip")
            let body = try Gzip.decompress(Data(gzipped.response.body.readableBytesView))
            #expect(body.count > gzipped.response.body.readableBytes)
            #expect(try JSONDecoder().decode(JSONValue.self, from: body) == plain.json)
        }
    }

    // MARK: - Errors

    @Test func malformedRequestsAre400() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let bodies = [
                #"{"name": "x","#,
                "not json",
                "[]",
                #"{"dialect": "sqlite", "connection": "/tmp/x.sqlite"}"#,
                #"{"name": "x", "connection": "/tmp/x.sqlite"}"#,
                #"{"name": 42, "dialect": "sqlite", "connection": "/tmp/x.sqlite"}"#,
                #"{"name": "x", "dialect": "oracle", "connection": "\#(path)"}"#,
                #"{"name": "x", "dialect": "SQLite", "connection": "\#(path)"}"#,
                #"{"name": "   ", "dialect": "sqlite", "connection": "\#(path)"}"#,
                #"{"name": "x", "dialect": "sqlite", "connection": {"path": ""}}"#,
            ]
            for body in bodies {
                let reply = try await api.send(.post, "\(base)/", body: body)
                #expect(reply.status == .badRequest, "\(body) → \(reply.status) \(reply.text)")
                #expect(reply.errorCode == "bad_request", "\(body)")
                #expect(reply.errorMessage?.isEmpty == false, "\(body)")
                #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            let unknownDialect = try await api.send(.post, "\(base)/test-connection", body: #"{"dialect": "oracle", "connection": "x"}"#)
            #expect(unknownDialect.status == .badRequest && unknownDialect.errorCode == "bad_request")
            #expect(try await api.send(.get, "\(base)/").json == .object(["sources": .array([])]))
        }
    }

    @Test func unreachableDatabaseIs422WithoutThePassword() async throws {
        let harness = try await SchemaServiceHarness()
        let password = "Unreach4ble-Secret"
        try await harness.test { api in
            let connections: [JSONValue] = [
                .string("postgres://app:\(password)@127.0.0.1:1/shop"),
                .object([
                    "host": .string("127.0.0.1"), "port": .int(1), "database": .string("shop"), "user": .string("app"), "password": .string(password),
                ]),
                .string("host=127.0.0.1 port=1 dbname=shop user=app password=\(password)"),
                .string("postgres://app:\(password)@nonexistent.invalid/shop"),
            ]
            for connection in connections {
                for route in ["\(base)/", "\(base)/test-connection"] {
                    let reply = try await api.send(
                        .post,
                        route,
                        body: json(["name": .string("unreachable"), "dialect": .string("postgres"), "connection": connection])
                    )
                    #expect(reply.status == .unprocessableContent, "\(route) \(connection): \(reply.text)")
                    #expect(reply.errorCode == "connection_failed")
                    #expect(reply.errorMessage?.contains("refused") == true || reply.errorMessage?.contains("could not translate host name") == true)
                    #expect(!reply.text.contains(password), "\(reply.text)")
                }
            }
            // A malformed URL whose password libpq would echo back.
            let malformed = try await api.send(
                .post,
                "\(base)/",
                body: json([
                    "name": .string("malformed"), "dialect": .string("postgres"),
                    "connection": .string("postgres://app:\(password)%zz@127.0.0.1/shop"),
                ])
            )
            #expect(malformed.status == .unprocessableContent || malformed.status == .badRequest)
            #expect(!malformed.text.contains(password))
            #expect(try await api.send(.get, "\(base)/").json == .object(["sources": .array([])]))
        }
        #expect(!harness.logs.text.contains(password))
    }

    @Test func unknownRouteIsJSON404() async throws {
        let harness = try await SchemaServiceHarness()
        try await harness.test { api in
            let reply = try await api.send(.get, "/api/v1/nothing-here")
            #expect(reply.status == .notFound)
            #expect(reply.errorCode == "not_found")
        }
    }

    // MARK: - Operations

    @Test func healthAndReadiness() async throws {
        let harness = try await SchemaServiceHarness()
        let store = harness.store
        try await harness.test { api in
            let live = try await api.send(.get, "/health/live", as: nil)
            #expect(live.status == .ok)
            #expect(live.json == .object(["status": .string("ok"), "service": .string("schema-service"), "checks": .object([:])]))
            let ready = try await api.send(.get, "/health/ready", as: nil)
            #expect(ready.status == .ok)
            #expect(ready.json?["checks"] == .object(["metadata": .string("ok")]))

            // The metadata store goes away: not ready, and API calls answer 503.
            await store.client.close()
            let down = try await api.send(.get, "/health/ready", as: nil)
            #expect(down.status == .serviceUnavailable)
            #expect(down.json?["status"] == .string("unavailable"))
            #expect(down.json?["checks"]?["metadata"]?.stringValue?.hasPrefix("unavailable") == true)
            let list = try await api.send(.get, "\(base)/")
            #expect(list.status == .serviceUnavailable)
            #expect(list.errorCode == "unavailable")
            #expect(try await api.send(.get, "/health/live", as: nil).status == .ok)
        }
    }

    @Test func metricsArePrometheusText() async throws {
        let harness = try await SchemaServiceHarness()
        try await harness.test { api in
            #expect(try await api.send(.get, "/health/live", as: nil).status == .ok)
            let metrics = try await api.send(.get, "/metrics", as: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(metrics.text.contains("# TYPE hb_requests counter"))
            let requestLines = metrics.text.split(separator: "\n").filter { $0.hasPrefix("hb_requests{") }
            #expect(requestLines.contains { $0.contains("/health/live") && $0.contains("GET") })
            #expect(metrics.text.contains("http_server_request_duration"))
        }
    }

    @Test func requestIdsAreEchoedAndLogged() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let given = try await api.send(.get, "\(base)/", headers: [.requestID: "test-request-42"])
            #expect(given.headers[.requestID] == "test-request-42")
            let fresh = try await api.send(.get, "\(base)/", headers: [.requestID: "bad id with spaces"])
            let generated = try #require(fresh.headers[.requestID])
            #expect(generated != "bad id with spaces" && UUID(uuidString: generated) != nil)
            let created = try await api.send(
                .post,
                "\(base)/",
                body: json(["name": .string("s"), "dialect": .string("sqlite"), "connection": .string(path)]),
                headers: [.requestID: "create-1"]
            )
            #expect(created.status == .created)
        }
        let entries = harness.logs.entries(withMessage: "source created")
        #expect(entries.count == 1)
        #expect(entries.first?.metadata["request.id"] == "create-1")
        #expect(entries.first?.metadata["tenant.user"] == "alice")
        #expect(harness.logs.entries.contains { $0.metadata["request.id"] == "test-request-42" })
    }
}

extension SchemaServiceHarness {
    /// Every row of every metadata table, flattened to text (read with a separate connection).
    static func rawMetadata(_ harness: SchemaServiceHarness) async throws -> String {
        let client = SQLiteClient(path: harness.directory.path("metadata.sqlite"))
        var text = ""
        do {
            for table in ["sources", "database_sources", "database_table_schemas"] {
                for row in try await client.query("SELECT * FROM \(table)") {
                    text += row.values.map { "\($0.key)=\($0.value ?? "NULL")" }.sorted().joined(separator: " ") + "\n"
                }
            }
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        return text
    }
}

extension JSONValue {
    var objectKeys: [String] {
        if case .object(let object) = self { return Array(object.keys) }
        return []
    }
}
