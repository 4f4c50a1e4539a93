import QuerentCore
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

    /// An index over `tables` ("schema.table": lower-case one-word column names), one schema each.
    static func index(_ tables: [String: [String]]) -> TableSearchIndex {
        TableSearchIndex(
            records: tables.keys.sorted().map { name in
                let schema = TableSchema(
                    sourceId: "s",
                    tableName: name,
                    schemaName: String(name.split(separator: ".")[0]),
                    columns: tables[name]!.map { ColumnSchema(name: $0, type: "text") }
                )
                return TableSchemaRecord(sourceId: "s", tableName: name, schema: schema, businessContext: "", createdBy: "t", updatedBy: "t")
            }
        )
    }

    /// The schema of the best scoring table.
    static func best(_ index: TableSearchIndex, _ question: String) -> String? {
        let matches = index.tableMatches(index.lookup(question))
        return matches.max { $0.value.score != $1.value.score ? $0.value.score < $1.value.score : $0.key > $1.key }
            .map { String(index.names[$0.key].split(separator: ".")[0]) }
    }

    @Test func aWordInsideAOneWordColumnNameMatchesIt() {
        let index = Self.index([
            "world.country": ["code", "name", "population", "lifeexpectancy"],
            "league.country": ["id", "name", "population", "capital"],
        ])
        let lookup = index.lookup("What is the life expectancy in each country?")
        #expect(lookup.inside["expectancy"]?.keys.map { index.names[$0] } == ["world.country"])
        #expect(Self.best(index, "What is the life expectancy in each country?") == "world")
    }

    @Test func twoNeighbouringWordsMatchTheNameWrittenAsOne() {
        let index = Self.index([
            "school.highschooler": ["id", "name", "grade"],
            "geo.highlow": ["state", "highest_point", "lowest_point"],
        ])
        #expect(index.lookup("How many high schoolers are there?").terms.contains("highschooler"))
        #expect(Self.best(index, "How many high schoolers are there?") == "school")
    }

    @Test func aWellKnownValueNamesTheColumnThatHoldsSuchValues() {
        let index = Self.index([
            "world.country": ["code", "name", "continent", "population"],
            "coasters.country": ["id", "name", "population", "area"],
            "films.language": ["id", "name"],
            "world.countrylanguage": ["countrycode", "language", "isofficial"],
        ])
        #expect(index.lookup("Which Asian countries have the largest population?").terms.contains("continent"))
        #expect(Self.best(index, "How many countries in Europe have a population above 1000000?") == "world")
        #expect(index.lookup("How many countries speak both English and Dutch?").terms.contains("language"))
        #expect(!index.lookup("How many countries have a population above 1000000?").terms.contains("continent"))
    }

    @Test func aYearBringsTheNearestTableWithADate() {
        let key = ColumnSchema(name: "id", type: "integer", primaryKey: true)
        func table(_ name: String, _ columns: [ColumnSchema], references: [String] = []) -> TableSchemaRecord {
            let schema = TableSchema(
                sourceId: "s",
                tableName: name,
                columns: [key] + columns + references.map { ColumnSchema(name: $0 + "_id", type: "integer") },
                relationships: references.map { Relationship(name: nil, columns: [$0 + "_id"], referencesTable: $0, referencesColumns: ["id"]) }
            )
            return TableSchemaRecord(sourceId: "s", tableName: name, schema: schema, businessContext: "", createdBy: "t", updatedBy: "t")
        }
        let index = TableSearchIndex(records: [
            table("cards", [ColumnSchema(name: "points", type: "integer")], references: ["customers"]),
            table("customers", [ColumnSchema(name: "name", type: "text")]),
            table("orders", [ColumnSchema(name: "placed_on", type: "date")], references: ["customers"]),
        ])
        #expect(SchemaRetriever.namesYear("How many points were earned in 2024?"))
        #expect(!SchemaRetriever.namesYear("How many cards hold more than 20240 points?"))
        let path = SchemaRetriever.nearest(from: [0], index: index, allowed: [0, 1, 2]) { index.roles[$0].hasDate }
        #expect(path.map { index.names[$0] } == ["orders", "customers"])
    }
}
