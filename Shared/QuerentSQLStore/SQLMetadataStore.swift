import Foundation
import QuerentCore

/// The ``MetadataStore`` over any ``SQLClient``: one implementation, the same SQL
/// (`$n` parameters, `ON CONFLICT`) for Postgres and SQLite.
public struct SQLMetadataStore: MetadataStore {
    public let client: any SQLClient

    public init(client: any SQLClient) {
        self.client = client
    }

    private var flavor: SQLFlavor { client.flavor }

    /// `FOR UPDATE` where the flavour has row locks; SQLite transactions already hold the write lock.
    private var forUpdate: String { flavor == .postgres ? " FOR UPDATE" : "" }

    /// Selects a timestamp column as ISO-8601 text in either flavour.
    func timestamp(_ column: String) -> String {
        switch flavor {
        case .postgres: return "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS \(column.split(separator: ".").last!)"
        case .sqlite: return column
        }
    }

    // MARK: - Migrations

    public func migrate() async throws {
        let flavor = self.flavor
        try await client.transaction { session in
            if flavor == .postgres {
                // Concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type; serialize it too.
                try session.query("SELECT pg_advisory_xact_lock(7244110)")
            }
            try session.query(
                "CREATE TABLE IF NOT EXISTS querent_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        }
        for migration in MetadataMigration.all(for: flavor) {
            try await client.transaction { session in
                if flavor == .postgres {
                    // Serializes concurrent migrators (several service replicas starting at once).
                    try session.query("SELECT pg_advisory_xact_lock(7244110)")
                }
                let applied = try session.query("SELECT version FROM querent_migrations WHERE version = $1", .int(Int64(migration.version)))
                guard applied.isEmpty else { return }
                for statement in migration.statements { try session.query(statement) }
                try session.query(
                    "INSERT INTO querent_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    .int(Int64(migration.version)),
                    .text(migration.name),
                    .text(Timestamp.format(Date()))
                )
            }
        }
    }

    public func ping() async throws {
        try await client.query("SELECT 1")
    }

    // MARK: - Sources

    public func sealedConnections() async throws -> [String: String] {
        let rows = try await client.query("SELECT source_id, connection_encrypted FROM database_sources", [])
        var sealed: [String: String] = [:]
        for row in rows {
            if let id = row.string("source_id"), let connection = row.string("connection_encrypted") { sealed[id] = connection }
        }
        return sealed
    }

    public func replaceSealedConnection(sourceId: String, old: String, new: String) async throws -> Bool {
        try await client.transaction { session in
            !(try session.query(
                "UPDATE database_sources SET connection_encrypted = $1 WHERE source_id = $2 AND connection_encrypted = $3 RETURNING source_id",
                .text(new),
                .text(sourceId),
                .text(old)
            )).isEmpty
        }
    }

    public func createSource(_ source: DatabaseSource, sealedConnection: String) async throws {
        try await client.transaction { session in
            let existing = try session.query(
                "SELECT id FROM sources WHERE user_id = $1 AND agent_id = $2 AND name = $3",
                .text(source.userId),
                .text(source.agentId),
                .text(source.name)
            )
            guard existing.isEmpty else {
                throw ServiceError(.conflict, "a source named '\(source.name)' already exists")
            }
            try session.query(
                "INSERT INTO sources (id, kind, name, user_id, agent_id, created_at) VALUES ($1, 'database', $2, $3, $4, $5)",
                .text(source.id),
                .text(source.name),
                .text(source.userId),
                .text(source.agentId),
                .text(Timestamp.format(source.createdAt))
            )
            try session.query(
                "INSERT INTO database_sources (source_id, dialect, connection_summary, connection_encrypted, trained_tables) VALUES ($1, $2, $3, $4, '[]')",
                .text(source.id),
                .text(source.dialect.rawValue),
                .text(source.connectionSummary),
                .text(sealedConnection)
            )
        }
    }

    private var sourceColumns: String {
        "s.id, s.name, s.user_id, s.agent_id, \(timestamp("s.created_at")), d.dialect, d.connection_summary, d.connection_encrypted, d.trained_tables, \(timestamp("d.last_schema_update"))"
    }

    public func listSources(tenant: Tenant) async throws -> [DatabaseSource] {
        let rows = try await client.query(
            "SELECT \(sourceColumns) FROM sources s JOIN database_sources d ON d.source_id = s.id WHERE s.user_id = $1 AND s.agent_id = $2 ORDER BY s.created_at, s.id",
            [.text(tenant.userId), .text(tenant.agentId)]
        )
        return try rows.map { try Self.decodeSource($0).source }
    }

    public func source(id: String, tenant: Tenant) async throws -> StoredSource? {
        let rows = try await client.query(
            "SELECT \(sourceColumns) FROM sources s JOIN database_sources d ON d.source_id = s.id WHERE s.id = $1 AND s.user_id = $2 AND s.agent_id = $3",
            [.text(id), .text(tenant.userId), .text(tenant.agentId)]
        )
        return try rows.first.map(Self.decodeSource)
    }

    public func deleteSource(id: String, tenant: Tenant) async throws -> Bool {
        try await client.transaction { session in
            let owned = try session.query(
                "SELECT id FROM sources WHERE id = $1 AND user_id = $2 AND agent_id = $3",
                .text(id),
                .text(tenant.userId),
                .text(tenant.agentId)
            )
            guard !owned.isEmpty else { return false }
            // Explicit deletes: SQLite enforces ON DELETE CASCADE only with foreign_keys on.
            try session.query("DELETE FROM query_history WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM taught_examples WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM glossary_terms WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM source_instructions WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM schema_vectors WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM training_jobs WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM database_table_schemas WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM database_sources WHERE source_id = $1", .text(id))
            // After `database_sources` (whose row the semantic-model updates lock first), so a
            // concurrent update never waits on this transaction while holding that row.
            try session.query("DELETE FROM semantic_models WHERE source_id = $1", .text(id))
            try session.query("DELETE FROM sources WHERE id = $1", .text(id))
            return true
        }
    }

    static func decodeSource(_ row: SQLRow) throws -> StoredSource {
        guard let id = row.string("id"), let name = row.string("name"), let dialectText = row.string("dialect"),
            let dialect = Dialect(rawValue: dialectText), let sealed = row.string("connection_encrypted")
        else { throw ServiceError(.internalError, "corrupt source row") }
        let trained = try decodeTrainedTables(row.string("trained_tables"))
        let source = DatabaseSource(
            id: id,
            name: name,
            dialect: dialect,
            connectionSummary: row.string("connection_summary") ?? "",
            userId: row.string("user_id") ?? "",
            agentId: row.string("agent_id") ?? "",
            trainedTables: trained,
            lastSchemaUpdate: row.string("last_schema_update").flatMap(Timestamp.parse),
            createdAt: row.string("created_at").flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0)
        )
        return StoredSource(source: source, sealedConnection: sealed)
    }

    static func decodeTrainedTables(_ text: String?) throws -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return try JSONDecoder.querent.decode([String].self, from: Data(text.utf8))
    }

