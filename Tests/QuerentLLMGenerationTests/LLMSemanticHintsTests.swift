import Foundation
import QuerentCore
import QuerentTesting
import Testing

@testable import QuerentLLMGeneration

/// The model's prompt carries what the semantic model knows and the schema does not say.
@Suite struct LLMSemanticHintsTests {
    @Test func measuresPeopleAndRolesAreExplained() {
        let lines = SemanticModelFixtures.lines
        let staff = SemanticModelFixtures.staff
        let invoices = SemanticModelFixtures.invoices
        let hints = LLMPromptBuilder.semanticHints(
            SemanticModelFixtures.model([lines, staff, invoices]),
            shown: [lines, staff, invoices],
            dialect: .postgres
        )
        #expect(hints.contains { $0.hasPrefix("revenue = SUM(\"InvoiceLines\".\"UnitPrice\" * \"InvoiceLines\".\"Quantity\")") }, "\(hints)")
        #expect(hints.contains { $0.contains("call_duration_ms") && $0.hasSuffix("in milliseconds") }, "\(hints)")
        #expect(hints.contains("a staff member's full name = staff_members.given_name || ' ' || staff_members.surname"), "\(hints)")
        #expect(hints.contains("staff_members.supervisor_id points to the row's supervisor"), "\(hints)")
    }
}

/// What a source was taught reaches the model: the glossary, the owners' instructions and the
/// closest verified examples as question → SQL pairs.
@Suite struct LLMTeachingPromptTests {
    @Test func examplesGlossaryAndInstructionsAreInThePrompt() {
        let lines = SemanticModelFixtures.lines
        let example = TaughtExample(
            sourceId: "s",
            question: "What was the revenue of March 2024?",
            sql: "SELECT SUM(\"UnitPrice\" * \"Quantity\") FROM \"InvoiceLines\"",
            state: .trained,
            createdBy: "u"
        )
        let teaching = TeachingContext(
            examples: [ExampleMatch(example: example, score: 0.9)],
            glossary: [GlossaryTerm(sourceId: "s", term: "revenue", definition: "billed line value", sql: "SUM(\"InvoiceLines\".\"UnitPrice\")")],
            instructions: "Amounts are in euros."
        )
        let request = GenerationRequest(
            question: "What was the revenue of April 2024?",
            dialect: .postgres,
            tables: [RetrievedTable(schema: lines, businessContext: "", score: 1)],
            teaching: teaching
        )
        let prompt = LLMPromptBuilder(options: LLMSQLGenerator.Options()).messages(for: request).map(\.content).joined(separator: "\n")
        #expect(prompt.contains("-- revenue: billed line value = SUM(\"InvoiceLines\".\"UnitPrice\")"), "\(prompt)")
        #expect(prompt.contains("Instructions from the database's owners:\nAmounts are in euros."), "\(prompt)")
        #expect(prompt.contains("Question: What was the revenue of March 2024?\n```sql\nSELECT SUM("), "\(prompt)")
        // the example comes before the question asked
        let taught = prompt.range(of: "March 2024")?.lowerBound
        let asked = prompt.range(of: "Question: What was the revenue of April 2024?")?.lowerBound
        #expect(taught != nil && asked != nil && taught! < asked!)
    }
}
