import Foundation
import QuerentCore
import QuerentExpectations
import QuerentPostgres
import QuerentSQLStore
import QuerentSQLite
import QuerentTesting
import Testing

/// The teaching part of the metadata store contract (migration 5): examples, glossary,
/// instructions, the knowledge import, and feedback on history entries, on SQLite and (when the
/// test Postgres is configured) Postgres.
@Suite struct TeachingStoreTests {
    let alice = Tenant(userId: "alice", agentId: "agent-1")
    let aliceOtherAgent = Tenant(userId: "alice", agentId: "agent-2")
    let bob = Tenant(userId: "bob", agentId: "agent-1")

    func source(_ name: String, _ tenant: Tenant, offset: TimeInterval = 0) -> DatabaseSource {
        DatabaseSource(
            id: UUID().uuidString.lowercased(),
            name: name,
            dialect: .postgres,
            connectionSummary: "postgres://app@db.internal:5432/\(name)",
            userId: tenant.userId,
            agentId: tenant.agentId,
            createdAt: Date(timeIntervalSince1970: 1_700_000_000 + offset)
        )
    }

    /// A created source of `tenant`.
    func created(_ store: SQLMetadataStore, _ name: String, _ tenant: Tenant, offset: TimeInterval = 0) async throws -> DatabaseSource {
        let stored = source(name, tenant, offset: offset)
        try await store.createSource(stored, sealedConnection: "sealed")
        return stored
    }

    func example(
        _ sourceId: String,
        _ question: String,
        sql: String = "SELECT count(*) FROM orders",
        origin: TaughtExample.Origin = .taught,
        historyId: Int64? = nil,
        at offset: TimeInterval = 0
    ) -> TaughtExample {
        TaughtExample(
            sourceId: sourceId,
            question: question,
            sql: sql,
            origin: origin,
            historyId: historyId,
            createdBy: "alice",
            createdAt: Date(timeIntervalSince1970: 1_750_000_000.5 + offset)
        )
    }

    func answer(_ sourceId: String, _ tenant: Tenant, question: String?, sql: String) -> QueryHistoryEntry {
        QueryHistoryEntry(
            sourceId: sourceId,
            userId: tenant.userId,
            agentId: tenant.agentId,
            question: question,
            sql: sql,
            success: true,
            rowCount: 1,
            executionTimeMs: 0.5,
            error: nil,
            generator: question == nil ? "sql" : "builtin",
            confidence: question == nil ? nil : 0.8
        )
    }

    func count(_ store: SQLMetadataStore, _ table: String, sourceId: String) async throws -> Int64? {
        try await store.client.query("SELECT count(*) AS n FROM \(table) WHERE source_id = $1", [.text(sourceId)]).first?.int("n")
    }

    // MARK: - Examples

