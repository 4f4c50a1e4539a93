import Foundation
import QuerentCore
import QuerentTeaching

/// What users teach a source: verified examples (trained like tables, on the training queue),
/// a glossary, instructions for the LLM, their export and import as one document, and feedback
/// on recorded answers. Every SQL it stores first passes the safety gate and runs once.
public struct KnowledgeService: Sendable {
    let registry: SourceRegistry
    let contexts: SchemaContextCache
    let queue: any JobQueue
    let events: any EventBus
    let vectors: any VectorStore
    let runner: SQLRunner

    /// Examples a source may hold.
    public static let maxExamples = 5_000
    /// Glossary terms a source may hold.
    public static let maxTerms = 1_000

    public init(
        registry: SourceRegistry,
        contexts: SchemaContextCache,
        queue: any JobQueue,
        events: any EventBus,
        vectors: any VectorStore,
        limits: QueryLimits = .standard
    ) {
        self.registry = registry
        self.contexts = contexts
        self.queue = queue
        self.events = events
        self.vectors = vectors
        self.runner = SQLRunner(limits: limits)
    }

    private var store: any MetadataStore { registry.store }

    // MARK: - Examples

    /// Checks `sql` through the gate, runs it once, stores the example and queues its training.
    /// - Throws: `.badRequest` for an empty or over-long question or SQL; `.unprocessable` for a
    ///   full source or one without trained tables; `.unsafeQuery` (422) when the gate refuses the SQL; `.databaseError` (422) when it fails
    ///   on the database; `.notFound` for an unknown source. Nothing is stored then.
    public func addExample(question: String, sql: String, sourceId: String, tenant: Tenant) async throws -> TaughtExample {
        let session = try await registry.open(sourceId, tenant: tenant)
        return try await addExample(question: question, sql: sql, origin: .taught, historyId: nil, session: session)
    }

    /// The source's examples, oldest first.
    public func examples(sourceId: String, tenant: Tenant) async throws -> [TaughtExample] {
        let session = try await registry.open(sourceId, tenant: tenant)
        return try await store.examples(sourceId: session.id)
    }

    /// Deletes an example and its vector.
    /// - Throws: `.notFound` for an unknown source or example.
    public func deleteExample(id: String, sourceId: String, tenant: Tenant) async throws {
        let session = try await registry.open(sourceId, tenant: tenant)
        guard try await store.deleteExample(id: id, sourceId: session.id) else {
            throw ServiceError(.notFound, "example '\(id)' does not exist")
        }
        try await vectors.deleteExample(sourceId: session.id, exampleId: id, tenant: tenant)
        try await changed(session, exampleId: id)
    }

    private func addExample(
        question: String,
        sql: String,
        origin: TaughtExample.Origin,
        historyId: Int64?,
        session: SourceSession
    ) async throws -> TaughtExample {
        let fits = question.unicodeScalars.count <= 2_000
        let question = question.trimmingSchemaWhitespace()
        let sql = sql.trimmingSchemaWhitespace()
        guard !question.isEmpty, fits, !question.contains("\0") else {
            throw ServiceError(.badRequest, "question must be 1 to 2,000 characters, without NUL")
        }
        guard !sql.isEmpty, sql.utf8.count <= 100_000, !sql.contains("\0") else {
            throw ServiceError(.badRequest, "sql must be 1 to 100,000 bytes, without NUL")
        }
        guard try await store.examples(sourceId: session.id).count < Self.maxExamples else {
            throw ServiceError(.unprocessable, "a source holds at most \(Self.maxExamples) examples; delete some first")
        }
        _ = try await verify(sql, session: session)
        let example = TaughtExample(
            sourceId: session.id,
            question: question,
            sql: sql,
            origin: origin,
            historyId: historyId,
            createdBy: session.tenant.userId
        )
        try await store.saveExample(example)
        try await queueTraining(example, session: session)
        return example
    }

    private func queueTraining(_ example: TaughtExample, session: SourceSession) async throws {
        let job = TrainingJob(sourceId: session.id, tableName: "", tenant: session.tenant, trainingType: .example, exampleId: example.id)
        try await queue.enqueue(job)
        try await events.publish(
            QuerentEvent(
                channel: .trainingProgress,
                jobId: job.jobId,
                sourceId: session.id,
                tableName: "",
                tenant: session.tenant,
                state: .queued,
                stage: .queued,
                progress: 0,
                attempt: 0,
                exampleId: example.id
            )
        )
    }

    /// The gate's and the database's verdict on `sql` over the trained tables.
    private func verify(_ sql: String, session: SourceSession) async throws -> QueryExecutionResult {
        let allowed = Set(try await contexts.trainedSchemas(sourceId: session.id, tenant: session.tenant).map(\.tableName))
        guard !allowed.isEmpty else { throw ServiceError(.unprocessable, "the source has no trained tables yet; train some first") }
        return try await runner.verify(sql, allowed: allowed, session: session)
    }

    // MARK: - Glossary and instructions

