import Foundation
import QuerentCore
import QuerentMySQL
import QuerentTesting
import Testing

/// The MySQL adapter against a real MariaDB server (started by the test command): connection
/// forms and failures, introspection of awkward names and keys, typed rows, limits, and the
/// read-only guarantees with the database's fingerprint checked afterwards.
@Suite(.enabled(if: TestEnvironment.mysqlEnabled))
struct MySQLDriverTests {
    static let fixture = [
        """
        CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL, email VARCHAR(120) UNIQUE,
        country VARCHAR(40) NOT NULL DEFAULT 'FR', created_at DATETIME NOT NULL) COMMENT 'People who bought something'
        """,
        """
        CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL COMMENT 'paid, shipped or cancelled',
        total DECIMAL(10,2) NOT NULL, ordered_at DATE NOT NULL, notes JSON NULL, flags BIT(8) NULL,
        CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers(id), INDEX orders_status (status, ordered_at))
        """,
        """
        CREATE TABLE order_items (order_id INT NOT NULL, line_no INT NOT NULL, product VARCHAR(40) NOT NULL, quantity INT NOT NULL,
        PRIMARY KEY (order_id, line_no), FOREIGN KEY (order_id) REFERENCES orders(id))
        """,
        "CREATE TABLE `SalesReps` (`Id` INT PRIMARY KEY, `FullName` VARCHAR(80) NOT NULL, `Manager Id` INT NULL, FOREIGN KEY (`Manager Id`) REFERENCES `SalesReps`(`Id`))",
        "CREATE TABLE `Ünïcødé ``tick``` (`clé` INT PRIMARY KEY, `värde` VARCHAR(20))",
        "CREATE VIEW paid_orders AS SELECT id, total FROM orders WHERE status = 'paid'",
        """
        INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'UK', '2024-01-02 03:04:05'), (2, 'Bo', NULL, 'FR', '2024-02-03 04:05:06'),
        (3, 'Cy', 'cy@example.com', 'FR', '2024-03-04 05:06:07')
        """,
        """
        INSERT INTO orders VALUES (10, 1, 'paid', 12.50, '2024-04-01', '{"gift": true}', b'00000101'), (11, 1, 'shipped', 7.00, '2024-04-02', NULL, NULL),
        (12, 2, 'cancelled', 3.25, '2024-05-01', NULL, NULL), (13, 3, 'paid', 100.00, '2024-05-02', NULL, NULL)
        """,
        "INSERT INTO order_items VALUES (10, 1, 'tea', 2), (10, 2, 'cup', 1), (11, 1, 'tea', 5)",
        "INSERT INTO `SalesReps` VALUES (1, 'Grace Hopper', NULL), (2, 'Alan Turing', 1)",
        "INSERT INTO `Ünïcødé ``tick``` VALUES (1, 'ok')",
    ]

    func withDriver<T>(_ body: (MySQLDriver, MySQLScratchDatabase) async throws -> T) async throws -> T {
        try await MySQLScratchDatabase.with(prefix: "driver", Self.fixture) { database in
            let driver = try await MySQLDriver.connect(ConnectionSpec(url: database.url))
            do {
                let value = try await body(driver, database)
                await driver.close()
                return value
            } catch {
                await driver.close()
                throw error
            }
        }
    }

    @Test func aConnectionTheServerClosedIsNotLentAgain() async throws {
        try await withDriver { driver, database in
            let limits = QueryLimits(maxRows: 10)
            let first = try await driver.execute("SELECT CONNECTION_ID()", limits: limits).rows.first?.first
            guard case .int(let id) = first else {
                Issue.record("CONNECTION_ID() answered \(String(describing: first))")
                return
            }
            // The server ends the pooled, idle connection (as a restart or wait_timeout would).
            try await database.execute(["KILL CONNECTION \(id)"])
            let second = try await driver.execute("SELECT CONNECTION_ID()", limits: limits).rows.first?.first
            #expect(second != nil && second != .int(id), "a fresh connection answers: \(String(describing: second))")
        }
    }

    @Test func listsTablesAndViewsWithKindsAndEstimates() async throws {
        try await withDriver { driver, _ in
            let tables = try await driver.listTables()
            #expect(tables.map(\.name) == ["SalesReps", "customers", "order_items", "orders", "paid_orders", "Ünïcødé `tick`"])
            #expect(tables.first { $0.name == "paid_orders" }?.kind == .view)
            #expect(tables.first { $0.name == "orders" }?.kind == .table)
            #expect(tables.first { $0.name == "paid_orders" }?.rowEstimate == nil)
            #expect(try await driver.tableExists("SalesReps"))
            #expect(try await !driver.tableExists("salesreps"), "names match exactly")
            #expect(try await !driver.tableExists("nope"))
        }
    }

