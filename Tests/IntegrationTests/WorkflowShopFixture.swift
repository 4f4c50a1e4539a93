import Foundation

/// The customer database of the workflow test: a small online shop with the shapes real
/// schemas have (serial and composite keys, foreign keys, a CHECK-constrained status, money
/// as numeric, timestamps, comments, indexes, a view) and deterministic rows.
enum WorkflowShopFixture {
    static let statements: [String] = [
        """
        CREATE TABLE customers (
            id serial PRIMARY KEY,
            name text NOT NULL,
            email text NOT NULL UNIQUE,
            city text NOT NULL,
            country text NOT NULL,
            signed_up_at timestamptz NOT NULL
        )
        """,
        "COMMENT ON TABLE customers IS 'People who registered an account in the shop'",
        "COMMENT ON COLUMN customers.city IS 'City of the billing address'",
        "CREATE INDEX customers_city_idx ON customers (city)",
        "CREATE TABLE categories (id serial PRIMARY KEY, name text NOT NULL UNIQUE)",
        """
        CREATE TABLE products (
            id serial PRIMARY KEY,
            name text NOT NULL,
            category_id integer NOT NULL REFERENCES categories (id),
            price numeric(10,2) NOT NULL CHECK (price >= 0),
            in_stock boolean NOT NULL DEFAULT true
        )
        """,
        "COMMENT ON TABLE products IS 'Articles for sale, one row per article'",
        """
        CREATE TABLE orders (
            id serial PRIMARY KEY,
            customer_id integer NOT NULL REFERENCES customers (id),
            status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
            total_amount numeric(10,2) NOT NULL,
            ordered_at timestamptz NOT NULL
        )
        """,
        "COMMENT ON TABLE orders IS 'One row per checkout; cancelled orders keep status cancelled'",
        "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",
        "CREATE INDEX orders_status_idx ON orders (status)",
        """
        CREATE TABLE order_items (
            order_id integer NOT NULL REFERENCES orders (id),
            product_id integer NOT NULL REFERENCES products (id),
            quantity integer NOT NULL CHECK (quantity > 0),
            unit_price numeric(10,2) NOT NULL,
            PRIMARY KEY (order_id, product_id)
        )
        """,
        """
        CREATE TABLE payments (
            id serial PRIMARY KEY,
            order_id integer NOT NULL REFERENCES orders (id),
            method text NOT NULL,
            amount numeric(10,2) NOT NULL,
            paid_at timestamptz NOT NULL
        )
        """,
        """
        CREATE VIEW customer_order_totals AS
            SELECT c.id AS customer_id, c.name, count(o.id) AS orders, coalesce(sum(o.total_amount), 0) AS spent
            FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
            GROUP BY c.id, c.name
        """,
        // Rows: 40 customers in 5 cities, 6 categories, 30 products, 120 orders, their items and payments.
        """
        INSERT INTO customers (name, email, city, country, signed_up_at)
        SELECT 'Customer ' || i, 'customer' || i || '@example.com',
               (ARRAY['Paris', 'Berlin', 'Madrid', 'Lisbon', 'Rome'])[1 + i % 5],
               (ARRAY['France', 'Germany', 'Spain', 'Portugal', 'Italy'])[1 + i % 5],
               timestamptz '2024-01-01 00:00:00+00' + (i || ' days')::interval
        FROM generate_series(1, 40) AS i
        """,
        "INSERT INTO categories (name) VALUES ('Books'), ('Games'), ('Garden'), ('Kitchen'), ('Music'), ('Toys')",
        """
        INSERT INTO products (name, category_id, price, in_stock)
        SELECT 'Product ' || i, 1 + i % 6, round((5 + (i * 37) % 200)::numeric + 0.99, 2), i % 7 <> 0
        FROM generate_series(1, 30) AS i
        """,
        """
        INSERT INTO orders (customer_id, status, total_amount, ordered_at)
        SELECT 1 + (i * 7) % 40, (ARRAY['pending', 'paid', 'shipped', 'cancelled'])[1 + i % 4],
               round((10 + (i * 53) % 490)::numeric + 0.5, 2),
               timestamptz '2024-03-01 00:00:00+00' + (i * 9 || ' hours')::interval
        FROM generate_series(1, 120) AS i
        """,
        """
        INSERT INTO order_items (order_id, product_id, quantity, unit_price)
        SELECT o.id, 1 + (o.id * k) % 30, 1 + (o.id + k) % 3, p.price
        FROM orders o CROSS JOIN generate_series(1, 2) AS k
        JOIN products p ON p.id = 1 + (o.id * k) % 30
        ON CONFLICT DO NOTHING
        """,
        """
        INSERT INTO payments (order_id, method, amount, paid_at)
        SELECT id, (ARRAY['card', 'paypal', 'transfer'])[1 + id % 3], total_amount, ordered_at + interval '1 hour'
        FROM orders WHERE status IN ('paid', 'shipped')
        """,
        "ANALYZE",
    ]
}
