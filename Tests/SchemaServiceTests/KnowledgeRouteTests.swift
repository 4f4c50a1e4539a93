import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentRuntime
import QuerentTesting
import Testing

/// The teaching routes of the schema service — `…/examples`, `…/glossary`, `…/instructions` and
/// `…/knowledge` — over HTTP (no sockets), on the SQLite fixture with `customers` and `orders`
/// trained by the real training pipeline.
@Suite struct KnowledgeRouteTests {
    let base = QuerentRouter.apiPath
    static let mallory = Tenant(userId: "mallory", agentId: "agent-9")
    static let cancelledSQL = "SELECT count(*) FROM orders WHERE status = 'cancelled'"

    /// A source of the fixture with `customers` and `orders` trained.
    static func trainedSource(
        _ api: APIClient,
        _ dependencies: Dependencies,
        as tenant: Tenant = APIClient.alice,
        path: String
    ) async throws -> String {
        let id = try await api.createSQLiteSource(name: "shop-\(UUID().uuidString.prefix(6))", path: path, as: tenant)
        try await SemanticModelRouteTests.train(dependencies, id, ["customers", "orders"], tenant: tenant)
        return id
    }

    /// Claims the next job of the training queue and runs it, as a trainer does.
    @discardableResult
    static func runQueuedJob(_ dependencies: Dependencies) async throws -> TrainingJob {
        let claimed = try #require(try await dependencies.queue.claim(consumer: "knowledge-route-tests", wait: .seconds(5)))
        try await dependencies.trainingPipeline().run(claimed.job, logger: Logger(label: "knowledge-route-tests"))
        try await dependencies.queue.acknowledge(claimed)
        return claimed.job
    }

    // MARK: - Examples

