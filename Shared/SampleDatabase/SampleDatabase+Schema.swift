extension SampleDatabase {
    /// The tables, indexes and view of the sample database, in dependency order.
    ///
    /// Money is `NUMERIC(10,2)`: SQLite stores the bound decimal text (`"24.99"`) as a REAL.
    /// Dates are ISO-8601 text (`YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS`) so SQLite's
    /// `date()`/`strftime()` work on them.
    static let schema = """
        CREATE TABLE categories (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL
        );

        CREATE TABLE suppliers (
            id           INTEGER PRIMARY KEY,
            company_name TEXT NOT NULL UNIQUE,
            contact_name TEXT NOT NULL,
            email        TEXT NOT NULL UNIQUE,
            city         TEXT NOT NULL,
            country      TEXT NOT NULL
        );

        CREATE TABLE employees (
            id         INTEGER PRIMARY KEY,
            first_name TEXT NOT NULL,
            last_name  TEXT NOT NULL,
            email      TEXT NOT NULL UNIQUE,
            title      TEXT NOT NULL,
            manager_id INTEGER REFERENCES employees(id),
            hire_date  DATE NOT NULL,
            region     TEXT NOT NULL CHECK (region IN ('Global', 'Americas', 'Europe', 'Asia-Pacific'))
        );

        CREATE TABLE customers (
            id         INTEGER PRIMARY KEY,
            first_name TEXT NOT NULL,
            last_name  TEXT NOT NULL,
            email      TEXT NOT NULL UNIQUE,
            city       TEXT NOT NULL,
            country    TEXT NOT NULL,
            segment    TEXT NOT NULL CHECK (segment IN ('Consumer', 'Corporate', 'Small Business')),
            created_at DATE NOT NULL
        );

        CREATE TABLE products (
            id             INTEGER PRIMARY KEY,
            sku            TEXT NOT NULL UNIQUE,
            name           TEXT NOT NULL,
            category_id    INTEGER NOT NULL REFERENCES categories(id),
            supplier_id    INTEGER NOT NULL REFERENCES suppliers(id),
            unit_price     NUMERIC(10,2) NOT NULL CHECK (unit_price > 0),
            units_in_stock INTEGER NOT NULL CHECK (units_in_stock >= 0),
            reorder_level  INTEGER NOT NULL CHECK (reorder_level >= 0),
            discontinued   INTEGER NOT NULL DEFAULT 0 CHECK (discontinued IN (0, 1))
        );

        CREATE TABLE orders (
            id           INTEGER PRIMARY KEY,
            customer_id  INTEGER NOT NULL REFERENCES customers(id),
            employee_id  INTEGER NOT NULL REFERENCES employees(id),
            order_date   DATE NOT NULL,
            shipped_date DATE,
            status       TEXT NOT NULL CHECK (status IN ('pending', 'shipped', 'delivered', 'cancelled', 'returned')),
            ship_city    TEXT NOT NULL,
            ship_country TEXT NOT NULL
        );

        CREATE TABLE order_items (
            order_id   INTEGER NOT NULL REFERENCES orders(id),
            product_id INTEGER NOT NULL REFERENCES products(id),
            quantity   INTEGER NOT NULL CHECK (quantity > 0),
            unit_price NUMERIC(10,2) NOT NULL CHECK (unit_price > 0),
            discount   REAL NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < 1),
            PRIMARY KEY (order_id, product_id)
        );

        CREATE TABLE payments (
            id       INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            paid_at  DATETIME NOT NULL,
            amount   NUMERIC(10,2) NOT NULL CHECK (amount > 0),
            method   TEXT NOT NULL CHECK (method IN ('card', 'bank_transfer', 'paypal'))
        );

        CREATE INDEX idx_employees_manager_id ON employees(manager_id);
        CREATE INDEX idx_products_category_id ON products(category_id);
        CREATE INDEX idx_products_supplier_id ON products(supplier_id);
        CREATE INDEX idx_orders_customer_id ON orders(customer_id);
        CREATE INDEX idx_orders_employee_id ON orders(employee_id);
        CREATE INDEX idx_orders_order_date ON orders(order_date);
        CREATE INDEX idx_order_items_product_id ON order_items(product_id);
        CREATE INDEX idx_payments_order_id ON payments(order_id);

        CREATE VIEW order_totals AS
        SELECT o.id AS order_id,
               o.customer_id,
               o.order_date,
               o.status,
               ROUND(SUM(oi.quantity * oi.unit_price * (1 - oi.discount)), 2) AS total
        FROM orders o
        JOIN order_items oi ON oi.order_id = o.id
        GROUP BY o.id, o.customer_id, o.order_date, o.status;
        """
}
