import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

@testable import QuerentGeneration

/// A participle before a date ("shipped in 2024") names the date column the period filters,
/// even when the same word is a stored status value ("shipped"); two participles around "N days
/// after" compare the days between their columns.
@Suite struct DateVerbQuestionTests {
    @Test(arguments: [
        ("How many orders were shipped in 2024?", "SELECT count(*) FROM orders WHERE shipped_date >= '2024-01-01' AND shipped_date < '2025-01-01'"),
        (
            "How many orders shipped in March 2024 were delivered?",
            "SELECT count(*) FROM orders WHERE status = 'delivered' AND shipped_date >= '2024-03-01' AND shipped_date < '2024-04-01'"
        ),
        (
            "How many orders were shipped less than 2 days after they were ordered?",
            "SELECT count(*) FROM orders WHERE julianday(shipped_date) - julianday(order_date) < 2"
        ),
    ])
    func aVerbNamesItsDateColumn(question: String, gold: String) async throws {
        let harness = try await QueryHarness()
        let (answer, matches) = try await harness.check(question, against: gold, sourceId: try await harness.registerSample())
        #expect(matches, "\(answer.generation.sql) — \(answer.generation.explanation)")
        #expect(!answer.generation.sql.contains("'shipped'"), "\(answer.generation.sql)")
    }
}

/// A year or a relative period places rows by what happened (`created_at`), not by what was
/// planned (`promised_date`), unless a word names the planned date.
@Suite struct PlannedDateQuestionTests {
    static let shipments = [
        BuiltinGeneratorTests.table(
            "shipments",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "tracking_number", type: "text"),
                ColumnSchema(name: "promised_date", type: "date"),
                ColumnSchema(name: "created_at", type: "timestamp"),
                ColumnSchema(name: "weight_kg", type: "numeric"),
            ]
        )
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.shipments)).sql
    }

    @Test func aYearOrAPeriodMeansWhatHappened() {
        #expect(sql("How many shipments were there in 2024?").contains("created_at >= '2024-01-01'"))
        #expect(sql("How many shipments were there last month?").contains("created_at"))
        #expect(!sql("How many shipments were there last month?").contains("promised_date"))
    }

    @Test func aWordNamingThePlannedDateKeepsIt() {
        #expect(sql("How many shipments were promised for 2024?").contains("promised_date >= '2024-01-01'"))
    }
}

/// Words that read as stored values but are not: a verb before a time grain ("hire per year")
/// names the date column the grain reads, and "how many people" counts the one table of people.
@Suite struct EventVerbGrainTests {
    static let staff = [
        BuiltinGeneratorTests.table(
            "teams",
            [ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true), ColumnSchema(name: "team_name", type: "text")],
            sample: [["id": .int(1), "team_name": .string("Support")]]
        ),
        BuiltinGeneratorTests.child(
            "staff",
            of: "teams",
            by: "team_id",
            [
                ColumnSchema(name: "first_name", type: "text"),
                ColumnSchema(name: "last_name", type: "text"),
                ColumnSchema(name: "hire_date", type: "date"),
                ColumnSchema(name: "track", type: "text"),
            ],
            // stored values that are also question words
            profile: ["track": ["hire", "people", "sales"]]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.staff)).sql
    }

    @Test func aVerbBeforeATimeGrainIsNoValue() {
        let perYear = sql("How many staff did each team hire per year?")
        #expect(perYear.contains("strftime('%Y',") && perYear.contains("hire_date"), "\(perYear)")
        #expect(!perYear.contains("'hire'"), "\(perYear)")
    }

    @Test func peopleAfterHowManyAreTheTableOfPeople() {
        let people = sql("How many people did each team hire per year?")
        #expect(people.contains("FROM staff") && people.contains("hire_date"), "\(people)")
        #expect(!people.contains("'people'") && !people.contains("'hire'"), "\(people)")
        // the value is still a value where it is one
        #expect(sql("How many staff are on the sales track?").contains("'sales'"))
    }
}

