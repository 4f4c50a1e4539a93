import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// Teaching over the embedded wiring (``QueryHarness``: SQLite metadata, the sample shop as the
/// customer database, the in-process training queue, the real training pipeline and the
/// built-in generator): examples, feedback, glossary, export/import, and their effect on answers.
@Suite struct KnowledgeServiceTests {
    static let tenant = QueryHarness.tenant
    static let stranger = Tenant(userId: "mallory", agentId: "other-bot")
    /// Trained in every test; `payments` stays untrained.
    static let tables = ["customers", "orders", "order_items", "products"]

    static let germany = "How many customers live in Germany?"
    static let germanySQL = "SELECT COUNT(*) FROM customers WHERE country = 'Germany'"

    /// The harness with the sample registered and `tables` trained, and the process's schema
    /// event follower running (it drops the cached context on `knowledge.changed`, as in
    /// `query-service`); cancel the task at the end.
    static func harness() async throws -> (QueryHarness, KnowledgeService, String, Task<Void, any Error>) {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample(training: tables, tenant: tenant)
        let follower = await harness.dependencies.schemaEventFollower()
        let following = Task { try await follower.run() }
        return (harness, harness.dependencies.knowledge(), source, following)
    }

    /// Claims the next job of the training queue and runs it through the training pipeline, as a
    /// trainer does.
    @discardableResult
    static func runQueuedJob(_ harness: QueryHarness) async throws -> TrainingJob {
        let queue = harness.dependencies.queue
        let claimed = try #require(try await queue.claim(consumer: "knowledge-tests", wait: .seconds(5)), "a queued training job")
        try await harness.training.run(claimed.job, logger: harness.logger)
        try await queue.acknowledge(claimed)
        // The trainer's `knowledge.changed` reaches the follower, which drops the cached context.
        try await Polling.until("the context cache is dropped", timeout: .seconds(5)) {
            !(await harness.contexts.isCached(sourceId: claimed.job.sourceId, tenant: claimed.job.tenant))
        }
        return claimed.job
    }

    /// Teaches an example and trains it.
    static func teach(
        _ harness: QueryHarness,
        _ knowledge: KnowledgeService,
        _ source: String,
        _ question: String,
        _ sql: String
    ) async throws -> TaughtExample {
        let example = try await knowledge.addExample(question: question, sql: sql, sourceId: source, tenant: tenant)
        let job = try await runQueuedJob(harness)
        #expect(job.exampleId == example.id)
        return example
    }

    static func ask(_ harness: QueryHarness, _ source: String, _ question: String, tenant: Tenant = tenant) async throws -> QueryAnswer {
        try await harness.pipeline.ask(question: question, sourceId: source, tenant: tenant, logger: harness.logger)
    }

    /// The newest history entry of the source.
    static func lastEntry(_ harness: QueryHarness, _ source: String) async throws -> QueryHistoryEntry {
        try #require(try await harness.pipeline.history(sourceId: source, tenant: tenant, before: nil, limit: 1).first)
    }

    /// The ids of the example vectors in the tenant's namespace.
    static func exampleVectors(_ harness: QueryHarness, tenant: Tenant = tenant) async throws -> [String] {
        try await harness.store.vectors(namespace: tenant.vectorNamespace).filter { $0.metadata.exampleId != nil }.map(\.id)
    }

    /// The single value of a one-row, one-column result.
    static func scalar(_ result: QueryExecutionResult?) -> JSONValue? {
        guard let result, result.success, result.rowCount == 1, let column = result.columns.first else { return nil }
        return result.data.first?[column]
    }

    static func scalar(_ rows: QueryRows) -> JSONValue? {
        rows.rows.first?.first
    }

    // MARK: - Examples

    @Test func anExampleIsStoredQueuedAndTrainedIntoTheTenantNamespace() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let recorder = StreamRecorder(try await harness.coordinator.events(sourceId: source, tenant: Self.tenant))
        defer { recorder.stop() }

