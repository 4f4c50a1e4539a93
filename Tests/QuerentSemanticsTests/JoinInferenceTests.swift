import Foundation
import QuerentCore
import QuerentSemantics
import Testing

/// Joins inferred where no foreign key is declared: by name and type, inside one schema.
@Suite struct JoinInferenceTests {
    static func table(
        _ name: String,
        schema: String? = nil,
        _ columns: [(String, String)],
        key: [String],
        relationships: [Relationship] = []
    ) -> TableSchema {
        TableSchema(
            sourceId: "s",
            tableName: schema.map { "\($0).\(name)" } ?? name,
            schemaName: schema,
            columns: columns.map { ColumnSchema(name: $0.0, type: $0.1, primaryKey: key.contains($0.0)) },
            relationships: relationships
        )
    }

    static let customers = table("customers", [("id", "integer"), ("name", "text")], key: ["id"])
    static let orders = table("orders", [("id", "integer"), ("customer_id", "bigint"), ("placed_on", "date")], key: ["id"])

    @Test func aTableNamedColumnPointsAtThatTablesKey() throws {
        let inferred = JoinInference.infer([Self.customers, Self.orders])
        let relationship = try #require(inferred["orders"]?.first)
        #expect(relationship.columns == ["customer_id"])
        #expect(relationship.referencesTable == "customers")
        #expect(relationship.referencesColumns == ["id"])
        #expect(relationship.inferred == true)
        #expect(inferred["customers"] == nil, "a table's own key points nowhere")
    }

    @Test func aKeyNamedForWhatItIdentifiesMatchesTheSameNameElsewhere() throws {
        let students = Self.table("student", [("stuid", "integer"), ("lname", "text")], key: ["stuid"])
        let pets = Self.table("has_pet", [("stuid", "integer"), ("petid", "integer")], key: ["stuid", "petid"])
        let inferred = JoinInference.infer([students, pets])
        #expect(inferred["has_pet"]?.map(\.referencesTable) == ["student"], "a column of a composite key still points at its own table")
    }

    @Test func declaredKeysMismatchedTypesOtherSchemasAndAmbiguousNamesAreLeftAlone() {
        let declared = Self.table(
            "orders",
            [("id", "integer"), ("customer_id", "integer")],
            key: ["id"],
            relationships: [Relationship(name: "fk", columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"])]
        )
        #expect(JoinInference.infer([Self.customers, declared]).isEmpty)

        let textKey = Self.table("orders", [("id", "integer"), ("customer_id", "text")], key: ["id"])
        #expect(JoinInference.infer([Self.customers, textKey]).isEmpty, "a text column does not point at an integer key")

        let elsewhere = Self.table("orders", schema: "sales", [("id", "integer"), ("customer_id", "integer")], key: ["id"])
        #expect(JoinInference.infer([Self.customers, elsewhere]).isEmpty, "no join crosses schemas")

        let customer = Self.table("customer", [("id", "integer")], key: ["id"])
        #expect(JoinInference.infer([Self.customers, customer, Self.orders])["orders"] == nil, "two tables own the name: no guess")
    }

    @Test func theSemanticModelMarksInferredLinks() throws {
        let model = SemanticModelBuilder.derive(sourceId: "s", tables: [Self.customers, Self.orders])
        let link = try #require(model.relationships.first { $0.table == "orders" })
        #expect(link.referencesTable == "customers")
        #expect(link.inferred)
    }
}