    @Test func introspectsKeysCommentsIndexesAndAwkwardNamesInBulk() async throws {
        try await withDriver { driver, _ in
            let before = driver.roundTrips
            let schemas = try await driver.introspect(
                tables: ["orders", "order_items", "SalesReps", "Ünïcødé `tick`", "missing", "orders", "paid_orders"],
                sourceId: "s"
            )
            #expect(schemas.map(\.tableName) == ["orders", "order_items", "SalesReps", "Ünïcødé `tick`", "paid_orders"])
            // Four catalog queries per batch, then one transaction for every table's sample rows.
            #expect(driver.roundTrips - before <= 4 + 3 + 5, "round trips: \(driver.roundTrips - before)")

            let orders = try #require(schemas.first { $0.tableName == "orders" })
            #expect(orders.columns.map(\.name) == ["id", "customer_id", "status", "total", "ordered_at", "notes", "flags"])
            #expect(orders.columns.first { $0.name == "id" }?.primaryKey == true)
            #expect(orders.columns.first { $0.name == "total" }?.type == "decimal(10,2)")
            #expect(orders.columns.first { $0.name == "status" }?.description == "paid, shipped or cancelled")
            #expect(
                orders.columns.first { $0.name == "customer_id" }?.foreignKey
                    == ForeignKeyReference(referencesTable: "customers", referencesColumn: "id")
            )
            #expect(orders.relationships.map(\.name) == ["orders_customer"])
            #expect(orders.indexes.contains { $0.name == "orders_status" && $0.columns == ["status", "ordered_at"] && !$0.unique })
            #expect(orders.sampleData?.count == 3)

            let items = try #require(schemas.first { $0.tableName == "order_items" })
            #expect(items.columns.filter(\.primaryKey).map(\.name) == ["order_id", "line_no"], "composite primary key")
            #expect(items.relationships.first?.referencesTable == "orders")

            let reps = try #require(schemas.first { $0.tableName == "SalesReps" })
            #expect(reps.relationships.first?.columns == ["Manager Id"] && reps.relationships.first?.referencesTable == "SalesReps", "self-reference")
            let unicode = try #require(schemas.first { $0.tableName == "Ünïcødé `tick`" })
            #expect(unicode.columns.map(\.name) == ["clé", "värde"])
            #expect(unicode.sampleData?.first?["värde"] == .string("ok"))

            let customers = try await driver.introspect(table: "customers", sourceId: "s")
            #expect(customers.description == "People who bought something")
            #expect(customers.uniqueConstraints.map(\.columns) == [["email"]])
            #expect(
                customers.columns.first { $0.name == "country" }?.defaultValue == "'FR'"
                    || customers.columns.first { $0.name == "country" }?.defaultValue == "FR"
            )
            await #expect(throws: ServiceError.self) { try await driver.introspect(table: "missing", sourceId: "s") }
        }
    }

    @Test func rowsAreTypedAndCapped() async throws {
        try await withDriver { driver, _ in
            let rows = try await driver.execute(
                "SELECT id, total, ordered_at, notes, flags, status || '!' AS shout FROM orders ORDER BY id",
                limits: QueryLimits(maxRows: 2)
            )
            #expect(rows.columns == ["id", "total", "ordered_at", "notes", "flags", "shout"])
            #expect(rows.truncated)
            #expect(rows.rows.count == 2)
            #expect(rows.rows[0][0] == .int(10))
            #expect(rows.rows[0][1] == .double(12.5))
            #expect(rows.rows[0][2] == .string("2024-04-01"))
            #expect(rows.rows[0][3] == .object(["gift": .bool(true)]) || rows.rows[0][3] == .string(#"{"gift": true}"#))
            #expect(rows.rows[0][4] == .int(5))
            #expect(rows.rows[0][5] == .string("paid!"), "|| concatenates (PIPES_AS_CONCAT)")

            let created = try await driver.execute("SELECT created_at FROM customers WHERE id = 1", limits: QueryLimits())
            #expect(created.rows == [[.string("2024-01-02T03:04:05")]])
            let quoted = try await driver.execute(#"SELECT "FullName" FROM "SalesReps" WHERE `Id` = 2"#, limits: QueryLimits())
            #expect(quoted.rows == [[.string("Alan Turing")]], "double quotes name identifiers (ANSI_QUOTES)")
            let backslash = try await driver.execute(#"SELECT 'a\' AS s"#, limits: QueryLimits())
            #expect(backslash.rows == [[.string(#"a\"#)]], "backslash is an ordinary character (NO_BACKSLASH_ESCAPES)")

            let values = try await driver.distinctValues(table: "orders", columns: ["status", "id"], limit: 3)
            #expect(values["status"] == ["cancelled", "paid", "shipped"])
            #expect(values["id"] == nil, "four distinct ids exceed the limit")
        }
    }

    @Test func writesMultipleStatementsAndLongQueriesAreStopped() async throws {
        try await withDriver { driver, database in
            let before = try await database.fingerprint()
            for statement in [
                "INSERT INTO customers VALUES (9, 'Eve', NULL, 'XX', NOW())",
                "UPDATE orders SET total = 0",
                "DELETE FROM order_items",
                "CREATE TABLE sneaky (id INT)",
                "DROP TABLE order_items",
            ] {
                await #expect(throws: ServiceError.self, "\(statement)") { try await driver.execute(statement, limits: QueryLimits()) }
            }
            // One statement per call: a second one is a syntax error, never run.
            await #expect(throws: ServiceError.self) { try await driver.execute("SELECT 1; DELETE FROM orders", limits: QueryLimits()) }
            #expect(try await database.fingerprint() == before, "nothing changed")

            do {
                _ = try await driver.execute("SELECT SLEEP(5)", limits: QueryLimits(timeoutMilliseconds: 300))
                Issue.record("a five-second query finished under a 300 ms limit")
            } catch let error as ServiceError {
                #expect(error.code == .timeout || error.code == .databaseError, "\(error.code): \(error.message)")
            }
            // The connection is usable afterwards.
            #expect(try await driver.execute("SELECT COUNT(*) FROM orders", limits: QueryLimits()).rows == [[.int(4)]])
        }
    }

    @Test func connectionFailuresNameTheReasonNeverThePassword() async throws {
        let admin = try TestEnvironment.requireMySQLURL()
        var components = try #require(URLComponents(string: admin))
        components.password = "wrong-secret-password"
        do {
            _ = try await MySQLDriver.connect(ConnectionSpec(url: components.string))
            Issue.record("a wrong password connected")
        } catch let error as ServiceError {
            #expect(error.code == .connectionFailed)
            #expect(error.message.contains("Access denied"), "\(error.message)")
            #expect(!error.message.contains("wrong-secret-password"))
        }
        let closedPort = try FreePort.allocate()
        do {
            _ = try await MySQLDriver.connect(ConnectionSpec(url: "mysql://querent:querent@127.0.0.1:\(closedPort)/querent"), connectTimeout: 2)
            Issue.record("a closed port connected")
        } catch let error as ServiceError {
            #expect(error.code == .connectionFailed, "\(error.message)")
        }
    }

    @Test func connectionDetailsInEveryForm() throws {
        let url = try MySQLConnectionParameters(ConnectionSpec(url: "mysql://app:p%40ss@db.example:3307/shop?sslmode=require"))
        #expect(url.host == "db.example" && url.port == 3307 && url.user == "app" && url.password == "p@ss" && url.database == "shop")
        #expect(url.tls == .require)
        #expect(url.summary == "mysql://app@db.example:3307/shop?sslmode=require")
        let pairs = try MySQLConnectionParameters(
            ConnectionSpec(url: "host=localhost port=3306 user=app password='s3cret' dbname=shop ssl-mode=VERIFY_IDENTITY")
        )
        #expect(pairs.host == "127.0.0.1" && pairs.password == "s3cret" && pairs.tls == .verify)
        let object = try MySQLConnectionParameters(
            ConnectionSpec(host: "10.0.0.5", port: 3306, database: "shop", user: "app", password: "x", sslmode: "disable")
        )
        #expect(object.summary == "mysql://app@10.0.0.5:3306/shop?sslmode=disable")
        #expect(!MySQLDriver.summary(ConnectionSpec(url: "mysql://app:topsecret@db/shop")).contains("topsecret"))
        for bad in [
            "postgres://app@db/shop", "mysql://app@db", "host=db dbname=shop sslmode=sometimes", "host=db nonsense", "host=db dbname=shop port=99999",
        ] {
            #expect(throws: ServiceError.self, "\(bad)") { try MySQLConnectionParameters(ConnectionSpec(url: bad)) }
        }
    }
}
