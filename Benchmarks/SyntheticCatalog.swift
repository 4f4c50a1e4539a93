import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentRuntime

/// Retrieval latency over a generated catalog of many tables (`querent-bench large-schema
/// --synthetic N`): N tables in 200 schemas named from a business vocabulary, each with a key,
/// a foreign key to another table of its schema, and seven columns; stored and embedded
/// directly (the source is an empty SQLite file), then 300 questions built from the catalog's words are
/// retrieved (after one warm-up question) and p50 / p95 printed.
enum SyntheticCatalog {
    static let nouns = [
        "account", "address", "agent", "airport", "album", "artist", "asset", "booking", "branch", "budget", "campaign", "carrier",
        "category", "city", "claim", "client", "clinic", "contract", "country", "course", "customer", "delivery", "department",
        "device", "doctor", "driver", "employee", "event", "facility", "flight", "fund", "invoice", "item", "journey", "lease",
        "lesson", "license", "loan", "machine", "member", "order", "package", "partner", "patient", "payment", "policy", "product",
        "project", "property", "rating", "region", "rental", "report", "request", "room", "route", "sale", "school", "service",
        "shipment", "shop", "station", "student", "subscription", "supplier", "survey", "task", "teacher", "team", "ticket", "trip",
        "vehicle", "vendor", "visit", "warehouse", "wallet",
    ]
    static let attributes = [
        "name", "status", "amount", "price", "quantity", "created_at", "rating", "city", "country", "email", "phone", "title",
        "score", "weight", "capacity", "duration", "level", "type", "code", "started_on", "ended_on", "balance", "discount",
    ]

    static func run(tables: Int, maxTables: Int, logger: Logger) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("querent-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var configuration = QuerentConfiguration(metadataURL: scratch + "/metadata.sqlite", secretKey: CredentialCipher.generateKey())
        configuration.generators = [BuiltinSQLGenerator()]
        configuration.embedder = HashingEmbedder()
        configuration.maxRetrievedTables = maxTables
        let dependencies = try await Dependencies.make(configuration, logger: logger)
        let tenant = Tenant(userId: "bench", agentId: "bench")
        // The tables are stored directly; the source itself is an empty SQLite file.
        FileManager.default.createFile(atPath: scratch + "/empty.sqlite", contents: Data())
        let source = try await dependencies.registry.create(
            name: "synthetic",
            dialect: .sqlite,
            spec: ConnectionSpec(path: scratch + "/empty.sqlite"),
            tenant: tenant
        )
        let started = ContinuousClock.now
        var generator = SystemRandomNumberGenerator()
        let schemas = Self.tables(tables, sourceId: source.id, using: &generator)
        for schema in schemas {
            let context = SchemaCatalog.generateBusinessContext(schema)
            let record = try await dependencies.store.saveTableSchema(schema, businessContext: context, actor: "bench")
            try await dependencies.store.setTrained(sourceId: source.id, tableName: schema.tableName, trained: true, actor: "bench")
            try await dependencies.vectors.upsertTableSchema(record.schema, businessContext: context, tenant: tenant)
        }
        print("stored and embedded \(tables) synthetic tables in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")

        let retriever = dependencies.retriever()
        let questions = (0..<301).map { _ in question(using: &generator) }
        var latencies: [Double] = []
        for (index, question) in questions.enumerated() {
            let started = ContinuousClock.now
            _ = try await retriever.retrieve(question: question, sourceId: source.id, tenant: tenant, maxTables: maxTables)
            // The first question loads the source's context and index; it is reported on its own.
            if index == 0 {
                print(String(format: "first question (loads the source): %.0f ms", (ContinuousClock.now - started).seconds * 1_000))
            } else {
                latencies.append((ContinuousClock.now - started).seconds * 1_000)
            }
        }
        latencies.sort()
        print(
            String(
                format: "retrieval over %d tables, %d questions: p50 %.1f ms, p95 %.1f ms",
                tables,
                latencies.count,
                latencies[latencies.count / 2],
                latencies[latencies.count * 95 / 100]
            )
        )
        await dependencies.close()
    }

    /// `count` tables spread over 200 schemas, each joined to an earlier table of its schema.
    static func tables(_ count: Int, sourceId: String, using generator: inout SystemRandomNumberGenerator) -> [TableSchema] {
        var result: [TableSchema] = []
        var bySchema: [String: [String]] = [:]
        for index in 0..<count {
            let schema = "s\(index % 200)_" + nouns[(index / 200) % nouns.count]
            let noun = nouns[(index * 7 + index / 200) % nouns.count]
            let name = "\(noun)_\(index)"
            var columns = [ColumnSchema(name: "\(noun)_id", type: "integer", nullable: false, primaryKey: true)]
            var relationships: [Relationship] = []
            if let parent = bySchema[schema]?.randomElement(using: &generator) {
                let parentKey = String(parent.split(separator: "_").first ?? "") + "_id"
                let canonical = schema + "." + parent
                columns.append(
                    ColumnSchema(
                        name: parentKey,
                        type: "integer",
                        nullable: true,
                        primaryKey: false,
                        foreignKey: ForeignKeyReference(referencesTable: canonical, referencesColumn: parentKey)
                    )
                )
                relationships.append(Relationship(name: nil, columns: [parentKey], referencesTable: canonical, referencesColumns: [parentKey]))
            }
            for attribute in attributes.shuffled(using: &generator).prefix(7) where !columns.contains(where: { $0.name == attribute }) {
                let numeric = ["amount", "price", "quantity", "rating", "score", "weight", "capacity", "duration", "balance", "discount"]
                columns.append(
                    ColumnSchema(name: attribute, type: numeric.contains(attribute) ? "numeric" : "text", nullable: true, primaryKey: false)
                )
            }
            bySchema[schema, default: []].append(name)
            result.append(
                TableSchema(
                    sourceId: sourceId,
                    tableName: schema + "." + name,
                    schemaName: schema,
                    kind: .table,
                    columns: columns,
                    relationships: relationships
                )
            )
        }
        return result
    }

    /// A question in the catalog's words.
    static func question(using generator: inout SystemRandomNumberGenerator) -> String {
        let noun = nouns.randomElement(using: &generator)!
        let other = nouns.randomElement(using: &generator)!
        let attribute = attributes.randomElement(using: &generator)!.replacingOccurrences(of: "_", with: " ")
        let shapes = [
            "How many \(noun)s are there for each \(other)?",
            "What is the average \(attribute) of \(noun)s?",
            "List the \(attribute) of every \(noun) of the \(other) with the highest \(attribute).",
            "Which \(noun) has the most \(other)s?",
        ]
        return shapes.randomElement(using: &generator)!
    }
}
