import Foundation
import QuerentCore
import QuerentExpectations
import QuerentPostgres
import QuerentSQLStore
import QuerentSQLite
import QuerentTesting
import Testing

/// The metadata store backends the contract runs against.
enum MetadataBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// SQLite always; Postgres when configured or required (then a missing Postgres fails).
    static var enabled: [MetadataBackend] { TestEnvironment.postgresEnabled ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }

    /// A migrated store on a fresh SQLite file or a fresh Postgres database, closed afterwards.
    func withStore<T>(migrate: Bool = true, _ body: (SQLMetadataStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = try TemporaryDirectory(prefix: "metadata")
            return try await Self.run(SQLMetadataStore(client: SQLiteClient(path: directory.path("metadata.sqlite"))), migrate: migrate, body)
        case .postgres:
            return try await withScratchDatabase(prefix: "metadata") { database async throws in
                try await Self.run(SQLMetadataStore(client: try PostgresClient(url: database.url)), migrate: migrate, body)
            }
        }
    }

    /// Several independent stores (separate connection pools) on one fresh database.
    func withStores<T>(count: Int, _ body: ([SQLMetadataStore]) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = try TemporaryDirectory(prefix: "metadata")
            let stores = (0..<count).map { _ in SQLMetadataStore(client: SQLiteClient(path: directory.path("metadata.sqlite"))) }
            return try await Self.runAll(stores, body)
        case .postgres:
            return try await withScratchDatabase(prefix: "metadata") { database async throws in
                let stores = try (0..<count).map { _ in SQLMetadataStore(client: try PostgresClient(url: database.url)) }
                return try await Self.runAll(stores, body)
            }
        }
    }

    private static func run<T>(_ store: SQLMetadataStore, migrate: Bool, _ body: (SQLMetadataStore) async throws -> T) async throws -> T {
        do {
            if migrate { try await store.migrate() }
            let value = try await body(store)
            await store.client.close()
            return value
        } catch {
            await store.client.close()
            throw error
        }
    }

    private static func runAll<T>(_ stores: [SQLMetadataStore], _ body: ([SQLMetadataStore]) async throws -> T) async throws -> T {
        do {
            let value = try await body(stores)
            for store in stores { await store.client.close() }
            return value
        } catch {
            for store in stores { await store.client.close() }
            throw error
        }
    }
}

@Suite struct MetadataStoreContractTests {
    let alice = Tenant(userId: "alice", agentId: "agent-1")
    let aliceOtherAgent = Tenant(userId: "alice", agentId: "agent-2")
    let bob = Tenant(userId: "bob", agentId: "agent-1")
    let cipher = try! CredentialCipher(secret: "metadata-contract-test-secret-key")

    func source(_ name: String, _ tenant: Tenant, offset: TimeInterval = 0) -> DatabaseSource {
        DatabaseSource(
            id: UUID().uuidString.lowercased(),
            name: name,
            dialect: .postgres,
            connectionSummary: "postgres://app@db.internal:5432/\(name)",
            userId: tenant.userId,
            agentId: tenant.agentId,
            createdAt: Date(timeIntervalSince1970: 1_700_000_000.25 + offset)
        )
    }

