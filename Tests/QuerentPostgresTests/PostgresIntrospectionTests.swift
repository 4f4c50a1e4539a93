import Foundation
import QuerentCore
import QuerentExpectations
import QuerentPostgres
import QuerentTesting
import Testing

/// Introspection of the Postgres fixture (see ``Fixture/postgres``) through ``PostgresDriver``.
@Suite(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres: set POSTGRES_HOSTNAME or QUERENT_TEST_POSTGRES_URL"), .postgresFixture)
struct PostgresIntrospectionTests {
    func introspect(_ table: String) async throws -> TableSchema {
        try await withPostgresDriver(try PostgresFixtureScope.database().url) { try await $0.introspect(table: table, sourceId: "src-1") }
    }

    @Test func listTablesIncludesViewsAndSchemaQualifiedNames() async throws {
        let tables = try await withPostgresDriver(try PostgresFixtureScope.database().url) { try await $0.listTables() }
        var kinds: [String: TableKind] = [:]
        for table in tables { kinds[table.name] = table.kind }
        #expect(kinds == Fixture.postgresRelations)
        #expect(tables.count == Fixture.postgresRelations.count)

        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        #expect(byName["customer_totals"]?.kind == .view)
        #expect(byName["customer_totals"]?.rowEstimate == nil)
        #expect(byName["sales.orders"]?.schema == "sales")
        #expect(byName["orders"]?.schema == "public")
        #expect(byName["customers"]?.rowEstimate == 5)
        #expect(byName["empty_things"]?.rowEstimate == 0)
        #expect(byName["wide"]?.rowEstimate == 1)
        #expect(tables.allSatisfy { !$0.trained })
        // The default schema comes first.
        let lastPublic = try #require(tables.lastIndex { $0.schema == "public" })
        let firstSales = try #require(tables.firstIndex { $0.schema == "sales" })
        #expect(lastPublic < firstSales)
    }

    @Test func tableWithCommentsUniqueConstraintAndExpressionIndex() async throws {
        let schema = try await introspect("customers")
        #expect(schema.sourceId == "src-1")
        #expect(schema.tableName == "customers")
        #expect(schema.schemaName == "public")
        #expect(schema.kind == .table)
        #expect(schema.description == "People who buy things")
        #expect(
            schema.columns == [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "email", type: "text", nullable: false, description: "Login e-mail address"),
                ColumnSchema(name: "name", type: "text", nullable: true),
                ColumnSchema(name: "created_at", type: "timestamp with time zone", nullable: false, defaultValue: "now()"),
            ]
        )
        #expect(schema.primaryKey == ["id"])
        #expect(schema.relationships.isEmpty)
        #expect(schema.uniqueConstraints == [UniqueConstraint(name: "customers_email_key", columns: ["email"])])
        #expect(
            schema.indexes == [
                IndexSchema(
                    name: "customers_email_key",
                    columns: ["email"],
                    unique: true,
                    primary: false,
                    definition: "CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (email)"
                ),
                IndexSchema(
                    name: "customers_lower_email_idx",
                    columns: ["lower(email)"],
                    unique: false,
                    primary: false,
                    definition: "CREATE INDEX customers_lower_email_idx ON public.customers USING btree (lower(email))"
                ),
                IndexSchema(
                    name: "customers_pkey",
                    columns: ["id"],
                    unique: true,
                    primary: true,
                    definition: "CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id)"
                ),
            ]
        )
        #expect(schema.rowEstimate == 5)
        let sample = try #require(schema.sampleData)
        #expect(sample.count == 3)
        for row in sample {
            #expect(Set(row.keys) == ["id", "email", "name", "created_at"])
            guard case .int(let id)? = row["id"] else {
                Issue.record("id is not an integer: \(row)")
                continue
            }
            #expect((1...5).contains(id))
            guard case .string(let created)? = row["created_at"] else {
                Issue.record("created_at is not a string: \(row)")
                continue
            }
            #expect(created.hasSuffix("+00:00") && created.contains("T"))
            #expect(Timestamp.parse(created) != nil)
        }
        #expect(schema.businessDescription == nil)
    }

    @Test func defaultsAndSingleColumnForeignKey() async throws {
        let schema = try await introspect("orders")
        #expect(
            schema.columns == [
                ColumnSchema(name: "id", type: "bigint", nullable: false, primaryKey: true, defaultValue: "nextval('orders_id_seq'::regclass)"),
                ColumnSchema(
                    name: "customer_id",
                    type: "integer",
                    nullable: false,
                    foreignKey: ForeignKeyReference(referencesTable: "customers", referencesColumn: "id")
                ),
                ColumnSchema(name: "total", type: "numeric(10,2)", nullable: false, defaultValue: "0"),
                ColumnSchema(name: "status", type: "text", nullable: true, defaultValue: "'new'::text"),
            ]
        )
        #expect(
            schema.relationships == [
                Relationship(name: "orders_customer_id_fkey", columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"])
            ]
        )
        #expect(schema.indexes.map(\.name) == ["orders_customer_id_idx", "orders_pkey"])
        #expect(schema.description == nil)
    }

    @Test func compositePrimaryKey() async throws {
        let schema = try await introspect("order_lines")
        #expect(schema.primaryKey == ["order_id", "line_no"])
        #expect(schema.columns.map(\.primaryKey) == [true, true, false, false])
        #expect(
            schema.indexes == [
                IndexSchema(
                    name: "order_lines_pkey",
                    columns: ["order_id", "line_no"],
                    unique: true,
                    primary: true,
                    definition: "CREATE UNIQUE INDEX order_lines_pkey ON public.order_lines USING btree (order_id, line_no)"
                )
            ]
        )
        #expect(
            schema.relationships == [
                Relationship(name: "order_lines_order_id_fkey", columns: ["order_id"], referencesTable: "orders", referencesColumns: ["id"])
            ]
        )
        #expect(schema.column("order_id")?.foreignKey == ForeignKeyReference(referencesTable: "orders", referencesColumn: "id"))
        #expect(schema.column("quantity")?.defaultValue == "1")
        #expect(schema.rowEstimate == 3)
        #expect(schema.sampleData?.count == 3)
    }

    @Test func compositeForeignKeyAndCompositeUnique() async throws {
        let schema = try await introspect("shipments")
        #expect(
            schema.relationships == [
                Relationship(
                    name: "shipments_line_fk",
                    columns: ["order_id", "line_no"],
                    referencesTable: "order_lines",
                    referencesColumns: ["order_id", "line_no"]
                )
            ]
        )
        // A composite key is not a single-column reference.
        #expect(schema.column("order_id")?.foreignKey == nil)
        #expect(schema.column("line_no")?.foreignKey == nil)
        #expect(schema.uniqueConstraints == [UniqueConstraint(name: "shipments_line_key", columns: ["order_id", "line_no"])])
        #expect(
            schema.indexes.first { $0.name == "shipments_line_key" }
                == IndexSchema(
                    name: "shipments_line_key",
                    columns: ["order_id", "line_no"],
                    unique: true,
                    primary: false,
                    definition: "CREATE UNIQUE INDEX shipments_line_key ON public.shipments USING btree (order_id, line_no)"
                )
        )
        #expect(schema.column("shipped_on")?.type == "date")
        #expect(schema.sampleData == [["id": .int(1), "order_id": .int(1), "line_no": .int(1), "shipped_on": .string("2024-02-01")]])
    }

    @Test func selfReferencingForeignKey() async throws {
        let schema = try await introspect("employees")
        #expect(
            schema.relationships == [
                Relationship(name: "employees_manager_id_fkey", columns: ["manager_id"], referencesTable: "employees", referencesColumns: ["id"])
            ]
        )
        #expect(
            schema.column("manager_id")
                == ColumnSchema(
                    name: "manager_id",
                    type: "integer",
                    nullable: true,
                    foreignKey: ForeignKeyReference(referencesTable: "employees", referencesColumn: "id")
                )
        )
    }

    @Test func view() async throws {
        let schema = try await introspect("customer_totals")
        #expect(schema.kind == .view)
        #expect(schema.description == "Revenue per customer")
        #expect(
            schema.columns == [
                ColumnSchema(name: "customer_id", type: "integer"),
                ColumnSchema(name: "name", type: "text"),
                ColumnSchema(name: "total", type: "numeric"),
            ]
        )
        #expect(schema.primaryKey.isEmpty)
        #expect(schema.indexes.isEmpty && schema.relationships.isEmpty && schema.uniqueConstraints.isEmpty)
        #expect(schema.rowEstimate == nil)
        #expect(schema.sampleData?.count == 3)
    }

    @Test func quotedMixedCaseName() async throws {
        let schema = try await introspect("MixedCase")
        #expect(schema.tableName == "MixedCase")
        #expect(
            schema.columns == [
                ColumnSchema(name: "Id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "DisplayName", type: "text", nullable: false),
            ]
        )
        #expect(schema.indexes.map(\.name) == ["MixedCase_pkey"])
        #expect(schema.sampleData == [["Id": .int(1), "DisplayName": .string("First")]])
        // Names match exactly: no case folding.
        let lower = await serviceError { try await introspect("mixedcase") }
        #expect(lower?.code == .notFound)
    }

    @Test func unicodeNames() async throws {
        let schema = try await introspect("café_ñandú")
        #expect(schema.tableName == "café_ñandú")
        #expect(schema.columns.map(\.name) == ["id", "prix€", "naïve"])
        #expect(schema.column("prix€") == ColumnSchema(name: "prix€", type: "numeric(8,2)", nullable: false))
        #expect(schema.sampleData == [["id": .int(1), "prix€": .double(12.5), "naïve": .string("oui")]])
        #expect(schema.indexes.map(\.name) == ["café_ñandú_pkey"])
    }

    @Test func nameContainingADotIsQuoted() async throws {
        let schema = try await introspect(#""odd.name""#)
        #expect(schema.tableName == #""odd.name""#)
        #expect(schema.columns.map(\.name) == ["id"])
    }

    @Test func sameTableNameInTwoSchemas() async throws {
        let publicOrders = try await introspect("orders")
        let salesOrders = try await introspect("sales.orders")
        #expect(publicOrders.tableName == "orders" && publicOrders.schemaName == "public")
        #expect(salesOrders.tableName == "sales.orders" && salesOrders.schemaName == "sales")
        #expect(salesOrders.columns.map(\.name) == ["order_no", "region", "customer_id", "amount"])
        #expect(salesOrders.description == "Orders booked by the sales team")
        #expect(salesOrders.primaryKey == ["order_no"])
        // Cross-schema references name the default schema's table without a prefix…
        #expect(
            salesOrders.relationships == [
                Relationship(name: "orders_customer_id_fkey", columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"])
            ]
        )
        #expect(salesOrders.sampleData == [["order_no": .int(100), "region": .string("EMEA"), "customer_id": .int(1), "amount": .double(1000)]])
        // …and other schemas' tables with one.
        let notes = try await introspect("sales.order_notes")
        #expect(notes.column("order_no")?.foreignKey == ForeignKeyReference(referencesTable: "sales.orders", referencesColumn: "order_no"))
        #expect(publicOrders.column("customer_id") != nil && publicOrders.column("region") == nil)
    }

    @Test func emptyTable() async throws {
        let schema = try await introspect("empty_things")
        #expect(schema.sampleData == [])
        #expect(schema.rowEstimate == 0)
        #expect(schema.columns.map(\.name) == ["id", "label"])
    }

    @Test func fiveHundredColumns() async throws {
        let schema = try await introspect("wide")
        #expect(schema.columns.count == 500)
        #expect(schema.columns.map(\.name) == Fixture.wideColumns)
        #expect(schema.columns.allSatisfy { $0.type == "integer" && $0.nullable && !$0.primaryKey })
        let row = try #require(schema.sampleData?.first)
        #expect(row.count == 500)
        #expect(row["c001"] == .int(1) && row["c500"] == .int(500) && row["c250"] == .null)
    }

    @Test func tableExistsMatchesExactly() async throws {
        try await withPostgresDriver(try PostgresFixtureScope.database().url) { driver async throws in
            for name in ["orders", "sales.orders", "public.orders", "customer_totals", "MixedCase", "café_ñandú", #""odd.name""#] {
                #expect(try await driver.tableExists(name), "\(name) should exist")
            }
            for name in ["Orders", "mixedcase", "sales.customers", "nope", "pg_catalog.nope", "odd.name"] {
                #expect(try await !driver.tableExists(name), "\(name) should not exist")
            }
        }
    }

    @Test func missingAndMalformedNames() async throws {
        #expect(await serviceError { try await introspect("no_such_table") }?.code == .notFound)
        #expect(await serviceError { try await introspect("sales.no_such_table") }?.code == .notFound)
        #expect(await serviceError { try await introspect("a.b.c") }?.code == .badRequest)
        #expect(await serviceError { try await introspect(".orders") }?.code == .badRequest)
        #expect(await serviceError { try await introspect(#""unterminated"#) }?.code == .badRequest)
    }

    @Test func sampleRowsHonoursTheLimit() async throws {
        try await withPostgresDriver(try PostgresFixtureScope.database().url) { driver async throws in
            #expect(try await driver.sampleRows(table: "customers", limit: 2).count == 2)
            #expect(try await driver.sampleRows(table: "customers", limit: 100).count == 5)
            #expect(try await driver.sampleRows(table: "customers", limit: 0).isEmpty)
            #expect(await serviceError { try await driver.sampleRows(table: "nope", limit: 3) }?.code == .notFound)
        }
    }
}
