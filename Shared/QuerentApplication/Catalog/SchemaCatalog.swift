import Foundation
import QuerentCore
import QuerentSemantics

/// Table schemas of a tenant's sources: introspection, the stored copies, business context.
public struct SchemaCatalog: Sendable {
    public let registry: SourceRegistry

    public init(registry: SourceRegistry) {
        self.registry = registry
    }

    private var store: any MetadataStore { registry.store }

    /// The source's tables and views, each flagged trained or not.
    public func listTables(sourceId: String, tenant: Tenant) async throws -> [TableSummary] {
        let session = try await registry.open(sourceId, tenant: tenant)
        let trained = Set(session.source.trainedTables)
        return try await session.withDriver { driver in
            try await driver.listTables().map { table in
                var table = table
                table.trained = trained.contains(table.name)
                return table
            }
        }
    }

    /// The table's schema: the stored copy, or a fresh introspection when `refresh` is set or
    /// none is stored yet (the fresh one is stored, keeping the user's business description).
    /// - Throws: `.notFound` for an unknown source or table.
    public func fetchTableSchema(sourceId: String, tableName: String, tenant: Tenant, refresh: Bool = false) async throws -> TableSchemaRecord {
        try Self.validate(tableName: tableName)
        let session = try await registry.open(sourceId, tenant: tenant)
        if !refresh, let stored = try await store.tableSchema(sourceId: sourceId, tableName: tableName) {
            return stored
        }
        // Introspection throws `.notFound` for a missing table: no separate existence check.
        let schema = try await session.withDriver { driver in try await driver.introspect(table: tableName, sourceId: sourceId) }
        return try await store.saveTableSchema(schema, businessContext: Self.generateBusinessContext(schema), actor: tenant.userId)
    }

    /// ``fetchTableSchema(sourceId:tableName:tenant:refresh:)`` for display: a trained table's
    /// relationships also list the joins inferred from the source's other trained tables
    /// (`inferred: true`; see ``QuerentSemantics/JoinInference``). Never stored.
    public func describeTable(sourceId: String, tableName: String, tenant: Tenant, refresh: Bool = false) async throws -> TableSchemaRecord {
        var record = try await fetchTableSchema(sourceId: sourceId, tableName: tableName, tenant: tenant, refresh: refresh)
        guard record.isTrained else { return record }
        let trained = try await store.tableSchemas(sourceId: sourceId).filter(\.isTrained).map(\.schema)
        record.schema.relationships += JoinInference.infer(trained)[tableName] ?? []
        return record
    }

    /// Throws `.notFound` unless `tableName` exists in the driver's database.
    public static func validateTableExists(_ driver: any DatabaseDriver, _ tableName: String) async throws {
        try validate(tableName: tableName)
        guard try await driver.tableExists(tableName) else {
            throw ServiceError(.notFound, "table '\(tableName)' does not exist")
        }
    }

    /// Up to `limit` rows of the table, read live from the customer's database.
    public func getTableSampleData(sourceId: String, tableName: String, tenant: Tenant, limit: Int = 3) async throws -> [[String: JSONValue]] {
        try Self.validate(tableName: tableName)
        return try await registry.withDriver(sourceId, tenant: tenant) { driver in
            try await driver.sampleRows(table: tableName, limit: min(max(limit, 0), 100))
        }
    }

    /// The readable paragraph describing the table, built from its schema alone.
    public static func generateBusinessContext(_ schema: TableSchema) -> String {
        BusinessContextGenerator.generate(for: schema)
    }

    /// Stores the user's own description of the table; it is kept across re-introspection and
    /// retraining. An empty description removes it.
    public func setBusinessDescription(sourceId: String, tableName: String, description: String, tenant: Tenant) async throws -> TableSchemaRecord {
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 10_000, !text.contains("\0") else {
            throw ServiceError(.badRequest, "business_description is limited to 10,000 characters, without NUL")
        }
        var schema = try await fetchTableSchema(sourceId: sourceId, tableName: tableName, tenant: tenant).schema
        schema.businessDescription = text
        // An empty string (not nil) replaces a stored description, so it clears it.
        return try await store.saveTableSchema(schema, businessContext: Self.generateBusinessContext(schema), actor: tenant.userId)
    }

    /// The trained tables of the tenant's source.
    public func trainedTables(sourceId: String, tenant: Tenant) async throws -> [String] {
        _ = try await registry.get(sourceId, tenant: tenant)
        return try await store.trainedTables(sourceId: sourceId)
    }

    /// Table names are 1 to 512 characters (Unicode scalars, as JSON Schema counts) without NUL.
    static func validate(tableName: String) throws {
        guard !tableName.isEmpty, tableName.unicodeScalars.count <= 512, !tableName.contains("\0") else {
            throw ServiceError(.badRequest, "table name must be 1 to 512 characters, without NUL")
        }
    }
}
