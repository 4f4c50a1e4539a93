import Foundation
import Hummingbird
import HummingbirdTesting
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Testing

/// `POST …/query-history/{historyId}/feedback` of the query service over HTTP (no sockets), and
/// what the teaching changes in `…/query` and `…/context`.
@Suite struct FeedbackRouteTests {
    static let base = QuerentRouter.apiPath
    static let mallory = Tenant(userId: "mallory", agentId: "x")
    static let question = "How many orders were cancelled?"

    /// A reply that is not what the test needs.
    struct Unexpected: Error, CustomStringConvertible {
        var description: String
    }

    struct Reply {
        var status: HTTPResponse.Status
        var json: JSONValue?
        var text: String
        var errorCode: String? { json?.field("error")?.field("code")?.string }
        var errorMessage: String? { json?.field("error")?.field("message")?.string }
    }

    static func send(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ path: String,
        tenant: Tenant? = QueryHarness.tenant,
        body: String? = nil
    ) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let tenant { headers[.authorization] = "Bearer " + TestTokens.token(for: tenant) }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        return Reply(status: response.status, json: try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), text: text)
    }

    static func body(_ object: [String: JSONValue]) -> String {
        String(decoding: (try? JSONEncoder.querent.encode(object)) ?? Data(), as: UTF8.self)
    }

    /// Asks `question` through the route and returns the answer and its history id.
    static func ask(
        _ client: some TestClientProtocol,
        _ source: String,
        _ question: String = question,
        tenant: Tenant = QueryHarness.tenant
    ) async throws -> (answer: JSONValue, historyId: Int64) {
        let asked = try await send(client, .post, "\(base)/\(source)/query", tenant: tenant, body: body(["question": .string(question)]))
        #expect(asked.status == .ok, "\(asked.text)")
        let history = try await send(client, .get, "\(base)/\(source)/query-history?limit=1", tenant: tenant)
        let entry = try #require(history.json?.field("history")?.array?.first)
        #expect(entry.field("question")?.string == question)
        guard case .int(let id) = entry.field("id") else { throw Unexpected(description: "no history id in \(history.text)") }
        return (try #require(asked.json), id)
    }

    static func feedback(_ source: String, _ historyId: Int64) -> String {
        "\(base)/\(source)/query-history/\(historyId)/feedback"
    }

    /// Claims the next job of the training queue and runs it through the training pipeline.
    @discardableResult
    static func runQueuedJob(_ harness: QueryHarness) async throws -> TrainingJob {
        let queue = harness.dependencies.queue
        let claimed = try #require(try await queue.claim(consumer: "feedback-route-tests", wait: .seconds(5)))
        try await harness.training.run(claimed.job, logger: harness.logger)
        try await queue.acknowledge(claimed)
        return claimed.job
    }

    @Test func anUpVoteAnswersTheEntryWithItsFeedbackAndStoresAnExample() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let (answer, id) = try await Self.ask(client, source)
            let sql = try #require(answer.field("generation")?.field("sql")?.string)

            let voted = try await Self.send(client, .post, Self.feedback(source, id), body: #"{"verdict": "up"}"#)
            #expect(voted.status == .ok, "\(voted.text)")
            let entry = try #require(voted.json)
            #expect(entry.field("id") == .int(id))
            #expect(entry.field("source_id") == .string(source))
            #expect(entry.field("question") == .string(Self.question))
            #expect(entry.field("sql") == .string(sql))
            #expect(entry.field("success") == .bool(true))
            let feedback = try #require(entry.field("feedback"))
            #expect(feedback.field("verdict") == .string("up"))
            #expect(feedback.field("sql") == nil)
            #expect(feedback.field("at")?.string != nil)
            let exampleId = try #require(feedback.field("example_id")?.string)

            // The history shows the verdict; the example is stored and queued for training.
            let history = try await Self.send(client, .get, "\(Self.base)/\(source)/query-history?limit=1")
            #expect(history.json?.field("history")?.array?.first?.field("feedback") == feedback)
            let example = try #require(try await harness.store.example(id: exampleId, sourceId: source))
            #expect(example.origin == .upvote && example.historyId == id && example.sql == sql && example.question == Self.question)
            let job = try await Self.runQueuedJob(harness)
            #expect(job.exampleId == exampleId)
        }
    }

    @Test func aBareDownVoteCapsTheConfidenceOfTheSameAnswer() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let (first, id) = try await Self.ask(client, source)
            guard case .double(let confidence) = first.field("generation")?.field("confidence") else {
                Issue.record("no confidence in \(first)")
                return
            }
            #expect(confidence > 0.2)

            let voted = try await Self.send(client, .post, Self.feedback(source, id), body: #"{"verdict": "down"}"#)
            #expect(voted.status == .ok, "\(voted.text)")
            #expect(voted.json?.field("feedback")?.field("verdict") == .string("down"))
            #expect(voted.json?.field("feedback")?.field("example_id") == nil)

            let (again, _) = try await Self.ask(client, source)
            #expect(again.field("generation")?.field("sql") == first.field("generation")?.field("sql"))
            guard case .double(let capped) = again.field("generation")?.field("confidence") else {
                Issue.record("no confidence in \(again)")
                return
            }
            #expect(capped <= 0.2)
            #expect(again.field("generation")?.field("explanation")?.string?.hasPrefix("A user marked this SQL wrong") == true)
        }
    }

    @Test func aDownVoteWithSQLStoresTheCorrection() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let (_, id) = try await Self.ask(client, source)
            let corrected = "SELECT count(*) FROM orders WHERE status IN ('cancelled', 'returned')"
            let voted = try await Self.send(
                client,
                .post,
                Self.feedback(source, id),
                body: Self.body(["verdict": .string("down"), "sql": .string(corrected)])
            )
            #expect(voted.status == .ok, "\(voted.text)")
            let feedback = try #require(voted.json?.field("feedback"))
            #expect(feedback.field("verdict") == .string("down"))
            #expect(feedback.field("sql") == .string(corrected))
            let exampleId = try #require(feedback.field("example_id")?.string)
            let example = try #require(try await harness.store.example(id: exampleId, sourceId: source))
            #expect(example.origin == .correction && example.sql == corrected && example.historyId == id)
        }
    }

    @Test(arguments: [
        ("SELECT 1; DROP TABLE x", "unsafe_query"),
        ("DELETE FROM orders", "unsafe_query"),
        ("SELECT * FROM sqlite_master", "unsafe_query"),
        ("SELECT statuz FROM orders", "database_error"),
    ])
    func aRefusedOrFailingCorrectionIs422AndStoresNothing(sql: String, code: String) async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let (_, id) = try await Self.ask(client, source)
            let reply = try await Self.send(
                client,
                .post,
                Self.feedback(source, id),
                body: Self.body(["verdict": .string("down"), "sql": .string(sql)])
            )
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorCode == code, "\(reply.text)")
            let history = try await Self.send(client, .get, "\(Self.base)/\(source)/query-history?limit=1")
            #expect(history.json?.field("history")?.array?.first?.field("feedback") == nil)
            #expect(try await harness.store.examples(sourceId: source).isEmpty)
            #expect(try await harness.dependencies.queue.pendingCount() == 0)
        }
    }

    @Test func badFeedbackIsRefused() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let (_, id) = try await Self.ask(client, source)
            for body in [
                #"{"verdict": "#, #"{}"#, #"{"verdict": "sideways"}"#, #"{"verdict": "down", "sql": "  "}"#, #"{"verdict": "down", "sql": ""}"#,
            ] {
                let reply = try await Self.send(client, .post, Self.feedback(source, id), body: body)
                #expect(reply.status == .badRequest, "\(body): \(reply.text)")
                #expect(reply.errorCode == "bad_request")
            }

            // Feedback is for answers to questions, not hand-written SQL.
            let ran = try await Self.send(client, .post, "\(Self.base)/\(source)/sql", body: #"{"sql": "SELECT count(*) FROM orders"}"#)
            #expect(ran.status == .ok)
            let history = try await Self.send(client, .get, "\(Self.base)/\(source)/query-history?limit=1")
            guard case .int(let statement) = history.json?.field("history")?.array?.first?.field("id") else {
                Issue.record("no history id in \(history.text)")
                return
            }
            for verdict in ["up", "down"] {
                let reply = try await Self.send(client, .post, Self.feedback(source, statement), body: #"{"verdict": "\#(verdict)"}"#)
                #expect(reply.status == .unprocessableContent, "\(verdict): \(reply.text)")
                #expect(reply.errorMessage?.contains("hand-written SQL") == true)
            }
            #expect(try await harness.store.examples(sourceId: source).isEmpty)
            #expect(try await harness.store.rejectedSQL(sourceId: source).isEmpty)
        }
    }

    @Test func unknownEntriesAndAnotherTenantsAre404() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let mallorys = try await harness.registerSample(tenant: Self.mallory)
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let (_, id) = try await Self.ask(client, source)
            let up = #"{"verdict": "up"}"#
            let paths = [
                "\(Self.base)/\(source)/query-history/\(id + 1_000)/feedback",
                "\(Self.base)/\(source)/query-history/0/feedback",
                "\(Self.base)/\(source)/query-history/-3/feedback",
                "\(Self.base)/\(source)/query-history/abc/feedback",
                "\(Self.base)/\(UUID().uuidString.lowercased())/query-history/\(id)/feedback",
            ]
            for path in paths {
                let reply = try await Self.send(client, .post, path, body: up)
                #expect(reply.status == .notFound, "\(path): \(reply.text)")
                #expect(reply.errorCode == "not_found")
            }
            // Another tenant: on alice's source, and alice's entry through its own source.
            let foreign = try await Self.send(client, .post, Self.feedback(source, id), tenant: Self.mallory, body: up)
            #expect(foreign.status == .notFound, "\(foreign.text)")
            let crossed = try await Self.send(client, .post, Self.feedback(mallorys, id), tenant: Self.mallory, body: up)
            #expect(crossed.status == .notFound, "\(crossed.text)")
            #expect(crossed.errorCode == "not_found")
            let anonymous = try await Self.send(client, .post, Self.feedback(source, id), tenant: nil, body: up)
            #expect(anonymous.status == .unauthorized)

            let history = try await Self.send(client, .get, "\(Self.base)/\(source)/query-history?limit=1")
            #expect(history.json?.field("history")?.array?.first?.field("feedback") == nil)
            #expect(try await harness.store.examples(sourceId: source).isEmpty)
            #expect(try await harness.store.examples(sourceId: mallorys).isEmpty)
        }
    }

    /// The largest id the route parses must be answered (404), not crash the service.
    @Test func theLargestHistoryIdIs404() async {
        await #expect(processExitsWith: .success) {
            let harness = try await QueryHarness()
            let source = try await harness.registerSample(training: ["orders"])
            let app = Application(router: harness.router(), logger: harness.logger)
            try await app.test(.router) { client in
                let reply = try await FeedbackRouteTests.send(
                    client,
                    .post,
                    "\(FeedbackRouteTests.base)/\(source)/query-history/\(Int64.max)/feedback",
                    body: #"{"verdict": "down"}"#
                )
                guard reply.status == .notFound else { throw FeedbackRouteTests.Unexpected(description: "status \(reply.status)") }
            }
        }
    }

    @Test func theContextShowsWhatWasTaught() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let follower = await harness.dependencies.schemaEventFollower()
        let following = Task { try await follower.run() }
        defer { following.cancel() }
        let knowledge = harness.dependencies.knowledge()
        let app = Application(router: harness.router(), logger: harness.logger)
        try await app.test(.router) { client in
            let empty = try await Self.send(client, .get, "\(Self.base)/\(source)/context")
            #expect(empty.status == .ok)
            #expect(empty.json?.field("examples") == .array([]))
            #expect(empty.json?.field("glossary") == .array([]))

            let (answer, id) = try await Self.ask(client, source)
            let sql = try #require(answer.field("generation")?.field("sql")?.string)
            #expect(try await Self.send(client, .post, Self.feedback(source, id), body: #"{"verdict": "up"}"#).status == .ok)
            _ = try await knowledge.addTerm(term: "churn", definition: "Customers who left", sql: nil, sourceId: source, tenant: QueryHarness.tenant)
            _ = try await knowledge.setInstructions("Amounts are in EUR.", sourceId: source, tenant: QueryHarness.tenant)

            // Queued examples are not in the context; once trained they are.
            let queued = try await Self.send(client, .get, "\(Self.base)/\(source)/context")
            #expect(queued.json?.field("examples") == .array([]))
            #expect(queued.json?.field("glossary") == .array([.object(["term": .string("churn"), "definition": .string("Customers who left")])]))
            #expect(queued.json?.field("instructions") == .string("Amounts are in EUR."))

            try await Self.runQueuedJob(harness)
            let expected: JSONValue = .array([.object(["question": .string(Self.question), "sql": .string(sql)])])
            try await Polling.until("the trained example is in the context", timeout: .seconds(5)) {
                try await Self.send(client, .get, "\(Self.base)/\(source)/context").json?.field("examples") == expected
            }
            // The taught answer is now the example's.
            let (taught, _) = try await Self.ask(client, source)
            #expect(taught.field("generation")?.field("explanation")?.string?.contains("taught example") == true)
        }
    }
}
