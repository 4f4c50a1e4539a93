import Foundation
import QuerentCore
import QuerentSQLite
import QuerentSemantics
import QuerentTesting
import SampleDatabase
import Testing

/// The semantic model derived from schemas by naming conventions alone.
@Suite struct SemanticModelBuilderTests {
    static func column(_ name: String, _ type: String, pk: Bool = false, references: String? = nil) -> ColumnSchema {
        ColumnSchema(
            name: name,
            type: type,
            nullable: !pk,
            primaryKey: pk,
            foreignKey: references.map { ForeignKeyReference(referencesTable: $0, referencesColumn: "id") }
        )
    }

    static func table(_ name: String, _ columns: [ColumnSchema], profile: [String: [String]] = [:]) -> TableSchema {
        var schema = TableSchema(
            sourceId: "s",
            tableName: name,
            columns: columns,
            relationships: columns.compactMap { column in
                column.foreignKey.map {
                    Relationship(name: nil, columns: [column.name], referencesTable: $0.referencesTable, referencesColumns: ["id"])
                }
            }
        )
        schema.valueProfile = profile
        return schema
    }

    static let staff = table(
        "staff_members",
        [
            column("id", "integer", pk: true), column("given_name", "text"), column("surname", "text"),
            column("supervisor_id", "integer", references: "staff_members"), column("hourly_rate", "numeric(8,2)"), column("is_active", "integer"),
            column("hired_on", "date"),
        ]
    )
    static let lines = table(
        "InvoiceLines",
        [
            column("id", "integer", pk: true), column("invoice_id", "integer", references: "invoices"), column("UnitPrice", "numeric"),
            column("Quantity", "integer"), column("call_duration_ms", "bigint"),
        ]
    )
    static let invoices = table(
        "invoices",
        [column("id", "integer", pk: true), column("status", "text"), column("total", "numeric"), column("issued_at", "timestamp")],
        profile: ["status": ["open", "paid"]]
    )

    static func model(_ tables: [TableSchema]) -> SemanticModel {
        SemanticModelBuilder.derive(sourceId: "s", tables: tables)
    }

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
