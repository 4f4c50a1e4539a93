import Foundation
import Testing

@testable import QuerentGeneration
@testable import QuerentQueryPlan
@testable import QuerentSchemaLinking

/// The read-only view of a question the planner's passes share: sentences, the head, the
/// tables it mentions and the mentions around a word.
@Suite struct QuestionReadingTests {
    static func read(_ question: String) -> QuestionReading {
        let index = QueryPlanDoubtTests.index
        let tokens = QuestionTokenizer.tokenize(question)
        return QuestionReading(index: index, tokens: tokens, link: SchemaLinker(index: index).link(tokens))
    }

    @Test func sentencesStartAfterEachFullStop() {
        let reading = Self.read("Look at the departments. Which employees earn the most?")
        #expect(reading.sentenceStarts == [0, 5])
        #expect(reading.word(5) == "which")
    }

    @Test func theHeadEndsAfterTheThingsToReturn() throws {
        let reading = Self.read("Show the first name and salary of employees hired last year")
        let hired = try #require(reading.tokens.firstIndex { $0.lower == "hired" })
        #expect(reading.headEnd <= hired)
        #expect(reading.headEnd > reading.firstContentIndex())
    }

    @Test func theHeadGoesOnAfterAPossessiveTable() throws {
        let reading = Self.read("Show each employee's name and salary")
        let salary = try #require(reading.tokens.firstIndex { $0.lower == "salary" })
        #expect(reading.headEnd > salary)
    }

    @Test func mentionedTablesAreInQuestionOrder() {
        let reading = Self.read("List the employees of each department")
        #expect(reading.mentionedTables == [QueryPlanDoubtTests.employee, QueryPlanDoubtTests.department])
    }

    @Test func mentionsAroundAWord() throws {
        let reading = Self.read("How many employees are in the department")
        let are = try #require(reading.tokens.firstIndex { $0.lower == "are" })
        let next = try #require(reading.nextMention(after: are, maxGap: 1))
        #expect(reading.tableReading(of: next) == QueryPlanDoubtTests.department)
        let previous = try #require(reading.previousMention(before: are))
        #expect(reading.tableReading(of: previous) == QueryPlanDoubtTests.employee)
        // "in" is no filler: with no gap allowed the department is out of reach
        #expect(reading.nextMention(after: are, maxGap: 0) == nil)
    }
}

/// The rule planner's passes record what a question asks in a ``QuestionIntent`` before the
/// compile step writes the plan.
@Suite struct QuestionIntentTests {
    static func intent(_ question: String) -> (QuestionIntent, QueryPlan?) {
        let index = QueryPlanDoubtTests.index
        let tokens = QuestionTokenizer.tokenize(question)
        let planner = QueryPlanner(index: index, tokens: tokens, link: SchemaLinker(index: index).link(tokens))
        let plan = planner.build()
        return (planner.intent, plan)
    }

    @Test func aCountPerGroupIsACountTargetAndAGroup() throws {
        let (intent, plan) = Self.intent("How many employees are in each department?")
        #expect(intent.subject == QueryPlanDoubtTests.employee)
        #expect(intent.countTarget != nil)
        #expect(intent.groups == [.table(QueryPlanDoubtTests.department)])
        let compiled = try #require(plan)
        #expect(compiled.groupBy == [QueryPlan.ColumnRef(table: QueryPlanDoubtTests.department, column: 0)])
    }

    @Test func aTopNIsAnOrderingWithALimit() throws {
        let (intent, plan) = Self.intent("Show the 3 employees with the highest salary")
        #expect(intent.limit == 3)
        let compiled = try #require(plan)
        #expect(compiled.limit == 3)
        #expect(compiled.orderBy.first?.descending == true)
        #expect(compiled.orderBy.first?.expression.column == QueryPlanDoubtTests.ref(QueryPlanDoubtTests.employee, "salary"))
    }
}