    @Test func examplesArePostedListedAndDeleted() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies, store) = (harness.customerPath, harness.dependencies, harness.store)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            let posted = try await api.send(
                .post,
                "\(base)/\(id)/examples",
                body: json(["question": .string("How many orders were cancelled?"), "sql": .string(Self.cancelledSQL)])
            )
            #expect(posted.status == .created, "\(posted.text)")
            let example = try #require(posted.json)
            #expect(Set(example.objectKeys) == ["id", "source_id", "question", "sql", "origin", "state", "created_by", "created_at"])
            #expect(example["source_id"] == .string(id))
            #expect(example["question"] == .string("How many orders were cancelled?"))
            #expect(example["sql"] == .string(Self.cancelledSQL))
            #expect(example["origin"] == .string("taught"))
            #expect(example["state"] == .string("queued"))
            #expect(example["created_by"] == .string(APIClient.alice.userId))
            let exampleId = try #require(example["id"]?.stringValue)
            #expect(UUID(uuidString: exampleId) != nil && exampleId == exampleId.lowercased())

            let listed = try await api.send(.get, "\(base)/\(id)/examples")
            #expect(listed.status == .ok)
            #expect(listed.json == .object(["examples": .array([example])]))

            // Trained by a trainer: the list shows it, and its vector exists.
            let job = try await Self.runQueuedJob(dependencies)
            #expect(job.exampleId == exampleId && job.trainingType == .example)
            let trained = try await api.send(.get, "\(base)/\(id)/examples")
            #expect(trained.json?["examples"]?[0]?["state"] == .string("trained"))
            let vectorId = "db_\(id)_example_\(exampleId)"
            #expect(try await store.vectors(namespace: APIClient.alice.vectorNamespace).contains { $0.id == vectorId })

            let deleted = try await api.send(.delete, "\(base)/\(id)/examples/\(exampleId)")
            #expect(deleted.status == .noContent)
            #expect(deleted.text.isEmpty)
            #expect(try await api.send(.get, "\(base)/\(id)/examples").json == .object(["examples": .array([])]))
            #expect(try await store.vectors(namespace: APIClient.alice.vectorNamespace).contains { $0.id == vectorId } == false)

            let again = try await api.send(.delete, "\(base)/\(id)/examples/\(exampleId)")
            #expect(again.status == .notFound)
            #expect(again.errorCode == "not_found")
            #expect(again.errorMessage?.contains(exampleId) == true)
        }
    }

    @Test func malformedOrEmptyExamplesAre400() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies) = (harness.customerPath, harness.dependencies)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            let bodies = [
                #"{"question": "#,
                #"{"question": "How many?"}"#,
                #"{"question": 3, "sql": "SELECT 1"}"#,
                json(["question": .string("  "), "sql": .string(Self.cancelledSQL)]),
                json(["question": .string("How many orders were cancelled?"), "sql": .string("")]),
                json(["question": .string(String(repeating: "q", count: 2_001)), "sql": .string(Self.cancelledSQL)]),
            ]
            for body in bodies {
                let reply = try await api.send(.post, "\(base)/\(id)/examples", body: body)
                #expect(reply.status == .badRequest, "\(body.prefix(60)): \(reply.text)")
                #expect(reply.errorCode == "bad_request")
            }
            // A source without trained tables cannot be taught.
            let untrained = try await api.createSQLiteSource(name: "untrained", path: path)
            let early = try await api.send(
                .post,
                "\(base)/\(untrained)/examples",
                body: json(["question": .string("How many orders?"), "sql": .string("SELECT count(*) FROM orders")])
            )
            #expect(early.status == .unprocessableContent)
            #expect(early.errorMessage?.contains("trained") == true)
            #expect(try await api.send(.get, "\(base)/\(id)/examples").json?["examples"] == .array([]))
            #expect(try await dependencies.queue.pendingCount() == 0)
        }
    }

    @Test(arguments: [
        ("SELECT 1; DROP TABLE x", "unsafe_query"),
        ("DELETE FROM orders", "unsafe_query"),
        ("DROP TABLE orders", "unsafe_query"),
        ("SELECT * FROM employees", "unsafe_query"),
        ("SELECT statuz FROM orders", "database_error"),
    ])
    func refusedOrFailingSQLIs422AndStoresNothing(sql: String, code: String) async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies) = (harness.customerPath, harness.dependencies)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            let reply = try await api.send(.post, "\(base)/\(id)/examples", body: json(["question": .string("Anything?"), "sql": .string(sql)]))
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorCode == code, "\(reply.text)")
            #expect(try await api.send(.get, "\(base)/\(id)/examples").json?["examples"] == .array([]))
            #expect(try await dependencies.queue.pendingCount() == 0)
            // The fixture's tables are intact.
            let orders = try await api.send(
                .post,
                "\(base)/\(id)/examples",
                body: json(["question": .string("How many orders?"), "sql": .string("SELECT count(*) FROM orders")])
            )
            #expect(orders.status == .created)
        }
    }

    // MARK: - Glossary

    @Test func glossaryTermsArePostedListedAndDeleted() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies) = (harness.customerPath, harness.dependencies)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            let revenue = try await api.send(
                .post,
                "\(base)/\(id)/glossary",
                body: json(["term": .string("revenue"), "definition": .string("Sum of order totals"), "sql": .string("SUM(orders.total)")])
            )
            #expect(revenue.status == .created, "\(revenue.text)")
            let term = try #require(revenue.json)
            #expect(Set(term.objectKeys) == ["id", "source_id", "term", "definition", "sql", "created_at"])
            #expect(term["source_id"] == .string(id))
            #expect(term["term"] == .string("revenue") && term["definition"] == .string("Sum of order totals"))
            #expect(term["sql"] == .string("SUM(orders.total)"))
            let termId = try #require(term["id"]?.stringValue)

            let words = try await api.send(
                .post,
                "\(base)/\(id)/glossary",
                body: json(["term": .string("Churn"), "definition": .string("Customers who left")])
            )
            #expect(words.status == .created)
            #expect(words.json?["sql"] == nil, "a definition in words has no sql")

            let listed = try await api.send(.get, "\(base)/\(id)/glossary")
            #expect(listed.status == .ok)
            #expect(listed.json?["glossary"]?.arrayValue?.compactMap { $0["term"]?.stringValue } == ["Churn", "revenue"])
            #expect(listed.json?["glossary"]?[1] == term)

            // The same term in another case or spacing: 409, nothing stored.
            for spelling in ["Revenue", " REVENUE "] {
                let duplicate = try await api.send(
                    .post,
                    "\(base)/\(id)/glossary",
                    body: json(["term": .string(spelling), "definition": .string("again")])
                )
                #expect(duplicate.status == .conflict, "\(duplicate.text)")
                #expect(duplicate.errorCode == "conflict")
            }
            #expect(try await api.send(.get, "\(base)/\(id)/glossary").json?["glossary"]?.arrayValue?.count == 2)

            let deleted = try await api.send(.delete, "\(base)/\(id)/glossary/\(termId)")
            #expect(deleted.status == .noContent)
            #expect(deleted.text.isEmpty)
            #expect(try await api.send(.get, "\(base)/\(id)/glossary").json?["glossary"]?.arrayValue?.count == 1)
            let again = try await api.send(.delete, "\(base)/\(id)/glossary/\(termId)")
            #expect(again.status == .notFound)
            #expect(again.errorCode == "not_found")
        }
    }

    @Test func invalidGlossaryTermsAreRefused() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies) = (harness.customerPath, harness.dependencies)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"term": "revenue""#, .badRequest, "bad_request"),
                (#"{"term": "revenue"}"#, .badRequest, "bad_request"),
                (json(["term": .string(" "), "definition": .string("d")]), .badRequest, "bad_request"),
                (json(["term": .string("revenue"), "definition": .string("")]), .badRequest, "bad_request"),
                (json(["term": .string(String(repeating: "t", count: 101)), "definition": .string("d")]), .badRequest, "bad_request"),
                // Not an aggregate, a condition, a table or a column of one trained table.
                (
                    json(["term": .string("margin"), "definition": .string("d"), "sql": .string("SUM(orders.margin)")]), .unprocessableContent,
                    "unprocessable_content"
                ),
                (
                    json(["term": .string("staff"), "definition": .string("d"), "sql": .string("employees")]), .unprocessableContent,
                    "unprocessable_content"
                ),
                (
                    json(["term": .string("odd"), "definition": .string("d"), "sql": .string("status = 'new'")]), .unprocessableContent,
                    "unprocessable_content"
                ),
                // Hostile SQL is refused by the safety gate.
                (
                    json(["term": .string("evil"), "definition": .string("d"), "sql": .string("orders.status = 'x'; DROP TABLE orders")]),
                    .unprocessableContent, "unsafe_query"
                ),
                // A condition the database cannot evaluate.
                (
                    json(["term": .string("odd"), "definition": .string("d"), "sql": .string("orders.total > 'a' COLLATE nosuchcollation")]),
                    .unprocessableContent, "database_error"
                ),
            ]
            for (body, status, code) in cases {
                let reply = try await api.send(.post, "\(base)/\(id)/glossary", body: body)
                #expect(reply.status == status, "\(body.prefix(80)): \(reply.text)")
                #expect(reply.errorCode == code, "\(body.prefix(80)): \(reply.text)")
            }
            #expect(try await api.send(.get, "\(base)/\(id)/glossary").json == .object(["glossary": .array([])]))
        }
    }

    // MARK: - Instructions

    @Test func instructionsAreReadReplacedAndCleared() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies) = (harness.customerPath, harness.dependencies)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            #expect(try await api.send(.get, "\(base)/\(id)/instructions").json == .object(["instructions": .string("")]))

            let text = "Amounts are in EUR, VAT included.\nWeeks start on Monday."
            let put = try await api.send(.put, "\(base)/\(id)/instructions", body: json(["instructions": .string(text)]))
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.json == .object(["instructions": .string(text)]))
            #expect(try await api.send(.get, "\(base)/\(id)/instructions").json == .object(["instructions": .string(text)]))

            let tooLong = try await api.send(
                .put,
                "\(base)/\(id)/instructions",
                body: json(["instructions": .string(String(repeating: "x", count: 10_001))])
            )
            #expect(tooLong.status == .badRequest)
            for body in [#"{"instructions": "#, #"{}"#, #"{"instructions": 7}"#] {
                let malformed = try await api.send(.put, "\(base)/\(id)/instructions", body: body)
                #expect(malformed.status == .badRequest, "\(body)")
                #expect(malformed.errorCode == "bad_request")
            }
            #expect(try await api.send(.get, "\(base)/\(id)/instructions").json == .object(["instructions": .string(text)]))

            let cleared = try await api.send(.put, "\(base)/\(id)/instructions", body: json(["instructions": .string("  \n")]))
            #expect(cleared.status == .ok)
            #expect(cleared.json == .object(["instructions": .string("")]))
            #expect(try await api.send(.get, "\(base)/\(id)/instructions").json == .object(["instructions": .string("")]))
        }
    }

    // MARK: - Knowledge document

    @Test func knowledgeIsExportedAndReplaced() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies, store) = (harness.customerPath, harness.dependencies, harness.store)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            #expect(
                try await api.send(.get, "\(base)/\(id)/knowledge").json
                    == .object(["version": .int(1), "examples": .array([]), "glossary": .array([])])
            )
            let old = try await api.send(
                .post,
                "\(base)/\(id)/examples",
                body: json(["question": .string("How many orders?"), "sql": .string("SELECT count(*) FROM orders")])
            )
            let oldId = try #require(old.json?["id"]?.stringValue)
            try await Self.runQueuedJob(dependencies)

            let document: JSONValue = .object([
                "version": .int(1),
                "examples": .array([
                    .object(["question": .string("How many orders were cancelled?"), "sql": .string(Self.cancelledSQL)]),
                    .object(["question": .string("How many customers are there?"), "sql": .string("SELECT count(*) FROM customers")]),
                ]),
                "glossary": .array([
                    .object(["term": .string("churn"), "definition": .string("Customers who left")]),
                    .object(["term": .string("revenue"), "definition": .string("Order totals"), "sql": .string("SUM(orders.total)")]),
                ]),
                "instructions": .string("Amounts are in EUR."),
            ])
            let body = String(decoding: try JSONEncoder.querent.encode(document), as: UTF8.self)
            let put = try await api.send(.put, "\(base)/\(id)/knowledge", body: body)
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.json == document)
            #expect(try await api.send(.get, "\(base)/\(id)/knowledge").json == document)

            // The old example and its vector are gone; the new ones are queued as taught.
            let examples = try #require(try await api.send(.get, "\(base)/\(id)/examples").json?["examples"]?.arrayValue)
            #expect(examples.count == 2)
            #expect(examples.allSatisfy { $0["origin"] == .string("taught") && $0["state"] == .string("queued") && $0["id"] != .string(oldId) })
            #expect(try await dependencies.queue.pendingCount() == 2)
            #expect(try await store.vectors(namespace: APIClient.alice.vectorNamespace).allSatisfy { $0.metadata.exampleId == nil })
            #expect(try await api.send(.get, "\(base)/\(id)/instructions").json == .object(["instructions": .string("Amounts are in EUR.")]))
        }
    }

    @Test func aBadKnowledgeDocumentNamesThePositionAndChangesNothing() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies) = (harness.customerPath, harness.dependencies)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            let current = json([
                "examples": .array([.object(["question": .string("How many orders?"), "sql": .string("SELECT count(*) FROM orders")])]),
                "glossary": .array([.object(["term": .string("churn"), "definition": .string("Customers who left")])]),
                "instructions": .string("Amounts are in EUR."),
                "version": .int(1),
            ])
            #expect(try await api.send(.put, "\(base)/\(id)/knowledge", body: current).status == .ok)
            let before = try await api.send(.get, "\(base)/\(id)/knowledge").json
            let pending = try await dependencies.queue.pendingCount()

            let good: JSONValue = .object(["question": .string("How many customers?"), "sql": .string("SELECT count(*) FROM customers")])
            let cases: [(String, HTTPResponse.Status, String, String?)] = [
                (
                    json([
                        "version": .int(1), "glossary": .array([]),
                        "examples": .array([good, .object(["question": .string("x"), "sql": .string("DELETE FROM orders")])]),
                    ]),
                    .unprocessableContent, "unsafe_query", "examples[1]: "
                ),
                (
                    json([
                        "version": .int(1), "glossary": .array([]),
                        "examples": .array([.object(["question": .string("x"), "sql": .string("SELECT 1; DROP TABLE x")]), good]),
                    ]),
                    .unprocessableContent, "unsafe_query", "examples[0]: "
                ),
                (
                    json([
                        "version": .int(1), "glossary": .array([]),
                        "examples": .array([good, good, .object(["question": .string("x"), "sql": .string("SELECT statuz FROM orders")])]),
                    ]),
                    .unprocessableContent, "database_error", "examples[2]: "
                ),
                (
                    json([
                        "version": .int(1), "glossary": .array([]),
                        "examples": .array([.object(["question": .string(""), "sql": .string("SELECT 1")])]),
                    ]),
                    .badRequest, "bad_request", "examples[0]: "
                ),
                (
                    json([
                        "version": .int(1), "examples": .array([good]),
                        "glossary": .array([
                            .object(["term": .string("Revenue"), "definition": .string("a")]),
                            .object(["term": .string("revenue"), "definition": .string("b")]),
                        ]),
                    ]),
                    .unprocessableContent, "unprocessable_content", "glossary[1]: "
                ),
                (
                    json([
                        "version": .int(1), "examples": .array([]),
                        "glossary": .array([.object(["term": .string("margin"), "definition": .string("m"), "sql": .string("SUM(orders.margin)")])]),
                    ]),
                    .unprocessableContent, "unprocessable_content", "glossary[0]: "
                ),
                (
                    json(["version": .int(2), "examples": .array([good]), "glossary": .array([])]), .badRequest, "bad_request",
                    "knowledge version must be 1"
                ),
                (json(["version": .int(1), "examples": .array([good])]), .badRequest, "bad_request", nil),
                (#"{"version": 1, "glossary": [], "examples": [{"question": "x"}]}"#, .badRequest, "bad_request", nil),
                (#"{"version": 1, "examples": "#, .badRequest, "bad_request", nil),
            ]
            for (body, status, code, prefix) in cases {
                let reply = try await api.send(.put, "\(base)/\(id)/knowledge", body: body)
                #expect(reply.status == status, "\(body.prefix(100)): \(reply.text)")
                #expect(reply.errorCode == code, "\(reply.text)")
                if let prefix { #expect(reply.errorMessage?.hasPrefix(prefix) == true, "\(reply.text)") }
            }
            #expect(try await api.send(.get, "\(base)/\(id)/knowledge").json == before)
            #expect(try await dependencies.queue.pendingCount() == pending, "nothing queued")
        }
    }

    // MARK: - Sources

    @Test func unknownSourcesAndAnotherTenantsSourceAre404() async throws {
        let harness = try await SchemaServiceHarness()
        let (path, dependencies) = (harness.customerPath, harness.dependencies)
        try await harness.test { api in
            let id = try await Self.trainedSource(api, dependencies, path: path)
            let example = try await api.send(
                .post,
                "\(base)/\(id)/examples",
                body: json(["question": .string("How many orders?"), "sql": .string("SELECT count(*) FROM orders")])
            )
            let exampleId = try #require(example.json?["id"]?.stringValue)
            let term = try await api.send(.post, "\(base)/\(id)/glossary", body: json(["term": .string("churn"), "definition": .string("d")]))
            let termId = try #require(term.json?["id"]?.stringValue)
            _ = try await api.send(.put, "\(base)/\(id)/instructions", body: json(["instructions": .string("Mine.")]))
            let before = try await api.send(.get, "\(base)/\(id)/knowledge").json

            let exampleBody = json(["question": .string("How many orders?"), "sql": .string("SELECT count(*) FROM orders")])
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.post, "examples", exampleBody),
                (.get, "examples", nil),
                (.delete, "examples/\(exampleId)", nil),
                (.post, "glossary", json(["term": .string("revenue"), "definition": .string("d")])),
                (.get, "glossary", nil),
                (.delete, "glossary/\(termId)", nil),
                (.get, "instructions", nil),
                (.put, "instructions", json(["instructions": .string("Theirs.")])),
                (.get, "knowledge", nil),
                (.put, "knowledge", json(["version": .int(1), "examples": .array([]), "glossary": .array([])])),
            ]
            for (method, route, body) in requests {
                let unknown = try await api.send(method, "\(base)/\(UUID().uuidString.lowercased())/\(route)", body: body)
                #expect(unknown.status == .notFound, "unknown source: \(method) \(route): \(unknown.text)")
                #expect(unknown.errorCode == "not_found")
                let foreign = try await api.send(method, "\(base)/\(id)/\(route)", as: Self.mallory, body: body)
                #expect(foreign.status == .notFound, "another tenant: \(method) \(route): \(foreign.text)")
                #expect(foreign.errorCode == "not_found")
                let anonymous = try await api.send(method, "\(base)/\(id)/\(route)", as: nil, body: body)
                #expect(anonymous.status == .unauthorized, "\(method) \(route)")
            }
            // Nothing of alice's changed.
            #expect(try await api.send(.get, "\(base)/\(id)/knowledge").json == before)

            // Another tenant's example or term, asked through one's own source, is not found either.
            let own = try await Self.trainedSource(api, dependencies, as: Self.mallory, path: path)
            for route in ["examples/\(exampleId)", "glossary/\(termId)", "examples/no-such-example", "glossary/no-such-term"] {
                let reply = try await api.send(.delete, "\(base)/\(own)/\(route)", as: Self.mallory)
                #expect(reply.status == .notFound, "\(route)")
            }
            #expect(try await api.send(.get, "\(base)/\(id)/knowledge").json == before)
        }
    }
}