        let example = try await knowledge.addExample(
            question: "  \(Self.germany) ",
            sql: Self.germanySQL + "\n",
            sourceId: source,
            tenant: Self.tenant
        )
        #expect(example.sourceId == source)
        #expect(example.question == Self.germany, "trimmed")
        #expect(example.sql == Self.germanySQL, "trimmed")
        #expect(example.origin == .taught && example.state == .queued && example.historyId == nil && example.error == nil)
        #expect(example.createdBy == Self.tenant.userId)
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).map(\.id) == [example.id])
        #expect(try await Self.exampleVectors(harness).isEmpty, "not embedded before its job runs")

        // One job of type `example` on the training queue.
        #expect(try await harness.dependencies.queue.pendingCount() == 1)
        let job = try await Self.runQueuedJob(harness)
        #expect(job.trainingType == .example)
        #expect(job.name == "train_example")
        #expect(job.exampleId == example.id)
        #expect(job.sourceId == source && job.tableName == "" && job.tenant == Self.tenant)
        #expect(try await harness.dependencies.queue.pendingCount() == 0)

        // Trained: the state, and the question's vector in the tenant's namespace.
        let trained = try #require(try await knowledge.examples(sourceId: source, tenant: Self.tenant).first)
        #expect(trained.state == .trained && trained.error == nil)
        let vectors = try await harness.store.vectors(namespace: Self.tenant.vectorNamespace)
        let vector = try #require(vectors.first { $0.metadata.exampleId == example.id })
        #expect(vector.id == "db_\(source)_example_\(example.id)")
        #expect(vector.sourceId == source)
        #expect(vector.metadata.agentId == Self.tenant.agentId)
        #expect(vector.metadata.businessContext == Self.germany)
        #expect(try await Self.exampleVectors(harness) == [vector.id])
        // The table search never returns an example.
        let tablesFound = try await harness.vectors.searchRelevantTables(query: Self.germany, tenant: Self.tenant, limit: 20)
        #expect(tablesFound.allSatisfy { $0.metadata.exampleId == nil })

        // queued (on adding) … completed, then knowledge.changed.
        let events = try await recorder.wait("the example's knowledge.changed") { events in
            events.contains { $0.channel == .knowledgeChanged && $0.jobId == job.jobId }
        }
        let progress = events.filter { $0.channel == .trainingProgress && $0.exampleId == example.id }
        #expect(progress.first?.state == .queued)
        #expect(progress.last?.state == .completed && progress.last?.progress == 100)
        #expect(progress.allSatisfy { $0.tableName == "" })
    }

    @Test(arguments: [
        "DELETE FROM customers",
        "SELECT 1; DROP TABLE customers",
        "UPDATE customers SET country = 'Spain'",
        "SELECT * FROM payments",
    ])
    func refusedSQLIsAnUnsafeQueryAndStoresNothing(sql: String) async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let census = "SELECT COUNT(*), SUM(CASE WHEN country = 'Spain' THEN 1 ELSE 0 END) FROM customers"
        let before = try await harness.direct(census, sourceId: source).rows
        let error = await #expect(throws: ServiceError.self) {
            try await knowledge.addExample(question: "Which payments were made?", sql: sql, sourceId: source, tenant: Self.tenant)
        }
        #expect(error?.code == .unsafeQuery, "\(String(describing: error))")
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).isEmpty)
        #expect(try await harness.dependencies.queue.pendingCount() == 0)
        // Nothing ran on the customer database.
        #expect(try await harness.direct(census, sourceId: source).rows == before)
    }

    @Test func sqlThatFailsOnTheDatabaseIsADatabaseErrorAndStoresNothing() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let error = await #expect(throws: ServiceError.self) {
            try await knowledge.addExample(question: "Nicknames?", sql: "SELECT nickname FROM customers", sourceId: source, tenant: Self.tenant)
        }
        #expect(error?.code == .databaseError)
        #expect(error?.message.contains("nickname") == true, "\(String(describing: error?.message))")
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).isEmpty)
        #expect(try await harness.dependencies.queue.pendingCount() == 0)
    }

    @Test func emptyFieldsAndUnknownSourcesAreRefused() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        for (question, sql) in [("  ", Self.germanySQL), (Self.germany, " \n"), (String(repeating: "q", count: 2_001), Self.germanySQL)] {
            let error = await #expect(throws: ServiceError.self) {
                try await knowledge.addExample(question: question, sql: sql, sourceId: source, tenant: Self.tenant)
            }
            #expect(error?.code == .badRequest)
        }
        let missing = await #expect(throws: ServiceError.self) {
            try await knowledge.addExample(question: Self.germany, sql: Self.germanySQL, sourceId: "no-such-source", tenant: Self.tenant)
        }
        #expect(missing?.code == .notFound)
        #expect(try await harness.dependencies.queue.pendingCount() == 0)
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).isEmpty)
    }

    @Test func deletingAnExampleRemovesItsRowAndItsVector() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let example = try await Self.teach(harness, knowledge, source, Self.germany, Self.germanySQL)
        let kept = try await Self.teach(
            harness,
            knowledge,
            source,
            "How many orders were cancelled?",
            "SELECT COUNT(*) FROM orders WHERE status = 'cancelled'"
        )
        #expect(try await Self.exampleVectors(harness).count == 2)

        try await knowledge.deleteExample(id: example.id, sourceId: source, tenant: Self.tenant)
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).map(\.id) == [kept.id])
        #expect(try await Self.exampleVectors(harness) == ["db_\(source)_example_\(kept.id)"])
        // The answer no longer comes from it.
        let answer = try await Self.ask(harness, source, Self.germany)
        #expect(!answer.generation.explanation.contains(example.id), "\(answer.generation.explanation)")

        let again = await #expect(throws: ServiceError.self) {
            try await knowledge.deleteExample(id: example.id, sourceId: source, tenant: Self.tenant)
        }
        #expect(again?.code == .notFound)
    }

    @Test func anExampleDeletedBeforeItsJobRunsLeavesNoVector() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let example = try await knowledge.addExample(question: Self.germany, sql: Self.germanySQL, sourceId: source, tenant: Self.tenant)
        try await knowledge.deleteExample(id: example.id, sourceId: source, tenant: Self.tenant)
        let job = try await Self.runQueuedJob(harness)
        #expect(job.exampleId == example.id)
        #expect(try await Self.exampleVectors(harness).isEmpty)
        #expect(try await harness.store.example(id: example.id, sourceId: source) == nil)
    }

    /// The taught question, asked again in other words with another stored value, is answered
    /// with the example's SQL and the new literal, once the example is trained.
    @Test func aTrainedExampleAnswersAParaphraseWithAnotherStoredValue() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let paraphrase = "Count the customers living in France."
        let example = try await knowledge.addExample(question: Self.germany, sql: Self.germanySQL, sourceId: source, tenant: Self.tenant)

        // Queued, not trained yet: not used.
        let before = try await Self.ask(harness, source, paraphrase)
        #expect(!before.generation.explanation.contains(example.id))

        try await Self.runQueuedJob(harness)
        let answer = try await Self.ask(harness, source, paraphrase)
        #expect(answer.generation.sql == "SELECT COUNT(*) FROM customers WHERE country = 'France'")
        #expect(answer.generation.explanation.contains("taught example \"\(Self.germany)\""), "\(answer.generation.explanation)")
        #expect(answer.generation.explanation.contains(example.id))
        #expect(answer.generation.explanation.contains("'Germany' → 'France'"), "\(answer.generation.explanation)")
        #expect(answer.generation.generator == "builtin")
        #expect(answer.generation.tableUsed == ["customers"])
        let expected = try await harness.direct("SELECT COUNT(*) FROM customers WHERE country = 'France'", sourceId: source)
        #expect(Self.scalar(answer.result) == Self.scalar(expected))

        // The taught question itself comes back verbatim, confidently.
        let exact = try await Self.ask(harness, source, Self.germany)
        #expect(exact.generation.sql == Self.germanySQL)
        #expect(exact.generation.confidence > 0.9)
    }

    // MARK: - Feedback

    @Test func aBareDownVoteCapsTheSameSQLsConfidenceForThatQuestion() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let question = "How many orders were cancelled?"
        let first = try await Self.ask(harness, source, question)
        #expect(first.generation.confidence > 0.2, "a confident answer to begin with")
        let entry = try await Self.lastEntry(harness, source)
        #expect(entry.question == question && entry.sql == first.generation.sql)

        let voted = try await knowledge.feedback(historyId: entry.id, verdict: .down, sql: nil, sourceId: source, tenant: Self.tenant)
        #expect(voted.id == entry.id)
        #expect(voted.feedback?.verdict == .down && voted.feedback?.sql == nil && voted.feedback?.exampleId == nil)
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).isEmpty, "a bare down-vote stores no example")

        // The next ask of the same question (any spelling) gets the same SQL, capped at 0.2.
        let again = try await Self.ask(harness, source, "how many orders were CANCELLED")
        #expect(again.generation.sql == first.generation.sql)
        #expect(again.generation.confidence <= 0.2)
        #expect(again.generation.explanation.hasPrefix("A user marked this SQL wrong for this question."))
        // Another question is not affected.
        let other = try await Self.ask(harness, source, "How many orders were shipped?")
        #expect(other.generation.confidence > 0.2)
        #expect(!other.generation.explanation.contains("marked this SQL wrong"))

        // An up-vote replaces the verdict: the cap is gone.
        _ = try await knowledge.feedback(historyId: entry.id, verdict: .up, sql: nil, sourceId: source, tenant: Self.tenant)
        let restored = try await Self.ask(harness, source, question)
        #expect(restored.generation.sql == first.generation.sql)
        #expect(restored.generation.confidence == first.generation.confidence)
    }

    @Test func anUpVoteStoresTheAnswerAsAnExample() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let question = "How many orders were cancelled?"
        let answer = try await Self.ask(harness, source, question)
        let entry = try await Self.lastEntry(harness, source)

        let voted = try await knowledge.feedback(historyId: entry.id, verdict: .up, sql: nil, sourceId: source, tenant: Self.tenant)
        let exampleId = try #require(voted.feedback?.exampleId)
        #expect(voted.feedback?.verdict == .up)
        let example = try #require(try await knowledge.examples(sourceId: source, tenant: Self.tenant).first)
        #expect(example.id == exampleId)
        #expect(example.origin == .upvote)
        #expect(example.historyId == entry.id)
        #expect(example.question == question && example.sql == answer.generation.sql)
        #expect(example.state == .queued)
        // Stored with the entry.
        #expect(try await Self.lastEntry(harness, source).feedback?.exampleId == exampleId)
        let job = try await Self.runQueuedJob(harness)
        #expect(job.exampleId == exampleId)
        #expect(try await harness.store.example(id: exampleId, sourceId: source)?.state == .trained)
    }

    @Test func aDownVoteWithSQLStoresTheCorrection() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let question = "How many orders were cancelled?"
        _ = try await Self.ask(harness, source, question)
        let entry = try await Self.lastEntry(harness, source)
        let corrected = "SELECT COUNT(*) FROM orders WHERE status IN ('cancelled', 'returned')"

        // A correction that fails stores nothing, not even the verdict.
        let failing = await #expect(throws: ServiceError.self) {
            try await knowledge.feedback(historyId: entry.id, verdict: .down, sql: "SELECT statuz FROM orders", sourceId: source, tenant: Self.tenant)
        }
        #expect(failing?.code == .databaseError)
        let refused = await #expect(throws: ServiceError.self) {
            try await knowledge.feedback(historyId: entry.id, verdict: .down, sql: "DELETE FROM orders", sourceId: source, tenant: Self.tenant)
        }
        #expect(refused?.code == .unsafeQuery)
        let blank = await #expect(throws: ServiceError.self) {
            try await knowledge.feedback(historyId: entry.id, verdict: .down, sql: "  ", sourceId: source, tenant: Self.tenant)
        }
        #expect(blank?.code == .badRequest)
        #expect(try await Self.lastEntry(harness, source).feedback == nil)
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).isEmpty)

        let voted = try await knowledge.feedback(historyId: entry.id, verdict: .down, sql: corrected, sourceId: source, tenant: Self.tenant)
        #expect(voted.feedback?.verdict == .down && voted.feedback?.sql == corrected)
        let example = try #require(try await knowledge.examples(sourceId: source, tenant: Self.tenant).first)
        #expect(voted.feedback?.exampleId == example.id)
        #expect(example.origin == .correction && example.historyId == entry.id)
        #expect(example.question == question && example.sql == corrected)
        // A correction is no bare down-vote: nothing is capped.
        #expect(try await harness.store.rejectedSQL(sourceId: source).isEmpty)

        // Trained, the correction answers the question.
        try await Self.runQueuedJob(harness)
        let answer = try await Self.ask(harness, source, question)
        #expect(answer.generation.sql == corrected)
        #expect(answer.generation.explanation.contains(example.id))
    }

    @Test func feedbackNeedsAnAnsweredQuestionOfTheTenant() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        // Hand-written SQL.
        _ = try await harness.pipeline.runSQL("SELECT COUNT(*) FROM orders", sourceId: source, tenant: Self.tenant)
        let statement = try await Self.lastEntry(harness, source)
        #expect(statement.question == nil)
        for verdict in [AnswerFeedback.Verdict.up, .down] {
            let error = await #expect(throws: ServiceError.self) {
                try await knowledge.feedback(historyId: statement.id, verdict: verdict, sql: nil, sourceId: source, tenant: Self.tenant)
            }
            #expect(error?.code == .unprocessable, "\(verdict)")
        }
        // An answer that failed (here: nothing could be generated) cannot be up-voted.
        _ = try await Self.ask(harness, source, "Zorblax quux frobnicate?")
        let failed = try await Self.lastEntry(harness, source)
        try #require(failed.question == "Zorblax quux frobnicate?" && !failed.success, "\(failed)")
        let upFailed = await #expect(throws: ServiceError.self) {
            try await knowledge.feedback(historyId: failed.id, verdict: .up, sql: nil, sourceId: source, tenant: Self.tenant)
        }
        #expect(upFailed?.code == .unprocessable)
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).isEmpty)
        // Unknown entries, and another tenant's, are not found.
        _ = try await Self.ask(harness, source, "How many orders were cancelled?")
        let answered = try await Self.lastEntry(harness, source)
        let unknown = await #expect(throws: ServiceError.self) {
            try await knowledge.feedback(historyId: answered.id + 100, verdict: .up, sql: nil, sourceId: source, tenant: Self.tenant)
        }
        #expect(unknown?.code == .notFound)
        let strangerSource = try await harness.registerSample(training: Self.tables, tenant: Self.stranger)
        let foreign = await #expect(throws: ServiceError.self) {
            try await knowledge.feedback(historyId: answered.id, verdict: .down, sql: nil, sourceId: strangerSource, tenant: Self.stranger)
        }
        #expect(foreign?.code == .notFound)
        let foreignSource = await #expect(throws: ServiceError.self) {
            try await knowledge.feedback(historyId: answered.id, verdict: .down, sql: nil, sourceId: source, tenant: Self.stranger)
        }
        #expect(foreignSource?.code == .notFound)
        #expect(try await Self.lastEntry(harness, source).feedback == nil)
        #expect(try await harness.store.rejectedSQL(sourceId: source).isEmpty)
    }

    // MARK: - Glossary

    @Test func anAggregateTermIsAMeasureTheAnswersUse() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let question = "What is the revenue?"
        let derived = try await Self.ask(harness, source, question)
        #expect(derived.generation.sql.contains("discount"), "without the term: the derived line value, \(derived.generation.sql)")

        let term = try await knowledge.addTerm(
            term: "Revenue",
            definition: "Sum of line totals, before discounts",
            sql: "SUM(order_items.quantity * order_items.unit_price)",
            sourceId: source,
            tenant: Self.tenant
        )
        #expect(term.term == "Revenue" && term.sql == "SUM(order_items.quantity * order_items.unit_price)" && term.sourceId == source)
        #expect(term.definition == "Sum of line totals, before discounts")
        #expect(try await knowledge.glossary(sourceId: source, tenant: Self.tenant).map(\.id) == [term.id])

        // A measure of the model the generators read, named by the term.
        let model = try #require(try await harness.contexts.semanticModel(sourceId: source, tenant: Self.tenant))
        let measure = try #require(model.measures.first { $0.name == "revenue" })
        #expect(measure.table == "order_items")
        #expect(measure.aggregation == .sum)
        #expect(Set(measure.expression.columns) == ["quantity", "unit_price"])
        #expect(measure.synonyms == ["Revenue"])

        // The question that names it is answered with it.
        let answer = try await Self.ask(harness, source, question)
        #expect(!answer.generation.sql.contains("discount"), "\(answer.generation.sql)")
        let expected = try await harness.direct("SELECT SUM(quantity * unit_price) FROM order_items", sourceId: source)
        #expect(Self.scalar(answer.result) == Self.scalar(expected), "\(answer.generation.sql)")

        // The same term in another case is a conflict; a column that does not exist, or a table
        // that is not trained, is refused.
        let duplicate = await #expect(throws: ServiceError.self) {
            try await knowledge.addTerm(term: " revenue ", definition: "again", sql: nil, sourceId: source, tenant: Self.tenant)
        }
        #expect(duplicate?.code == .conflict)
        let unknownColumn = await #expect(throws: ServiceError.self) {
            try await knowledge.addTerm(term: "margin", definition: "m", sql: "SUM(order_items.margin)", sourceId: source, tenant: Self.tenant)
        }
        #expect(unknownColumn?.code == .unprocessable)
        let untrained = await #expect(throws: ServiceError.self) {
            try await knowledge.addTerm(term: "takings", definition: "t", sql: "SUM(payments.amount)", sourceId: source, tenant: Self.tenant)
        }
        #expect(untrained?.code == .unprocessable)
        #expect(try await knowledge.glossary(sourceId: source, tenant: Self.tenant).map(\.term) == ["Revenue"])

        // Deleting the term removes the measure.
        try await knowledge.deleteTerm(id: term.id, sourceId: source, tenant: Self.tenant)
        #expect(try await harness.contexts.semanticModel(sourceId: source, tenant: Self.tenant)?.measures.contains { $0.name == "revenue" } != true)
        let missing = await #expect(throws: ServiceError.self) {
            try await knowledge.deleteTerm(id: term.id, sourceId: source, tenant: Self.tenant)
        }
        #expect(missing?.code == .notFound)
    }

    /// "total revenue" names the glossary's measure as much as "the revenue" does.
    @Test func aMeasureTermIsUsedWhenTheQuestionSaysTotal() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        _ = try await knowledge.addTerm(
            term: "revenue",
            definition: "Sum of line totals",
            sql: "SUM(order_items.quantity * order_items.unit_price)",
            sourceId: source,
            tenant: Self.tenant
        )
        let expected = try await harness.direct("SELECT SUM(quantity * unit_price) FROM order_items", sourceId: source)
        let answer = try await Self.ask(harness, source, "What is the total revenue?")
        #expect(Self.scalar(answer.result) == Self.scalar(expected), "\(answer.generation.sql)")
    }

    @Test func aConditionTermIsANamedFilterAppliedWhenTheQuestionUsesIt() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        _ = try await knowledge.addTerm(
            term: "business client",
            definition: "A small-business customer",
            sql: "customers.segment = 'Small Business'",
            sourceId: source,
            tenant: Self.tenant
        )
        let model = try #require(try await harness.contexts.semanticModel(sourceId: source, tenant: Self.tenant))
        #expect(
            model.filters == [
                SemanticModel.NamedFilter(term: "business client", table: "customers", condition: "customers.segment = 'Small Business'")
            ]
        )

        let answer = try await Self.ask(harness, source, "How many business clients are there?")
        #expect(answer.generation.sql.contains("customers.segment = 'Small Business'"), "\(answer.generation.sql)")
        #expect(answer.generation.explanation.contains("Applied the glossary's \"business client\""), "\(answer.generation.explanation)")
        let expected = try await harness.direct("SELECT COUNT(*) FROM customers WHERE segment = 'Small Business'", sourceId: source)
        #expect(Self.scalar(answer.result) == Self.scalar(expected))

        // With another condition of the question, both apply.
        let german = try await Self.ask(harness, source, "How many business clients live in Germany?")
        let both = try await harness.direct(
            "SELECT COUNT(*) FROM customers WHERE segment = 'Small Business' AND country = 'Germany'",
            sourceId: source
        )
        #expect(Self.scalar(german.result) == Self.scalar(both), "\(german.generation.sql)")

        // A question without the term gets no filter.
        let plain = try await Self.ask(harness, source, "How many customers are there?")
        #expect(!plain.generation.sql.contains("Small Business"))
        #expect(!plain.generation.explanation.contains("glossary"))
        let all = try await harness.direct("SELECT COUNT(*) FROM customers", sourceId: source)
        #expect(Self.scalar(plain.result) == Self.scalar(all))
        #expect(Self.scalar(all) != Self.scalar(expected))
    }

    /// The filter must hold for the whole of the answer's own condition, an `OR` included.
    @Test func aNamedFilterAppliesToEveryBranchOfAnOr() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        _ = try await knowledge.addTerm(
            term: "business client",
            definition: "A small-business customer",
            sql: "customers.segment = 'Small Business'",
            sourceId: source,
            tenant: Self.tenant
        )
        let answer = try await Self.ask(harness, source, "How many business clients live in Germany or France?")
        #expect(answer.generation.explanation.contains("Applied the glossary's \"business client\""))
        let expected = try await harness.direct(
            "SELECT COUNT(*) FROM customers WHERE segment = 'Small Business' AND country IN ('Germany', 'France')",
            sourceId: source
        )
        #expect(Self.scalar(answer.result) == Self.scalar(expected), "\(answer.generation.sql)")
    }

    /// A term written with capitals ("VIP customer") is the named filter, not also a value.
    @Test func aCapitalizedTermIsNotAlsoReadAsAValue() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        _ = try await knowledge.addTerm(
            term: "VIP customer",
            definition: "A corporate customer",
            sql: "customers.segment = 'Corporate'",
            sourceId: source,
            tenant: Self.tenant
        )
        let answer = try await Self.ask(harness, source, "How many VIP customers are there?")
        #expect(answer.generation.explanation.contains("Applied the glossary's \"VIP customer\""))
        let expected = try await harness.direct("SELECT COUNT(*) FROM customers WHERE segment = 'Corporate'", sourceId: source)
        #expect(Self.scalar(answer.result) == Self.scalar(expected), "\(answer.generation.sql)")
    }

    // MARK: - Export and import

    @Test func knowledgeExportsAndImportsIntoAnotherSource() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let taught = try await Self.teach(harness, knowledge, source, Self.germany, Self.germanySQL)
        _ = try await knowledge.addTerm(
            term: "revenue",
            definition: "Sum of line totals",
            sql: "SUM(order_items.quantity * order_items.unit_price)",
            sourceId: source,
            tenant: Self.tenant
        )
        _ = try await knowledge.addTerm(term: "churn", definition: "Customers who left", sql: nil, sourceId: source, tenant: Self.tenant)
        #expect(try await knowledge.setInstructions("Amounts are in EUR.", sourceId: source, tenant: Self.tenant) == "Amounts are in EUR.")

        let document = try await knowledge.export(sourceId: source, tenant: Self.tenant)
        #expect(
            document
                == SourceKnowledge(
                    examples: [.init(question: Self.germany, sql: Self.germanySQL)],
                    glossary: [
                        .init(term: "churn", definition: "Customers who left"),
                        .init(term: "revenue", definition: "Sum of line totals", sql: "SUM(order_items.quantity * order_items.unit_price)"),
                    ],
                    instructions: "Amounts are in EUR."
                )
        )
        // Through JSON, as the route carries it.
        let decoded = try JSONDecoder.querent.decode(SourceKnowledge.self, from: try JSONEncoder.querent.encode(document))
        #expect(decoded == document)

        // Imported into another source, it reads back the same; its examples are queued anew.
        let copy = try await harness.registerSample(training: Self.tables)
        let stored = try await knowledge.replace(with: decoded, sourceId: copy, tenant: Self.tenant)
        #expect(stored == document)
        #expect(try await knowledge.export(sourceId: copy, tenant: Self.tenant) == document)
        let copied = try #require(try await knowledge.examples(sourceId: copy, tenant: Self.tenant).first)
        #expect(copied.id != taught.id && copied.origin == .taught && copied.state == .queued)
        #expect(try await knowledge.instructions(sourceId: copy, tenant: Self.tenant) == "Amounts are in EUR.")
        let job = try await Self.runQueuedJob(harness)
        #expect(job.exampleId == copied.id && job.sourceId == copy)
        #expect(Set(try await Self.exampleVectors(harness)) == ["db_\(source)_example_\(taught.id)", "db_\(copy)_example_\(copied.id)"])

        // Importing over the first source replaces what it had: the old example's vector goes.
        let replacement = SourceKnowledge(examples: [.init(question: "How many orders are there?", sql: "SELECT COUNT(*) FROM orders")])
        let replaced = try await knowledge.replace(with: replacement, sourceId: source, tenant: Self.tenant)
        #expect(replaced == replacement)
        #expect(try await knowledge.glossary(sourceId: source, tenant: Self.tenant).isEmpty)
        #expect(try await knowledge.instructions(sourceId: source, tenant: Self.tenant) == "")
        #expect(!(try await Self.exampleVectors(harness)).contains("db_\(source)_example_\(taught.id)"))
        #expect(try await knowledge.export(sourceId: copy, tenant: Self.tenant) == document, "the copy is untouched")
    }

    @Test func anInvalidImportNamesTheEntryAndChangesNothing() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        _ = try await Self.teach(harness, knowledge, source, Self.germany, Self.germanySQL)
        _ = try await knowledge.addTerm(term: "churn", definition: "Customers who left", sql: nil, sourceId: source, tenant: Self.tenant)
        _ = try await knowledge.setInstructions("Amounts are in EUR.", sourceId: source, tenant: Self.tenant)
        let before = try await knowledge.export(sourceId: source, tenant: Self.tenant)
        let good = SourceKnowledge.Example(question: "How many orders are there?", sql: "SELECT COUNT(*) FROM orders")

        let cases: [(SourceKnowledge, ServiceError.Code, String)] = [
            (SourceKnowledge(examples: [good, .init(question: "Drop", sql: "DELETE FROM orders")]), .unsafeQuery, "examples[1]: "),
            (SourceKnowledge(examples: [.init(question: "Bad", sql: "SELECT statuz FROM orders"), good]), .databaseError, "examples[0]: "),
            (SourceKnowledge(examples: [good, .init(question: " ", sql: "SELECT 1")]), .badRequest, "examples[1]: "),
            (SourceKnowledge(glossary: [.init(term: "margin", definition: "m", sql: "SUM(orders.margin)")]), .unprocessable, "glossary[0]: "),
            (
                SourceKnowledge(glossary: [.init(term: "Revenue", definition: "a"), .init(term: "revenue", definition: "b")]), .unprocessable,
                "glossary[1]: "
            ),
            (SourceKnowledge(examples: [good], version: 2), .badRequest, "knowledge version must be 1"),
        ]
        for (document, code, prefix) in cases {
            let error = await #expect(throws: ServiceError.self) {
                try await knowledge.replace(with: document, sourceId: source, tenant: Self.tenant)
            }
            #expect(error?.code == code, "\(prefix)")
            #expect(error?.message.hasPrefix(prefix) == true, "\(String(describing: error?.message))")
        }
        #expect(try await knowledge.export(sourceId: source, tenant: Self.tenant) == before)
        #expect(try await harness.dependencies.queue.pendingCount() == 0, "nothing queued")
        #expect(try await Self.exampleVectors(harness).count == 1)
    }

    // MARK: - Tenants

    @Test func anotherTenantsExamplesNeverInfluenceAnAnswer() async throws {
        let (harness, knowledge, source, following) = try await Self.harness()
        defer { following.cancel() }
        let example = try await Self.teach(harness, knowledge, source, Self.germany, "SELECT COUNT(*) FROM customers WHERE country = 'Spain'")
        let mine = try await Self.ask(harness, source, Self.germany)
        #expect(mine.generation.explanation.contains(example.id), "the owner's answer comes from the example")

        // The same question on the stranger's own copy of the database: no example is used.
        let theirs = try await harness.registerSample(training: Self.tables, tenant: Self.stranger)
        let answer = try await Self.ask(harness, theirs, Self.germany, tenant: Self.stranger)
        #expect(!answer.generation.explanation.contains("taught example"), "\(answer.generation.explanation)")
        #expect(!answer.generation.sql.contains("Spain"), "\(answer.generation.sql)")
        #expect(try await Self.exampleVectors(harness, tenant: Self.stranger).isEmpty)

        // Nor can the stranger read, add to or delete the owner's examples.
        for attempt in [
            { _ = try await knowledge.examples(sourceId: source, tenant: Self.stranger) },
            { _ = try await knowledge.addExample(question: "q", sql: Self.germanySQL, sourceId: source, tenant: Self.stranger) },
            { try await knowledge.deleteExample(id: example.id, sourceId: source, tenant: Self.stranger) },
            { try await knowledge.deleteExample(id: example.id, sourceId: theirs, tenant: Self.stranger) },
            { _ = try await knowledge.export(sourceId: source, tenant: Self.stranger) },
        ] as [@Sendable () async throws -> Void] {
            let error = await #expect(throws: ServiceError.self) { try await attempt() }
            #expect(error?.code == .notFound)
        }
        #expect(try await knowledge.examples(sourceId: source, tenant: Self.tenant).map(\.id) == [example.id])
    }
}
