import QuerentCore
import QuerentSemantics

/// Schemas named the way real databases name them, for semantic-model tests: a self-referencing
/// staff table, invoice lines with a price and a quantity, invoices with a status profile.
public enum SemanticModelFixtures {
    /// A column; `references` names the table whose `id` it points to.
    public static func column(_ name: String, _ type: String, pk: Bool = false, references: String? = nil) -> ColumnSchema {
        ColumnSchema(
            name: name,
            type: type,
            nullable: !pk,
            primaryKey: pk,
            foreignKey: references.map { ForeignKeyReference(referencesTable: $0, referencesColumn: "id") }
        )
    }

    /// A table of source `s` with a relationship per foreign key and the given value profile.
    public static func table(_ name: String, _ columns: [ColumnSchema], profile: [String: [String]] = [:]) -> TableSchema {
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

    /// `staff_members`: a person with a supervisor (a self-reference), an hourly rate, a flag and a date.
    public static let staff = table(
        "staff_members",
        [
            column("id", "integer", pk: true), column("given_name", "text"), column("surname", "text"),
            column("supervisor_id", "integer", references: "staff_members"), column("hourly_rate", "numeric(8,2)"), column("is_active", "integer"),
            column("hired_on", "date"),
        ]
    )
    /// `InvoiceLines`: unit price and quantity (mixed case), and a duration in milliseconds.
    public static let lines = table(
        "InvoiceLines",
        [
            column("id", "integer", pk: true), column("invoice_id", "integer", references: "invoices"), column("UnitPrice", "numeric"),
            column("Quantity", "integer"), column("call_duration_ms", "bigint"),
        ]
    )
    /// `invoices`: a status with a value profile, a total and a timestamp.
    public static let invoices = table(
        "invoices",
        [column("id", "integer", pk: true), column("status", "text"), column("total", "numeric"), column("issued_at", "timestamp")],
        profile: ["status": ["open", "paid"]]
    )

    /// The semantic model derived from `tables` as source `s`.
    public static func model(_ tables: [TableSchema]) -> SemanticModel {
        SemanticModelBuilder.derive(sourceId: "s", tables: tables)
    }
}
