import Foundation
import QuerentCore
import QuerentSQLite

/// The introspection fixture, in a Postgres and a SQLite flavour: composite primary and
/// foreign keys, a self-reference, a view, unique constraints, plain and expression indexes,
/// comments (Postgres), quoted mixed-case and Unicode names, two schemas holding a table of
/// the same name (Postgres), an empty table and a 500-column table.
public enum Fixture {
    /// The 500 column names of `wide`: `c001` … `c500`.
    public static let wideColumns = (1...500).map { String(format: "c%03d", $0) }

    /// The Postgres fixture, one statement per element (libpq's extended protocol runs one at a time).
    public static let postgres: [String] = [
        "CREATE SCHEMA sales",
        """
        CREATE TABLE customers (
            id integer PRIMARY KEY,
            email text NOT NULL,
            name text,
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT customers_email_key UNIQUE (email)
        )
        """,
        "COMMENT ON TABLE customers IS 'People who buy things'",
        "COMMENT ON COLUMN customers.email IS 'Login e-mail address'",
        "CREATE INDEX customers_lower_email_idx ON customers (lower(email))",
        """
        CREATE TABLE orders (
            id bigserial PRIMARY KEY,
            customer_id integer NOT NULL REFERENCES customers (id),
            total numeric(10,2) NOT NULL DEFAULT 0,
            status text DEFAULT 'new'
        )
        """,
        "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",
        """
        CREATE TABLE sales.orders (
            order_no integer PRIMARY KEY,
            region text NOT NULL,
            customer_id integer REFERENCES public.customers (id),
            amount numeric(12,2)
        )
        """,
        "COMMENT ON TABLE sales.orders IS 'Orders booked by the sales team'",
        "CREATE TABLE sales.order_notes (id integer PRIMARY KEY, order_no integer NOT NULL REFERENCES sales.orders (order_no), note text)",
        """
        CREATE TABLE order_lines (
            order_id bigint NOT NULL REFERENCES orders (id),
            line_no integer NOT NULL,
            product text NOT NULL,
            quantity integer NOT NULL DEFAULT 1,
            PRIMARY KEY (order_id, line_no)
        )
        """,
        """
        CREATE TABLE shipments (
            id integer PRIMARY KEY,
            order_id bigint NOT NULL,
            line_no integer NOT NULL,
            shipped_on date,
            CONSTRAINT shipments_line_fk FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no),
            CONSTRAINT shipments_line_key UNIQUE (order_id, line_no)
        )
        """,
        "CREATE TABLE employees (id integer PRIMARY KEY, manager_id integer REFERENCES employees (id), name text NOT NULL)",
        """
        CREATE VIEW customer_totals AS
            SELECT c.id AS customer_id, c.name, sum(o.total) AS total
            FROM customers c JOIN orders o ON o.customer_id = c.id
            GROUP BY c.id, c.name
        """,
        "COMMENT ON VIEW customer_totals IS 'Revenue per customer'",
        #"CREATE TABLE "MixedCase" ("Id" integer PRIMARY KEY, "DisplayName" text NOT NULL)"#,
        #"CREATE TABLE "café_ñandú" (id integer PRIMARY KEY, "prix€" numeric(8,2) NOT NULL, "naïve" text)"#,
        "CREATE TABLE empty_things (id integer PRIMARY KEY, label text)",
        #"CREATE TABLE "odd.name" (id integer)"#,
        "CREATE TABLE wide (" + wideColumns.map { "\($0) integer" }.joined(separator: ", ") + ")",
        """
        INSERT INTO customers (id, email, name, created_at) VALUES
            (1, 'ada@example.com', 'Ada', '2024-01-01 10:00:00+00'),
            (2, 'bob@example.com', 'Bob', '2024-01-02 11:00:00+00'),
            (3, 'cy@example.com', 'Cy', '2024-01-03 12:00:00+00'),
            (4, 'di@example.com', NULL, '2024-01-04 13:00:00+00'),
            (5, 'ed@example.com', 'Ed', '2024-01-05 14:00:00+00')
        """,
        "INSERT INTO orders (id, customer_id, total, status) VALUES (1, 1, 10.50, 'paid'), (2, 1, 20.00, 'new'), (3, 2, 5.25, 'paid'), (4, 3, 99.99, 'shipped')",
        "SELECT setval('orders_id_seq', 4)",
        "INSERT INTO sales.orders (order_no, region, customer_id, amount) VALUES (100, 'EMEA', 1, 1000.00)",
        "INSERT INTO order_lines (order_id, line_no, product, quantity) VALUES (1, 1, 'pen', 2), (1, 2, 'ink', 1), (2, 1, 'pad', 3)",
        "INSERT INTO shipments (id, order_id, line_no, shipped_on) VALUES (1, 1, 1, '2024-02-01')",
        "INSERT INTO employees (id, manager_id, name) VALUES (1, NULL, 'Boss'), (2, 1, 'Worker'), (3, 2, 'Intern')",
        #"INSERT INTO "MixedCase" ("Id", "DisplayName") VALUES (1, 'First')"#,
        #"INSERT INTO "café_ñandú" (id, "prix€", "naïve") VALUES (1, 12.50, 'oui')"#,
        "INSERT INTO wide (c001, c500) VALUES (1, 500)",
        #"ANALYZE customers, orders, sales.orders, sales.order_notes, order_lines, shipments, employees, "MixedCase", "café_ñandú", empty_things, wide"#,
    ]

