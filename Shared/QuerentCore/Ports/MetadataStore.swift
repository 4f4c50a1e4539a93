import Foundation

/// Querent's own state: sources, table schemas and trained tables.
///
/// Every tenant-facing read takes a ``Tenant``; a source of another tenant is reported as
/// missing. Adapters: ``SQLMetadataStore`` over Postgres or SQLite.
public protocol MetadataStore: Sendable {
    /// Applies pending migrations; safe to call any number of times, from any number of processes.
    func migrate() async throws
    /// Checks that the store answers.
    func ping() async throws

    /// Stores a new source. - Throws: `.conflict` when the tenant already has a source of that name.
    func createSource(_ source: DatabaseSource, sealedConnection: String) async throws
    func listSources(tenant: Tenant) async throws -> [DatabaseSource]
    /// The source with its sealed connection, when it exists and belongs to `tenant`.
    func source(id: String, tenant: Tenant) async throws -> StoredSource?
    /// Deletes the source and its table schemas. Returns false when there was none.
    func deleteSource(id: String, tenant: Tenant) async throws -> Bool

    /// Inserts or replaces a table's schema, keeping `is_trained`, `created_*` and the user's
    /// business description of an existing row.
    func saveTableSchema(_ schema: TableSchema, businessContext: String, actor: String) async throws -> TableSchemaRecord
    func tableSchema(sourceId: String, tableName: String) async throws -> TableSchemaRecord?
    func tableSchemas(sourceId: String) async throws -> [TableSchemaRecord]
    /// Sets `is_trained` for the table and adds it to (or removes it from) the source's
    /// `trained_tables`, updating `last_schema_update`, in one transaction.
    func setTrained(sourceId: String, tableName: String, trained: Bool, actor: String) async throws
    /// The tables marked trained, in training order.
    func trainedTables(sourceId: String) async throws -> [String]

    // MARK: - Training status

    /// Records the latest status of a table's training (one row per source and table).
    func saveTrainingStatus(_ status: TrainingStatus) async throws
    func trainingStatus(sourceId: String, tableName: String) async throws -> TrainingStatus?

    // MARK: - Vectors

    /// Inserts or replaces a vector.
    func upsertVector(_ vector: StoredVector) async throws
    /// Every vector of a namespace.
    func vectors(namespace: String) async throws -> [StoredVector]
    /// Deletes vectors of a namespace: one id, one source, or all when both are nil.
    func deleteVectors(namespace: String, id: String?, sourceId: String?) async throws

    // MARK: - Query history

    /// Records a question or statement; returns the stored entry with its id.
    @discardableResult
    func appendHistory(_ entry: QueryHistoryEntry) async throws -> QueryHistoryEntry
    /// The source's history for `tenant`, newest first, entries older than `before` (a cursor id) when given.
    func history(sourceId: String, tenant: Tenant, before: Int64?, limit: Int) async throws -> [QueryHistoryEntry]
}
