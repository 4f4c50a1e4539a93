import Foundation
import QuerentCore

extension SQLMetadataStore {
    @discardableResult
    public func appendHistory(_ entry: QueryHistoryEntry) async throws -> QueryHistoryEntry {
        let rows = try await client.query(
            """
            INSERT INTO query_history (source_id, user_id, agent_id, question, sql_text, success, row_count, execution_time_ms, error, generator, confidence, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
            """,
            [
                .text(entry.sourceId), .text(entry.userId), .text(entry.agentId), entry.question.map(SQLBind.text) ?? .null,
                .text(entry.sql), .bool(entry.success), .int(Int64(entry.rowCount)), .text(String(entry.executionTimeMs)),
                entry.error.map(SQLBind.text) ?? .null, .text(entry.generator), entry.confidence.map { .text(String($0)) } ?? .null,
                .text(Timestamp.format(entry.createdAt)),
            ]
        )
        var stored = entry
        stored.id = rows.first?.int("id") ?? 0
        return stored
    }

    public func history(sourceId: String, tenant: Tenant, before: Int64?, limit: Int) async throws -> [QueryHistoryEntry] {
        try await historyEntries(
            where: "source_id = $1 AND user_id = $2 AND agent_id = $3 AND id < $4 ORDER BY id DESC LIMIT $5",
            [.text(sourceId), .text(tenant.userId), .text(tenant.agentId), .int(before ?? Int64.max), .int(Int64(max(1, min(limit, 500))))],
            sourceId: sourceId
        )
    }

    /// The history rows matching `condition` (which may end with ORDER BY and LIMIT).
    func historyEntries(where condition: String, _ binds: [SQLBind], sourceId: String) async throws -> [QueryHistoryEntry] {
        try await client.query(
            """
            SELECT id, source_id, user_id, agent_id, question, sql_text, success, row_count, execution_time_ms, error, generator, confidence, \(timestamp("created_at")), feedback
            FROM query_history WHERE \(condition)
            """,
            binds
        ).map { row in
            QueryHistoryEntry(
                id: row.int("id") ?? 0,
                sourceId: sourceId,
                userId: row.string("user_id") ?? "",
                agentId: row.string("agent_id") ?? "",
                question: row.string("question"),
                sql: row.string("sql_text") ?? "",
                success: row.bool("success"),
                rowCount: Int(row.int("row_count") ?? 0),
                executionTimeMs: row.string("execution_time_ms").flatMap(Double.init) ?? 0,
                error: row.string("error"),
                generator: row.string("generator") ?? "",
                confidence: row.string("confidence").flatMap(Double.init),
                createdAt: row.string("created_at").flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
                feedback: row.string("feedback").flatMap { try? JSONDecoder.querent.decode(AnswerFeedback.self, from: Data($0.utf8)) }
            )
        }
    }
}