    // MARK: - Table schemas

    private var schemaColumns: String {
        "source_id, table_name, schema_data, business_context, is_trained, \(timestamp("created_at")), \(timestamp("updated_at")), created_by, updated_by"
    }

    public func saveTableSchema(_ schema: TableSchema, businessContext: String, actor: String) async throws -> TableSchemaRecord {
        let schemaColumns = self.schemaColumns
        let forUpdate = self.forUpdate
        return try await client.transaction { session in
            var schema = schema
            let existing = try session.query(
                "SELECT \(schemaColumns) FROM database_table_schemas WHERE source_id = $1 AND table_name = $2\(forUpdate)",
                .text(schema.sourceId),
                .text(schema.tableName)
            ).first.map(Self.decodeSchema)
            if schema.businessDescription == nil { schema.businessDescription = existing?.schema.businessDescription }
            let now = Timestamp.format(Date())
            let data = String(decoding: try JSONEncoder.querent.encode(schema), as: UTF8.self)
            let context = BusinessContextGenerator.combine(userDescription: schema.businessDescription, generated: businessContext)
            try session.query(
                """
                INSERT INTO database_table_schemas (source_id, table_name, schema_data, business_context, is_trained, created_at, updated_at, created_by, updated_by)
                VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $7)
                ON CONFLICT (source_id, table_name) DO UPDATE SET
                    schema_data = excluded.schema_data, business_context = excluded.business_context,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """,
                .text(schema.sourceId),
                .text(schema.tableName),
                .text(data),
                .text(context),
                .bool(false),
                .text(now),
                .text(actor)
            )
            return try session.query(
                "SELECT \(schemaColumns) FROM database_table_schemas WHERE source_id = $1 AND table_name = $2",
                .text(schema.sourceId),
                .text(schema.tableName)
            ).first.map(Self.decodeSchema)!
        }
    }

