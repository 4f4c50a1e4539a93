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