    @Test(arguments: MetadataBackend.enabled)
    func examplesAreSavedListedOldestFirstAndDeleted(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let other = try await created(store, "other", alice, offset: 1)
            let newer = example(shop.id, "Revenue per country?", sql: "SELECT country, sum(total) FROM orders GROUP BY country", at: 10)
            let older = example(shop.id, "How many orders were cancelled?", origin: .correction, historyId: 42, at: 1)
            try await store.saveExample(newer)
            try await store.saveExample(older)
            try await store.saveExample(example(other.id, "Elsewhere"))

            let listed = try await store.examples(sourceId: shop.id)
            #expect(listed.map(\.id) == [older.id, newer.id])
            let read = try #require(try await store.example(id: older.id, sourceId: shop.id))
            #expect(read.sourceId == shop.id)
            #expect(read.question == "How many orders were cancelled?")
            #expect(read.sql == "SELECT count(*) FROM orders")
            #expect(read.origin == .correction)
            #expect(read.historyId == 42)
            #expect(read.state == .queued)
            #expect(read.error == nil)
            #expect(read.createdBy == "alice")
            #expect(abs(read.createdAt.timeIntervalSince(older.createdAt)) < 0.001)
            #expect(try await store.example(id: newer.id, sourceId: shop.id)?.historyId == nil)
            // Scoped to its source.
            #expect(try await store.example(id: older.id, sourceId: other.id) == nil)
            #expect(try await store.examples(sourceId: other.id).map(\.question) == ["Elsewhere"])
            #expect(try await store.examples(sourceId: "no-such-source").isEmpty)

            // Training state, with the error of a failure; another source's id changes nothing.
            try await store.setExampleState(id: older.id, sourceId: shop.id, state: .trained, error: nil)
            #expect(try await store.example(id: older.id, sourceId: shop.id)?.state == .trained)
            try await store.setExampleState(id: newer.id, sourceId: shop.id, state: .failed, error: "table 'orders' is not trained")
            let failed = try #require(try await store.example(id: newer.id, sourceId: shop.id))
            #expect(failed.state == .failed && failed.error == "table 'orders' is not trained")
            try await store.setExampleState(id: older.id, sourceId: other.id, state: .failed, error: "x")
            #expect(try await store.example(id: older.id, sourceId: shop.id)?.state == .trained)
            // A gone example is ignored.
            try await store.setExampleState(id: "gone", sourceId: shop.id, state: .trained, error: nil)

            // Saving the same id again replaces it (one row).
            var edited = older
            edited.question = "How many orders were canceled?"
            edited.state = .queued
            try await store.saveExample(edited)
            #expect(try await count(store, "taught_examples", sourceId: shop.id) == 2)
            #expect(try await store.example(id: older.id, sourceId: shop.id)?.question == "How many orders were canceled?")
            #expect(try await store.example(id: older.id, sourceId: shop.id)?.state == .queued)

            // Deleting: only within the source, once.
            #expect(try await store.deleteExample(id: older.id, sourceId: other.id) == false)
            #expect(try await store.deleteExample(id: older.id, sourceId: shop.id))
            #expect(try await store.deleteExample(id: older.id, sourceId: shop.id) == false)
            #expect(try await store.example(id: older.id, sourceId: shop.id) == nil)
            #expect(try await store.examples(sourceId: shop.id).map(\.id) == [newer.id])
            #expect(try await store.examples(sourceId: other.id).count == 1)
        }
    }

    // MARK: - Glossary

    @Test(arguments: MetadataBackend.enabled)
    func glossaryTermsAreUniquePerSourceIgnoringCase(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let other = try await created(store, "other", alice, offset: 1)
            let revenue = GlossaryTerm(sourceId: shop.id, term: "Revenue", definition: "Sum of order totals", sql: "SUM(orders.total)")
            let active = GlossaryTerm(sourceId: shop.id, term: "active customer", definition: "Bought this year")
            try await store.saveGlossaryTerm(revenue)
            try await store.saveGlossaryTerm(active)

            let listed = try await store.glossary(sourceId: shop.id)
            #expect(listed.map(\.term) == ["active customer", "Revenue"], "by term, ignoring case")
            let stored = try #require(listed.last)
            #expect(stored.id == revenue.id && stored.sourceId == shop.id)
            #expect(stored.definition == "Sum of order totals" && stored.sql == "SUM(orders.total)")
            #expect(abs(stored.createdAt.timeIntervalSince(revenue.createdAt)) < 0.001)
            #expect(listed.first?.sql == nil)

            // The same term in another case or spacing is a conflict, and nothing is written.
            for spelling in ["revenue", "REVENUE", "  Revenue ", "Active   Customer"] {
                let duplicate = GlossaryTerm(sourceId: shop.id, term: spelling, definition: "again")
                let error = await serviceError { try await store.saveGlossaryTerm(duplicate) }
                #expect(error?.code == .conflict, "\(spelling)")
            }
            #expect(try await store.glossary(sourceId: shop.id).map(\.id) == [active.id, revenue.id])
            // Another source may define it.
            try await store.saveGlossaryTerm(GlossaryTerm(sourceId: other.id, term: "revenue", definition: "theirs"))
            #expect(try await store.glossary(sourceId: other.id).map(\.definition) == ["theirs"])

            // Deleting: only within the source, once; the term may then be defined again.
            #expect(try await store.deleteGlossaryTerm(id: revenue.id, sourceId: other.id) == false)
            #expect(try await store.deleteGlossaryTerm(id: revenue.id, sourceId: shop.id))
            #expect(try await store.deleteGlossaryTerm(id: revenue.id, sourceId: shop.id) == false)
            #expect(try await store.glossary(sourceId: shop.id).map(\.term) == ["active customer"])
            try await store.saveGlossaryTerm(GlossaryTerm(sourceId: shop.id, term: "REVENUE", definition: "new"))
            #expect(try await store.glossary(sourceId: shop.id).map(\.term) == ["active customer", "REVENUE"])
            #expect(try await store.glossary(sourceId: other.id).count == 1)
        }
    }

    // MARK: - Instructions

    @Test(arguments: MetadataBackend.enabled)
    func instructionsAreSetReplacedAndCleared(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let other = try await created(store, "other", alice, offset: 1)
            #expect(try await store.instructions(sourceId: shop.id) == nil)
            try await store.setInstructions("Amounts are in EUR.\nWeeks start on Monday.", sourceId: shop.id)
            #expect(try await store.instructions(sourceId: shop.id) == "Amounts are in EUR.\nWeeks start on Monday.")
            try await store.setInstructions("Amounts are in USD.", sourceId: shop.id)
            #expect(try await store.instructions(sourceId: shop.id) == "Amounts are in USD.")
            #expect(try await count(store, "source_instructions", sourceId: shop.id) == 1)
            #expect(try await store.instructions(sourceId: other.id) == nil)

            // Blank text clears them, and so does nil.
            try await store.setInstructions("  \n ", sourceId: shop.id)
            #expect(try await store.instructions(sourceId: shop.id) == nil)
            #expect(try await count(store, "source_instructions", sourceId: shop.id) == 0)
            try await store.setInstructions("Again.", sourceId: shop.id)
            try await store.setInstructions(nil, sourceId: shop.id)
            #expect(try await store.instructions(sourceId: shop.id) == nil)
        }
    }

    // MARK: - Knowledge import

    @Test(arguments: MetadataBackend.enabled)
    func replaceKnowledgeReplacesEverythingAndReturnsTheRemovedExamples(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let other = try await created(store, "other", alice, offset: 1)
            let old = [example(shop.id, "Old one", at: 1), example(shop.id, "Old two", at: 2)]
            for stored in old { try await store.saveExample(stored) }
            try await store.saveGlossaryTerm(GlossaryTerm(sourceId: shop.id, term: "revenue", definition: "old"))
            try await store.setInstructions("Old instructions.", sourceId: shop.id)
            let kept = example(other.id, "Other source")
            try await store.saveExample(kept)
            try await store.saveGlossaryTerm(GlossaryTerm(sourceId: other.id, term: "revenue", definition: "other"))
            try await store.setInstructions("Other instructions.", sourceId: other.id)

            let new = example(shop.id, "New one", at: 3)
            let terms = [
                GlossaryTerm(sourceId: shop.id, term: "Revenue", definition: "new"),
                GlossaryTerm(sourceId: shop.id, term: "churn", definition: "left"),
            ]
            let removed = try await store.replaceKnowledge(sourceId: shop.id, examples: [new], glossary: terms, instructions: "New instructions.")
            #expect(Set(removed) == Set(old.map(\.id)))
            #expect(removed.count == 2)
            #expect(try await store.examples(sourceId: shop.id).map(\.id) == [new.id])
            #expect(try await store.glossary(sourceId: shop.id).map(\.term) == ["churn", "Revenue"])
            #expect(try await store.glossary(sourceId: shop.id).map(\.definition) == ["left", "new"])
            #expect(try await store.instructions(sourceId: shop.id) == "New instructions.")
            // The other source is untouched.
            #expect(try await store.examples(sourceId: other.id).map(\.id) == [kept.id])
            #expect(try await store.glossary(sourceId: other.id).map(\.definition) == ["other"])
            #expect(try await store.instructions(sourceId: other.id) == "Other instructions.")

            // An empty document clears everything.
            #expect(try await store.replaceKnowledge(sourceId: shop.id, examples: [], glossary: [], instructions: nil) == [new.id])
            #expect(try await store.examples(sourceId: shop.id).isEmpty)
            #expect(try await store.glossary(sourceId: shop.id).isEmpty)
            #expect(try await store.instructions(sourceId: shop.id) == nil)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func aFailingReplaceChangesNothing(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let old = example(shop.id, "Old one")
            try await store.saveExample(old)
            let term = GlossaryTerm(sourceId: shop.id, term: "revenue", definition: "old")
            try await store.saveGlossaryTerm(term)
            try await store.setInstructions("Old instructions.", sourceId: shop.id)

            // The second term repeats the first (ignoring case): the insert fails after the
            // deletes and the new example were written, and all of it is rolled back.
            let error = await serviceError {
                try await store.replaceKnowledge(
                    sourceId: shop.id,
                    examples: [example(shop.id, "New one")],
                    glossary: [
                        GlossaryTerm(sourceId: shop.id, term: "margin", definition: "a"),
                        GlossaryTerm(sourceId: shop.id, term: "MARGIN", definition: "b"),
                    ],
                    instructions: "New instructions."
                )
            }
            #expect(error?.code == .conflict)
            #expect(try await store.examples(sourceId: shop.id).map(\.id) == [old.id])
            #expect(try await store.glossary(sourceId: shop.id).map(\.id) == [term.id])
            #expect(try await store.instructions(sourceId: shop.id) == "Old instructions.")
        }
    }

    // MARK: - Feedback

    @Test(arguments: MetadataBackend.enabled)
    func aBareDownVoteMarksTheSQLWrongUntilAnotherVerdict(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let other = try await created(store, "other", alice, offset: 1)
            let cancelled = try await store.appendHistory(
                answer(shop.id, alice, question: "How many orders were Cancelled?", sql: "SELECT count(*) FROM orders")
            )
            let shipped = try await store.appendHistory(
                answer(shop.id, alice, question: "How many orders shipped?", sql: "SELECT count(*) FROM orders WHERE status = 'shipped'")
            )
            let elsewhere = try await store.appendHistory(answer(other.id, alice, question: "How many orders?", sql: "SELECT 1"))
            #expect(try await store.historyEntry(id: cancelled.id, sourceId: shop.id, tenant: alice)?.feedback == nil)
            #expect(try await store.rejectedSQL(sourceId: shop.id).isEmpty)

            // A bare down-vote: the answer's SQL is wrong for the (normalized) question.
            let down = AnswerFeedback(verdict: .down, at: Date(timeIntervalSince1970: 1_760_000_000))
            #expect(try await store.setFeedback(down, historyId: cancelled.id, sourceId: shop.id, tenant: alice))
            let marked = try #require(try await store.historyEntry(id: cancelled.id, sourceId: shop.id, tenant: alice))
            #expect(marked.feedback?.verdict == .down)
            #expect(marked.feedback?.sql == nil && marked.feedback?.exampleId == nil)
            #expect(abs((marked.feedback?.at ?? .distantPast).timeIntervalSince(down.at)) < 0.001)
            #expect(marked.question == "How many orders were Cancelled?" && marked.sql == "SELECT count(*) FROM orders")
            var rejected = try await store.rejectedSQL(sourceId: shop.id)
            #expect(rejected.map(\.question) == ["how many orders were cancelled"])
            #expect(rejected.map(\.sql) == ["SELECT count(*) FROM orders"])
            #expect(try await store.rejectedSQL(sourceId: other.id).isEmpty)

            // A down-vote with a correction marks nothing.
            let correction = AnswerFeedback(verdict: .down, sql: "SELECT count(*) FROM orders WHERE status = 'shipped'", exampleId: "e1")
            #expect(try await store.setFeedback(correction, historyId: shipped.id, sourceId: shop.id, tenant: alice))
            #expect(try await store.historyEntry(id: shipped.id, sourceId: shop.id, tenant: alice)?.feedback?.exampleId == "e1")
            rejected = try await store.rejectedSQL(sourceId: shop.id)
            #expect(rejected.map(\.sql) == ["SELECT count(*) FROM orders"])

            // An up-vote afterwards replaces the verdict and clears the mark.
            let up = AnswerFeedback(verdict: .up, exampleId: "e2")
            #expect(try await store.setFeedback(up, historyId: cancelled.id, sourceId: shop.id, tenant: alice))
            let cleared = try #require(try await store.historyEntry(id: cancelled.id, sourceId: shop.id, tenant: alice))
            #expect(cleared.feedback?.verdict == .up && cleared.feedback?.exampleId == "e2")
            #expect(try await store.rejectedSQL(sourceId: shop.id).isEmpty)

            // The history lists the entries with their feedback.
            let history = try await store.history(sourceId: shop.id, tenant: alice, before: nil, limit: 10)
            #expect(history.map(\.id) == [shipped.id, cancelled.id])
            #expect(history.map(\.feedback?.verdict) == [.down, .up])
            #expect(try await store.historyEntry(id: elsewhere.id, sourceId: shop.id, tenant: alice) == nil, "another source's entry")
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func feedbackOnHandWrittenSQLMarksNoQuestion(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let statement = try await store.appendHistory(answer(shop.id, alice, question: nil, sql: "SELECT 1"))
            #expect(try await store.setFeedback(AnswerFeedback(verdict: .down), historyId: statement.id, sourceId: shop.id, tenant: alice))
            #expect(try await store.historyEntry(id: statement.id, sourceId: shop.id, tenant: alice)?.feedback?.verdict == .down)
            #expect(try await store.rejectedSQL(sourceId: shop.id).isEmpty)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func historyFeedbackIsScopedToTheTenant(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let entry = try await store.appendHistory(answer(shop.id, alice, question: "How many orders?", sql: "SELECT count(*) FROM orders"))
            let down = AnswerFeedback(verdict: .down)

            // Another user, or the same user through another agent, sees no such entry.
            for stranger in [bob, aliceOtherAgent] {
                #expect(try await store.historyEntry(id: entry.id, sourceId: shop.id, tenant: stranger) == nil)
                #expect(try await store.setFeedback(down, historyId: entry.id, sourceId: shop.id, tenant: stranger) == false)
            }
            // Nor does another source id, or an unknown entry.
            #expect(try await store.setFeedback(down, historyId: entry.id, sourceId: "other-source", tenant: alice) == false)
            #expect(try await store.setFeedback(down, historyId: entry.id + 1_000, sourceId: shop.id, tenant: alice) == false)
            #expect(try await store.historyEntry(id: entry.id + 1_000, sourceId: shop.id, tenant: alice) == nil)
            #expect(try await store.historyEntry(id: entry.id, sourceId: shop.id, tenant: alice)?.feedback == nil)
            #expect(try await store.rejectedSQL(sourceId: shop.id).isEmpty)

            // The owner can.
            #expect(try await store.setFeedback(down, historyId: entry.id, sourceId: shop.id, tenant: alice))
            #expect(try await store.rejectedSQL(sourceId: shop.id).count == 1)
        }
    }

    /// `historyEntry(id:)` reads the page before `id + 1`: the largest id a client can send
    /// (`Int64.max`, which the feedback route accepts) must read as "no entry", not trap.
    @Test func theLargestHistoryIdIsNoEntry() async {
        await #expect(processExitsWith: .success) {
            let directory = try TemporaryDirectory(prefix: "metadata")
            let store = SQLMetadataStore(client: SQLiteClient(path: directory.path("metadata.sqlite")))
            try await store.migrate()
            let tenant = Tenant(userId: "alice", agentId: "agent-1")
            let shop = DatabaseSource(
                id: UUID().uuidString.lowercased(),
                name: "shop",
                dialect: .sqlite,
                connectionSummary: "shop.sqlite",
                userId: tenant.userId,
                agentId: tenant.agentId,
                createdAt: Date()
            )
            try await store.createSource(shop, sealedConnection: "sealed")
            let entry = try await store.historyEntry(id: Int64.max, sourceId: shop.id, tenant: tenant)
            await store.client.close()
            guard entry == nil else { throw ServiceError(.internalError, "an entry for Int64.max") }
        }
    }

    // MARK: - Deleting the source

    @Test(arguments: MetadataBackend.enabled)
    func deletingASourceRemovesWhatItWasTaught(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = try await created(store, "shop", alice)
            let keep = try await created(store, "keep", alice, offset: 1)
            for stored in [shop, keep] {
                try await store.saveExample(example(stored.id, "How many orders?"))
                try await store.saveGlossaryTerm(GlossaryTerm(sourceId: stored.id, term: "revenue", definition: "d"))
                try await store.setInstructions("Amounts in EUR.", sourceId: stored.id)
                let entry = try await store.appendHistory(answer(stored.id, alice, question: "How many orders?", sql: "SELECT 2"))
                _ = try await store.setFeedback(AnswerFeedback(verdict: .down), historyId: entry.id, sourceId: stored.id, tenant: alice)
            }

            // Another tenant cannot delete it.
            #expect(try await store.deleteSource(id: shop.id, tenant: bob) == false)
            #expect(try await store.examples(sourceId: shop.id).count == 1)

            #expect(try await store.deleteSource(id: shop.id, tenant: alice))
            #expect(try await store.examples(sourceId: shop.id).isEmpty)
            #expect(try await store.glossary(sourceId: shop.id).isEmpty)
            #expect(try await store.instructions(sourceId: shop.id) == nil)
            #expect(try await store.rejectedSQL(sourceId: shop.id).isEmpty)
            for table in ["taught_examples", "glossary_terms", "source_instructions", "query_history"] {
                #expect(try await count(store, table, sourceId: shop.id) == 0, "\(table)")
            }
            // The other source keeps everything.
            #expect(try await store.examples(sourceId: keep.id).count == 1)
            #expect(try await store.glossary(sourceId: keep.id).count == 1)
            #expect(try await store.instructions(sourceId: keep.id) == "Amounts in EUR.")
            #expect(try await store.rejectedSQL(sourceId: keep.id).count == 1)
        }
    }
}