    public func tableSchema(sourceId: String, tableName: String) async throws -> TableSchemaRecord? {
        try await client.query(
            "SELECT \(schemaColumns) FROM database_table_schemas WHERE source_id = $1 AND table_name = $2",
            [.text(sourceId), .text(tableName)]
        ).first.map(Self.decodeSchema)
    }

    public func tableSchemas(sourceId: String) async throws -> [TableSchemaRecord] {
        try await client.query(
            "SELECT \(schemaColumns) FROM database_table_schemas WHERE source_id = $1 ORDER BY table_name",
            [.text(sourceId)]
        ).map(Self.decodeSchema)
    }

    public func setTrained(sourceId: String, tableName: String, trained: Bool, actor: String) async throws {
        try await setTrained(sourceId: sourceId, tableNames: [tableName], trained: trained, actor: actor)
    }

    /// One transaction: each table's `is_trained`, then the source's `trained_tables` rewritten once.
    public func setTrained(sourceId: String, tableNames: [String], trained: Bool, actor: String) async throws {
        let forUpdate = self.forUpdate
        try await client.transaction { session in
            let now = Timestamp.format(Date())
            // In name order, so two transactions sharing tables lock them in the same order.
            for tableName in Set(tableNames).sorted() {
                let updated = try session.query(
                    "UPDATE database_table_schemas SET is_trained = $1, updated_at = $2, updated_by = $3 WHERE source_id = $4 AND table_name = $5 RETURNING table_name",
                    .bool(trained),
                    .text(now),
                    .text(actor),
                    .text(sourceId),
                    .text(tableName)
                )
                guard !updated.isEmpty else { throw ServiceError(.notFound, "table '\(tableName)' has no stored schema") }
            }
            guard
                let row = try session.query(
                    "SELECT trained_tables FROM database_sources WHERE source_id = $1\(forUpdate)",
                    .text(sourceId)
                ).first
            else { throw ServiceError(.notFound, "source not found") }
            let changed = Set(tableNames)
            var tables = try Self.decodeTrainedTables(row.string("trained_tables")).filter { !changed.contains($0) }
            var added = Set<String>()
            if trained { tables += tableNames.filter { added.insert($0).inserted } }
            let json = String(decoding: try JSONEncoder.querent.encode(tables), as: UTF8.self)
            try session.query(
                "UPDATE database_sources SET trained_tables = $1, last_schema_update = $2 WHERE source_id = $3",
                .text(json),
                .text(now),
                .text(sourceId)
            )
        }
    }

    public func trainedTables(sourceId: String) async throws -> [String] {
        try Self.decodeTrainedTables(
            try await client.query("SELECT trained_tables FROM database_sources WHERE source_id = $1", [.text(sourceId)]).first?
                .string("trained_tables")
        )
    }

    static func decodeSchema(_ row: SQLRow) throws -> TableSchemaRecord {
        guard let sourceId = row.string("source_id"), let tableName = row.string("table_name"), let data = row.string("schema_data") else {
            throw ServiceError(.internalError, "corrupt table schema row")
        }
        return TableSchemaRecord(
            sourceId: sourceId,
            tableName: tableName,
            schema: try JSONDecoder.querent.decode(TableSchema.self, from: Data(data.utf8)),
            businessContext: row.string("business_context") ?? "",
            isTrained: row.bool("is_trained"),
            createdAt: row.string("created_at").flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
            updatedAt: row.string("updated_at").flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
            createdBy: row.string("created_by") ?? "",
            updatedBy: row.string("updated_by") ?? ""
        )
    }
}