/// A year after "in" places rows by a date, even next to a number column whose name reads
/// like a year (`annual_amount`).
@Suite struct YearBesideNumberTests {
    static let tables = [
        BuiltinGeneratorTests.people("staff"),
        BuiltinGeneratorTests.child(
            "pay_changes",
            of: "staff",
            by: "staff_id",
            [
                ColumnSchema(name: "annual_amount", type: "numeric"),
                ColumnSchema(name: "reason", type: "text"),
                ColumnSchema(name: "effective_from", type: "date"),
            ],
            profile: ["reason": ["promotion", "hire"]]
        ),
    ]

    @Test func theYearIsADate() {
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "Which staff got an annual amount change for a promotion in 2025?", dialect: .sqlite, tables: Self.tables)
        ).sql
        #expect(sql.contains("effective_from >= '2025-01-01'") && !sql.contains("= 2025"), "\(sql)")
    }
}

/// A year right before a table's name ("their 2024 review") is the year of its rows.
@Suite struct YearOfRowsTests {
    static let tables = [
        BuiltinGeneratorTests.people("staff"),
        BuiltinGeneratorTests.child(
            "reviews",
            of: "staff",
            by: "staff_id",
            [ColumnSchema(name: "review_year", type: "integer"), ColumnSchema(name: "rating", type: "integer")]
        ),
    ]

    @Test func theYearOfTheReview() {
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "Which staff received a rating of 5 in their 2024 review?", dialect: .sqlite, tables: Self.tables)
        ).sql
        #expect(sql.contains("review_year = 2024") && sql.contains("rating = 5") && !sql.contains("HAVING"), "\(sql)")
    }
}

/// "The first order", "her latest purchase" rank the table's own rows by its date, the one a
/// verb names; a "when" question returns that date.
@Suite struct FirstAndLatestRowTests {
    static let tables = [
        BuiltinGeneratorTests.people(
            "buyers",
            [ColumnSchema(name: "created_at", type: "timestamp")],
            profile: ["first_name": ["Ana", "Tom"], "last_name": ["Silva", "Hughes"]]
        ),
        BuiltinGeneratorTests.child(
            "purchases",
            of: "buyers",
            by: "buyer_id",
            [ColumnSchema(name: "promised_on", type: "date"), ColumnSchema(name: "placed_at", type: "timestamp")]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func whenReturnsTheDateOfTheFirstRow() {
        #expect(sql("When was the first purchase placed?") == "SELECT placed_at FROM purchases ORDER BY placed_at ASC LIMIT 1")
        let hers = sql("When did Ana Silva place her latest purchase?")
        #expect(
            hers.hasPrefix("SELECT T1.placed_at FROM purchases AS T1 JOIN buyers AS T2") && hers.hasSuffix("ORDER BY T1.placed_at DESC LIMIT 1"),
            "\(hers)"
        )
        #expect(hers.contains("T2.first_name = 'Ana'"), "\(hers)")
    }
}

/// Each year belongs to its own clause: "born after 1990" is the birth date, "had a visit in
/// 2024" the visit's.
@Suite struct YearPerClauseTests {
    @Test func eachYearOnItsClausesDate() {
        let tables = [
            BuiltinGeneratorTests.people("members", [ColumnSchema(name: "date_of_birth", type: "date")]),
            BuiltinGeneratorTests.child("visits", of: "members", by: "member_id", [ColumnSchema(name: "visited_at", type: "timestamp")]),
        ]
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "Which members born after 1990 had a visit in 2024?", dialect: .sqlite, tables: tables)
        ).sql
        #expect(sql.contains("date_of_birth >= '1991-01-01'") && sql.contains("visited_at >= '2024-01-01'"), "\(sql)")
    }
}

/// "Delivered late", "paid on time": the row's event date against its planned date.
@Suite struct LatenessTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "deliveries",
            [
                BuiltinGeneratorTests.key, ColumnSchema(name: "created_at", type: "timestamp"), ColumnSchema(name: "delivered_at", type: "timestamp"),
                ColumnSchema(name: "promised_date", type: "date"),
            ]
        )
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func lateIsTheEventAfterThePlannedDate() {
        #expect(sql("How many deliveries were delivered late?").contains("delivered_at > promised_date"))
        #expect(sql("How many deliveries arrived on time?").contains("<= promised_date"))
        #expect(!sql("How many deliveries are there?").contains("promised_date"))
    }
}
