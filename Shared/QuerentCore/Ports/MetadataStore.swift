import Foundation

/// Querent's own state: sources, table schemas and trained tables, semantic models, training
/// status, vectors and query history.
///
/// Every tenant-facing read takes a ``Tenant``; a source of another tenant is reported as
/// missing. Reads keyed by source id alone (schemas, trained tables, semantic model, training status) are not
/// tenant-scoped: callers first check the source with ``source(id:tenant:)``.
///
/// Errors: every requirement throws ``ServiceError`` `.unavailable` when the store cannot be
/// reached or a statement fails, and `.internalError` for a row it cannot decode; the
/// requirements below list the codes they add. Writes that touch several rows are atomic.
///
/// Adapters: ``SQLMetadataStore`` over Postgres or SQLite.
public protocol MetadataStore: Sendable {
    /// Applies pending migrations; safe to call any number of times, from any number of processes
    /// (on Postgres concurrent migrators are serialized by an advisory lock). Each migration is
    /// applied in one transaction and recorded once.
    /// - Throws: ``ServiceError`` `.unavailable` when the store cannot be reached or a migration fails.
    func migrate() async throws
    /// Checks that the store answers (`/health/ready`).
    /// - Throws: ``ServiceError`` `.unavailable` when it does not.
    func ping() async throws

    /// Stores a new source with its sealed connection details, in one transaction.
    /// - Throws: ``ServiceError`` `.conflict` when the tenant already has a source of that name (or the id exists).
    func createSource(_ source: DatabaseSource, sealedConnection: String) async throws
    /// The tenant's sources, oldest first; empty when it has none.
    func listSources(tenant: Tenant) async throws -> [DatabaseSource]
    /// The source with its sealed connection, or nil when it does not exist or belongs to another tenant.
    func source(id: String, tenant: Tenant) async throws -> StoredSource?
    /// Every source's sealed connection, by source id, across tenants (for key rotation).
    func sealedConnections() async throws -> [String: String]
    /// Replaces a source's sealed connection if it is still `old` (compare and set).
    /// - Returns: false, with nothing changed, when the source is gone or its connection changed.
    func replaceSealedConnection(sourceId: String, old: String, new: String) async throws -> Bool
    /// Deletes the source with everything stored about it (table schemas, training status, vectors,
    /// query history, semantic model and edits) in one transaction.
    /// - Returns: false, with nothing deleted, when the source does not exist or belongs to another tenant.
    func deleteSource(id: String, tenant: Tenant) async throws -> Bool

    /// Inserts or replaces a table's schema (one row per source and table), keeping `is_trained`,
    /// `created_*` and the user's business description of an existing row; the stored business
    /// context is that description followed by `businessContext`. Atomic.
    /// - Parameter actor: who writes (a user id, or `trainer`), recorded in `updated_by`.
    /// - Returns: the row as stored.
    func saveTableSchema(_ schema: TableSchema, businessContext: String, actor: String) async throws -> TableSchemaRecord
    /// The stored schema of one table, or nil when it was never introspected. Not tenant-scoped.
    func tableSchema(sourceId: String, tableName: String) async throws -> TableSchemaRecord?
    /// Every stored schema of a source, by table name; empty for an unknown source. Not tenant-scoped.
    func tableSchemas(sourceId: String) async throws -> [TableSchemaRecord]
    /// Sets `is_trained` for the table and adds it to (or removes it from) the source's
    /// `trained_tables`, updating `last_schema_update`, in one transaction; setting the current
    /// value again is harmless.
    /// - Throws: ``ServiceError`` `.notFound` when the table has no stored schema or the source does not exist.
    func setTrained(sourceId: String, tableName: String, trained: Bool, actor: String) async throws
    /// ``setTrained(sourceId:tableName:trained:actor:)`` for several tables of the source, all or none.
    func setTrained(sourceId: String, tableNames: [String], trained: Bool, actor: String) async throws
    /// The tables marked trained, in training order; empty for an unknown source. Not tenant-scoped.
    func trainedTables(sourceId: String) async throws -> [String]

    // MARK: - Semantic model

