import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentGeneration

/// Questions a shop or lending library asks of its catalog: comparisons with an average of a
/// measure (never of a key), flags named by adjectives, amounts of money, two columns of one row
/// compared, and events still to come.
@Suite struct CatalogQuestionTests {
    static let tables = [
        BuiltinGeneratorTests.table("branches", [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text")]),
        BuiltinGeneratorTests.table(
            "audiobooks",
            [
                BuiltinGeneratorTests.key,
                ColumnSchema(
                    name: "branch_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "branches", referencesColumn: "id")
                ),
                ColumnSchema(name: "genre", type: "text"),
                ColumnSchema(
                    name: "narrator_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "members", referencesColumn: "id")
                ),
                ColumnSchema(name: "title", type: "text"),
                ColumnSchema(name: "price", type: "numeric"),
                ColumnSchema(name: "seconds", type: "integer"),
                ColumnSchema(name: "stock_count", type: "integer"),
                ColumnSchema(name: "reorder_level", type: "integer"),
            ],
            relationships: [
                Relationship(name: nil, columns: ["branch_id"], referencesTable: "branches", referencesColumns: ["id"]),
                Relationship(name: nil, columns: ["narrator_id"], referencesTable: "members", referencesColumns: ["id"]),
            ],
            profile: ["genre": ["Fiction", "History"]]
        ),
        BuiltinGeneratorTests.table(
            "members",
            [
                BuiltinGeneratorTests.key,
                ColumnSchema(name: "first_name", type: "text"),
                ColumnSchema(name: "last_name", type: "text"),
                ColumnSchema(name: "active", type: "integer"),
                ColumnSchema(name: "phone", type: "text"),
                ColumnSchema(name: "email", type: "text"),
                ColumnSchema(name: "address", type: "text"),
                ColumnSchema(
                    name: "branch_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "branches", referencesColumn: "id")
                ),
            ],
            relationships: [Relationship(name: nil, columns: ["branch_id"], referencesTable: "branches", referencesColumns: ["id"])],
            sample: [["active": .int(1)], ["active": .int(0)], ["active": .int(1)]]
        ),
        BuiltinGeneratorTests.table(
            "loans",
            [
                BuiltinGeneratorTests.key,
                ColumnSchema(
                    name: "member_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "members", referencesColumn: "id")
                ),
                ColumnSchema(
                    name: "audiobook_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "audiobooks", referencesColumn: "id")
                ),
                ColumnSchema(name: "loaned_at", type: "date"),
                ColumnSchema(name: "due_at", type: "date"),
                ColumnSchema(name: "returned_at", type: "date"),
                ColumnSchema(name: "fee", type: "numeric"),
            ],
            relationships: [
                Relationship(name: nil, columns: ["member_id"], referencesTable: "members", referencesColumns: ["id"]),
                Relationship(name: nil, columns: ["audiobook_id"], referencesTable: "audiobooks", referencesColumns: ["id"]),
            ]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func anAverageOfATableIsAnAverageOfItsMeasureNotOfItsKey() {
        #expect(
            sql("How many audiobooks are longer than the average audiobook?")
                == "SELECT count(*) FROM audiobooks WHERE seconds > (SELECT avg(seconds) FROM audiobooks)"
        )
        #expect(
            sql("Which audiobooks are priced above the average audiobook price?")
                == "SELECT title FROM audiobooks WHERE price > (SELECT avg(price) FROM audiobooks)"
        )
    }

    @Test func aZeroOrOneColumnNamedByAnAdjectiveIsAFlag() {
        #expect(sql("How many members are active?") == "SELECT count(*) FROM members WHERE active = 1")
        #expect(sql("How many members are inactive?") == "SELECT count(*) FROM members WHERE active != 1")
    }

    @Test func anAmountOfMoneyIsComparedWithThePrice() {
        #expect(sql("How many audiobooks sell for $9.99?") == "SELECT count(*) FROM audiobooks WHERE price = 9.99")
    }

    @Test func twoColumnsOfOneRowCompared() {
        #expect(
            sql("Which audiobooks have a stock count below their reorder level?")
                == "SELECT title FROM audiobooks WHERE stock_count < reorder_level"
        )
        #expect(sql("How many loans were returned after the due date?") == "SELECT count(*) FROM loans WHERE returned_at > due_at")
    }

    @Test(arguments: ["How many loans are still waiting to be returned?", "How many loans are yet to be returned?"])
    func anEventStillToComeHasNoDateYet(question: String) {
        #expect(sql(question) == "SELECT count(*) FROM loans WHERE returned_at IS NULL", "\(sql(question))")
    }

    @Test func notYetIsAnOpenRowNotAnAbsentOne() {
        let text = sql("Which audiobooks are on loan and not yet returned?")
        #expect(text.contains("returned_at IS NULL") && !text.contains("NOT IN"), "\(text)")
    }

    @Test func aParticipleNamesItsTableOfEvents() {
        #expect(
            sql("Which audiobooks have never been loaned?")
                == "SELECT title FROM audiobooks WHERE id NOT IN (SELECT audiobook_id FROM loans)"
        )
        let ranked = sql("What are the three most loaned audiobooks, and how many times has each been loaned?")
        #expect(ranked.contains("FROM loans") && ranked.contains("GROUP BY T2.id, T2.title") && ranked.hasSuffix("DESC LIMIT 3"), "\(ranked)")
    }

    @Test func theLongestRowIsOrderedByItsDurationInTheUnitAsked() {
        #expect(sql("What is the longest audiobook?") == "SELECT title FROM audiobooks ORDER BY seconds DESC LIMIT 1")
        let text = sql("What is the shortest audiobook, and how long is it in minutes?")
        #expect(text.hasPrefix("SELECT title, SUM(seconds) / 60.0") && text.hasSuffix("ASC LIMIT 1"), "\(text)")
    }

    @Test func andTheirAsksForMoreColumnsAndAddUpToForTheTotal() {
        #expect(
            sql("List the three most expensive audiobooks and their prices.") == "SELECT title, price FROM audiobooks ORDER BY price DESC LIMIT 3"
        )
        #expect(sql("How many loans are there, and what do they add up to?") == "SELECT count(*), sum(fee) FROM loans")
    }

    @Test func phoneNumbersAreAColumnNotACount() {
        let text = sql("What are the phone numbers of the members?")
        #expect(text == "SELECT phone FROM members", "\(text)")
    }

    @Test func theEventAVerbNamesLiesOnTheJoinPath() {
        let text = sql("How many different members have loaned a Fiction audiobook?")
        #expect(text.contains("JOIN loans") && !text.contains("branches"), "\(text)")
    }

    @Test(arguments: [
        "What is the average number of days before a loan is returned?",
        "On average, how many days pass between a loan being made and it being returned?",
    ])
    func averageDaysBetweenTwoDatesOfARow(question: String) {
        #expect(sql(question) == "SELECT avg((julianday(returned_at) - julianday(loaned_at))) FROM loans", "\(sql(question))")
    }

    @Test func aForeignKeyGroupedIsTheRowItRefersTo() {
        let text = sql("How many audiobooks does each narrator have?")
        #expect(text.contains("JOIN members") && text.contains("first_name") && !text.contains("GROUP BY narrator_id"), "\(text)")
    }

    @Test func anEmailAddressIsOneColumn() {
        #expect(sql("What are the email addresses of the members?") == "SELECT email FROM members")
    }
}
