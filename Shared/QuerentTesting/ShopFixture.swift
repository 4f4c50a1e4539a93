import Foundation

/// A customer database for training tests: customers in a few cities, orders with a
/// low-cardinality status, products, employees.
public enum ShopFixture {
    public static let cities = ["Paris", "London", "Berlin", "Madrid"]
    public static let statuses = ["paid", "cancelled", "shipped", "new"]

    /// The SQLite script that creates and fills the four tables.
    public static var script: String {
        var sql = """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, city TEXT NOT NULL, country TEXT);
            CREATE TABLE orders (
                id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id),
                total NUMERIC NOT NULL, status TEXT NOT NULL, ordered_at TEXT
            );
            CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price NUMERIC NOT NULL, category TEXT);
            CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary NUMERIC, manager_id INTEGER REFERENCES employees (id));

            """
        let countries = ["Paris": "France", "London": "UK", "Berlin": "Germany", "Madrid": "Spain"]
        for id in 1...40 {
            let city = cities[id % cities.count]
            sql += "INSERT INTO customers VALUES (\(id), 'Customer \(id)', 'customer\(id)@example.com', '\(city)', '\(countries[city]!)');\n"
        }
        for id in 1...60 {
            sql +=
                "INSERT INTO orders VALUES (\(id), \(id % 40 + 1), \(id * 3).5, '\(statuses[id % statuses.count])', '2024-01-\(String(format: "%02d", id % 28 + 1))');\n"
        }
        for id in 1...10 {
            sql += "INSERT INTO products VALUES (\(id), 'Product \(id)', \(id * 2), '\(["tools", "toys"][id % 2])');\n"
        }
        sql += "INSERT INTO employees VALUES (1, 'Boss', 100, NULL), (2, 'Worker', 50, 1);\n"
        return sql
    }

    /// The four tables, in creation order.
    public static let tables = ["customers", "orders", "products", "employees"]
}