    /// Every relation of the Postgres fixture, canonical name → kind.
    public static let postgresRelations: [String: TableKind] = [
        "customers": .table, "orders": .table, "order_lines": .table, "shipments": .table, "employees": .table,
        "customer_totals": .view, "MixedCase": .table, "café_ñandú": .table, "empty_things": .table, "wide": .table,
        "sales.orders": .table, "sales.order_notes": .table, #""odd.name""#: .table,
    ]

    /// The SQLite fixture as one script.
    public static let sqliteScript = """
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX customers_lower_email_idx ON customers (lower(email));
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES CUSTOMERS (id),
            total NUMERIC(10,2) NOT NULL DEFAULT 0,
            status TEXT DEFAULT 'new'
        );
        CREATE INDEX orders_customer_id_idx ON orders (customer_id);
        CREATE TABLE order_lines (
            order_id INTEGER NOT NULL REFERENCES orders (id),
            line_no INTEGER NOT NULL,
            product TEXT NOT NULL,
            quantity INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (order_id, line_no)
        );
        CREATE TABLE shipments (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL,
            line_no INTEGER NOT NULL,
            shipped_on TEXT,
            CONSTRAINT shipments_line_fk FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no),
            CONSTRAINT shipments_line_key UNIQUE (order_id, line_no)
        );
        CREATE TABLE employees (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employees, name TEXT NOT NULL);
        CREATE VIEW customer_totals AS
            SELECT c.id AS customer_id, c.name AS name, sum(o.total) AS total
            FROM customers c JOIN orders o ON o.customer_id = c.id
            GROUP BY c.id, c.name;
        CREATE TABLE "MixedCase" ("Id" INTEGER PRIMARY KEY, "DisplayName" TEXT NOT NULL);
        CREATE TABLE "café_ñandú" (id INTEGER PRIMARY KEY, "prix€" REAL NOT NULL, "naïve" TEXT);
        CREATE TABLE empty_things (id INTEGER PRIMARY KEY, label TEXT);
        CREATE TABLE wide (\(wideColumns.map { "\($0) INTEGER" }.joined(separator: ", ")));
        INSERT INTO customers (id, email, name, created_at) VALUES
            (1, 'ada@example.com', 'Ada', '2024-01-01 10:00:00'),
            (2, 'bob@example.com', 'Bob', '2024-01-02 11:00:00'),
            (3, 'cy@example.com', 'Cy', '2024-01-03 12:00:00'),
            (4, 'di@example.com', NULL, '2024-01-04 13:00:00'),
            (5, 'ed@example.com', 'Ed', '2024-01-05 14:00:00');
        INSERT INTO orders (id, customer_id, total, status) VALUES (1, 1, 10.5, 'paid'), (2, 1, 20, 'new'), (3, 2, 5.25, 'paid'), (4, 3, 99.99, 'shipped');
        INSERT INTO order_lines (order_id, line_no, product, quantity) VALUES (1, 1, 'pen', 2), (1, 2, 'ink', 1), (2, 1, 'pad', 3);
        INSERT INTO shipments (id, order_id, line_no, shipped_on) VALUES (1, 1, 1, '2024-02-01');
        INSERT INTO employees (id, manager_id, name) VALUES (1, NULL, 'Boss'), (2, 1, 'Worker'), (3, 2, 'Intern');
        INSERT INTO "MixedCase" ("Id", "DisplayName") VALUES (1, 'First');
        INSERT INTO "café_ñandú" (id, "prix€", "naïve") VALUES (1, 12.5, 'oui');
        INSERT INTO wide (c001, c500) VALUES (1, 500);
        """

    /// Every relation of the SQLite fixture, name → kind.
    public static let sqliteRelations: [String: TableKind] = [
        "customers": .table, "orders": .table, "order_lines": .table, "shipments": .table, "employees": .table,
        "customer_totals": .view, "MixedCase": .table, "café_ñandú": .table, "empty_things": .table, "wide": .table,
    ]

    /// Writes the SQLite fixture to a new file at `path`.
    public static func createSQLite(at path: String) throws {
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        defer { connection.close() }
        try connection.exec(sqliteScript)
    }

    /// Creates a scratch Postgres database holding the fixture.
    public static func createPostgres(prefix: String = "fixture") async throws -> ScratchDatabase {
        let database = try await ScratchDatabase.create(prefix: prefix)
        do {
            try await database.execute(postgres)
        } catch {
            await database.drop()
            throw error
        }
        return database
    }
}

/// Creates the Postgres fixture in a scratch database, runs `body`, and always drops it.
public func withPostgresFixture<T>(_ body: (ScratchDatabase) async throws -> T) async throws -> T {
    let database = try await Fixture.createPostgres()
    do {
        let value = try await body(database)
        await database.drop()
        return value
    } catch {
        await database.drop()
        throw error
    }
}
