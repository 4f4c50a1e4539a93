import Foundation
import QuerentCore
import Testing

@Suite struct BusinessContextGeneratorTests {
    static let orderLines = TableSchema(
        sourceId: "s1",
        tableName: "sales.order_lines",
        schemaName: "sales",
        columns: [
            ColumnSchema(
                name: "order_id",
                type: "bigint",
                nullable: false,
                primaryKey: true,
                foreignKey: ForeignKeyReference(referencesTable: "sales.orders", referencesColumn: "id")
            ),
            ColumnSchema(name: "line_no", type: "integer", nullable: false, primaryKey: true),
            ColumnSchema(name: "product_sku", type: "text", nullable: false, description: "Stock keeping unit"),
            ColumnSchema(name: "unitPrice", type: "numeric(10,2)"),
            ColumnSchema(name: "parent_line", type: "integer"),
        ],
        relationships: [
            Relationship(name: "fk_order", columns: ["order_id"], referencesTable: "sales.orders", referencesColumns: ["id"]),
            Relationship(
                name: "fk_parent",
                columns: ["order_id", "parent_line"],
                referencesTable: "sales.order_lines",
                referencesColumns: ["order_id", "line_no"]
            ),
        ],
        uniqueConstraints: [UniqueConstraint(name: "u_sku", columns: ["order_id", "product_sku"])],
        description: "One row per product on an order",
        rowEstimate: 1234,
        sampleData: [
            ["order_id": .int(1), "line_no": .int(1), "product_sku": .string("SKU-RED-1"), "unitPrice": .double(9.5)],
            ["order_id": .int(1), "line_no": .int(2), "product_sku": .string("SKU-BLUE-2"), "unitPrice": .null],
            ["order_id": .int(2), "line_no": .int(1), "product_sku": .string("SKU-RED-1"), "unitPrice": .double(9.5)],
        ]
    )

    @Test func paragraphMentionsKeysRelationshipsCommentsAndSamples() {
        let text = BusinessContextGenerator.generate(for: Self.orderLines)
        // Opening: kind, name, subject, row estimate.
        #expect(text.hasPrefix("The table sales.order_lines holds order line records (about 1234 rows)."))
        // Table comment as a sentence.
        #expect(text.contains("One row per product on an order."))
        // Composite key.
        #expect(text.contains("identified by the combination of order_id and line_no"))
        // Relationship to another table, and the self-reference.
        #expect(text.contains("links to an order through sales.order_lines(order_id) → sales.orders(id)"))
        #expect(
            text.contains(
                "points to another order line in the same table (sales.order_lines(order_id, parent_line) → sales.order_lines(order_id, line_no))"
            )
        )
        // Column comments.
        #expect(text.contains("product_sku: Stock keeping unit"))
        // Non-key attributes with types and distinct sample values, strings quoted.
        #expect(text.contains("product_sku (text, e.g. 'SKU-RED-1', 'SKU-BLUE-2')"))
        #expect(text.contains("unitPrice (numeric(10,2), e.g. 9.5)"))
        // Unique constraints.
        #expect(text.contains("Unique: order_id and product_sku."))
    }

    @Test func singleKeyViewAndNoSamples() {
        let schema = TableSchema(
            sourceId: "s",
            tableName: "Categories",
            kind: .view,
            columns: [ColumnSchema(name: "id", type: "integer", primaryKey: true), ColumnSchema(name: "title", type: "text")]
        )
        let text = BusinessContextGenerator.generate(for: schema)
        #expect(text.hasPrefix("The view Categories holds category records."))
        #expect(text.contains("Each row is identified by id."))
        #expect(text.contains("It records title (text)."))
        #expect(!text.contains("e.g."))
        #expect(!text.contains("Unique"))
    }

    @Test func manyColumnsAreSummarised() {
        let columns = (1...45).map { ColumnSchema(name: "col\($0)", type: "int") }
        let text = BusinessContextGenerator.generate(for: TableSchema(sourceId: "s", tableName: "wide", columns: columns))
        #expect(text.contains("col40 (int)"))
        #expect(!text.contains("col41 (int)"))
        #expect(text.contains("and 5 more columns"))
    }

    @Test func longSampleValuesAreShortened() {
        let long = String(repeating: "x", count: 100)
        let schema = TableSchema(
            sourceId: "s",
            tableName: "notes",
            columns: [ColumnSchema(name: "body", type: "text")],
            sampleData: [["body": .string(long)]]
        )
        let text = BusinessContextGenerator.generate(for: schema)
        #expect(text.contains("'" + String(repeating: "x", count: 37) + "…'"))
        #expect(!text.contains(long))
    }

    @Test func userDescriptionComesFirst() {
        #expect(
            BusinessContextGenerator.combine(userDescription: "Orders we ship", generated: "The table orders.")
                == "Orders we ship.\n\nThe table orders."
        )
        #expect(BusinessContextGenerator.combine(userDescription: "  ", generated: "G.") == "G.")
        #expect(BusinessContextGenerator.combine(userDescription: nil, generated: "G.") == "G.")
        #expect(BusinessContextGenerator.combine(userDescription: "Done!", generated: "G.") == "Done!\n\nG.")
    }

    @Test(arguments: [
        ("OrderLineItems", "order line items"), ("order_line_items", "order line items"), ("sales.orders", "sales orders"),
        ("customer-2024", "customer 2024"), ("v2Items", "v2 items"),
    ])
    func humanize(identifier: String, expected: String) {
        #expect(BusinessContextGenerator.humanize(identifier) == expected)
    }
}
