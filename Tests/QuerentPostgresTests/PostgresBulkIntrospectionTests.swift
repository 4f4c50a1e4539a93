import Foundation
import QuerentCore
import QuerentPostgres
import QuerentTesting
import Testing

/// ``PostgresDriver/introspect(tables:sourceId:)``: one catalog query and pipelined sample reads
/// give what ``PostgresDriver/introspect(table:sourceId:)`` gives table by table.
@Suite(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres: set POSTGRES_HOSTNAME or QUERENT_TEST_POSTGRES_URL"), .postgresFixture)
struct PostgresBulkIntrospectionTests {
    @Test func bulkEqualsPerTableForEveryFixtureRelation() async throws {
        // Quoted, mixed-case and Unicode names, a composite and a self-referencing foreign key,
        // a view, comments, expression indexes, another schema, and a name holding a dot.
        let names = Fixture.postgresRelations.keys.sorted()
        let requested = ["missing_table"] + names + ["sales.missing", names[0]]
        try await withPostgresDriver(try PostgresFixtureScope.database().url, maxConnections: 1) { driver in
            let bulk = try await driver.introspect(tables: requested, sourceId: "src-1")
            var single: [TableSchema] = []
            for name in names { single.append(try await driver.introspect(table: name, sourceId: "src-1")) }
            // Input order, each name once, missing tables left out.
            #expect(bulk.map(\.tableName) == names)
            #expect(bulk == single)
            #expect(bulk.first { $0.tableName == "customers" }?.sampleData?.count == 3)
            #expect(bulk.first { $0.tableName == "shipments" }?.relationships.first?.columns == ["order_id", "line_no"])
            #expect(bulk.first { $0.tableName == "employees" }?.relationships.first?.referencesTable == "employees")
        }
    }

    @Test func emptyRequestAndMalformedName() async throws {
        try await withPostgresDriver(try PostgresFixtureScope.database().url, maxConnections: 1) { driver in
            let none = try await driver.introspect(tables: [], sourceId: "src-1")
            #expect(none.isEmpty)
            let error = await #expect(throws: ServiceError.self) { try await driver.introspect(tables: ["a.b.c"], sourceId: "src-1") }
            #expect(error?.code == .badRequest)
        }
    }

    /// A view whose rows cannot be read fails its pipeline; that batch is read table by table,
    /// so only the view is left out, and the other batches are untouched.
    @Test func unreadableTableLeavesOnlyItselfOut() async throws {
        try await withScratchDatabase(prefix: "bulk_introspection") { database in
            try await database.execute([
                """
                DO $$ BEGIN
                    FOR i IN 0..149 LOOP
                        EXECUTE format('CREATE TABLE %I (id integer PRIMARY KEY, label text)', 'b' || lpad(i::text, 3, '0'));
                        EXECUTE format('INSERT INTO %I VALUES (1, ''one''), (2, NULL)', 'b' || lpad(i::text, 3, '0'));
                    END LOOP;
                END $$
                """,
                "CREATE VIEW b050_broken AS SELECT 1 / 0 AS x",
            ])
            try await withPostgresDriver(database.url, maxConnections: 1) { driver in
                let names = try await driver.listTables().map(\.name).sorted()
                #expect(names.count == 151)
                let schemas = try await driver.introspect(tables: names, sourceId: "src")
                #expect(schemas.map(\.tableName) == names.filter { $0 != "b050_broken" })
                #expect(schemas.allSatisfy { $0.sampleData == [["id": .int(1), "label": .string("one")], ["id": .int(2), "label": .null]] })
                let error = await #expect(throws: ServiceError.self) { try await driver.introspect(table: "b050_broken", sourceId: "src") }
                #expect(error?.code == .databaseError)
                // The connection is usable afterwards: no pipeline or transaction left open.
                let again = try await driver.introspect(tables: ["b000"], sourceId: "src")
                #expect(again.count == 1)
            }
        }
    }
}
