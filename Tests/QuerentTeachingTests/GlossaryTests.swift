import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentTeaching

/// Glossary SQL read against trained tables, laid over the semantic model, and its named filters
/// added to generated SQL.
@Suite struct GlossaryTests {
    static let tables = [
        TableSchema(
            sourceId: "s",
            tableName: "members",
            columns: [
                ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(name: "status", type: "TEXT"),
                ColumnSchema(name: "home_town", type: "TEXT"),
            ]
        ),
        TableSchema(
            sourceId: "s",
            tableName: "rental_lines",
            columns: [
                ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(name: "days", type: "INTEGER"),
                ColumnSchema(name: "daily_rate", type: "REAL"),
            ]
        ),
    ]

    @Test func anAggregateIsAMeasureOfItsTable() throws {
        let meaning = try GlossaryMeaning.read("SUM(rental_lines.days * rental_lines.daily_rate)", tables: Self.tables)
        guard case .measure(let table, let expression, let aggregation) = meaning else {
            Issue.record("expected a measure, got \(meaning)")
            return
        }
        #expect(table == "rental_lines")
        #expect(expression.columns == ["days", "daily_rate"])
        #expect(aggregation == .sum)
        #expect(
            meaning.probe(sql: "SUM(rental_lines.days * rental_lines.daily_rate)")
                == "SELECT SUM(rental_lines.days * rental_lines.daily_rate) FROM rental_lines"
        )
    }

    @Test func aConditionIsANamedFilterAndTablesAndColumnsAreSynonyms() throws {
        #expect(
            try GlossaryMeaning.read("members.status = 'active'", tables: Self.tables)
                == .filter(table: "members", condition: "members.status = 'active'")
        )
        #expect(try GlossaryMeaning.read("members", tables: Self.tables) == .table("members"))
        #expect(try GlossaryMeaning.read("members.home_town", tables: Self.tables) == .column(table: "members", column: "home_town"))
    }

    @Test func unknownNamesAndSeveralTablesAreRefusedWithTheReason() {
        #expect(throws: ServiceError.self) { try GlossaryMeaning.read("members.nickname = 'x'", tables: Self.tables) }
        #expect(throws: ServiceError.self) { try GlossaryMeaning.read("staff.status = 'x'", tables: Self.tables) }
        #expect(throws: ServiceError.self) { try GlossaryMeaning.read("members.id = rental_lines.id", tables: Self.tables) }
        #expect(throws: ServiceError.self) { try GlossaryMeaning.read("status = 'active'", tables: Self.tables) }
    }

    @Test func theModelGetsTheMeasureFilterAndSynonym() {
        let base = SemanticModel(sourceId: "s", entities: [], measures: [], dimensions: [], relationships: [])
        let terms = [
            GlossaryTerm(
                sourceId: "s",
                term: "Rental revenue",
                definition: "days times rate",
                sql: "SUM(rental_lines.days * rental_lines.daily_rate)"
            ),
            GlossaryTerm(sourceId: "s", term: "active member", definition: "still paying", sql: "members.status = 'active'"),
            GlossaryTerm(sourceId: "s", term: "vague", definition: "words only"),
        ]
        let model = GlossaryModel.apply(terms, to: base, tables: Self.tables)
        #expect(model.measures.first?.name == "rental_revenue")
        #expect(model.measures.first?.synonyms == ["Rental revenue"])
        #expect(model.filters == [SemanticModel.NamedFilter(term: "active member", table: "members", condition: "members.status = 'active'")])
    }

    static let active = SemanticModel.NamedFilter(term: "active member", table: "members", condition: "members.status = 'active'")

    @Test func aFilterJoinsTheWhereClauseUnderTheTablesAlias() {
        let (sql, applied) = NamedFilterInjector.apply(
            [Self.active],
            question: "How many active members live in Porto?",
            to: "SELECT COUNT(*) FROM members AS T1 WHERE T1.home_town = 'Porto'"
        )
        #expect(applied == ["active member"])
        #expect(sql == "SELECT COUNT(*) FROM members AS T1 WHERE (T1.status = 'active') AND (T1.home_town = 'Porto')")
    }

    @Test func theExistingConditionKeepsItsOrUnderTheFilter() {
        let (sql, _) = NamedFilterInjector.apply(
            [Self.active],
            question: "active members in Lisbon or Porto, by town",
            to: "SELECT home_town, COUNT(*) FROM members WHERE home_town = 'Lisbon' OR home_town = 'Porto' GROUP BY home_town"
        )
        #expect(
            sql
                == "SELECT home_town, COUNT(*) FROM members WHERE (members.status = 'active') AND (home_town = 'Lisbon' OR home_town = 'Porto') GROUP BY home_town"
        )
    }

    @Test func aFilterOpensAWhereClauseBeforeGroupingAndOrdering() {
        let (sql, _) = NamedFilterInjector.apply(
            [Self.active],
            question: "Active members per town",
            to: "SELECT home_town, COUNT(*) FROM members GROUP BY home_town ORDER BY 2 DESC"
        )
        #expect(sql == "SELECT home_town, COUNT(*) FROM members WHERE members.status = 'active' GROUP BY home_town ORDER BY 2 DESC")
        let (plain, _) = NamedFilterInjector.apply([Self.active], question: "list the active members", to: "SELECT id FROM members;")
        #expect(plain == "SELECT id FROM members WHERE members.status = 'active'")
    }

    @Test func aFilterStaysOutWhenTheQuestionOrTheSQLDoesNotCallForIt() {
        let sql = "SELECT COUNT(*) FROM members"
        #expect(NamedFilterInjector.apply([Self.active], question: "How many members are there?", to: sql).sql == sql)
        let other = "SELECT COUNT(*) FROM rental_lines"
        #expect(NamedFilterInjector.apply([Self.active], question: "rentals of active members", to: other).sql == other)
        let union = "SELECT id FROM members UNION SELECT id FROM rental_lines"
        #expect(NamedFilterInjector.apply([Self.active], question: "active members", to: union).sql == union)
    }
}
