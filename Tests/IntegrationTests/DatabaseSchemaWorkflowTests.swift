import Foundation
import QuerentApplication
import QuerentCore
import QuerentHTTPClient
import QuerentTesting
import Testing

/// The product brief's `test-database-schema-workflow`, end to end, through the nginx gateway
/// of the native stack (`deploy/local-stack.sh start`: Postgres, Redis, schema-service, two
/// trainer-service replicas, query-service, nginx with `deploy/nginx/nginx.conf`):
///
/// create a Postgres source holding a shop schema → list tables → fetch a schema → train 3
/// tables → watch progress reach 100 (Server-Sent Events) → ask 5 questions and check their
/// rows against SQL run directly → history holds 5 entries → retrain one table → untrain one
/// and see a question on it refused → both trainers did part of the work (their /metrics) →
/// a MySQL source through every route (when MySQL is configured).
@Suite(.serialized, .enabled(if: TestEnvironment.postgresEnabled))
struct DatabaseSchemaWorkflowTests {
    static let tenant = Tenant(userId: "workflow-user", agentId: "workflow-agent")
    static let trainedTables = ["customers", "orders", "products"]

    /// A question, and the SQL (run directly on the customer database) whose rows answer it.
    struct Question {
        var text: String
        var expectedSQL: String
    }

    static let questions: [Question] = [
        Question(text: "How many customers are there?", expectedSQL: "SELECT count(*) FROM customers"),
        Question(text: "How many customers live in Paris?", expectedSQL: "SELECT count(*) FROM customers WHERE city = 'Paris'"),
        Question(text: "How many orders have the status cancelled?", expectedSQL: "SELECT count(*) FROM orders WHERE status = 'cancelled'"),
        Question(text: "What is the sum of the total amount of orders?", expectedSQL: "SELECT sum(total_amount) FROM orders"),
        Question(text: "How many products are there?", expectedSQL: "SELECT count(*) FROM products"),
    ]

    /// Asked after `products` is untrained: nothing trained can answer it.
    static let untrainedQuestion = "What is the average price of products?"

    @Test func databaseSchemaWorkflowThroughTheGateway() async throws {
        let stack = try WorkflowStack(trainers: 2)
        do {
            try await Self.workflow(stack)
            await stack.stop()
        } catch {
            let logs = stack.logTails()
            await stack.stop()
            throw WorkflowFailure("\(error)\n\(logs)")
        }
    }

    static func workflow(_ stack: WorkflowStack) async throws {
        // One job in flight per trainer (one slot claiming one job at a time), each stage a
        // little slow: the three training jobs cannot all land on one replica, so both must do
        // part of the work.
        try await stack.start(
            extra: ["QUERENT_TRAINER_CONCURRENCY": "1", "QUERENT_TRAINER_BATCH_SIZE": "1", "QUERENT_TRAINER_STAGE_DELAY_MS": "150"]
        )
        let (statusCode, report) = try await stack.status()
        #expect(statusCode == 0, "local-stack.sh status: \(report)")
        #expect(report.contains("gateway") && report.contains("trainer-service-2"), "\(report)")

        let http = HTTPClient()
        let health = try await http.send(method: "GET", url: stack.gatewayURL + "/health")
        #expect(health.status == 200)
        let contract = try await http.send(method: "GET", url: stack.gatewayURL + "/openapi.json")
        #expect(contract.status == 200, "the contract is served through the gateway")
        let document = try? JSONDecoder().decode(JSONValue.self, from: contract.body)
        #expect(document?.field("openapi")?.string?.hasPrefix("3.") == true)
        // The web console, from query-service through the gateway: the page and an asset it names.
        let page = String(decoding: try await http.send(method: "GET", url: stack.gatewayURL + "/").body, as: UTF8.self)
        #expect(page.contains("Querent console"), "the console page through the gateway: \(page.prefix(200))")
        let stylesheet = try #require(page.firstMatch(of: /\/assets\/[0-9a-f]+\/console\.css/).map { String($0.0) })
        #expect(try await http.send(method: "GET", url: stack.gatewayURL + stylesheet).status == 200)

        let api = WorkflowClient(base: stack.apiURL, token: TestTokens.token(for: tenant))

        // The customer database: a fresh database in the stack's Postgres.
        let shop = try await ScratchDatabase.create(prefix: "shop", adminURL: stack.postgresAdminURL)
        try await shop.execute(WorkflowShopFixture.statements)

        // 1. Register the source (schema-service), with a request id that must reach the service.
        let requestId = "workflow-" + UUID().uuidString.lowercased()
        let source = try await api.expect(
            201,
            "POST",
            "/",
            json: .object(["name": .string("shop"), "dialect": .string("postgres"), "connection": .string(shop.url)]),
            requestId: requestId
        )
        let sourceId = try #require(source.field("id")?.string)
        #expect(source.field("connection_summary")?.string?.contains("querent:querent") == false, "no password in the summary")
        try await Polling.until("the request id reaches the gateway and schema-service logs", timeout: .seconds(10)) {
            stack.log("gateway").contains("\"request_id\":\"\(requestId)\"") && stack.log("schema-service").contains(requestId)
        }

        // 2. List its tables.
        let tables = try await api.expect(200, "GET", "/\(sourceId)/tables")
        let names = Set((tables.field("tables")?.elements ?? []).compactMap { $0.field("name")?.string })
        #expect(
            names.isSuperset(of: ["customers", "categories", "products", "orders", "order_items", "payments", "customer_order_totals"]),
            "\(names)"
        )
        let view = (tables.field("tables")?.elements ?? []).first { $0.field("name")?.string == "customer_order_totals" }
        #expect(view?.field("kind")?.string == "view")

