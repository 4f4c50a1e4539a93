import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentGeneration

/// Totals over a video shop: groups sorted by their figure ("from highest to lowest"), a bridge
/// table read as the table it links to, a table of money totalled per month, and the average
/// value of an order named after "of".
@Suite struct StoreAnalyticsTests {
    static func reference(_ column: String, _ table: String) -> ColumnSchema {
        ColumnSchema(name: column, type: "integer", foreignKey: ForeignKeyReference(referencesTable: table, referencesColumn: "id"))
    }

    static func relationship(_ column: String, _ table: String) -> Relationship {
        Relationship(name: nil, columns: [column], referencesTable: table, referencesColumns: ["id"])
    }

    static let tables = [
        BuiltinGeneratorTests.table("genres", [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text")]),
        BuiltinGeneratorTests.table(
            "labels",
            [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text")],
            profile: ["name": ["Criterion", "Arrow"]]
        ),
        BuiltinGeneratorTests.table(
            "studios",
            [
                BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text"), ColumnSchema(name: "country", type: "text"),
                reference("label_id", "labels"),
            ],
            relationships: [relationship("label_id", "labels")],
            profile: ["country": ["USA", "UK"]]
        ),
        BuiltinGeneratorTests.table(
            "videos",
            [
                BuiltinGeneratorTests.key, ColumnSchema(name: "title", type: "text"), ColumnSchema(name: "list_price", type: "numeric"),
                reference("studio_id", "studios"),
            ],
            relationships: [relationship("studio_id", "studios")]
        ),
        BuiltinGeneratorTests.table(
            "customers",
            [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text"), ColumnSchema(name: "country", type: "text")]
        ),
        BuiltinGeneratorTests.table(
            "video_genres",
            [
                ColumnSchema(
                    name: "video_id",
                    type: "integer",
                    nullable: false,
                    primaryKey: true,
                    foreignKey: ForeignKeyReference(referencesTable: "videos", referencesColumn: "id")
                ),
                ColumnSchema(
                    name: "genre_id",
                    type: "integer",
                    nullable: false,
                    primaryKey: true,
                    foreignKey: ForeignKeyReference(referencesTable: "genres", referencesColumn: "id")
                ),
            ],
            relationships: [relationship("video_id", "videos"), relationship("genre_id", "genres")]
        ),
        BuiltinGeneratorTests.table(
            "purchases",
            [
                BuiltinGeneratorTests.key, reference("video_id", "videos"), ColumnSchema(name: "amount", type: "numeric"),
                ColumnSchema(name: "purchased_at", type: "date"),
            ],
            relationships: [relationship("video_id", "videos")]
        ),
        BuiltinGeneratorTests.table(
            "orders",
            [BuiltinGeneratorTests.key, reference("customer_id", "customers"), ColumnSchema(name: "placed_at", type: "date")],
            relationships: [relationship("customer_id", "customers")]
        ),
        BuiltinGeneratorTests.table(
            "order_lines",
            [
                BuiltinGeneratorTests.key, reference("order_id", "orders"), reference("video_id", "videos"),
                ColumnSchema(name: "quantity", type: "integer"), ColumnSchema(name: "unit_price", type: "numeric"),
            ],
            relationships: [relationship("order_id", "orders"), relationship("video_id", "videos")]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test(arguments: [
        "What is the total purchase amount per video genre, from highest to lowest?",
        "Show the total purchase amount per video genre, largest first.",
    ])
    func groupsSortedByTheirFigureKeepEveryGroup(question: String) {
        let text = sql(question)
        #expect(text.contains(".name") && text.contains("JOIN genres") && text.contains("GROUP BY"), "\(text)")
        #expect(text.hasSuffix("DESC") && !text.contains("LIMIT"), "\(text)")
    }

    @Test func aTableOfMoneyTotalledPerMonth() {
        let text = sql("Show me the total purchases for each month.")
        #expect(text.contains("strftime('%Y-%m', purchased_at)") && text.contains("SUM(amount)"), "\(text)")
    }

    @Test func theAverageValueOfAnOrderAveragesEachOrdersTotal() {
        let named = sql("What is the average value of an order?")
        #expect(named.contains("quantity") && named.contains("COUNT(DISTINCT"), "\(named)")
        #expect(named == sql("What is the average order value?"))
    }

    @Test func aValueAfterATableIsThatTablesColumn() {
        // "USA" is known only as a studio's country; "customers in the USA" are customers
        let text = sql("Which customers in the USA spent the most on orders?")
        #expect(text.contains("JOIN customers") && !text.contains("studios"), "\(text)")
        #expect(text.range(of: #"T\d\.country = 'USA'"#, options: .regularExpression) != nil, "\(text)")
    }

    @Test func aRankedCompoundIsAboutItsHead() {
        let text = sql("Which video studio had the most purchase revenue?")
        #expect(text.contains("JOIN studios") && text.contains(".name") && text.hasSuffix("DESC LIMIT 1"), "\(text)")
        #expect(!text.contains("GROUP BY T2.id, T2.title") && !text.contains("GROUP BY T1.id, T1.title"), "\(text)")
    }

    @Test func whichPicksOneAndShowsTheFigureOnlyWhenAsked() {
        let named = sql("Which studio had the most purchase revenue?")
        #expect(named.hasPrefix("SELECT T3.name FROM") && !named.contains(" AS total_"), "\(named)")
        let both = sql("Which studio had the most purchase revenue, and how much?")
        #expect(both.hasPrefix("SELECT T3.name, SUM(T1.amount)"), "\(both)")
    }

    @Test func anAmountOfMoneyIsAThresholdOnTheTotal() {
        let text = sql("Which customers have spent more than $100 in total?")
        #expect(text.contains("JOIN customers") && text.contains("HAVING SUM(T1.unit_price * T1.quantity) > 100"), "\(text)")
    }

    @Test func atLeastOneIsABoundNotARanking() {
        let text = sql("How many different customers have placed at least one order?")
        #expect(!text.contains("LIMIT") && !text.contains("ASC"), "\(text)")
    }

    @Test func aLabelValueStaysWithItsTable() {
        // "Criterion" is a label's name, not a studio's
        let text = sql("How many Criterion studios are there?")
        #expect(text.contains("JOIN labels") && text.hasSuffix(".name = 'Criterion'"), "\(text)")
    }

    @Test func aTextColumnNamedFirstIsWhatIsRanked() {
        let text = sql("Which two countries brought in the most purchase revenue, and how much?")
        #expect(text.hasPrefix("SELECT T3.country, SUM(T1.amount)") && text.hasSuffix("DESC LIMIT 2"), "\(text)")
    }
}
