import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentGeneration

/// Everyday phrasings over a support desk: a `has_` flag read from "have"/"with", an action
/// ("opened") that is not the state stored as "open", and "full name" for people.
@Suite struct PhrasingQuestionTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "accounts",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "company_name", type: "text"),
                ColumnSchema(name: "has_premium", type: "boolean"),
                ColumnSchema(name: "coupon_code", type: "text"),
                ColumnSchema(name: "stock_level", type: "integer"),
                ColumnSchema(name: "is_accepting_offers", type: "boolean"),
                ColumnSchema(name: "seats", type: "integer"),
                ColumnSchema(name: "signed_up_on", type: "date"),
            ]
        ),
        BuiltinGeneratorTests.table(
            "agents",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "first_name", type: "text"),
                ColumnSchema(name: "last_name", type: "text"),
                ColumnSchema(name: "is_active", type: "boolean"),
                ColumnSchema(name: "sex", type: "text"),
            ],
            profile: ["sex": ["F", "M"]]
        ),
        BuiltinGeneratorTests.table(
            "logins",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "succeeded", type: "boolean"),
            ]
        ),
        BuiltinGeneratorTests.table(
            "tickets",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(
                    name: "account_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "accounts", referencesColumn: "id")
                ),
                ColumnSchema(
                    name: "agent_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "agents", referencesColumn: "id")
                ),
                ColumnSchema(name: "status", type: "text"),
                ColumnSchema(name: "priority", type: "text"),
                ColumnSchema(name: "needs_callback", type: "boolean"),
                ColumnSchema(name: "opened_at", type: "timestamp", nullable: false),
            ],
            relationships: [
                Relationship(name: nil, columns: ["account_id"], referencesTable: "accounts", referencesColumns: ["id"]),
                Relationship(name: nil, columns: ["agent_id"], referencesTable: "agents", referencesColumns: ["id"]),
            ],
            profile: ["status": ["open", "closed", "used"], "priority": ["high", "low"]]
        ),
    ]

    func sql(_ question: String, dialect: Dialect = .sqlite) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: dialect, tables: Self.tables)).sql
    }

    @Test func aNegativePrefixOrAnAntonymMeansTheFlagIsFalse() {
        #expect(sql("How many inactive agents are there?") == "SELECT count(*) FROM agents WHERE is_active != TRUE")
        #expect(sql("How many inactive agents are there?", dialect: .postgres) == "SELECT count(*) FROM agents WHERE is_active != TRUE")
        #expect(sql("How many logins failed?") == "SELECT count(*) FROM logins WHERE succeeded != TRUE")
        #expect(sql("How many active agents are there?") == "SELECT count(*) FROM agents WHERE is_active = TRUE")
    }

    @Test(arguments: ["How many accounts have premium?", "How many accounts have a premium plan?", "How many accounts with premium are there?"])
    func haveOrWithReadsAHasFlag(question: String) {
        #expect(sql(question).contains("has_premium"), "\(sql(question))")
    }

    @Test func aNegatedFlagPredicateComparesTheFlag() {
        let text = sql("Which accounts are not premium?")
        #expect(text.contains("has_premium") && !text.contains("IS NULL"), "\(text)")
    }

    @Test(arguments: ["How many accounts have a coupon code?", "How many accounts signed up with a coupon?"])
    func aRecordedValueIsNotNull(question: String) {
        #expect(sql(question) == "SELECT count(*) FROM accounts WHERE coupon_code IS NOT NULL", "\(sql(question))")
    }

    @Test func aVerbBeforeAnObjectOfTheSubjectIsNoValueOfAnotherTable() {
        let text = sql("How many accounts used a coupon?")
        #expect(text == "SELECT count(*) FROM accounts WHERE coupon_code IS NOT NULL", "\(text)")
    }

    @Test(arguments: ["How many tickets are there per status and priority?", "Count the tickets by status and priority."])
    func groupsJoinedByAnd(question: String) {
        #expect(sql(question).contains("GROUP BY status, priority"), "\(sql(question))")
    }

    @Test func aRateAfterANumberIsNoGrouping() {
        let text = sql("Which accounts pay more than 50 per seat per month?")
        #expect(!text.contains("GROUP BY strftime"), "\(text)")
    }

    @Test func aOneLetterCodeIsReadFromItsWord() {
        #expect(sql("How many female agents are there?") == "SELECT count(*) FROM agents WHERE sex = 'F'")
        #expect(sql("How many agents are men?") == "SELECT count(*) FROM agents WHERE sex = 'M'")
        // read twice, kept once
        #expect(sql("How many female agents (with sex F) are there?") == "SELECT count(*) FROM agents WHERE sex = 'F'")
    }

    @Test func aFlagNamedByAVerbAndItsObject() {
        #expect(sql("How many tickets need a callback?") == "SELECT count(*) FROM tickets WHERE needs_callback = TRUE")
        #expect(sql("How many tickets do not need a callback?") == "SELECT count(*) FROM tickets WHERE needs_callback != TRUE")
    }

    @Test func stockPhrasesCompareTheStockWithZero() {
        #expect(sql("How many accounts are out of stock?") == "SELECT count(*) FROM accounts WHERE stock_level <= 0")
        #expect(sql("How many accounts are in stock?") == "SELECT count(*) FROM accounts WHERE stock_level > 0")
    }

    @Test func aVerbFlagWithAnAdjectiveBetween() {
        let text = sql("Which accounts are not accepting new offers?")
        #expect(text.contains("is_accepting_offers != TRUE"), "\(text)")
    }

    @Test func theMostOfAValueCountsItsRows() {
        let text = sql("Which account has the most open tickets?")
        #expect(text.contains("status = 'open'") && text.hasSuffix("ORDER BY count(*) DESC LIMIT 1"), "\(text)")
    }

    @Test func withTheirAddsWhatToReturn() {
        let text = sql("List the accounts with premium with their coupon code.")
        #expect(text.hasPrefix("SELECT company_name, coupon_code FROM accounts"), "\(text)")
    }

    @Test func theActionIsNotTheStoredState() {
        let never = sql("Which accounts have never opened a ticket?")
        #expect(never.contains("NOT IN (SELECT account_id FROM tickets)"), "\(never)")
        #expect(!never.contains("'open'"), "\(never)")
        #expect(sql("How many open tickets are there?").contains("status = 'open'"))
    }

    @Test func fullNameIsFirstAndLastName() {
        for question in [
            "List each agent's full name with the number of tickets they handled.",
            "Show the full name of each agent and the number of tickets.",
        ] {
            let text = sql(question)
            #expect(text.contains("first_name || ' ' ||") && text.contains("last_name"), "\(question): \(text)")
        }
    }
}