        // 3. Fetch one schema.
        let orders = try await api.expect(200, "GET", "/\(sourceId)/tables/orders/schema?refresh=true")
        let schema = try #require(orders.field("schema"))
        let columns = (schema.field("columns")?.elements ?? []).compactMap { $0.field("name")?.string }
        #expect(columns == ["id", "customer_id", "status", "total_amount", "ordered_at"])
        let references = (schema.field("relationships")?.elements ?? []).compactMap { $0.field("references_table")?.string }
        #expect(references == ["customers"])
        #expect(schema.field("description")?.string?.contains("checkout") == true)

        // 4. Train three tables (trainer-service) while watching the live progress (SSE).
        let progress = try await Self.trainWatchingProgress(api: api, sourceId: sourceId, tables: trainedTables)
        for table in trainedTables {
            let seen = progress[table] ?? []
            #expect(seen.last == 100, "\(table) reached 100: \(seen)")
            #expect(seen == seen.sorted(), "\(table) progress only grows: \(seen)")
            let status = try await api.expect(200, "GET", "/\(sourceId)/tables/\(table)/training-status")
            #expect(status.field("state")?.string == "completed")
            #expect(status.field("progress")?.number == 100)
        }
        let trained = try await api.expect(200, "GET", "/\(sourceId)/trained-tables")
        #expect(Set((trained.field("trained_tables")?.elements ?? []).compactMap(\.string)) == Set(trainedTables))

        // 5. Ask five questions (query-service, built-in generator); compare with SQL run directly.
        for question in questions {
            let answer = try await api.expect(
                200,
                "POST",
                "/\(sourceId)/query",
                json: .object(["question": .string(question.text), "execute": .bool(true), "generator": .string("builtin")])
            )
            let generated = answer.field("generation")?.field("sql")?.string ?? ""
            let result = try #require(answer.field("result"), "\(question.text): no result in \(answer)")
            #expect(result.field("success")?.bool == true, "\(question.text) → \(generated): \(result)")
            let got = Self.rowValues(result.field("data"))
            let want = try await Self.expectedRows(shop, question.expectedSQL)
            #expect(got == want, "\(question.text) → \(generated): got \(got), expected \(want)")
        }

        // 6. History holds the five questions.
        let history = try await api.expect(200, "GET", "/\(sourceId)/query-history?limit=50")
        let entries = history.field("history")?.elements ?? []
        #expect(entries.count == 5, "\(history)")
        #expect(Set(entries.compactMap { $0.field("question")?.string }) == Set(questions.map(\.text)))

