import Foundation
import QuerentCore
import QuerentHTTPClient
import QuerentTesting
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults on the native stack (`deploy/local-stack.sh start`, through the nginx gateway), each
/// checking that nothing is lost: the metadata Postgres restarting under load, and query-service
/// killed with SIGKILL in the middle of a streaming chat. (Redis restarting under training is in
/// ``TrainerClusterTests``; a customer database that is down or stalls, in the adapters' tests.)
@Suite(.serialized, .enabled(if: TestEnvironment.postgresEnabled))
struct StackFaultTests {
    static let tenant = Tenant(userId: "fault-user", agentId: "fault-agent")
    /// Every request comes from one tenant: its rate limits are off.
    static let settings = ["QUERENT_RATE_QUERIES_PER_MINUTE": "0", "QUERENT_RATE_TRAINING_PER_MINUTE": "0", "QUERENT_GENERATOR": "builtin"]

    @Test func theMetadataPostgresRestartsUnderLoad() async throws {
        try await Self.withStack(Self.settings) { stack in
            let api = WorkflowClient(base: stack.apiURL, token: TestTokens.token(for: Self.tenant))
            // The customer database is a SQLite file, so only the metadata store goes away.
            let sourceId = try await Self.trainedSQLiteSource(stack, api)

            let load = SQLLoad(api: api, sourceId: sourceId)
            let clients = Task { await load.run(clients: 4, deadline: .now + .seconds(120)) }
            do {
                try await Polling.until("requests succeed before the restart", timeout: .seconds(30), detail: { load.summary }) {
                    load.count(200) >= 20
                }
                let (stopped, stopOutput) = try await WorkflowStack.run(
                    [WorkflowStack.script, "stop", "postgres"],
                    environment: stack.environment(extra: Self.settings),
                    timeout: .seconds(60)
                )
                #expect(stopped == 0, "stop postgres: \(stopOutput)")
                // Meanwhile every request is refused as unavailable, none fails otherwise.
                let refusedBefore = load.count(503)
                try await Polling.until("requests get 503 while Postgres is down", timeout: .seconds(30), detail: { load.summary }) {
                    load.count(503) >= refusedBefore + 10
                }
                try await stack.start(extra: Self.settings)
                let succeededAtRestart = load.count(200)
                try await Polling.until("requests succeed again after the restart", timeout: .seconds(60), detail: { load.summary }) {
                    load.count(200) >= succeededAtRestart + 20
                }
            } catch {
                load.stop()
                await clients.value
                throw error
            }
            load.stop()
            await clients.value

            let outcomes = load.outcomes
            let statuses = Dictionary(grouping: outcomes, by: \.status).mapValues(\.count)
            #expect(Set(statuses.keys).isSubset(of: [200, 503]), "only 200 and 503: \(statuses)")
            let refusals = outcomes.filter { $0.status == 503 }
            #expect(refusals.allSatisfy { $0.code == "unavailable" }, "503s say unavailable: \(Set(refusals.map(\.code)))")
            let transport = outcomes.filter { $0.status == 0 }
            #expect(transport.isEmpty, "the gateway answered every request: \(transport.prefix(3).map(\.code))")

            // No history row lost: each answered statement (each is unique) is in the history.
            let history = try await Self.historySQL(api, sourceId: sourceId)
            let answered = Set(outcomes.filter { $0.status == 200 }.map(\.sql))
            let missing = answered.subtracting(history)
            #expect(missing.isEmpty, "\(missing.count) of \(answered.count) answered statements are missing from the history")
            let sent = Set(outcomes.map(\.sql))
            #expect(history.isSubset(of: sent), "the history holds only statements that were sent")
        }
    }

    @Test func queryServiceKilledDuringAStreamingChat() async throws {
        // The model streams the first token of the answer text, then waits for an acknowledgement
        // that never comes (it gives up after 5 s); later answers stream in full.
        let model = FakeChatServer(defaultReply: .content("There are three items."))
        model.script([.gatedStream(["There ", "are ", "three ", "items."])])
        try await model.serve { port in
            var settings = Self.settings
            settings["QUERENT_LLM_URL"] = "http://127.0.0.1:\(port)/v1"
            try await Self.withStack(settings) { stack in
                let api = WorkflowClient(base: stack.apiURL, token: TestTokens.token(for: Self.tenant))
                let sourceId = try await Self.trainedSQLiteSource(stack, api)
                let question = "How many items are there?"

                let stream = try await api.http.stream(
                    method: "POST",
                    url: stack.gatewayURL + "/api/v1/chat",
                    headers: ["Authorization": "Bearer \(api.token)", "Accept": "text/event-stream", "Content-Type": "application/json"],
                    body: try JSONEncoder().encode(JSONValue.object(["message": .string(question), "source_id": .string(sourceId)])),
                    timeout: .seconds(60)
                )
                #expect(stream.status == 200)
                var parser = WorkflowEventStream()
                var events: [String] = []
                var streamError: (any Error)?
                var killed = false
                do {
                    for try await chunk in stream.body {
                        events += parser.feed(chunk).map(\.event)
                        if !killed, events.contains("token") {
                            let pid = try Self.pid(of: "query-service", in: stack)
                            #expect(kill(pid, SIGKILL) == 0)
                            killed = true
                        }
                    }
                } catch {
                    streamError = error
                }
                #expect(killed, "the chat streamed a token before the kill: \(events)")
                #expect(events.starts(with: ["sql", "rows", "token"]), "events before the kill: \(events)")
                #expect(!events.contains("done"), "a killed chat is not reported as done: \(events)")
                #expect(streamError != nil || !events.contains("done"), "the client sees the stream cut short")

                // While query-service is down, the gateway answers a clear JSON error.
                let down = try await api.call("POST", "/\(sourceId)/query", json: .object(["question": .string(question)]))
                #expect(down.status == 503 || down.status == 502, "gateway status while query-service is down: \(down.status) \(down.text)")
                #expect(down.json?.field("error")?.field("code")?.string == "unavailable", "\(down.text)")
                #expect(down.json?.field("error")?.field("message")?.string?.isEmpty == false)

                // A new query-service (the supervisor's restart: `local-stack.sh start`) serves the next chat.
                try await stack.start(extra: settings)
                let events2 = try await DatabaseSchemaWorkflowTests.chat(api: api, gateway: stack.gatewayURL, message: question, sourceId: sourceId)
                #expect(events2.map(\.event).last == "done", "chat after the restart: \(events2.map(\.event))")
                let rows = events2.first { $0.event == "rows" }?.data
                #expect(DatabaseSchemaWorkflowTests.rowValues(rows?.field("data")) == [["3"]], "\(String(describing: rows))")

                // Nothing recorded before the kill is lost: both chats are in the history.
                let history = try await api.expect(200, "GET", "/\(sourceId)/query-history?limit=50")
                let questions = (history.field("history")?.elements ?? []).compactMap { $0.field("question")?.string }
                #expect(questions == [question, question], "history: \(questions)")
            }
        }
    }