    /// Stores a glossary term after reading its SQL against the trained tables and running it once.
    /// - Throws: `.badRequest` for empty or over-long fields; `.unprocessable` for SQL that is
    ///   none of an aggregate, a condition, a table or a column of one trained table, or a full
    ///   glossary; `.conflict`
    ///   for a term the source already has; `.unsafeQuery` / `.databaseError` (422) when the
    ///   gate refuses or the database fails the SQL.
    public func addTerm(term: String, definition: String, sql: String?, sourceId: String, tenant: Tenant) async throws -> GlossaryTerm {
        let session = try await registry.open(sourceId, tenant: tenant)
        let checked = try await check(SourceKnowledge.Term(term: term, definition: definition, sql: sql), session: session)
        guard try await store.glossary(sourceId: session.id).count < Self.maxTerms else {
            throw ServiceError(.unprocessable, "a source holds at most \(Self.maxTerms) glossary terms")
        }
        try await store.saveGlossaryTerm(checked)
        try await changed(session)
        return checked
    }

    /// The source's glossary, by term.
    public func glossary(sourceId: String, tenant: Tenant) async throws -> [GlossaryTerm] {
        let session = try await registry.open(sourceId, tenant: tenant)
        return try await store.glossary(sourceId: session.id)
    }

    /// Deletes a glossary term. - Throws: `.notFound` for an unknown source or term.
    public func deleteTerm(id: String, sourceId: String, tenant: Tenant) async throws {
        let session = try await registry.open(sourceId, tenant: tenant)
        guard try await store.deleteGlossaryTerm(id: id, sourceId: session.id) else {
            throw ServiceError(.notFound, "glossary term '\(id)' does not exist")
        }
        try await changed(session)
    }

    /// The source's instructions for the LLM (empty when none).
    public func instructions(sourceId: String, tenant: Tenant) async throws -> String {
        let session = try await registry.open(sourceId, tenant: tenant)
        return try await store.instructions(sourceId: session.id) ?? ""
    }

    /// Replaces the source's instructions; empty text clears them.
    /// - Throws: `.badRequest` beyond 10,000 characters.
    public func setInstructions(_ text: String, sourceId: String, tenant: Tenant) async throws -> String {
        guard text.count <= 10_000, !text.contains("\0") else {
            throw ServiceError(.badRequest, "instructions must be at most 10,000 characters, without NUL")
        }
        let session = try await registry.open(sourceId, tenant: tenant)
        try await store.setInstructions(text, sourceId: session.id)
        try await changed(session)
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : text
    }

    /// A checked glossary term of `session`'s source.
    private func check(_ term: SourceKnowledge.Term, session: SourceSession) async throws -> GlossaryTerm {
        let name = term.term.trimmingSchemaWhitespace()
        let definition = term.definition.trimmingSchemaWhitespace()
        guard !name.isEmpty, term.term.unicodeScalars.count <= 100, !name.contains("\0") else {
            throw ServiceError(.badRequest, "term must be 1 to 100 characters, without NUL")
        }
        guard !definition.isEmpty, term.definition.unicodeScalars.count <= 2_000, !definition.contains("\0") else {
            throw ServiceError(.badRequest, "definition must be 1 to 2,000 characters, without NUL")
        }
        let sql = term.sql?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let sql, !sql.isEmpty {
            let trained = try await contexts.trainedSchemas(sourceId: session.id, tenant: session.tenant).map(\.schema)
            let meaning = try GlossaryMeaning.read(sql, tables: trained)
            _ = try await verify(meaning.probe(sql: sql), session: session)
        }
        return GlossaryTerm(sourceId: session.id, term: name, definition: definition, sql: (sql?.isEmpty ?? true) ? nil : sql)
    }

    // MARK: - Export and import

    /// The source's examples, glossary and instructions as one document.
    public func export(sourceId: String, tenant: Tenant) async throws -> SourceKnowledge {
        let session = try await registry.open(sourceId, tenant: tenant)
        return SourceKnowledge(
            examples: try await store.examples(sourceId: session.id).map { SourceKnowledge.Example(question: $0.question, sql: $0.sql) },
            glossary: try await store.glossary(sourceId: session.id).map {
                SourceKnowledge.Term(term: $0.term, definition: $0.definition, sql: $0.sql)
            },
            instructions: try await store.instructions(sourceId: session.id)
        )
    }