        // The chat streams its answer through the gateway (SSE): SQL, rows, text, done.
        let chat = try await Self.chat(api: api, gateway: stack.gatewayURL, message: questions[1].text, sourceId: sourceId)
        let kinds = chat.map(\.event)
        #expect(kinds.first == "sql" && kinds.contains("rows") && kinds.contains("token") && kinds.last == "done", "chat events: \(kinds)")
        let chatRows = chat.first { $0.event == "rows" }?.data
        let parisCount = try await Self.expectedRows(shop, questions[1].expectedSQL)
        #expect(Self.rowValues(chatRows?.field("data")) == parisCount, "chat rows: \(String(describing: chatRows))")

        // 7. Retrain one table.
        let retrain = try await api.expect(202, "POST", "/\(sourceId)/tables/orders/train")
        #expect(retrain.field("training_type")?.string == "retrain_table")
        let retrainJob = try #require(retrain.field("job_id")?.string)
        try await Polling.until("the retrain of orders completes", timeout: .seconds(60), interval: .milliseconds(200)) {
            let status = try await api.expect(200, "GET", "/\(sourceId)/tables/orders/training-status")
            return status.field("job_id")?.string == retrainJob && status.field("state")?.string == "completed"
        }

        // 8. Untrain one table; a question only it could answer is refused.
        let untrain = try await api.call("DELETE", "/\(sourceId)/tables/products/train")
        #expect(untrain.status == 204, "untrain products: \(untrain.status) \(untrain.text)")
        let remaining = try await api.expect(200, "GET", "/\(sourceId)/trained-tables")
        #expect(Set((remaining.field("trained_tables")?.elements ?? []).compactMap(\.string)) == ["customers", "orders"])
        let refused = try await api.call(
            "POST",
            "/\(sourceId)/query",
            json: .object(["question": .string(untrainedQuestion), "execute": .bool(true), "generator": .string("builtin")])
        )
        #expect(Self.isRefusal(refused, table: "products"), "a question on the untrained table is refused: \(refused.status) \(refused.text)")
        let handWritten = try await api.call("POST", "/\(sourceId)/sql", json: .object(["sql": .string("SELECT avg(price) FROM products")]))
        #expect(Self.isRefusal(handWritten, table: "products"), "SQL on the untrained table is refused: \(handWritten.status) \(handWritten.text)")

        // 9. Both trainers did part of the work: 3 trainings and 1 retraining in all.
        var completed: [Double] = []
        for index in 0..<stack.trainers {
            let metrics = try await http.send(method: "GET", url: "http://127.0.0.1:\(stack.trainerPort(index))/metrics")
            let samples = WorkflowMetrics(String(decoding: metrics.body, as: UTF8.self))
            completed.append(samples.total(QuerentMetrics.trainingJobsCompleted))
            #expect(samples.contains(QuerentMetrics.trainingQueueDepth), "trainer \(index + 1) exports the queue depth")
            #expect(samples.contains(QuerentMetrics.trainingJobDuration + "_count"), "trainer \(index + 1) exports job durations")
        }
        #expect(completed.allSatisfy { $0 > 0 }, "every trainer completed jobs: \(completed)")
        #expect(completed.reduce(0, +) >= 4, "3 trainings and a retraining: \(completed)")

        // The query service measured its answers.
        let queryMetrics = try await http.send(method: "GET", url: "http://127.0.0.1:\(stack.queryPort)/metrics")
        let querySamples = WorkflowMetrics(String(decoding: queryMetrics.body, as: UTF8.self))
        #expect(querySamples.total(QuerentMetrics.queryDuration + "_count") >= 5, "query latency histogram")
        #expect(querySamples.total(QuerentMetrics.generatorConfidence + "_count") >= 5, "generator confidence histogram")
        await shop.drop()