    /// The source's stored semantic model and edits, or nil when neither was ever saved. Not
    /// tenant-scoped.
    /// - Throws: ``ServiceError`` `.internalError` when the stored edits cannot be decoded (a
    ///   stored model that cannot is reported as nil instead: it is re-derived, edits are not).
    func semanticModel(sourceId: String) async throws -> StoredSemanticModel?
    /// Derives the source's model again and stores it, keeping the edits: `derive` receives the
    /// schemas of the source's trained tables (by table name). It runs in one transaction that
    /// holds the source's row, the lock ``setTrained(sourceId:tableName:trained:actor:)`` takes,
    /// so of concurrent updates the last one stored reads the latest trained set.
    /// - Parameter afterTraining: the table whose training just marked it trained. Then nothing
    ///   is derived (``SemanticModelUpdate/deferred``) while another table of the source has a
    ///   training job queued or active that has not reached ``TrainingStage/vectorize`` (and
    ///   whose status changed in the last 24 hours; an older one is taken as lost): that job
    ///   marks its table trained later and derives the model then, this table included. So a
    ///   batch of N tables queued together derives the model about once, not N times. Nil
    ///   (untraining, an explicit refresh) always derives.
    @discardableResult
    func updateSemanticModel(
        sourceId: String,
        afterTraining tableName: String?,
        derive: @escaping @Sendable ([TableSchema]) -> SemanticModel
    ) async throws -> SemanticModelUpdate
    /// Replaces the source's edits with `change(current edits)` in one transaction (so
    /// concurrent changes are applied one after the other), keeping the derived model.
    /// - Returns: the stored edits.
    /// - Throws: ``ServiceError`` `.notFound` when the source does not exist; whatever `change`
    ///   throws, with nothing stored.
    func updateSemanticModelEdits(
        sourceId: String,
        _ change: @escaping @Sendable (SemanticModelEdits) throws -> SemanticModelEdits
    ) async throws -> SemanticModelEdits

    // MARK: - Training status

    /// Records the latest status of a table's training (one row per source and table, replaced
    /// by each call). Ignored when the source no longer exists, so a job that outlives its source
    /// leaves nothing behind.
    func saveTrainingStatus(_ status: TrainingStatus) async throws
    /// The latest training status of a table, or nil when it was never queued. Not tenant-scoped.
    func trainingStatus(sourceId: String, tableName: String) async throws -> TrainingStatus?

    // MARK: - Vectors

    /// Inserts or replaces a vector (keyed by namespace and id).
    func upsertVector(_ vector: StoredVector) async throws
    /// Every vector of a namespace, by id; empty for an unknown namespace.
    func vectors(namespace: String) async throws -> [StoredVector]
    /// Deletes vectors of a namespace: one id, one source, or all when both are nil. Deleting
    /// nothing is not an error.
    func deleteVectors(namespace: String, id: String?, sourceId: String?) async throws

    // MARK: - Teaching (examples, glossary, instructions)

    /// Stores a new example, or replaces the one with the same id. Not tenant-scoped: callers
    /// check the source first.
    func saveExample(_ example: TaughtExample) async throws
    /// The source's examples, oldest first.
    func examples(sourceId: String) async throws -> [TaughtExample]
    /// One example of the source, or nil.
    func example(id: String, sourceId: String) async throws -> TaughtExample?
    /// Records an example's training state (ignored when the example is gone).
    func setExampleState(id: String, sourceId: String, state: TaughtExample.State, error: String?) async throws
    /// Deletes an example. - Returns: false when the source has none with that id.
    func deleteExample(id: String, sourceId: String) async throws -> Bool
    /// Stores a new glossary term.
    /// - Throws: ``ServiceError`` `.conflict` when the source already has the term (ignoring case).
    func saveGlossaryTerm(_ term: GlossaryTerm) async throws
    /// The source's glossary, by term.
    func glossary(sourceId: String) async throws -> [GlossaryTerm]
    /// Deletes a glossary term. - Returns: false when the source has none with that id.
    func deleteGlossaryTerm(id: String, sourceId: String) async throws -> Bool
    /// The source's instructions for the LLM, or nil when none are set.
    func instructions(sourceId: String) async throws -> String?
    /// Sets (or, with nil or empty text, clears) the source's instructions.
    func setInstructions(_ text: String?, sourceId: String) async throws
    /// Replaces all of a source's examples, glossary and instructions at once (an import).
    /// - Returns: the ids of the examples it removed.
    func replaceKnowledge(sourceId: String, examples: [TaughtExample], glossary: [GlossaryTerm], instructions: String?) async throws -> [String]

    // MARK: - Query history

    /// Records a question or statement.
    /// - Returns: the stored entry with its id; ids increase, so they serve as pagination cursors.
    @discardableResult
    func appendHistory(_ entry: QueryHistoryEntry) async throws -> QueryHistoryEntry
    /// One history entry of the source for `tenant`, or nil when there is none with that id.
    func historyEntry(id: Int64, sourceId: String, tenant: Tenant) async throws -> QueryHistoryEntry?
    /// Records the user's verdict on a history entry (replacing an earlier one).
    /// - Returns: false when the tenant has no such entry on the source.
    func setFeedback(_ feedback: AnswerFeedback, historyId: Int64, sourceId: String, tenant: Tenant) async throws -> Bool
    /// The SQL down-voted without a correction as answers to `question` on the source, for any
    /// user of `tenant`'s source (compared by ``QuestionKey/normalize(_:)``).
    func rejectedSQL(sourceId: String) async throws -> [(question: String, sql: String)]
    /// The source's history for `tenant`, newest first.
    /// - Parameters:
    ///   - before: a cursor: only entries with a smaller id; nil for the newest.
    ///   - limit: the page size, clamped to 1…500.
    func history(sourceId: String, tenant: Tenant, before: Int64?, limit: Int) async throws -> [QueryHistoryEntry]
}
