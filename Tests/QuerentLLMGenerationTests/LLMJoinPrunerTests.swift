import Testing

@testable import QuerentCore
@testable import QuerentLLMGeneration

/// Unused joins in a model's SQL are dropped; anything whose meaning could change is left alone.
@Suite struct LLMJoinPrunerTests {
    static let country = TableSchema(
        sourceId: "s",
        tableName: "country",
        columns: [
            ColumnSchema(name: "Code", type: "TEXT", primaryKey: true), ColumnSchema(name: "Name", type: "TEXT"),
            ColumnSchema(name: "Continent", type: "TEXT"), ColumnSchema(name: "SurfaceArea", type: "REAL"),
        ]
    )
    static let language = TableSchema(
        sourceId: "s",
        tableName: "countrylanguage",
        columns: [
            ColumnSchema(name: "CountryCode", type: "TEXT"), ColumnSchema(name: "Language", type: "TEXT"),
            ColumnSchema(name: "IsOfficial", type: "TEXT"),
        ]
    )
    static let city = TableSchema(
        sourceId: "s",
        tableName: "city",
        columns: [
            ColumnSchema(name: "ID", type: "INTEGER", primaryKey: true), ColumnSchema(name: "CountryCode", type: "TEXT"),
            ColumnSchema(name: "Population", type: "INTEGER"),
        ]
    )
    static let tables = [country, language, city]

    @Test func anUnusedJoinIsDropped() {
        let result = LLMJoinPruner.prune(
            "SELECT SUM(T1.SurfaceArea) FROM country AS T1 INNER JOIN countrylanguage AS T2 ON T1.Code = T2.CountryCode WHERE T1.Continent IN ('Asia', 'Europe')",
            tables: Self.tables
        )
        #expect(result.sql == "SELECT SUM(T1.SurfaceArea) FROM country AS T1 WHERE T1.Continent IN ('Asia', 'Europe')")
        #expect(result.dropped == ["countrylanguage"])
    }

    @Test func textOutsideTheJoinIsKeptAsWritten() {
        let result = LLMJoinPruner.prune(
            "SELECT T1.Name FROM country AS T1 JOIN city AS T2 ON T1.Code = T2.CountryCode\n  WHERE T1.Name = 'Saint  Lucia'",
            tables: Self.tables
        )
        #expect(result.sql == "SELECT T1.Name FROM country AS T1\n  WHERE T1.Name = 'Saint  Lucia'")
    }

    @Test func chainsAreDroppedFromTheEnd() {
        let result = LLMJoinPruner.prune(
            "SELECT a.Name FROM country a JOIN countrylanguage b ON a.Code = b.CountryCode JOIN city c ON b.CountryCode = c.CountryCode",
            tables: Self.tables
        )
        #expect(result.sql == "SELECT a.Name FROM country a")
        #expect(result.dropped == ["city", "countrylanguage"])
    }

    @Test(arguments: [
        // used through its alias, through an unqualified column, in ORDER BY
        "SELECT T1.Name FROM country AS T1 JOIN countrylanguage AS T2 ON T1.Code = T2.CountryCode WHERE T2.Language = 'French'",
        "SELECT Name, Language FROM country JOIN countrylanguage ON country.Code = countrylanguage.CountryCode",
        "SELECT T1.Name FROM country T1 JOIN city T2 ON T1.Code = T2.CountryCode ORDER BY T2.Population DESC LIMIT 1",
        // counts and stars depend on the joined rows
        "SELECT count(*) FROM country AS T1 JOIN countrylanguage AS T2 ON T1.Code = T2.CountryCode WHERE T1.Name = 'Aruba'",
        "SELECT * FROM country JOIN city ON country.Code = city.CountryCode",
        // outer joins, subqueries, set operations and complex ON clauses are not touched
        "SELECT T1.Name FROM country T1 LEFT JOIN city T2 ON T1.Code = T2.CountryCode",
        "SELECT T1.Name FROM country T1 JOIN city T2 ON T1.Code = T2.CountryCode AND T2.Population > 5",
        "SELECT Name FROM country T1 JOIN city T2 ON T1.Code = T2.CountryCode WHERE Code IN (SELECT CountryCode FROM countrylanguage)",
        "SELECT T1.Name FROM country T1 JOIN city T2 ON T1.Code = T2.CountryCode EXCEPT SELECT Name FROM country",
    ])
    func joinsThatMatterStay(_ sql: String) {
        let result = LLMJoinPruner.prune(sql, tables: Self.tables)
        #expect(result.sql == sql)
        #expect(result.dropped.isEmpty)
    }
}
