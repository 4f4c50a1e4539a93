import Foundation
import QuerentCore
import QuerentSQLite
import QuerentSemantics
import QuerentTesting
import SampleDatabase
import Testing

/// The semantic model derived from schemas by naming conventions alone.
@Suite struct SemanticModelBuilderTests {
    /// The fixture schemas, shared with the LLM prompt tests (``SemanticModelFixtures``).
    static let staff = SemanticModelFixtures.staff
    static let lines = SemanticModelFixtures.lines
    static let invoices = SemanticModelFixtures.invoices

    @Test func peopleAreShownByFullNameAndSelfReferencesGetARole() {
        let model = SemanticModelBuilder.derive(sourceId: "s", tables: [Self.staff])
        let entity = model.entity("staff_members")
        #expect(entity?.isPerson == true)
        #expect(entity?.display == ["given_name", "surname"])
        #expect(entity?.label == "staff member")
        #expect(model.relationships.first?.role == "supervisor")
        #expect(model.dimensions(of: "staff_members").map(\.kind) == [.boolean, .time])
        #expect(model.measures(of: "staff_members").first?.aggregation == .avg, "a rate is averaged")
    }

    @Test func lineTablesGetAQuantityTimesPriceMeasureAndDurationsTheirUnit() {
        let model = SemanticModelBuilder.derive(sourceId: "s", tables: [Self.lines, Self.invoices])
        let lineTotal = model.measures(of: "InvoiceLines").first { $0.name == "line_value" }
        #expect(lineTotal?.expression.columns == ["UnitPrice", "Quantity"])
        #expect(lineTotal?.aggregation == .sum)
        #expect(model.measures(of: "InvoiceLines").first { $0.name == "call_duration_ms" }?.unit == "milliseconds")
        #expect(model.measures(of: "invoices").first { $0.name == "total" }?.synonyms.contains("revenue") == true)
        #expect(model.dimensions(of: "invoices").map(\.column) == ["status", "issued_at"])
        #expect(model.entity("invoices")?.isPerson == false)
    }

    @Test func nullableEndDatesMarkCurrentRows() throws {
        let table = TableSchema(
            sourceId: "s",
            tableName: "memberships",
            columns: [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "started_on", type: "date", nullable: false),
                ColumnSchema(name: "cancelled_at", type: "timestamp"),
                ColumnSchema(name: "valid_until", type: "TEXT"),
                ColumnSchema(name: "end_date", type: "date", nullable: false),
                ColumnSchema(name: "end_reason", type: "text"),
            ]
        )
        let model = SemanticModelBuilder.derive(sourceId: "s", tables: [table])
        #expect(model.entity("memberships")?.currentWhenNull == ["cancelled_at", "valid_until"], "NOT NULL and non-date columns are no end dates")
        // models stored before the field existed still decode
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(model.entities[0])) as? [String: Any])
        json.removeValue(forKey: "current_when_null")
        let old = try JSONDecoder().decode(SemanticModel.Entity.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.currentWhenNull.isEmpty)
    }

    @Test func editsSurviveAndAreChecked() throws {
        let model = SemanticModelBuilder.derive(sourceId: "s", tables: [Self.lines, Self.invoices])
        let columns = ["InvoiceLines": Self.lines.columns.map(\.name), "invoices": Self.invoices.columns.map(\.name)]
        let edits = SemanticModelEdits(
            synonyms: ["invoices": ["bills"]],
            measures: [.init(table: "invoices", name: "net", expression: "total - 0", aggregation: .sum)],
            display: ["invoices": ["status"]]
        )
        try edits.validate(against: model, columns: columns)
        let edited = edits.applied(to: model)
        #expect(edited.entity("invoices")?.synonyms == ["bills"])
        #expect(edited.entity("invoices")?.display == ["status"])
        #expect(edited.measures(of: "invoices").contains { $0.name == "net" })
        #expect(throws: ServiceError.self) { try SemanticModelEdits(display: ["invoices": ["nope"]]).validate(against: model, columns: columns) }
        #expect(throws: ServiceError.self) {
            try SemanticModelEdits(measures: [.init(table: "invoices", name: "x", expression: "total; DROP TABLE invoices")]).validate(
                against: model,
                columns: columns
            )
        }
    }
}
