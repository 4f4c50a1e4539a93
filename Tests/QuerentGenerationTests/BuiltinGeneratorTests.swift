import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentGeneration
@testable import QuerentQueryPlan
@testable import QuerentSchemaLinking

/// Behaviour of the built-in generator that does not need a database: dialect rendering and
/// quoting, relative dates, explanations, and saying so when a question cannot be linked.
@Suite struct BuiltinGeneratorTests {
    static func table(
        _ name: String,
        schema: String? = nil,
        _ columns: [ColumnSchema],
        relationships: [Relationship] = [],
        profile: [String: [String]]? = nil,
        sample: [[String: JSONValue]]? = nil
    ) -> RetrievedTable {
        var table = TableSchema(
            sourceId: "s",
            tableName: name,
            schemaName: schema,
            columns: columns,
            relationships: relationships,
            sampleData: sample
        )
        table.valueProfile = profile
        return RetrievedTable(schema: table, businessContext: "", score: 1)
    }

    /// An `id` primary key.
    static let key = ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true)

    /// A table of people: `id`, `first_name`, `last_name`, then `columns`.
    static func people(_ name: String, _ columns: [ColumnSchema] = [], profile: [String: [String]]? = nil) -> RetrievedTable {
        table(
            name,
            [key, ColumnSchema(name: "first_name", type: "text"), ColumnSchema(name: "last_name", type: "text")] + columns,
            profile: profile
        )
    }

    /// A table whose rows belong to a row of `parent`: `id`, the foreign key `column` to
    /// `parent.id`, then `columns`.
    static func child(
        _ name: String,
        of parent: String,
        by column: String,
        _ columns: [ColumnSchema],
        profile: [String: [String]]? = nil
    ) -> RetrievedTable {
        table(
            name,
            [key, ColumnSchema(name: column, type: "integer", foreignKey: ForeignKeyReference(referencesTable: parent, referencesColumn: "id"))]
                + columns,
            relationships: [Relationship(name: nil, columns: [column], referencesTable: parent, referencesColumns: ["id"])],
            profile: profile
        )
    }

    /// A small shop: customers and their orders, with mixed-case names to exercise quoting.
    static let shop: [RetrievedTable] = [
        table(
            "Customers",
            [
                ColumnSchema(name: "CustomerId", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "FullName", type: "text"),
                ColumnSchema(name: "Country", type: "text"),
                ColumnSchema(name: "order", type: "integer"),
            ],
            profile: ["Country": ["France", "Germany", "Japan"]],
            sample: [["CustomerId": .int(1), "FullName": .string("Ann Lee"), "Country": .string("France"), "order": .int(1)]]
        ),
        table(
            "orders",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(
                    name: "CustomerId",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "Customers", referencesColumn: "CustomerId")
                ),
                ColumnSchema(name: "total_amount", type: "numeric(10,2)"),
                ColumnSchema(name: "status", type: "text"),
                ColumnSchema(name: "ordered_at", type: "timestamp"),
            ],
            relationships: [Relationship(name: nil, columns: ["CustomerId"], referencesTable: "Customers", referencesColumns: ["CustomerId"])],
            profile: ["status": ["cancelled", "paid", "shipped"]]
        ),
    ]

    func generate(_ question: String, dialect: Dialect = .sqlite, tables: [RetrievedTable] = Self.shop) -> SQLGenerationResult {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: dialect, tables: tables))
    }

    @Test func namesItselfBuiltin() {
        #expect(BuiltinSQLGenerator().name == "builtin")
        #expect(generate("How many orders are there?").generator == "builtin")
    }

    @Test func quotesMixedCaseIdentifiersOnlyInPostgres() {
        let postgres = generate("How many customers are from France?", dialect: .postgres)
        #expect(postgres.sql == #"SELECT count(*) FROM "Customers" WHERE "Country" = 'France'"#)
        let sqlite = generate("How many customers are from France?", dialect: .sqlite)
        #expect(sqlite.sql == "SELECT count(*) FROM Customers WHERE Country = 'France'")
        #expect(postgres.tableUsed == ["Customers"])
    }

    @Test func aNumberTooLargeForAnIntegerIsStillAnAnswer() {
        let result = generate("How many orders have a total amount above 99999999999999999999?")
        #expect(result.sql.contains("total_amount > "), "\(result.sql)")
    }

    @Test func quotesReservedWords() {
        let renderer = SQLRenderer(index: SchemaIndex(tables: Self.shop), dialect: .sqlite)
        #expect(renderer.identifier("order") == "\"order\"")
        #expect(renderer.identifier("status") == "status")
        #expect(renderer.identifier("we\"ird name") == "\"we\"\"ird name\"")
        #expect(renderer.literal("O'Brien") == "'O''Brien'")
        // reserved in MySQL and MariaDB only, still common column names
        let mysql = SQLRenderer(index: SchemaIndex(tables: Self.shop), dialect: .mysql)
        #expect(mysql.identifier("condition") == "`condition`")
        #expect(mysql.identifier("rank") == "`rank`")
        #expect(renderer.identifier("condition") == "\"condition\"")
    }

    @Test func splitsSchemaQualifiedPostgresNames() {
        let tables = [
            Self.table(
                "Sales.Invoices",
                schema: "Sales",
                [ColumnSchema(name: "id", type: "integer", primaryKey: true), ColumnSchema(name: "amount", type: "numeric")]
            )
        ]
        let result = generate("What is the total amount of invoices?", dialect: .postgres, tables: tables)
        #expect(result.sql == #"SELECT sum(amount) FROM "Sales"."Invoices""#)
    }

    @Test func sortsBySecondKeysAfterThen() {
        #expect(generate("List the customers sorted by country and then by full name.").sql.hasSuffix("ORDER BY Country ASC, FullName ASC"))
        #expect(generate("List the customers sorted by country, then by full name descending.").sql.hasSuffix("ORDER BY Country ASC, FullName DESC"))
    }

    @Test func ranksByTheNumberNamedAfterATable() {
        let tables = [
            Self.people("members"),
            Self.child(
                "receipts",
                of: "members",
                by: "member_id",
                [ColumnSchema(name: "issued_on", type: "date"), ColumnSchema(name: "amount", type: "numeric")]
            ),
        ]
        let which = generate("Which member had the largest receipt amount?", tables: tables).sql
        #expect(which.hasSuffix("ORDER BY T2.amount DESC LIMIT 1") && which.contains("first_name || ' ' || T1.last_name"), "\(which)")
        #expect(generate("What is the largest receipt total?", tables: tables).sql == "SELECT amount FROM receipts ORDER BY amount DESC LIMIT 1")
        let both = generate("What was the largest receipt total, and which member was it for?", tables: tables).sql
        #expect(both.hasPrefix("SELECT T1.first_name || ' ' || T1.last_name, T2.amount FROM members AS T1 JOIN receipts AS T2"), "\(both)")
    }

    @Test func aRowIsShownByItsOwnNameNotByAPersonItMentions() {
        let shops = [
            Self.table(
                "shops",
                [
                    ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                    ColumnSchema(name: "owner_first_name", type: "text"),
                    ColumnSchema(name: "owner_last_name", type: "text"),
                    ColumnSchema(name: "shop_name", type: "text"),
                ]
            ),
            Self.table(
                "customers",
                [
                    ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                    ColumnSchema(name: "customer_first_name", type: "text"),
                    ColumnSchema(name: "customer_last_name", type: "text"),
                ]
            ),
        ]
        #expect(generate("List all shops.", tables: shops).sql == "SELECT shop_name FROM shops")
        #expect(generate("List all customers.", tables: shops).sql == "SELECT customer_first_name || ' ' || customer_last_name FROM customers")
    }

    @Test func joinsAlongForeignKeys() {
        let result = generate("How many orders did customers from Japan place?")
        #expect(result.sql.contains("JOIN"))
        #expect(result.sql.contains("T1.CustomerId = T2.CustomerId"))
        #expect(result.sql.contains("T2.Country = 'Japan'"))
        #expect(Set(result.tableUsed) == ["orders", "Customers"])
        #expect(result.explanation.contains("Japan"))
    }

    @Test func rendersRelativeDatesPerDialect() {
        let sqlite = generate("How many orders were placed last month?")
        #expect(sqlite.sql.contains("date('now', 'start of month', '-1 month')"))
        let postgres = generate("How many orders were placed last month?", dialect: .postgres)
        #expect(postgres.sql.contains("date_trunc('month', CURRENT_DATE) - INTERVAL '1 month'"))
        let year = generate("How many orders were placed in 2023?", dialect: .postgres)
        #expect(year.sql.contains("ordered_at >= DATE '2023-01-01' AND ordered_at < DATE '2024-01-01'"))
    }

    @Test func negationBecomesNotInSubquery() {
        let result = generate("Which customers have never placed an order?")
        #expect(result.sql == "SELECT FullName FROM Customers WHERE CustomerId NOT IN (SELECT CustomerId FROM orders)")
    }

    @Test func averageComparisonBecomesSubquery() {
        let result = generate("List the orders with a total amount above the average.")
        #expect(result.sql.contains("total_amount > (SELECT avg(total_amount) FROM orders)"))
    }

    @Test func saysSoWhenNothingLinks() {
        let result = generate("What is the weather like on Mars tomorrow?")
        #expect(result.confidence < 0.3)
        #expect(!result.explanation.isEmpty)
        if result.sql.isEmpty { #expect(result.explanation.contains("could not link")) }
    }

    @Test func emptyTablesGiveNoSQL() {
        let result = generate("How many orders?", tables: [])
        #expect(result.sql.isEmpty)
        #expect(result.confidence == 0)
    }

    @Test func confidenceIsHigherForClearQuestions() {
        let clear = generate("How many orders have status cancelled?")
        let vague = generate("Which ones are the best for the thing we discussed?")
        #expect(clear.confidence > vague.confidence)
        #expect((0...1).contains(clear.confidence))
    }
}
