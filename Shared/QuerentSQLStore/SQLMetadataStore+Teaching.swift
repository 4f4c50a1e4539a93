import Foundation
import QuerentCore

extension SQLMetadataStore {
    private var exampleColumns: String {
        "id, source_id, question, sql_text, origin, history_id, state, error, created_by, \(timestamp("created_at"))"
    }

    public func saveExample(_ example: TaughtExample) async throws {
        try await client.transaction { session in
            try Self.insert(example, session: session)
        }
    }

    public func examples(sourceId: String) async throws -> [TaughtExample] {
        try await client.query(
            "SELECT \(exampleColumns) FROM taught_examples WHERE source_id = $1 ORDER BY created_at, id",
            [.text(sourceId)]
        ).compactMap(Self.decodeExample)
    }

    public func example(id: String, sourceId: String) async throws -> TaughtExample? {
        try await client.query(
            "SELECT \(exampleColumns) FROM taught_examples WHERE id = $1 AND source_id = $2",
            [.text(id), .text(sourceId)]
        ).first.flatMap(Self.decodeExample)
    }

    public func setExampleState(id: String, sourceId: String, state: TaughtExample.State, error: String?) async throws {
        try await client.query(
            "UPDATE taught_examples SET state = $1, error = $2 WHERE id = $3 AND source_id = $4",
            [.text(state.rawValue), error.map(SQLBind.text) ?? .null, .text(id), .text(sourceId)]
        )
    }

    public func deleteExample(id: String, sourceId: String) async throws -> Bool {
        try await client.transaction { session in
            let found = try session.query("SELECT id FROM taught_examples WHERE id = $1 AND source_id = $2", .text(id), .text(sourceId))
            guard !found.isEmpty else { return false }
            try session.query("DELETE FROM taught_examples WHERE id = $1 AND source_id = $2", .text(id), .text(sourceId))
            return true
        }
    }

    public func saveGlossaryTerm(_ term: GlossaryTerm) async throws {
        try await client.transaction { session in
            try Self.insert(term, session: session)
        }
    }