    // MARK: - Support

    /// Starts a two-trainer stack with `settings`, runs `body`, always stops it; a failure
    /// carries the tail of every component's log.
    static func withStack(_ settings: [String: String], _ body: (WorkflowStack) async throws -> Void) async throws {
        let stack = try WorkflowStack(trainers: 1)
        do {
            try await stack.start(extra: settings)
            try await body(stack)
            await stack.stop()
        } catch {
            let logs = stack.logTails()
            await stack.stop()
            throw WorkflowFailure("\(error)\n\(logs)")
        }
    }

    /// Registers a three-row SQLite database as a source and trains its table.
    static func trainedSQLiteSource(_ stack: WorkflowStack, _ api: WorkflowClient) async throws -> String {
        let path = stack.directory.path("items.sqlite")
        try SQLiteScriptFixture.write(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO items VALUES (1, 'bolt'), (2, 'nut'), (3, 'washer');",
            to: path
        )
        let source = try await api.expect(
            201,
            "POST",
            "/",
            json: .object(["name": .string("items"), "dialect": .string("sqlite"), "connection": .string(path)])
        )
        let sourceId = try #require(source.field("id")?.string)
        _ = try await api.expect(202, "POST", "/\(sourceId)/train", json: .object(["tables": .array([.string("items")])]))
        try await Polling.until("items is trained", timeout: .seconds(60), interval: .milliseconds(100)) {
            let trained = try await api.expect(200, "GET", "/\(sourceId)/trained-tables")
            return trained.field("trained_tables")?.elements?.contains(.string("items")) == true
        }
        return sourceId
    }

    /// Every SQL text in the source's history (all pages).
    static func historySQL(_ api: WorkflowClient, sourceId: String) async throws -> Set<String> {
        var statements = Set<String>()
        var cursor: String?
        repeat {
            let page = try await api.expect(200, "GET", "/\(sourceId)/query-history?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""))
            for entry in page.field("history")?.elements ?? [] { statements.insert(entry.field("sql")?.string ?? "") }
            cursor = page.field("next_cursor")?.string
        } while cursor != nil
        return statements
    }

    /// The pid `local-stack.sh` recorded for a service.
    static func pid(of service: String, in stack: WorkflowStack) throws -> pid_t {
        let text = try String(contentsOfFile: stack.runDirectory + "/pids/\(service).pid", encoding: .utf8)
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw WorkflowFailure("no pid for \(service)") }
        return pid
    }
}

/// Clients sending `POST …/sql` in a loop, each statement unique, recording every outcome.
final class SQLLoad: Sendable {
    struct Outcome: Sendable {
        var sql: String
        /// The HTTP status, or 0 when no response arrived.
        var status: Int
        /// The JSON error code (or the transport error).
        var code: String
    }

    let api: WorkflowClient
    let sourceId: String
    private let state = Mutex<(outcomes: [Outcome], stopped: Bool, next: Int)>(([], false, 0))

    init(api: WorkflowClient, sourceId: String) {
        self.api = api
        self.sourceId = sourceId
    }

    var outcomes: [Outcome] { state.withLock { $0.outcomes } }
    func count(_ status: Int) -> Int { state.withLock { $0.outcomes.count { $0.status == status } } }
    var summary: String { "outcomes by status: \(Dictionary(grouping: outcomes, by: \.status).mapValues(\.count))" }
    func stop() { state.withLock { $0.stopped = true } }

    /// Runs `clients` loops until ``stop()`` or the deadline.
    func run(clients: Int, deadline: ContinuousClock.Instant) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while ContinuousClock.now < deadline {
                        let number: Int? = self.state.withLock { state in
                            if state.stopped { return nil }
                            state.next += 1
                            return state.next
                        }
                        guard let number else { return }
                        await self.send(number)
                    }
                }
            }
        }
    }

    private func send(_ number: Int) async {
        let sql = "SELECT id, name FROM items WHERE id <> \(number)"
        let outcome: Outcome
        do {
            let reply = try await api.call("POST", "/\(sourceId)/sql", json: .object(["sql": .string(sql)]), timeout: .seconds(30))
            outcome = Outcome(sql: sql, status: reply.status, code: reply.json?.field("error")?.field("code")?.string ?? "")
        } catch {
            outcome = Outcome(sql: sql, status: 0, code: "\(error)")
        }
        state.withLock { $0.outcomes.append(outcome) }
    }
}