    /// Replaces everything the source was taught with `document`: every example and term is
    /// checked (and its SQL run once) before anything changes; then the old examples and their
    /// vectors go and the new examples are queued for training.
    /// - Throws: `.badRequest` for another version, too many entries or an invalid entry (named by
    ///   its position); `.unprocessable` for a term given twice or glossary SQL that does not fit
    ///   the trained tables; `.unsafeQuery` / `.databaseError` (422) likewise. Nothing changes then.
    public func replace(with document: SourceKnowledge, sourceId: String, tenant: Tenant) async throws -> SourceKnowledge {
        guard document.version == 1 else { throw ServiceError(.badRequest, "knowledge version must be 1") }
        guard document.examples.count <= Self.maxExamples, document.glossary.count <= Self.maxTerms else {
            throw ServiceError(.badRequest, "at most \(Self.maxExamples) examples and \(Self.maxTerms) glossary terms")
        }
        guard (document.instructions ?? "").count <= 10_000, !(document.instructions ?? "").contains("\0") else {
            throw ServiceError(.badRequest, "instructions must be at most 10,000 characters, without NUL")
        }
        let session = try await registry.open(sourceId, tenant: tenant)
        var examples: [TaughtExample] = []
        // one millisecond apart, so the examples keep the document's order (they list by creation time)
        let imported = Date()
        for (index, entry) in document.examples.enumerated() {
            let question = entry.question.trimmingSchemaWhitespace()
            guard !question.isEmpty, entry.question.unicodeScalars.count <= 2_000, !entry.sql.isEmpty, entry.sql.utf8.count <= 100_000,
                !question.contains("\0"), !entry.sql.contains("\0")
            else {
                throw ServiceError(.badRequest, "examples[\(index)]: question must be 1 to 2,000 characters and sql 1 to 100,000 bytes, without NUL")
            }
            do {
                _ = try await verify(entry.sql, session: session)
            } catch var error as ServiceError {
                error.message = "examples[\(index)]: " + error.message
                throw error
            }
            examples.append(
                TaughtExample(
                    sourceId: session.id,
                    question: question,
                    sql: entry.sql,
                    createdBy: tenant.userId,
                    createdAt: imported.addingTimeInterval(Double(index) / 1_000)
                )
            )
        }
        var terms: [GlossaryTerm] = []
        var keys = Set<String>()
        for (index, entry) in document.glossary.enumerated() {
            do {
                let term = try await check(entry, session: session)
                guard keys.insert(GlossaryTerm.key(term.term)).inserted else {
                    throw ServiceError(.unprocessable, "the term '\(term.term)' appears twice")
                }
                terms.append(term)
            } catch var error as ServiceError {
                error.message = "glossary[\(index)]: " + error.message
                throw error
            }
        }
        let removed = try await store.replaceKnowledge(sourceId: session.id, examples: examples, glossary: terms, instructions: document.instructions)
        for id in removed { try await vectors.deleteExample(sourceId: session.id, exampleId: id, tenant: tenant) }
        for example in examples { try await queueTraining(example, session: session) }
        try await changed(session)
        return try await export(sourceId: sourceId, tenant: tenant)
    }

    // MARK: - Feedback

    /// Records a verdict on a recorded answer: an up-vote stores the answer as a verified
    /// example; a down-vote with `sql` stores that SQL (checked and run) as the example for the
    /// question; a bare down-vote marks the answer wrong for that question, which lowers the
    /// confidence of the same SQL for it from then on.
    /// - Returns: the entry with its feedback.
    /// - Throws: `.notFound` for an unknown source or entry (or another tenant's);
    ///   `.unprocessable` for feedback on hand-written SQL or an up-vote of an answer that
    ///   failed; `.badRequest` for a down-vote's SQL that is empty; the example's errors (422) for a correction.
    public func feedback(
        historyId: Int64,
        verdict: AnswerFeedback.Verdict,
        sql: String?,
        sourceId: String,
        tenant: Tenant
    ) async throws -> QueryHistoryEntry {
        let session = try await registry.open(sourceId, tenant: tenant)
        guard var entry = try await store.historyEntry(id: historyId, sourceId: session.id, tenant: tenant) else {
            throw ServiceError(.notFound, "history entry \(historyId) does not exist")
        }
        guard let question = entry.question else {
            throw ServiceError(.unprocessable, "feedback applies to answers to questions, not to hand-written SQL")
        }
        var feedback = AnswerFeedback(verdict: verdict)
        switch verdict {
        case .up:
            guard entry.success, !entry.sql.isEmpty else {
                throw ServiceError(.unprocessable, "only an answer that ran can be up-voted; correct it with a down-vote and sql")
            }
            feedback.exampleId = try await addExample(question: question, sql: entry.sql, origin: .upvote, historyId: historyId, session: session).id
        case .down:
            if let sql {
                guard !sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ServiceError(.badRequest, "sql must not be empty") }
                feedback.sql = sql
                feedback.exampleId = try await addExample(question: question, sql: sql, origin: .correction, historyId: historyId, session: session)
                    .id
            }
        }
        guard try await store.setFeedback(feedback, historyId: historyId, sourceId: session.id, tenant: tenant) else {
            throw ServiceError(.notFound, "history entry \(historyId) does not exist")
        }
        try await changed(session)
        entry.feedback = feedback
        return entry
    }

    /// Tells every query process (and this one) the source's teaching changed.
    private func changed(_ session: SourceSession, exampleId: String? = nil) async throws {
        await contexts.invalidate(sourceId: session.id, tenant: session.tenant)
        try await events.publish(
            QuerentEvent(channel: .knowledgeChanged, sourceId: session.id, tableName: "", tenant: session.tenant, exampleId: exampleId)
        )
    }
}
