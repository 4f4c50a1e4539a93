import Testing

@testable import QuerentApplication

/// How the retrieval index reads a question's named schemas.
@Suite struct TableSearchIndexTests {
    @Test func schemasAreNamedAsSchemasDatabasesOrQualifiers() {
        #expect(TableSearchIndex.schemaNames(namedIn: "Compare the Travel schema with schema football").isSuperset(of: ["travel", "football"]))
        #expect(TableSearchIndex.schemaNames(namedIn: "Rows of the hr_2024 database").contains("hr_2024"))
        #expect(TableSearchIndex.schemaNames(namedIn: "How many rows are in sales.orders?").contains("sales"))
    }

    @Test func aSchemaNameUsedAsAWordIsNotNamed() {
        #expect(!TableSearchIndex.schemaNames(namedIn: "What were the total sales.").contains("sales"))
        #expect(!TableSearchIndex.schemaNames(namedIn: "Which sales team sold most?").contains("sales"))
    }
}
