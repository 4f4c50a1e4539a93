import QuerentCore
import QuerentSQLite
import SampleDatabase

/// The bundled sample database on MySQL: the same tables, keys, indexes, view and rows as
/// ``SampleDatabase/SampleDatabase``, typed as a MySQL schema would be (VARCHAR, DECIMAL,
/// DATE, DATETIME, BOOLEAN; foreign keys as table constraints).
public enum MySQLSampleDatabase {
    /// The tables, in creation order, and the `order_totals` view.
    public static let schema = [
        """
        CREATE TABLE categories (
            id INT PRIMARY KEY,
            name VARCHAR(100) NOT NULL UNIQUE,
            description TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE suppliers (
            id INT PRIMARY KEY,
            company_name VARCHAR(150) NOT NULL UNIQUE,
            contact_name VARCHAR(150) NOT NULL,
            email VARCHAR(255) NOT NULL UNIQUE,
            city VARCHAR(100) NOT NULL,
            country VARCHAR(100) NOT NULL
        )
        """,
        """
        CREATE TABLE employees (
            id INT PRIMARY KEY,
            first_name VARCHAR(100) NOT NULL,
            last_name VARCHAR(100) NOT NULL,
            email VARCHAR(255) NOT NULL UNIQUE,
            title VARCHAR(100) NOT NULL,
            manager_id INT NULL,
            hire_date DATE NOT NULL,
            region VARCHAR(20) NOT NULL CHECK (region IN ('Global', 'Americas', 'Europe', 'Asia-Pacific')),
            FOREIGN KEY (manager_id) REFERENCES employees (id)
        )
        """,
        """
        CREATE TABLE customers (
            id INT PRIMARY KEY,
            first_name VARCHAR(100) NOT NULL,
            last_name VARCHAR(100) NOT NULL,
            email VARCHAR(255) NOT NULL UNIQUE,
            city VARCHAR(100) NOT NULL,
            country VARCHAR(100) NOT NULL,
            segment VARCHAR(20) NOT NULL CHECK (segment IN ('Consumer', 'Corporate', 'Small Business')),
            created_at DATE NOT NULL
        )
        """,
        """
        CREATE TABLE products (
            id INT PRIMARY KEY,
            sku VARCHAR(50) NOT NULL UNIQUE,
            name VARCHAR(200) NOT NULL,
            category_id INT NOT NULL,
            supplier_id INT NOT NULL,
            unit_price DECIMAL(10,2) NOT NULL CHECK (unit_price > 0),
            units_in_stock INT NOT NULL CHECK (units_in_stock >= 0),
            reorder_level INT NOT NULL CHECK (reorder_level >= 0),
            discontinued BOOLEAN NOT NULL DEFAULT FALSE,
            FOREIGN KEY (category_id) REFERENCES categories (id),
            FOREIGN KEY (supplier_id) REFERENCES suppliers (id)
        )
        """,
        """
        CREATE TABLE orders (
            id INT PRIMARY KEY,
            customer_id INT NOT NULL,
            employee_id INT NOT NULL,
            order_date DATE NOT NULL,
            shipped_date DATE NULL,
            status VARCHAR(20) NOT NULL CHECK (status IN ('pending', 'shipped', 'delivered', 'cancelled', 'returned')),
            ship_city VARCHAR(100) NOT NULL,
            ship_country VARCHAR(100) NOT NULL,
            INDEX idx_orders_order_date (order_date),
            FOREIGN KEY (customer_id) REFERENCES customers (id),
            FOREIGN KEY (employee_id) REFERENCES employees (id)
        )
        """,
        """
        CREATE TABLE order_items (
            order_id INT NOT NULL,
            product_id INT NOT NULL,
            quantity INT NOT NULL CHECK (quantity > 0),
            unit_price DECIMAL(10,2) NOT NULL CHECK (unit_price > 0),
            discount DOUBLE NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < 1),
            PRIMARY KEY (order_id, product_id),
            FOREIGN KEY (order_id) REFERENCES orders (id),
            FOREIGN KEY (product_id) REFERENCES products (id)
        )
        """,
        """
        CREATE TABLE payments (
            id INT PRIMARY KEY,
            order_id INT NOT NULL,
            paid_at DATETIME NOT NULL,
            amount DECIMAL(10,2) NOT NULL CHECK (amount > 0),
            method VARCHAR(20) NOT NULL CHECK (method IN ('card', 'bank_transfer', 'paypal')),
            FOREIGN KEY (order_id) REFERENCES orders (id)
        )
        """,
        """
        CREATE VIEW order_totals AS
        SELECT o.id AS order_id, o.customer_id, o.order_date, o.status,
               ROUND(SUM(oi.quantity * oi.unit_price * (1 - oi.discount)), 2) AS total
        FROM orders o
        JOIN order_items oi ON oi.order_id = o.id
        GROUP BY o.id, o.customer_id, o.order_date, o.status
        """,
    ]

    /// ``schema`` and INSERTs of every row of the SQLite sample database at `path`, in
    /// batches of 500 rows.
    public static func statements(copyingRowsFrom path: String) async throws -> [String] {
        let driver = try await SQLiteDriver.open(path: path)
        var statements = schema
        do {
            for table in SampleDatabase.tableNames {
                let result = try await driver.execute("SELECT * FROM \(table) ORDER BY rowid", limits: QueryLimits(maxRows: 1_000_000))
                let columns = result.columns.joined(separator: ", ")
                for start in stride(from: 0, to: result.rows.count, by: 500) {
                    let values = result.rows[start..<min(result.rows.count, start + 500)].map { row in
                        "(" + row.map(literal).joined(separator: ", ") + ")"
                    }
                    statements.append("INSERT INTO \(table) (\(columns)) VALUES " + values.joined(separator: ", "))
                }
            }
        } catch {
            await driver.close()
            throw error
        }
        await driver.close()
        return statements
    }

    /// `value` as a MySQL literal (sessions without backslash escapes).
    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .array, .object: return "'" + value.text.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
