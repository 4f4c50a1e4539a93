import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// The vector store's searches over its in-memory rows: best first, ties by id, one agent's
/// vectors only, and rows rebuilt after every upsert and delete.
@Suite struct IndexedVectorStoreTests {
    static let alice = Tenant(userId: "alice", agentId: "main")
    static let bob = Tenant(userId: "bob", agentId: "main")

    static func table(_ name: String, source: String, columns: [String]) -> TableSchema {
        TableSchema(
            sourceId: source,
            tableName: name,
            schemaName: nil,
            kind: .table,
            columns: columns.map { ColumnSchema(name: $0, type: "text", nullable: true, primaryKey: false) },
            relationships: []
        )
    }

    @Test func tablesComeBestFirstForTheirTenantOnly() async throws {
        try await TrainingRig.with { rig in
            let vectors = IndexedVectorStore(store: rig.store, embedder: HashingEmbedder())
            for (name, columns) in [("invoices", ["invoice_total", "due_date"]), ("planets", ["orbit", "moons"]), ("songs", ["artist", "tempo"])] {
                try await vectors.upsertTableSchema(Self.table(name, source: "s1", columns: columns), businessContext: name, tenant: Self.alice)
            }
            try await vectors.upsertTableSchema(
                Self.table("invoices_bob", source: "s2", columns: ["invoice_total"]),
                businessContext: "invoices",
                tenant: Self.bob
            )

            let matches = try await vectors.searchRelevantTables(query: "invoice total by due date", tenant: Self.alice, limit: 10)
            #expect(matches.map(\.metadata.tableName).first == "invoices")
            #expect(Set(matches.map(\.metadata.tableName)) == ["invoices", "planets", "songs"])
            #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(try await vectors.searchRelevantTables(query: "invoice total", tenant: Self.alice, limit: 1).count == 1)
            #expect(
                try await vectors.searchRelevantTables(query: "invoice total", tenant: Self.bob, limit: 5).map(\.metadata.tableName) == [
                    "invoices_bob"
                ]
            )
        }
    }

    @Test func searchesSeeUpsertsAndDeletesAtOnce() async throws {
        try await TrainingRig.with { rig in
            let vectors = IndexedVectorStore(store: rig.store, embedder: HashingEmbedder())
            try await vectors.upsertTableSchema(Self.table("songs", source: "s1", columns: ["artist"]), businessContext: "songs", tenant: Self.alice)
            #expect(try await vectors.searchRelevantTables(query: "moons", tenant: Self.alice, limit: 5).map(\.metadata.tableName) == ["songs"])

            try await vectors.upsertTableSchema(
                Self.table("planets", source: "s1", columns: ["moons"]),
                businessContext: "planets",
                tenant: Self.alice
            )
            #expect(try await vectors.searchRelevantTables(query: "moons", tenant: Self.alice, limit: 5).first?.metadata.tableName == "planets")

            try await vectors.deleteTableSchema(sourceId: "s1", tableName: "planets", tenant: Self.alice)
            #expect(try await vectors.searchRelevantTables(query: "moons", tenant: Self.alice, limit: 5).map(\.metadata.tableName) == ["songs"])
        }
    }

    @Test func examplesAreSearchedPerSourceApartFromTables() async throws {
        try await TrainingRig.with { rig in
            let vectors = IndexedVectorStore(store: rig.store, embedder: HashingEmbedder())
            try await vectors.upsertTableSchema(Self.table("songs", source: "s1", columns: ["artist"]), businessContext: "songs", tenant: Self.alice)
            for (id, source, question) in [("e1", "s1", "Which artist has the most songs?"), ("e2", "s2", "Which artist has the most songs?")] {
                let example = TaughtExample(
                    id: id,
                    sourceId: source,
                    question: question,
                    sql: "SELECT artist FROM songs",
                    state: .trained,
                    createdBy: "alice"
                )
                try await vectors.upsertExample(example, tenant: Self.alice)
            }
            let found = try await vectors.searchExamples(query: "the artist with most songs", sourceId: "s1", tenant: Self.alice, limit: 5)
            #expect(found.map(\.metadata.exampleId) == ["e1"])
            #expect(
                try await vectors.searchRelevantTables(query: "artist songs", tenant: Self.alice, limit: 5).map(\.metadata.tableName) == ["songs"]
            )

            try await vectors.deleteExample(sourceId: "s1", exampleId: "e1", tenant: Self.alice)
            #expect(try await vectors.searchExamples(query: "the artist with most songs", sourceId: "s1", tenant: Self.alice, limit: 5).isEmpty)
        }
    }
}