    public func glossary(sourceId: String) async throws -> [GlossaryTerm] {
        try await client.query(
            "SELECT id, source_id, term, definition, sql_text, \(timestamp("created_at")) FROM glossary_terms WHERE source_id = $1 ORDER BY term_key",
            [.text(sourceId)]
        ).compactMap { row in
            guard let id = row.string("id"), let term = row.string("term"), let definition = row.string("definition") else { return nil }
            return GlossaryTerm(
                id: id,
                sourceId: sourceId,
                term: term,
                definition: definition,
                sql: row.string("sql_text"),
                createdAt: row.string("created_at").flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0)
            )
        }
    }

    public func deleteGlossaryTerm(id: String, sourceId: String) async throws -> Bool {
        try await client.transaction { session in
            let found = try session.query("SELECT id FROM glossary_terms WHERE id = $1 AND source_id = $2", .text(id), .text(sourceId))
            guard !found.isEmpty else { return false }
            try session.query("DELETE FROM glossary_terms WHERE id = $1 AND source_id = $2", .text(id), .text(sourceId))
            return true
        }
    }

    public func instructions(sourceId: String) async throws -> String? {
        try await client.query("SELECT instructions FROM source_instructions WHERE source_id = $1", [.text(sourceId)]).first?.string("instructions")
    }

    public func setInstructions(_ text: String?, sourceId: String) async throws {
        try await client.transaction { session in
            try Self.write(instructions: text, sourceId: sourceId, session: session)
        }
    }

    public func replaceKnowledge(
        sourceId: String,
        examples: [TaughtExample],
        glossary: [GlossaryTerm],
        instructions: String?
    ) async throws -> [String] {
        try await client.transaction { session in
            let removed = try session.query("SELECT id FROM taught_examples WHERE source_id = $1", .text(sourceId)).compactMap { $0.string("id") }
            try session.query("DELETE FROM taught_examples WHERE source_id = $1", .text(sourceId))
            try session.query("DELETE FROM glossary_terms WHERE source_id = $1", .text(sourceId))
            for example in examples { try Self.insert(example, session: session) }
            for term in glossary { try Self.insert(term, session: session) }
            try Self.write(instructions: instructions, sourceId: sourceId, session: session)
            return removed
        }
    }

    // MARK: - Feedback

    public func historyEntry(id: Int64, sourceId: String, tenant: Tenant) async throws -> QueryHistoryEntry? {
        try await historyEntries(
            where: "id = $1 AND source_id = $2 AND user_id = $3 AND agent_id = $4",
            [.int(id), .text(sourceId), .text(tenant.userId), .text(tenant.agentId)],
            sourceId: sourceId
        ).first
    }

    public func setFeedback(_ feedback: AnswerFeedback, historyId: Int64, sourceId: String, tenant: Tenant) async throws -> Bool {
        let json = String(decoding: try JSONEncoder.querent.encode(feedback), as: UTF8.self)
        return try await client.transaction { session in
            let rows = try session.query(
                "SELECT question FROM query_history WHERE id = $1 AND source_id = $2 AND user_id = $3 AND agent_id = $4",
                .int(historyId),
                .text(sourceId),
                .text(tenant.userId),
                .text(tenant.agentId)
            )
            guard let row = rows.first else { return false }
            // A bare down-vote marks the SQL as a wrong answer to the question; anything else clears that mark.
            let rejected = feedback.verdict == .down && feedback.sql == nil ? row.string("question").map(QuestionKey.normalize) : nil
            try session.query(
                "UPDATE query_history SET feedback = $1, feedback_question = $2 WHERE id = $3",
                .text(json),
                rejected.map(SQLBind.text) ?? .null,
                .int(historyId)
            )
            return true
        }
    }

    public func rejectedSQL(sourceId: String) async throws -> [(question: String, sql: String)] {
        try await client.query(
            "SELECT feedback_question, sql_text FROM query_history WHERE source_id = $1 AND feedback_question IS NOT NULL ORDER BY id",
            [.text(sourceId)]
        ).compactMap { row in
            guard let question = row.string("feedback_question"), let sql = row.string("sql_text") else { return nil }
            return (question, sql)
        }
    }

    // MARK: - Rows

    private static func insert(_ example: TaughtExample, session: any SQLSession) throws {
        try session.query(
            """
            INSERT INTO taught_examples (id, source_id, question, sql_text, origin, history_id, state, error, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (id) DO UPDATE SET question = excluded.question, sql_text = excluded.sql_text, state = excluded.state, error = excluded.error
            """,
            .text(example.id),
            .text(example.sourceId),
            .text(example.question),
            .text(example.sql),
            .text(example.origin.rawValue),
            example.historyId.map(SQLBind.int) ?? .null,
            .text(example.state.rawValue),
            example.error.map(SQLBind.text) ?? .null,
            .text(example.createdBy),
            .text(Timestamp.format(example.createdAt))
        )
    }

    private static func insert(_ term: GlossaryTerm, session: any SQLSession) throws {
        let key = GlossaryTerm.key(term.term)
        let existing = try session.query("SELECT id FROM glossary_terms WHERE source_id = $1 AND term_key = $2", .text(term.sourceId), .text(key))
        guard existing.isEmpty else { throw ServiceError(.conflict, "the glossary already defines '\(term.term)'") }
        try session.query(
            "INSERT INTO glossary_terms (id, source_id, term, term_key, definition, sql_text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            .text(term.id),
            .text(term.sourceId),
            .text(term.term),
            .text(key),
            .text(term.definition),
            term.sql.map(SQLBind.text) ?? .null,
            .text(Timestamp.format(term.createdAt))
        )
    }

    private static func write(instructions: String?, sourceId: String, session: any SQLSession) throws {
        guard let text = instructions, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            try session.query("DELETE FROM source_instructions WHERE source_id = $1", .text(sourceId))
            return
        }
        try session.query(
            """
            INSERT INTO source_instructions (source_id, instructions, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (source_id) DO UPDATE SET instructions = excluded.instructions, updated_at = excluded.updated_at
            """,
            .text(sourceId),
            .text(text),
            .text(Timestamp.format(Date()))
        )
    }

    private static func decodeExample(_ row: SQLRow) -> TaughtExample? {
        guard let id = row.string("id"), let sourceId = row.string("source_id"), let question = row.string("question"),
            let sql = row.string("sql_text")
        else { return nil }
        return TaughtExample(
            id: id,
            sourceId: sourceId,
            question: question,
            sql: sql,
            origin: row.string("origin").flatMap(TaughtExample.Origin.init) ?? .taught,
            historyId: row.int("history_id"),
            state: row.string("state").flatMap(TaughtExample.State.init) ?? .queued,
            error: row.string("error"),
            createdBy: row.string("created_by") ?? "",
            createdAt: row.string("created_at").flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0)
        )
    }
}