    func schema(_ table: String, sourceId: String, extraColumn: String? = nil, description: String? = nil) -> TableSchema {
        var columns = [
            ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
            ColumnSchema(name: "customer_id", type: "integer", foreignKey: ForeignKeyReference(referencesTable: "customers", referencesColumn: "id")),
            ColumnSchema(name: "prix€", type: "numeric(8,2)", defaultValue: "0", description: "prix en euros"),
        ]
        if let extraColumn { columns.append(ColumnSchema(name: extraColumn, type: "text")) }
        return TableSchema(
            sourceId: sourceId,
            tableName: table,
            schemaName: "public",
            columns: columns,
            relationships: [Relationship(name: "fk", columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"])],
            indexes: [IndexSchema(name: "\(table)_pkey", columns: ["id"], unique: true, primary: true, definition: "CREATE UNIQUE INDEX …")],
            uniqueConstraints: [UniqueConstraint(name: "u", columns: ["customer_id"])],
            description: "A table comment",
            rowEstimate: 42,
            sampleData: [["id": .int(1), "prix€": .double(12.5), "note": .string("café"), "gone": .null]],
            businessDescription: description
        )
    }

    /// Tables, columns and indexes of the store's schema, as comparable text.
    func catalog(_ store: SQLMetadataStore) async throws -> [String] {
        switch store.client.flavor {
        case .sqlite:
            return try await store.client.query("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").map(\.flattened)
        case .postgres:
            let columns = try await store.client.query(
                "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
            )
            let indexes = try await store.client.query(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
            )
            return (columns + indexes).map(\.flattened)
        }
    }

    func tableNames(_ store: SQLMetadataStore) async throws -> Set<String> {
        let sql =
            store.client.flavor == .sqlite
            ? "SELECT name AS t FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()"
        return Set(try await store.client.query(sql).compactMap { $0.string("t") })
    }

    func count(_ store: SQLMetadataStore, _ table: String, sourceId: String) async throws -> Int64? {
        try await store.client.query("SELECT count(*) AS n FROM \(table) WHERE source_id = $1", [.text(sourceId)]).first?.int("n")
    }

    // MARK: - Migrations

    @Test(arguments: MetadataBackend.enabled)
    func migratingTwiceChangesNothing(backend: MetadataBackend) async throws {
        try await backend.withStore(migrate: false) { store async throws in
            try await store.migrate()
            let migrations = try await store.client.query("SELECT version, name, applied_at FROM querent_migrations ORDER BY version").map(
                \.flattened
            )
            let catalog = try await catalog(store)
            let tables = try await tableNames(store)

            #expect(tables.isSuperset(of: ["querent_migrations", "sources", "database_sources", "database_table_schemas", "semantic_models"]))
            let versions = try await store.client.query("SELECT version FROM querent_migrations ORDER BY version").compactMap { $0.int("version") }
            #expect(versions == MetadataMigration.all(for: store.client.flavor).map { Int64($0.version) })

            try await store.migrate()
            try await store.migrate()
            #expect(
                try await store.client.query("SELECT version, name, applied_at FROM querent_migrations ORDER BY version").map(\.flattened)
                    == migrations
            )
            #expect(try await self.catalog(store) == catalog)
            #expect(try await tableNames(store) == tables)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func concurrentMigratorsApplyEachVersionOnce(backend: MetadataBackend) async throws {
        try await backend.withStores(count: 4) { stores async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            let versions = try await stores[0].client.query("SELECT version FROM querent_migrations ORDER BY version").compactMap {
                $0.int("version")
            }
            #expect(versions == MetadataMigration.all(for: stores[0].client.flavor).map { Int64($0.version) })
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func existingDataSurvivesMigrate(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "sealed")
            try await store.migrate()
            #expect(try await store.listSources(tenant: alice).map(\.id) == [shop.id])
        }
    }

    // MARK: - Sources

    @Test(arguments: MetadataBackend.enabled)
    func sourcesAreScopedToTheirTenant(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice, offset: 1)
            let warehouse = source("warehouse", alice, offset: 2)
            let bobsShop = source("shop", bob, offset: 3)
            try await store.createSource(warehouse, sealedConnection: "sealed-warehouse")
            try await store.createSource(shop, sealedConnection: "sealed-shop")
            try await store.createSource(bobsShop, sealedConnection: "sealed-bob")

            // Listed in creation order, every field intact.
            let listed = try await store.listSources(tenant: alice)
            #expect(listed.map(\.id) == [shop.id, warehouse.id])
            let first = try #require(listed.first)
            #expect(first.name == "shop")
            #expect(first.dialect == .postgres)
            #expect(first.connectionSummary == "postgres://app@db.internal:5432/shop")
            #expect(first.userId == "alice" && first.agentId == "agent-1")
            #expect(first.trainedTables == [])
            #expect(first.lastSchemaUpdate == nil)
            #expect(abs(first.createdAt.timeIntervalSince(shop.createdAt)) < 0.001)

            // Another user, or the same user through another agent, sees nothing of alice's.
            #expect(try await store.listSources(tenant: bob).map(\.id) == [bobsShop.id])
            #expect(try await store.listSources(tenant: aliceOtherAgent).isEmpty)
            #expect(try await store.source(id: shop.id, tenant: bob) == nil)
            #expect(try await store.source(id: shop.id, tenant: aliceOtherAgent) == nil)
            let stored = try #require(try await store.source(id: shop.id, tenant: alice))
            #expect(stored.sealedConnection == "sealed-shop")
            #expect(stored.source.id == shop.id)

            // Deleting is scoped too.
            #expect(try await store.deleteSource(id: shop.id, tenant: bob) == false)
            #expect(try await store.source(id: shop.id, tenant: alice) != nil)
            #expect(try await store.deleteSource(id: shop.id, tenant: alice) == true)
            #expect(try await store.deleteSource(id: shop.id, tenant: alice) == false)
            #expect(try await store.source(id: shop.id, tenant: alice) == nil)
            #expect(try await store.listSources(tenant: alice).map(\.id) == [warehouse.id])
            #expect(try await store.listSources(tenant: bob).map(\.id) == [bobsShop.id])
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func duplicateNameIsAConflict(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            try await store.createSource(source("shop", alice), sealedConnection: "a")
            let error = await serviceError { try await store.createSource(source("shop", alice), sealedConnection: "b") }
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("shop") == true)
            // Nothing half-written: still one source, one connection row.
            #expect(try await store.listSources(tenant: alice).count == 1)
            #expect(try await store.client.query("SELECT count(*) AS n FROM database_sources").first?.int("n") == 1)
            // The same name is fine for another tenant.
            try await store.createSource(source("shop", aliceOtherAgent), sealedConnection: "c")
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func concurrentDuplicatesYieldOneSourceAndConflicts(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let attempts = 8
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<attempts {
                    group.addTask {
                        do {
                            try await store.createSource(source("race", alice, offset: Double(index)), sealedConnection: "x")
                            return "created"
                        } catch let error as ServiceError {
                            return error.code.rawValue
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "created" }.count == 1)
            #expect(outcomes.filter { $0 == "conflict" }.count == attempts - 1)
            #expect(try await store.listSources(tenant: alice).count == 1)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func storedConnectionIsEncrypted(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let password = "Pa55-in-the-Clear?"
            let spec = ConnectionSpec(url: "postgres://app:\(password)@db.internal:5432/shop")
            let shop = source("shop", alice)
            let sealed = try cipher.seal(spec, sourceId: shop.id)
            try await store.createSource(shop, sealedConnection: sealed)

            let rows = try await store.client.query("SELECT * FROM database_sources WHERE source_id = $1", [.text(shop.id)])
            let row = try #require(rows.first)
            let stored = try #require(row.string("connection_encrypted"))
            #expect(stored == sealed)
            #expect(!stored.contains(password))
            #expect(!String(decoding: Data(base64Encoded: stored) ?? Data(), as: UTF8.self).contains(password))
            // No column of any metadata table holds the password.
            for table in ["sources", "database_sources", "database_table_schemas", "querent_migrations"] {
                let dump = try await store.client.query("SELECT * FROM \(table)").map(\.flattened).joined(separator: "\n")
                #expect(!dump.contains(password), "\(table) holds the password")
                #expect(!dump.contains("Pa55"), "\(table) holds part of the password")
            }
            // And the key opens it again, only for this source.
            #expect(try cipher.open(stored, sourceId: shop.id) == spec)
            #expect(throws: ServiceError.self) { try cipher.open(stored, sourceId: "another-source") }
        }
    }

    // MARK: - Table schemas

    @Test(arguments: MetadataBackend.enabled)
    func saveTableSchemaUpsertsAndKeepsTheBusinessDescription(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")

            let first = try await store.saveTableSchema(schema("orders", sourceId: shop.id), businessContext: "Generated v1.", actor: "alice")
            #expect(first.schema == schema("orders", sourceId: shop.id))
            #expect(first.businessContext == "Generated v1.")
            #expect(first.isTrained == false)
            #expect(first.createdBy == "alice" && first.updatedBy == "alice")

            let described = try await store.saveTableSchema(
                schema("orders", sourceId: shop.id, description: "Orders we ship"),
                businessContext: "Generated v2.",
                actor: "alice"
            )
            #expect(described.schema.businessDescription == "Orders we ship")
            #expect(described.businessContext == "Orders we ship.\n\nGenerated v2.")

            // Re-introspection: a new column, no description given → the user's description stays.
            let refreshed = try await store.saveTableSchema(
                schema("orders", sourceId: shop.id, extraColumn: "shipped_at"),
                businessContext: "Generated v3.",
                actor: "trainer"
            )
            #expect(refreshed.schema.columns.map(\.name) == ["id", "customer_id", "prix€", "shipped_at"])
            #expect(refreshed.schema.businessDescription == "Orders we ship")
            #expect(refreshed.businessContext == "Orders we ship.\n\nGenerated v3.")
            #expect(refreshed.createdBy == "alice")
            #expect(refreshed.updatedBy == "trainer")
            #expect(abs(refreshed.createdAt.timeIntervalSince(first.createdAt)) < 0.001)
            #expect(refreshed.updatedAt >= refreshed.createdAt)

            #expect(try await count(store, "database_table_schemas", sourceId: shop.id) == 1)
            #expect(try await store.tableSchema(sourceId: shop.id, tableName: "orders") == refreshed)
            #expect(try await store.tableSchema(sourceId: shop.id, tableName: "Orders") == nil)
            #expect(try await store.tableSchema(sourceId: "other", tableName: "orders") == nil)

            // An empty description clears it.
            let cleared = try await store.saveTableSchema(
                schema("orders", sourceId: shop.id, description: ""),
                businessContext: "Generated v4.",
                actor: "alice"
            )
            #expect(cleared.schema.businessDescription == "")
            #expect(cleared.businessContext == "Generated v4.")
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func tableSchemasAreListedByName(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            let other = source("other", alice, offset: 1)
            try await store.createSource(shop, sealedConnection: "x")
            try await store.createSource(other, sealedConnection: "x")
            for table in ["orders", "café_ñandú", "MixedCase", "sales.orders"] {
                _ = try await store.saveTableSchema(schema(table, sourceId: shop.id), businessContext: "c", actor: "a")
            }
            _ = try await store.saveTableSchema(schema("elsewhere", sourceId: other.id), businessContext: "c", actor: "a")
            let names = try await store.tableSchemas(sourceId: shop.id).map(\.tableName)
            #expect(Set(names) == ["orders", "café_ñandú", "MixedCase", "sales.orders"])
            #expect(names.count == 4)
            #expect(try await store.tableSchema(sourceId: shop.id, tableName: "café_ñandú")?.schema.column("prix€")?.description == "prix en euros")
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func setTrainedMaintainsTrainedTables(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")
            for table in ["customers", "orders", "sales.orders"] {
                _ = try await store.saveTableSchema(schema(table, sourceId: shop.id), businessContext: "c", actor: "alice")
            }
            let before = Date()

            try await store.setTrained(sourceId: shop.id, tableName: "customers", trained: true, actor: "trainer")
            #expect(try await store.trainedTables(sourceId: shop.id) == ["customers"])
            let record = try #require(try await store.tableSchema(sourceId: shop.id, tableName: "customers"))
            #expect(record.isTrained)
            #expect(record.updatedBy == "trainer")
            let updated = try #require(try await store.source(id: shop.id, tenant: alice)?.source)
            #expect(updated.trainedTables == ["customers"])
            let lastUpdate = try #require(updated.lastSchemaUpdate)
            #expect(lastUpdate >= before.addingTimeInterval(-1) && lastUpdate <= Date().addingTimeInterval(1))

            try await store.setTrained(sourceId: shop.id, tableName: "sales.orders", trained: true, actor: "trainer")
            try await store.setTrained(sourceId: shop.id, tableName: "orders", trained: true, actor: "trainer")
            #expect(try await store.trainedTables(sourceId: shop.id) == ["customers", "sales.orders", "orders"])
            // Retraining does not duplicate; it moves the table to the end (training order).
            try await store.setTrained(sourceId: shop.id, tableName: "customers", trained: true, actor: "trainer")
            #expect(try await store.trainedTables(sourceId: shop.id) == ["sales.orders", "orders", "customers"])

            // Re-saving a schema keeps it trained.
            _ = try await store.saveTableSchema(schema("orders", sourceId: shop.id, extraColumn: "x"), businessContext: "c2", actor: "alice")
            #expect(try await store.tableSchema(sourceId: shop.id, tableName: "orders")?.isTrained == true)

            try await store.setTrained(sourceId: shop.id, tableName: "sales.orders", trained: false, actor: "alice")
            #expect(try await store.trainedTables(sourceId: shop.id) == ["orders", "customers"])
            #expect(try await store.tableSchema(sourceId: shop.id, tableName: "sales.orders")?.isTrained == false)

            // The raw column is a JSON array.
            let raw = try #require(
                try await store.client.query("SELECT trained_tables FROM database_sources WHERE source_id = $1", [.text(shop.id)]).first?.string(
                    "trained_tables"
                )
            )
            #expect(try JSONDecoder().decode([String].self, from: Data(raw.utf8)) == ["orders", "customers"])

            // A table without a stored schema cannot be trained, and nothing changes.
            let error = await serviceError { try await store.setTrained(sourceId: shop.id, tableName: "missing", trained: true, actor: "a") }
            #expect(error?.code == .notFound)
            #expect(try await store.trainedTables(sourceId: shop.id) == ["orders", "customers"])
            #expect(try await store.trainedTables(sourceId: "no-such-source") == [])
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func deletingASourceRemovesItsSchemas(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            let keep = source("keep", alice, offset: 1)
            try await store.createSource(shop, sealedConnection: "x")
            try await store.createSource(keep, sealedConnection: "y")
            for table in ["customers", "orders"] {
                _ = try await store.saveTableSchema(schema(table, sourceId: shop.id), businessContext: "c", actor: "a")
                _ = try await store.saveTableSchema(schema(table, sourceId: keep.id), businessContext: "c", actor: "a")
            }
            try await store.setTrained(sourceId: shop.id, tableName: "orders", trained: true, actor: "a")

            #expect(try await store.deleteSource(id: shop.id, tenant: alice))
            #expect(try await count(store, "database_table_schemas", sourceId: shop.id) == 0)
            #expect(try await count(store, "database_sources", sourceId: shop.id) == 0)
            #expect(try await store.client.query("SELECT count(*) AS n FROM sources WHERE id = $1", [.text(shop.id)]).first?.int("n") == 0)
            #expect(try await store.tableSchemas(sourceId: shop.id).isEmpty)
            #expect(try await store.tableSchemas(sourceId: keep.id).count == 2)
        }
    }

    // MARK: - Semantic model

    /// A stand-in for the derivation (QuerentSemantics): one entity per schema, in the order given.
    static func model(_ sourceId: String, _ schemas: [TableSchema]) -> SemanticModel {
        SemanticModel(
            sourceId: sourceId,
            entities: schemas.map {
                SemanticModel.Entity(table: $0.tableName, label: $0.tableName, display: [], key: $0.primaryKey, isPerson: false, isBridge: false)
            },
            measures: schemas.map {
                SemanticModel.Measure(name: "prix€", table: $0.tableName, expression: .column("prix€"), aggregation: .avg, kind: .price, unit: nil)
            },
            dimensions: [],
            relationships: [
                SemanticModel.Link(table: "orders", columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"], role: "buyer")
            ]
        )
    }

    /// Derives the stand-in model of the source's trained schemas; nil unless it was stored.
    @discardableResult
    func derive(_ store: SQLMetadataStore, _ sourceId: String, afterTraining table: String? = nil) async throws -> SemanticModel? {
        let update = try await store.updateSemanticModel(sourceId: sourceId, afterTraining: table) { Self.model(sourceId, $0) }
        if case .stored(let model) = update { return model }
        return nil
    }

    @Test(arguments: MetadataBackend.enabled)
    func semanticModelIsDerivedFromTheTrainedSchemasAndKeptApartFromTheEdits(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")
            #expect(try await store.semanticModel(sourceId: shop.id) == nil)
            for table in ["customers", "orders", "café_ñandú"] {
                _ = try await store.saveTableSchema(schema(table, sourceId: shop.id), businessContext: "c", actor: "a")
            }
            try await store.setTrained(sourceId: shop.id, tableName: "orders", trained: true, actor: "trainer")
            try await store.setTrained(sourceId: shop.id, tableName: "café_ñandú", trained: true, actor: "trainer")

            // The derivation sees the trained schemas only, by table name.
            let before = Date().addingTimeInterval(-1)
            let derived = try #require(try await derive(store, shop.id))
            #expect(derived.entities.map(\.table) == ["café_ñandú", "orders"])
            let stored = try #require(try await store.semanticModel(sourceId: shop.id))
            #expect(stored.model == derived)
            #expect(stored.edits == SemanticModelEdits())
            let derivedAt = try #require(stored.derivedAt)
            #expect(derivedAt > before && derivedAt < Date().addingTimeInterval(1))

            // Edits are merged by the closure and stored beside the model.
            let edits = SemanticModelEdits(
                synonyms: ["orders": ["purchases"], "orders.prix€": ["price"]],
                measures: [.init(table: "orders", name: "double", expression: "prix€ * 2", aggregation: .sum, unit: "EUR")],
                display: ["orders": ["id"]],
                hidden: ["café_ñandú": ["prix€"]]
            )
            #expect(try await store.updateSemanticModelEdits(sourceId: shop.id) { $0.merging(edits) } == edits)
            let more = SemanticModelEdits(synonyms: ["orders": ["sales"]])
            let merged = try await store.updateSemanticModelEdits(sourceId: shop.id) { $0.merging(more) }
            #expect(merged.synonyms == ["orders": ["sales"], "orders.prix€": ["price"]])
            #expect(merged.measures == edits.measures && merged.display == edits.display && merged.hidden == edits.hidden)
            #expect(try await store.semanticModel(sourceId: shop.id) == StoredSemanticModel(model: derived, derivedAt: derivedAt, edits: merged))

            // Deriving again (another table trained) replaces the model and keeps the edits.
            try await store.setTrained(sourceId: shop.id, tableName: "customers", trained: true, actor: "trainer")
            let again = try #require(try await derive(store, shop.id))
            #expect(again.entities.map(\.table) == ["café_ñandú", "customers", "orders"])
            let restored = try #require(try await store.semanticModel(sourceId: shop.id))
            #expect(restored.model == again && restored.edits == merged)
            #expect(try await count(store, "semantic_models", sourceId: shop.id) == 1)

            // A change that throws stores nothing.
            let refused = await serviceError {
                _ = try await store.updateSemanticModelEdits(sourceId: shop.id) { _ in throw ServiceError(.badRequest, "no") }
            }
            #expect(refused?.code == .badRequest)
            #expect(try await store.semanticModel(sourceId: shop.id)?.edits == merged)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func aStoredModelDescribesTheTrainedSchemasUntilOneChanges(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")
            for table in ["customers", "orders"] {
                _ = try await store.saveTableSchema(schema(table, sourceId: shop.id), businessContext: "c", actor: "a")
                try await store.setTrained(sourceId: shop.id, tableName: table, trained: true, actor: "trainer")
            }
            try await derive(store, shop.id)
            func trained() async throws -> [TableSchemaRecord] { try await store.tableSchemas(sourceId: shop.id).filter(\.isTrained) }
            let stored = try #require(try await store.semanticModel(sourceId: shop.id))
            #expect(stored.model(describing: try await trained())?.entities.map(\.table) == ["customers", "orders"])

            // A trained schema stored again (re-introspected) after the derivation: stale.
            try await Task.sleep(for: .milliseconds(5))
            _ = try await store.saveTableSchema(schema("orders", sourceId: shop.id, extraColumn: "note"), businessContext: "c", actor: "a")
            #expect(stored.model(describing: try await trained()) == nil)
            // Another trained set: stale too.
            try await derive(store, shop.id)
            try await store.setTrained(sourceId: shop.id, tableName: "customers", trained: false, actor: "a")
            #expect(try await store.semanticModel(sourceId: shop.id)?.model(describing: try await trained()) == nil)
            try await derive(store, shop.id)
            #expect(try await store.semanticModel(sourceId: shop.id)?.model(describing: try await trained())?.entities.map(\.table) == ["orders"])
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func derivingAfterTrainingIsLeftToATableStillInTraining(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")
            for table in ["customers", "orders", "products"] {
                _ = try await store.saveTableSchema(schema(table, sourceId: shop.id), businessContext: "c", actor: "a")
            }
            try await store.setTrained(sourceId: shop.id, tableName: "orders", trained: true, actor: "trainer")
            func status(_ table: String, _ state: TrainingState, _ stage: TrainingStage, at date: Date = Date()) async throws {
                try await store.saveTrainingStatus(
                    TrainingStatus(
                        jobId: UUID().uuidString,
                        sourceId: shop.id,
                        tableName: table,
                        state: state,
                        progress: stage.progress,
                        stage: stage,
                        attempts: 1,
                        updatedAt: date
                    )
                )
            }
            // orders' own job is at `vectorize`; customers is queued: its job derives later.
            try await status("orders", .active, .vectorize)
            try await status("customers", .queued, .queued)
            #expect(try await store.updateSemanticModel(sourceId: shop.id, afterTraining: "orders") { Self.model(shop.id, $0) } == .deferred)
            #expect(try await store.semanticModel(sourceId: shop.id) == nil)
            for stage in [TrainingStage.started, .fetch, .analyze] {
                try await status("customers", .active, stage)
                #expect(try await derive(store, shop.id, afterTraining: "orders") == nil, "\(stage) defers")
            }
            // Untraining (no table) always derives.
            #expect(try await derive(store, shop.id)?.entities.map(\.table) == ["orders"])

            // A job past `vectorize` derives on its own; so does a failed or a long-silent one.
            try await status("customers", .active, .vectorize)
            #expect(try await derive(store, shop.id, afterTraining: "orders") != nil)
            try await status("customers", .failed, .failed)
            #expect(try await derive(store, shop.id, afterTraining: "orders") != nil)
            try await status("customers", .active, .fetch, at: Date().addingTimeInterval(-25 * 60 * 60))
            #expect(try await derive(store, shop.id, afterTraining: "orders") != nil)
            // Another source's training does not count.
            let other = source("other", alice, offset: 1)
            try await store.createSource(other, sealedConnection: "x")
            try await store.saveTrainingStatus(
                TrainingStatus(jobId: "j", sourceId: other.id, tableName: "x", state: .active, progress: 25, stage: .fetch, attempts: 1)
            )
            #expect(try await derive(store, shop.id, afterTraining: "orders") != nil)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func semanticModelOfAnUnknownSourceIsNeverStored(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            #expect(
                try await store.updateSemanticModel(sourceId: "no-such-source", afterTraining: nil) { Self.model("no-such-source", $0) }
                    == .sourceNotFound
            )
            let missing = await serviceError { _ = try await store.updateSemanticModelEdits(sourceId: "no-such-source") { $0 } }
            #expect(missing?.code == .notFound)
            #expect(try await store.semanticModel(sourceId: "no-such-source") == nil)
            #expect(try await count(store, "semantic_models", sourceId: "no-such-source") == 0)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func editsMayComeBeforeAnyModel(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")
            let edits = SemanticModelEdits(hidden: ["orders": ["prix€"]])
            _ = try await store.updateSemanticModelEdits(sourceId: shop.id) { $0.merging(edits) }
            #expect(try await store.semanticModel(sourceId: shop.id) == StoredSemanticModel(model: nil, edits: edits))
            // Nothing trained: the model has no entities, and the edits stay.
            #expect(try await derive(store, shop.id)?.entities.isEmpty == true)
            #expect(try await store.semanticModel(sourceId: shop.id)?.edits == edits)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func anUndecodableModelReadsAsNoneButUndecodableEditsAreAnError(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")
            try await derive(store, shop.id)
            let edits = SemanticModelEdits(synonyms: ["orders": ["sales"]])
            _ = try await store.updateSemanticModelEdits(sourceId: shop.id) { $0.merging(edits) }

            // A model stored in an older format is derived again by readers; edits are the user's.
            try await store.client.query(
                "UPDATE semantic_models SET model = $1 WHERE source_id = $2",
                [.text(#"{"old_format": true}"#), .text(shop.id)]
            )
            #expect(try await store.semanticModel(sourceId: shop.id) == StoredSemanticModel(model: nil, edits: edits))
            try await store.client.query("UPDATE semantic_models SET edits = $1 WHERE source_id = $2", [.text(#"{"synonyms": 3}"#), .text(shop.id)])
            let corrupt = await serviceError { _ = try await store.semanticModel(sourceId: shop.id) }
            #expect(corrupt?.code == .internalError)
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func concurrentUpdatesStoreTheLatestTrainedSetAndEveryEdit(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            try await store.createSource(shop, sealedConnection: "x")
            let tables = (1...12).map { "t\($0)" }
            for table in tables { _ = try await store.saveTableSchema(schema(table, sourceId: shop.id), businessContext: "c", actor: "a") }
            let sourceId = shop.id
            // As trainers do: mark trained, then derive; and users editing meanwhile.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for table in tables {
                    group.addTask {
                        try await store.setTrained(sourceId: sourceId, tableName: table, trained: true, actor: "trainer")
                        try await store.updateSemanticModel(sourceId: sourceId, afterTraining: table) { Self.model(sourceId, $0) }
                    }
                    group.addTask {
                        _ = try await store.updateSemanticModelEdits(sourceId: sourceId) {
                            $0.merging(SemanticModelEdits(synonyms: [table: [table + "s"]]))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let stored = try #require(try await store.semanticModel(sourceId: shop.id))
            #expect(Set(stored.model?.entities.map(\.table) ?? []) == Set(tables))
            #expect(Set(stored.edits.synonyms?.keys.map { $0 } ?? []) == Set(tables), "no edit is lost")
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func deletingASourceRemovesItsSemanticModel(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            let shop = source("shop", alice)
            let keep = source("keep", alice, offset: 1)
            for stored in [shop, keep] {
                try await store.createSource(stored, sealedConnection: "x")
                try await derive(store, stored.id)
                _ = try await store.updateSemanticModelEdits(sourceId: stored.id) { $0.merging(SemanticModelEdits(synonyms: ["orders": ["sales"]])) }
            }
            #expect(try await store.deleteSource(id: shop.id, tenant: bob) == false)
            #expect(try await store.semanticModel(sourceId: shop.id) != nil)
            #expect(try await store.deleteSource(id: shop.id, tenant: alice))
            #expect(try await store.semanticModel(sourceId: shop.id) == nil)
            #expect(try await count(store, "semantic_models", sourceId: shop.id) == 0)
            #expect(try await store.semanticModel(sourceId: keep.id)?.edits.synonyms == ["orders": ["sales"]])
        }
    }

    @Test(arguments: MetadataBackend.enabled)
    func pingAnswersAndFailsWhenClosed(backend: MetadataBackend) async throws {
        try await backend.withStore { store async throws in
            try await store.ping()
            await store.client.close()
            let error = await serviceError { try await store.ping() }
            #expect(error?.code == .unavailable)
        }
    }
}
