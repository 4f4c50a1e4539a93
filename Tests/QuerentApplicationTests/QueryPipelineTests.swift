import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

@Suite struct QueryPipelineTests {
    /// `max_tables` caps every table offered, neighbours included (the sample's 9 are all
    /// offered otherwise), each marked with why it came.
    @Test func maxTablesCapsEveryTableOffered() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let all = try await harness.pipeline.ask(
            question: "How many orders were cancelled?",
            sourceId: source,
            tenant: QueryHarness.tenant,
            execute: false,
            logger: harness.logger
        )
        let one = try await harness.pipeline.ask(
            question: "How many orders were cancelled?",
            sourceId: source,
            tenant: QueryHarness.tenant,
            execute: false,
            maxTables: 1,
            logger: harness.logger
        )
        #expect(all.retrieved.count == 9)
        // "cancelled" is one of the stored statuses of orders: a value match.
        #expect(all.retrieved.first?.table == "orders" && all.retrieved.first?.reason == .value, "\(all.retrieved)")
        #expect(one.retrieved.map(\.table) == ["orders"], "the best table stays first and alone")
        let error = await #expect(throws: ServiceError.self) {
            _ = try await harness.pipeline.ask(
                question: "How many orders?",
                sourceId: source,
                tenant: QueryHarness.tenant,
                maxTables: 0,
                logger: harness.logger
            )
        }
        #expect(error?.code == .badRequest)
    }

    @Test func answersAQuestionAndRecordsIt() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(
            question: "How many orders were cancelled?",
            sourceId: source,
            tenant: QueryHarness.tenant,
            logger: harness.logger
        )
        let result = try #require(answer.result)
        #expect(result.success)
        let expected = try await harness.direct("SELECT count(*) FROM orders WHERE status = 'cancelled'", sourceId: source)
        #expect(ResultComparer.matches(predicted: [result.columns.map { result.data[0][$0] ?? .null }], gold: expected.rows, ordered: false))
        #expect(answer.generation.tableUsed == ["orders"])
        #expect(answer.retrieved.contains { $0.table == "orders" })
        #expect(answer.retrieved.first?.reason == .value)
        let history = try await harness.pipeline.history(sourceId: source, tenant: QueryHarness.tenant, before: nil, limit: 10)
        #expect(history.count == 1)
        #expect(history.first?.question == "How many orders were cancelled?")
        #expect(history.first?.success == true)
        #expect(history.first?.generator == "builtin")
    }

    /// "Revenue" and "sales" name no column of the sample; they are read as the money measure
    /// fewest joins away (payments.amount; order lines are worth as much), summed per subject
    /// row shown by full name, said so, and scored as a guess.
    @Test(arguments: [
        ("Top 5 customers by revenue", "customers", "customer_id", 5),
        ("Top 3 employees by sales", "employees", "employee_id", 3),
    ])
    func rankingByAMoneyMeasureSumsTheAmountAlongTheJoins(question: String, table: String, key: String, limit: Int) async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(question: question, sourceId: source, tenant: QueryHarness.tenant, logger: harness.logger)
        let result = try #require(answer.result)
        #expect(result.success)
        let gold = try await harness.direct(
            "SELECT t.first_name || ' ' || t.last_name, sum(p.amount) FROM \(table) t JOIN orders o ON o.\(key) = t.id JOIN payments p ON p.order_id = o.id GROUP BY t.id ORDER BY 2 DESC LIMIT \(limit)",
            sourceId: source
        )
        let rows = result.data.map { row in result.columns.map { row[$0] ?? .null } }
        #expect(ResultComparer.matches(predicted: rows, gold: gold.rows, ordered: true), "\(answer.generation.sql)")
        #expect(answer.generation.explanation.contains("read as payments.amount"), "\(answer.generation.explanation)")
        #expect(answer.generation.confidence <= 0.55, "a guessed measure is not a confident answer")
    }

    @Test func untrainedTablesAreRefusedAndTheFailureIsRecorded() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample(training: ["orders"])
        let result = try await harness.pipeline.runSQL("SELECT * FROM customers", sourceId: source, tenant: QueryHarness.tenant)
        #expect(!result.success)
        #expect(result.error?.contains("customers") == true)
        let allowed = try await harness.pipeline.runSQL("SELECT count(*) AS n FROM orders", sourceId: source, tenant: QueryHarness.tenant)
        #expect(allowed.success)
        let history = try await harness.pipeline.history(sourceId: source, tenant: QueryHarness.tenant, before: nil, limit: 10)
        #expect(history.map(\.success) == [true, false])
        #expect(history.map(\.generator) == ["sql", "sql"])
        #expect(history[1].error?.contains("customers") == true)
    }

    @Test func rowCapTruncatesAtOneThousand() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample(training: ["order_items"])
        let result = try await harness.pipeline.runSQL("SELECT order_id, product_id FROM order_items", sourceId: source, tenant: QueryHarness.tenant)
        #expect(result.success)
        #expect(result.rowCount == 1_000)
        #expect(result.truncated)
        let small = try await harness.pipeline.runSQL("SELECT order_id FROM order_items LIMIT 10", sourceId: source, tenant: QueryHarness.tenant)
        #expect(small.rowCount == 10)
        #expect(!small.truncated)
    }

    @Test func timeoutIsEnforced() async throws {
        let harness = try await QueryHarness(limits: QueryLimits(timeoutMilliseconds: 1_000, maxRows: 1_000))
        let source = try await harness.registerSample(training: ["orders"])
        let started = ContinuousClock.now
        let result = try await harness.pipeline.runSQL(
            "SELECT count(*) FROM orders a, orders b, orders c WHERE a.id + b.id + c.id > 0",
            sourceId: source,
            tenant: QueryHarness.tenant
        )
        let elapsed = ContinuousClock.now - started
        #expect(!result.success)
        #expect(result.error?.contains("1000 ms") == true)
        #expect(elapsed < .seconds(10))
    }

    @Test func postgresTimeoutIsEnforced() async throws {
        guard TestEnvironment.postgresEnabled else { return }
        try await withScratchDatabase(prefix: "query_timeout") { database in
            try await database.execute(["CREATE TABLE numbers (n INTEGER PRIMARY KEY)", "INSERT INTO numbers SELECT generate_series(1, 3000)"])
            let harness = try await QueryHarness(limits: QueryLimits(timeoutMilliseconds: 1_000, maxRows: 1_000))
            let source = try await harness.registerPostgres(url: database.url, tables: ["numbers"])
            let result = try await harness.pipeline.runSQL(
                "SELECT count(*) FROM numbers a, numbers b, numbers c",
                sourceId: source,
                tenant: QueryHarness.tenant
            )
            #expect(!result.success)
            #expect(result.error?.contains("1000 ms") == true)
            let capped = try await harness.pipeline.runSQL("SELECT n FROM numbers", sourceId: source, tenant: QueryHarness.tenant)
            #expect(capped.rowCount == 1_000 && capped.truncated)
        }
    }

    @Test func untrainingDropsTheCachedContextAtOnce() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample(training: ["orders", "customers"])
        // Subscribed after training, so only the untrain event below reaches the follower.
        let follower = await SchemaEventFollower(events: harness.events, contexts: harness.contexts, vectors: harness.vectors)
        let following = Task { try await follower.run() }
        defer { following.cancel() }
        #expect(try await harness.pipeline.runSQL("SELECT count(*) FROM customers", sourceId: source, tenant: QueryHarness.tenant).success)
        #expect(await harness.contexts.isCached(sourceId: source, tenant: QueryHarness.tenant))
        try await harness.coordinator.untrain(sourceId: source, tableName: "customers", tenant: QueryHarness.tenant)
        try await Polling.until("the context cache is dropped", timeout: .seconds(5)) {
            !(await harness.contexts.isCached(sourceId: source, tenant: QueryHarness.tenant))
        }
        let refused = try await harness.pipeline.runSQL("SELECT count(*) FROM customers", sourceId: source, tenant: QueryHarness.tenant)
        #expect(!refused.success)
    }

    @Test func unknownGeneratorAndEmptyQuestionAreBadRequests() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample(training: ["orders"])
        await #expect(throws: ServiceError(.badRequest, "")) {
            try await harness.pipeline.ask(question: "   ", sourceId: source, tenant: QueryHarness.tenant, logger: harness.logger)
        }
        await #expect(throws: ServiceError(.badRequest, "")) {
            try await harness.pipeline.ask(
                question: "orders?",
                sourceId: source,
                tenant: QueryHarness.tenant,
                generator: "gpt-9",
                logger: harness.logger
            )
        }
        await #expect(throws: ServiceError(.notFound, "")) {
            try await harness.pipeline.ask(question: "orders?", sourceId: source, tenant: Tenant(userId: "x", agentId: "y"), logger: harness.logger)
        }
    }
}
