import Foundation
import QuerentCore

extension SQLMetadataStore {
    /// A training job whose status has not changed for this long is taken as lost: no model
    /// derivation waits for it. Long, because a queued job's status changes only when a trainer
    /// claims it, which may take hours in a large batch; a lost one only leaves the stored model
    /// stale, and readers derive their own while it is.
    static let pendingTrainingWindow: TimeInterval = 24 * 60 * 60

    public func semanticModel(sourceId: String) async throws -> StoredSemanticModel? {
        guard
            let row = try await client.query(
                "SELECT model, \(timestamp("derived_at")), edits FROM semantic_models WHERE source_id = $1",
                [.text(sourceId)]
            ).first
        else { return nil }
        // A model stored by an older version may not decode any more: it is derived again.
        let model = row.string("model").flatMap { try? JSONDecoder.querent.decode(SemanticModel.self, from: Data($0.utf8)) }
        return StoredSemanticModel(
            model: model,
            derivedAt: model == nil ? nil : row.string("derived_at").flatMap(Timestamp.parse),
            edits: try Self.decodeEdits(row.string("edits"))
        )
    }

    @discardableResult
    public func updateSemanticModel(
        sourceId: String,
        afterTraining tableName: String?,
        derive: @escaping @Sendable ([TableSchema]) -> SemanticModel
    ) async throws -> SemanticModelUpdate {
        let lockSource = Self.lockSourceSQL(client.flavor)
        return try await client.transaction { session in
            guard !(try session.query(lockSource, .text(sourceId))).isEmpty else { return .sourceNotFound }
            let readAt = Date()
            if let tableName {
                // Jobs that have not reported `vectorize` have not marked their table trained:
                // each will derive the model after doing so.
                let early: [TrainingStage] = [.queued, .started, .fetch, .analyze]
                let pending = try session.query(
                    """
                    SELECT table_name FROM training_jobs
                    WHERE source_id = $1 AND table_name <> $2 AND state IN ('queued', 'active')
                      AND stage IN ($3, $4, $5, $6) AND updated_at > $7
                    LIMIT 1
                    """,
                    [.text(sourceId), .text(tableName)] + early.map { .text($0.rawValue) }
                        + [.text(Timestamp.format(readAt.addingTimeInterval(-Self.pendingTrainingWindow)))]
                )
                if !pending.isEmpty { return .deferred }
            }
            let schemas = try session.query(
                "SELECT schema_data FROM database_table_schemas WHERE source_id = $1 AND is_trained ORDER BY table_name",
                .text(sourceId)
            ).map { row in
                guard let data = row.string("schema_data"), let schema = try? JSONDecoder.querent.decode(TableSchema.self, from: Data(data.utf8))
                else {
                    throw ServiceError(.internalError, "corrupt table schema row")
                }
                return schema
            }
            let model = derive(schemas)
            try session.query(
                """
                INSERT INTO semantic_models (source_id, model, derived_at, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (source_id) DO UPDATE SET model = excluded.model, derived_at = excluded.derived_at, updated_at = excluded.updated_at
                """,
                .text(sourceId),
                .text(String(decoding: try JSONEncoder.querent.encode(model), as: UTF8.self)),
                .text(Timestamp.format(readAt)),
                .text(Timestamp.format(Date()))
            )
            return .stored(model)
        }
    }

    public func updateSemanticModelEdits(
        sourceId: String,
        _ change: @escaping @Sendable (SemanticModelEdits) throws -> SemanticModelEdits
    ) async throws -> SemanticModelEdits {
        let lockSource = Self.lockSourceSQL(client.flavor)
        return try await client.transaction { session in
            guard !(try session.query(lockSource, .text(sourceId))).isEmpty else { throw ServiceError(.notFound, "source not found") }
            let current = try Self.decodeEdits(
                try session.query("SELECT edits FROM semantic_models WHERE source_id = $1", .text(sourceId)).first?.string("edits")
            )
            let edits = try change(current)
            try session.query(
                """
                INSERT INTO semantic_models (source_id, edits, updated_at) VALUES ($1, $2, $3)
                ON CONFLICT (source_id) DO UPDATE SET edits = excluded.edits, updated_at = excluded.updated_at
                """,
                .text(sourceId),
                .text(String(decoding: try JSONEncoder.querent.encode(edits), as: UTF8.self)),
                .text(Timestamp.format(Date()))
            )
            return edits
        }
    }

    /// Selects the source's `database_sources` row, locking it on Postgres (a SQLite transaction
    /// holds the write lock already): the semantic-model updates and
    /// ``setTrained(sourceId:tableName:trained:actor:)`` take turns on it.
    private static func lockSourceSQL(_ flavor: SQLFlavor) -> String {
        "SELECT source_id FROM database_sources WHERE source_id = $1" + (flavor == .postgres ? " FOR UPDATE" : "")
    }

    /// The stored edits; none when the column is NULL.
    private static func decodeEdits(_ text: String?) throws -> SemanticModelEdits {
        guard let text, !text.isEmpty else { return SemanticModelEdits() }
        do {
            return try JSONDecoder.querent.decode(SemanticModelEdits.self, from: Data(text.utf8))
        } catch {
            throw ServiceError(.internalError, "corrupt semantic model edits")
        }
    }
}
