import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentTeaching

/// A taught example answers its own question, its paraphrases and the same question with other
/// literal values, and nothing that asks for something else.
@Suite struct ExampleAnswererTests {
    static func example(_ question: String, _ sql: String) -> ExampleMatch {
        ExampleMatch(example: TaughtExample(sourceId: "s", question: question, sql: sql, state: .trained, createdBy: "u"), score: 0.5)
    }

    /// A rentals schema of our own: members with a status, rentals with a date and a fee.
    static let tables: [RetrievedTable] = {
        var members = TableSchema(
            sourceId: "s",
            tableName: "members",
            columns: [
                ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(name: "first_name", type: "TEXT", nullable: false),
                ColumnSchema(name: "last_name", type: "TEXT", nullable: false),
                ColumnSchema(name: "status", type: "TEXT", nullable: false),
                ColumnSchema(name: "home_town", type: "TEXT", nullable: false),
            ]
        )
        members.valueProfile = ["status": ["active", "lapsed", "on_hold"], "home_town": ["Lisbon", "Porto", "São Paulo"]]
        return [RetrievedTable(schema: members, businessContext: "", score: 1)]
    }()

    static func answer(_ question: String, _ examples: [ExampleMatch]) -> SQLGenerationResult? {
        ExampleAnswerer().answer(question, examples: examples, tables: tables)
    }

    static let byTown = example("How many members live in Lisbon?", "SELECT COUNT(*) FROM members WHERE home_town = 'Lisbon'")
    static let byYear = example(
        "How many rentals started in 2023?",
        "SELECT COUNT(*) FROM rentals WHERE started_on >= '2023-01-01' AND started_on < '2024-01-01'"
    )
    static let byName = example(
        "Which rentals did Ana Sousa make?",
        "SELECT r.id FROM rentals r JOIN members m ON r.member_id = m.id WHERE m.first_name = 'Ana' AND m.last_name = 'Sousa'"
    )
    static let overFee = example("Which rentals cost more than 40?", "SELECT id FROM rentals WHERE fee > 40")

    @Test func theSameQuestionIsAnsweredWithTheExampleSQL() throws {
        let answer = try #require(Self.answer("How many members live in Lisbon?", [Self.byTown]))
        #expect(answer.sql == "SELECT COUNT(*) FROM members WHERE home_town = 'Lisbon'")
        #expect(answer.confidence > 0.9)
        #expect(answer.explanation.contains("How many members live in Lisbon?"))
    }

    @Test func aParaphraseKeepsTheSQL() throws {
        let answer = try #require(Self.answer("Count the members living in Lisbon, please.", [Self.byTown]))
        #expect(answer.sql == "SELECT COUNT(*) FROM members WHERE home_town = 'Lisbon'")
    }

    @Test func anotherStoredValueReplacesTheLiteralWithItsStoredSpelling() throws {
        let answer = try #require(Self.answer("how many members live in porto?", [Self.byTown]))
        #expect(answer.sql == "SELECT COUNT(*) FROM members WHERE home_town = 'Porto'")
        let accented = try #require(Self.answer("How many members live in São Paulo?", [Self.byTown]))
        #expect(accented.sql == "SELECT COUNT(*) FROM members WHERE home_town = 'São Paulo'")
    }

    @Test func anotherYearMovesTheWholeRange() throws {
        let answer = try #require(Self.answer("How many rentals started during 2021?", [Self.byYear]))
        #expect(answer.sql == "SELECT COUNT(*) FROM rentals WHERE started_on >= '2021-01-01' AND started_on < '2022-01-01'")
        #expect(answer.explanation.contains("2023 → 2021"))
    }

    @Test func aFullNameFillsBothNameLiterals() throws {
        let answer = try #require(Self.answer("Which rentals did Rui Costa make?", [Self.byName]))
        #expect(answer.sql.hasSuffix("WHERE m.first_name = 'Rui' AND m.last_name = 'Costa'"))
    }

    @Test func anotherNumberReplacesTheThreshold() throws {
        let answer = try #require(Self.answer("Which rentals cost more than 1,500?", [Self.overFee]))
        #expect(answer.sql == "SELECT id FROM rentals WHERE fee > 1500")
    }

    @Test func aDifferentOperationOrAnAddedConditionIsNotTheExample() {
        #expect(Self.answer("Which rentals cost less than 40?", [Self.overFee]) == nil)
        #expect(Self.answer("What is the average number of members in Lisbon?", [Self.byTown]) == nil)
        #expect(Self.answer("How many active members live in Lisbon?", [Self.byTown]) == nil)
        #expect(Self.answer("How many rentals started in March 2023?", [Self.byYear]) == nil)
        #expect(Self.answer("Which members have lapsed?", [Self.byTown, Self.byYear]) == nil)
    }

    @Test func aQuotedLiteralIsEscaped() throws {
        let answer = try #require(Self.answer("How many members live in \"O'Hara\"?", [Self.byTown]))
        #expect(answer.sql == "SELECT COUNT(*) FROM members WHERE home_town = 'O''Hara'")
    }

    static let byCode = example("What is the fee of kit KT-04?", "SELECT fee FROM kits WHERE code = 'KT-04'")
    static let byFee = example(
        "List the kits with their fee, highest fee first.",
        "SELECT code, fee FROM kits ORDER BY fee DESC"
    )
    static let monthly = example(
        "How many rentals started in each month of 2023?",
        "SELECT strftime('%m', started_on), COUNT(*) FROM rentals WHERE started_on >= '2023-01-01' AND started_on < '2024-01-01' GROUP BY 1"
    )
    static let before = example(
        "How many rentals ended before 1 March 2024?",
        "SELECT COUNT(*) FROM rentals WHERE ended_on < '2024-03-01'"
    )

    @Test func aCodeOfTheSameShapeReplacesTheCode() throws {
        let answer = try #require(Self.answer("What is the fee of kit BX-12?", [Self.byCode]))
        #expect(answer.sql == "SELECT fee FROM kits WHERE code = 'BX-12'")
        let typed = try #require(Self.answer("fee of kit bx-07?", [Self.byCode]))
        #expect(typed.sql == "SELECT fee FROM kits WHERE code = 'BX-07'")
    }

    @Test func anOrderSaidAnotherWayIsTheSameOrder() throws {
        let answer = try #require(Self.answer("Show the kits and their fees, sorted from the highest fee to the lowest.", [Self.byFee]))
        #expect(answer.sql == "SELECT code, fee FROM kits ORDER BY fee DESC")
        #expect(Self.answer("List the kits with their fee, lowest fee first.", [Self.byFee]) == nil)
    }

    @Test func monthlyIsPerMonthAndAnotherGrainIsNot() throws {
        let answer = try #require(Self.answer("Monthly count of rentals started during 2022?", [Self.monthly]))
        #expect(answer.sql.contains("started_on >= '2022-01-01' AND started_on < '2023-01-01'"))
        #expect(Self.answer("How many rentals started in each week of 2023?", [Self.monthly]) == nil)
    }

    @Test func aDayInWordsMovesWithItsNoun() throws {
        let answer = try #require(Self.answer("Count the rentals with an end date before 15 April 2025.", [Self.before]))
        #expect(answer.sql == "SELECT COUNT(*) FROM rentals WHERE ended_on < '2025-04-15'")
        #expect(Self.answer("How many rentals ended after 1 March 2024?", [Self.before]) == nil)
    }
}
