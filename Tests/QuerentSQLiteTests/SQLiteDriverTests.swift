import Foundation
import QuerentCore
import QuerentExpectations
import QuerentSQLite
import QuerentTesting
import Testing

/// ``SQLiteDriver`` on the SQLite fixture (see ``Fixture/sqliteScript``): introspection,
/// read-only access, one statement per call, row cap and time limit.
@Suite struct SQLiteDriverTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory(prefix: "sqlite-driver")
        path = directory.path("fixture.sqlite")
        try Fixture.createSQLite(at: path)
    }

    func withDriver<T>(_ body: (SQLiteDriver) async throws -> T) async throws -> T {
        let driver = try await SQLiteDriver.open(path: path)
        do {
            let value = try await body(driver)
            await driver.close()
            return value
        } catch {
            await driver.close()
            throw error
        }
    }

    func introspect(_ table: String) async throws -> TableSchema {
        try await withDriver { try await $0.introspect(table: table, sourceId: "src-1") }
    }

    /// The port's default bulk introspection: each table as alone, in input order, each name
    /// once, a missing table left out.
    @Test func bulkIntrospectionEqualsPerTable() async throws {
        let names = Fixture.sqliteRelations.keys.sorted()
        try await withDriver { driver in
            let bulk = try await driver.introspect(tables: names + ["missing_table", names[0]], sourceId: "src-1")
            var single: [TableSchema] = []
            for name in names { single.append(try await driver.introspect(table: name, sourceId: "src-1")) }
            #expect(bulk.map(\.tableName) == names)
            #expect(bulk == single)
        }
    }

    /// Every byte of the database file and its side files.
    func fileState() -> [Data?] {
        [path, path + "-wal", path + "-journal", path + "-shm"].map { FileManager.default.contents(atPath: $0) }
    }

    // MARK: - Introspection

    @Test func listTablesIncludesViews() async throws {
        let tables = try await withDriver { try await $0.listTables() }
        var kinds: [String: TableKind] = [:]
        for table in tables { kinds[table.name] = table.kind }
        #expect(kinds == Fixture.sqliteRelations)
        #expect(tables.count == Fixture.sqliteRelations.count)
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        #expect(byName["customers"]?.rowEstimate == 5)
        #expect(byName["empty_things"]?.rowEstimate == 0)
        #expect(byName["customer_totals"]?.rowEstimate == nil)
        #expect(tables.allSatisfy { $0.schema == nil && !$0.trained })
    }

    @Test func tableWithUniqueAndExpressionIndex() async throws {
        let schema = try await introspect("customers")
        #expect(schema.tableName == "customers" && schema.kind == .table && schema.schemaName == nil)
        #expect(
            schema.columns == [
                ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(name: "email", type: "TEXT", nullable: false),
                ColumnSchema(name: "name", type: "TEXT", nullable: true),
                ColumnSchema(name: "created_at", type: "TEXT", nullable: false, defaultValue: "CURRENT_TIMESTAMP"),
            ]
        )
        #expect(schema.uniqueConstraints.map(\.columns) == [["email"]])
        let expression = try #require(schema.indexes.first { $0.name == "customers_lower_email_idx" })
        #expect(expression.unique == false && expression.primary == false)
        #expect(expression.columns.count == 1)
        #expect(expression.definition == "CREATE INDEX customers_lower_email_idx ON customers (lower(email))")
        let unique = try #require(schema.indexes.first { $0.unique })
        #expect(unique.columns == ["email"])
        #expect(schema.indexes.count == 2)
        #expect(schema.rowEstimate == 5)
        let sample = try #require(schema.sampleData)
        #expect(sample.count == 3)
        #expect(
            sample.first == [
                "id": .int(1), "email": .string("ada@example.com"), "name": .string("Ada"), "created_at": .string("2024-01-01 10:00:00"),
            ]
        )
    }

    @Test func foreignKeyTargetIsCanonicalised() async throws {
        // Declared as REFERENCES CUSTOMERS (id); SQLite matches table names case-insensitively.
        let schema = try await introspect("orders")
        #expect(schema.relationships == [Relationship(name: nil, columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"])])
        #expect(schema.column("customer_id")?.foreignKey == ForeignKeyReference(referencesTable: "customers", referencesColumn: "id"))
        #expect(schema.column("total") == ColumnSchema(name: "total", type: "NUMERIC(10,2)", nullable: false, defaultValue: "0"))
        #expect(schema.column("status")?.defaultValue == "'new'")
        #expect(schema.indexes.map(\.name) == ["orders_customer_id_idx"])
    }

    @Test func compositePrimaryKey() async throws {
        let schema = try await introspect("order_lines")
        #expect(schema.primaryKey == ["order_id", "line_no"])
        #expect(schema.columns.filter(\.primaryKey).allSatisfy { !$0.nullable })
        let pk = try #require(schema.indexes.first { $0.primary })
        #expect(pk.columns == ["order_id", "line_no"] && pk.unique)
        #expect(schema.relationships == [Relationship(name: nil, columns: ["order_id"], referencesTable: "orders", referencesColumns: ["id"])])
        #expect(schema.sampleData?.count == 3)
    }

    @Test func compositeForeignKeyAndCompositeUnique() async throws {
        let schema = try await introspect("shipments")
        #expect(
            schema.relationships == [
                Relationship(
                    name: nil,
                    columns: ["order_id", "line_no"],
                    referencesTable: "order_lines",
                    referencesColumns: ["order_id", "line_no"]
                )
            ]
        )
        #expect(schema.column("order_id")?.foreignKey == nil)
        #expect(schema.uniqueConstraints.map(\.columns) == [["order_id", "line_no"]])
    }

    @Test func selfReferenceWithImplicitTargetColumn() async throws {
        // REFERENCES employees (no column) targets the primary key.
        let schema = try await introspect("employees")
        #expect(schema.relationships == [Relationship(name: nil, columns: ["manager_id"], referencesTable: "employees", referencesColumns: ["id"])])
        #expect(schema.column("manager_id")?.foreignKey == ForeignKeyReference(referencesTable: "employees", referencesColumn: "id"))
    }

    @Test func view() async throws {
        let schema = try await introspect("customer_totals")
        #expect(schema.kind == .view)
        #expect(schema.columns.map(\.name) == ["customer_id", "name", "total"])
        #expect(schema.indexes.isEmpty && schema.relationships.isEmpty && schema.primaryKey.isEmpty)
        #expect(schema.rowEstimate == nil)
        #expect(schema.sampleData?.count == 3)
    }

    @Test func mixedCaseAndUnicodeNames() async throws {
        let mixed = try await introspect("MixedCase")
        #expect(mixed.tableName == "MixedCase")
        #expect(mixed.columns.map(\.name) == ["Id", "DisplayName"])
        #expect(mixed.primaryKey == ["Id"])
        #expect(mixed.sampleData == [["Id": .int(1), "DisplayName": .string("First")]])

        let unicode = try await introspect("café_ñandú")
        #expect(
            unicode.columns == [
                ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(name: "prix€", type: "REAL", nullable: false),
                ColumnSchema(name: "naïve", type: "TEXT"),
            ]
        )
        #expect(unicode.sampleData == [["id": .int(1), "prix€": .double(12.5), "naïve": .string("oui")]])

        try await withDriver { driver async throws in
            #expect(try await driver.tableExists("MixedCase"))
            #expect(try await !driver.tableExists("mixedcase"))
            #expect(try await driver.tableExists("café_ñandú"))
            #expect(try await !driver.tableExists("cafe_nandu"))
        }
        #expect(await serviceError { try await introspect("mixedcase") }?.code == .notFound)
    }

    @Test func emptyAndWideTables() async throws {
        let empty = try await introspect("empty_things")
        #expect(empty.sampleData == [])
        #expect(empty.rowEstimate == 0)
        let wide = try await introspect("wide")
        #expect(wide.columns.map(\.name) == Fixture.wideColumns)
        #expect(wide.columns.allSatisfy { $0.type == "INTEGER" && $0.nullable })
        let row = try #require(wide.sampleData?.first)
        #expect(row.count == 500 && row["c001"] == .int(1) && row["c500"] == .int(500) && row["c002"] == .null)
    }

    @Test func missingTable() async throws {
        #expect(await serviceError { try await introspect("no_such_table") }?.code == .notFound)
        #expect(await serviceError { try await withDriver { try await $0.sampleRows(table: "no_such_table", limit: 3) } }?.code == .notFound)
        #expect(try await withDriver { try await $0.sampleRows(table: "customers", limit: 2) }.count == 2)
    }

    // MARK: - Read-only execution

    @Test(arguments: [
        "INSERT INTO empty_things (id, label) VALUES (1, 'x')",
        "UPDATE customers SET name = 'Mallory'",
        "DELETE FROM orders",
        "CREATE TABLE intruder (id INTEGER)",
        "DROP TABLE empty_things",
        "ALTER TABLE customers ADD COLUMN intruder INTEGER",
        "CREATE INDEX intruder_idx ON customers (name)",
        "PRAGMA user_version = 7",
        "VACUUM",
        "REINDEX",
        "WITH x AS (SELECT 1) DELETE FROM orders",
    ])
    func writesFailAndLeaveTheFileUnchanged(sql: String) async throws {
        let before = fileState()
        try await withDriver { driver async throws in
            let error = await serviceError { try await driver.execute(sql, limits: .standard) }
            #expect(error?.code == .unsafeQuery || error?.code == .databaseError)
            #expect(try await driver.execute("SELECT count(*) FROM orders", limits: .standard).rows == [[.int(4)]])
        }
        #expect(fileState() == before)
    }

    @Test func attachingAnotherDatabaseIsRefused() async throws {
        // ATTACH is "read-only" to SQLite (it changes no file), but it would let a query read any
        // other database file the service can reach, and it persists on the pooled connection.
        let other = directory.path("other.sqlite")
        let connection = try SQLiteConnection(path: other, mode: .readWriteCreate)
        try connection.exec("CREATE TABLE secrets (value TEXT); INSERT INTO secrets VALUES ('top secret');")
        connection.close()
        try await withDriver { driver async throws in
            let error = await serviceError { try await driver.execute("ATTACH DATABASE '\(other)' AS other", limits: .standard) }
            #expect(error != nil)
            let read = await serviceError { try await driver.execute("SELECT value FROM other.secrets", limits: .standard) }
            #expect(read?.code == .databaseError)
        }
    }

    @Test(arguments: [
        "SELECT 1; DROP TABLE empty_things",
        "SELECT 1; SELECT 2",
        "SELECT 1; -- comment\n DROP TABLE empty_things",
        "SELECT 1 /* c */ ; /* c */ SELECT 2",
    ])
    func multipleStatementsAreRefused(sql: String) async throws {
        let before = fileState()
        try await withDriver { driver async throws in
            let error = await serviceError { try await driver.execute(sql, limits: .standard) }
            #expect(error?.code == .databaseError || error?.code == .unsafeQuery)
            #expect(try await driver.tableExists("empty_things"))
        }
        #expect(fileState() == before)
    }

    @Test(arguments: ["SELECT 1 AS one;", "SELECT 1 AS one; ;", "SELECT 1 AS one; -- done", "SELECT 1 AS one /* tail */;\n"])
    func trailingSemicolonsAndCommentsAreFine(sql: String) async throws {
        #expect(try await withDriver { try await $0.execute(sql, limits: .standard) }.rows == [[.int(1)]])
    }

    @Test func rowCapTruncates() async throws {
        try await withDriver { driver async throws in
            let series = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) SELECT x FROM c"
            let result = try await driver.execute(String(format: series, 5000), limits: QueryLimits(maxRows: 1000))
            #expect(result.columns == ["x"])
            #expect(result.rows.count == 1000 && result.truncated)
            #expect(result.rows.map { $0[0] } == (1...1000).map { JSONValue.int(Int64($0)) })
            let exact = try await driver.execute(String(format: series, 1000), limits: QueryLimits(maxRows: 1000))
            #expect(exact.rows.count == 1000 && !exact.truncated)
        }
    }

    @Test func timeoutInterruptsALongQuery() async throws {
        try await withDriver { driver async throws in
            // The series never ends: only the deadline stops it.
            let error = await serviceError {
                try await driver.execute(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                    limits: QueryLimits(timeoutMilliseconds: 200, maxRows: 10)
                )
            }
            #expect(error?.code == .timeout)
            // The deadline does not stick to the connection.
            let slowish = try await driver.execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT count(*) FROM c",
                limits: .standard
            )
            #expect(slowish.rows == [[.int(200_000)]])
        }
    }

    @Test func valuesAreTypedIntoJSON() async throws {
        let result = try await withDriver {
            try await $0.execute("SELECT 42 AS i, 1.5 AS f, 'café' AS t, x'0102ff' AS b, NULL AS n, \"prix€\" FROM \"café_ñandú\"", limits: .standard)
        }
        #expect(result.columns == ["i", "f", "t", "b", "n", "prix€"])
        #expect(result.rows == [[.int(42), .double(1.5), .string("café"), .string("AQL/"), .null, .double(12.5)]])
    }

    @Test func sqlErrorsAreDatabaseErrors() async throws {
        try await withDriver { driver async throws in
            let missing = await serviceError { try await driver.execute("SELECT * FROM no_such_table", limits: .standard) }
            #expect(missing?.code == .databaseError)
            #expect(missing?.message.contains("no_such_table") == true)
            #expect(await serviceError { try await driver.execute("SELEC 1", limits: .standard) }?.code == .databaseError)
        }
    }

    // MARK: - Opening

    @Test func missingFileIsAConnectionFailure() async throws {
        let missing = directory.path("missing.sqlite")
        let error = await serviceError { try await SQLiteDriver.open(path: missing) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("not found") == true)
        // Opening never creates the file.
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func directoryOrNonDatabaseIsAConnectionFailure() async throws {
        #expect(await serviceError { try await SQLiteDriver.open(path: directory.path) }?.code == .connectionFailed)
        let junk = directory.path("junk.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: junk))
        let error = await serviceError { try await SQLiteDriver.open(path: junk) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("not a database") == true)
        #expect(await serviceError { try await SQLiteDriver.open(path: "") }?.code == .badRequest)
    }

    @Test func pathsWithSpecialCharactersOpen() async throws {
        let odd = directory.path("wéird name?#%.sqlite")
        try Fixture.createSQLite(at: odd)
        let driver = try await SQLiteDriver.open(path: odd)
        #expect(try await driver.listTables().count == Fixture.sqliteRelations.count)
        await driver.close()
    }
}