        // 10. The same routes serve a MySQL source (MySQLSourceWorkflow).
        if TestEnvironment.mysqlEnabled { try await MySQLSourceWorkflow.run(stack, api: api) }
    }

    /// Opens the source's training events through the gateway, queues `tables` for training,
    /// and reads events until each table reached 100 (bounded). Returns the progress values
    /// seen per table, in order.
    static func trainWatchingProgress(api: WorkflowClient, sourceId: String, tables: [String]) async throws -> [String: [Int]] {
        let stream = try await api.http.stream(
            method: "GET",
            url: api.base + "/\(sourceId)/training-events",
            headers: ["Authorization": "Bearer \(api.token)", "Accept": "text/event-stream"],
            timeout: .seconds(120)
        )
        guard stream.status == 200 else { throw WorkflowFailure("training-events answered \(stream.status)") }
        var parser = WorkflowEventStream()
        var progress: [String: [Int]] = [:]
        var queued = false
        var iterator = stream.body.makeAsyncIterator()
        let deadline = ContinuousClock.now + .seconds(90)
        while Set(tables).contains(where: { progress[$0]?.last != 100 }) {
            guard ContinuousClock.now < deadline else { throw WorkflowFailure("training did not reach 100 in 90 s: \(progress)") }
            guard let chunk = try await iterator.next() else { throw WorkflowFailure("the event stream ended early: \(progress)") }
            if !queued {
                // The stream is open (its first bytes arrived): now queue the jobs.
                queued = true
                let accepted = try await api.expect(202, "POST", "/\(sourceId)/train", json: .object(["tables": .array(tables.map { .string($0) })]))
                guard accepted.field("jobs")?.elements?.count == tables.count else { throw WorkflowFailure("bulk train: \(accepted)") }
            }
            for (event, data) in parser.feed(chunk) {
                guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(data.utf8)),
                    let table = json.field("table_name")?.string
                else { continue }
                if event == "training.progress", let value = json.field("progress")?.number {
                    progress[table, default: []].append(Int(value))
                } else if event == "schema.trained", progress[table]?.last != 100 {
                    progress[table, default: []].append(100)
                }
            }
        }
        return progress
    }

    /// The rows `sql` gives when run directly on the customer database, in ``rowValues(_:)``'s form.
    static func expectedRows(_ database: ScratchDatabase, _ sql: String) async throws -> [[String]] {
        try await database.query(sql).map { row in
            row.values.values.map { value in value.map { JSONValue.string($0).normalizedText } ?? "null" }.sorted()
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The rows of a result's `data`, each as the sorted normalised text of its values
    /// (column names and order ignored: a generator may alias them), sorted.
    static func rowValues(_ data: JSONValue?) -> [[String]] {
        (data?.elements ?? []).map { row -> [String] in
            guard case .object(let object) = row else { return [row.normalizedText] }
            return object.values.map(\.normalizedText).sorted()
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Whether the reply refuses to answer from `table`: an error status, no SQL at all, or
    /// an unsuccessful result; never rows read from the untrained table.
    static func isRefusal(_ reply: WorkflowClient.Reply, table: String) -> Bool {
        if (400..<500).contains(reply.status) { return reply.json?.field("error")?.field("code")?.string != nil }
        guard reply.status == 200, let json = reply.json else { return false }
        // POST /sql answers a QueryExecutionResult.
        if let success = json.field("success")?.bool { return !success && json.field("row_count")?.number == 0 }
        // POST /query answers {generation, result, retrieved}.
        guard let generation = json.field("generation") else { return false }
        if (generation.field("sql")?.string ?? "").isEmpty { return true }
        if let result = json.field("result"), result.field("success")?.bool == false { return true }
        return false
    }

    /// Asks through `POST /api/v1/chat` (Server-Sent Events through the gateway) and returns
    /// the events' names and data, up to `done` (bounded).
    static func chat(api: WorkflowClient, gateway: String, message: String, sourceId: String) async throws -> [(event: String, data: JSONValue)] {
        let body = try JSONEncoder().encode(JSONValue.object(["message": .string(message), "source_id": .string(sourceId)]))
        let stream = try await api.http.stream(
            method: "POST",
            url: gateway + "/api/v1/chat",
            headers: ["Authorization": "Bearer \(api.token)", "Accept": "text/event-stream", "Content-Type": "application/json"],
            body: body,
            timeout: .seconds(60)
        )
        guard stream.status == 200 else { throw WorkflowFailure("chat answered \(stream.status)") }
        var parser = WorkflowEventStream()
        var events: [(event: String, data: JSONValue)] = []
        for try await chunk in stream.body {
            for (event, data) in parser.feed(chunk) {
                events.append((event, (try? JSONDecoder().decode(JSONValue.self, from: Data(data.utf8))) ?? .string(data)))
                if event == "done" || event == "error" { return events }
            }
        }
        return events
    }
}
