import Foundation
import QuerentCore
import Testing

/// A statement the safety gate must let through, with the tables it must report.
struct LegitimateStatement: Sendable, CustomTestStringConvertible {
    var sql: String
    var dialects: Set<Dialect>
    /// Canonical names of the tables read, in order of first appearance.
    var tables: [String]

    init(_ sql: String, _ dialects: Set<Dialect> = [.postgres, .sqlite], tables: [String]) {
        self.sql = sql
        self.dialects = dialects
        self.tables = tables
    }

    var testDescription: String {
        "\(sql.debugDescription) [\(dialects.map(\.rawValue).sorted().joined(separator: ","))]"
    }
}

extension LegitimateStatement {
    private static let pg: Set<Dialect> = [.postgres]
    private static let lite: Set<Dialect> = [.sqlite]

    static func corpus(for dialect: Dialect) -> [LegitimateStatement] { corpus.filter { $0.dialects.contains(dialect) } }

    /// Queries over the trained tables of ``SafetyFixture`` that must pass and run.
    static let corpus: [LegitimateStatement] = [
        LegitimateStatement("SELECT * FROM customers", tables: ["customers"]),
        LegitimateStatement("SELECT id, email FROM customers WHERE name = 'Ada';", tables: ["customers"]),
        LegitimateStatement("SELECT 1 AS one;;", tables: []),
        LegitimateStatement("SELECT c.name, o.total FROM customers c JOIN orders o ON o.customer_id = c.id", tables: ["customers", "orders"]),
        LegitimateStatement(
            "SELECT c.name, count(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name HAVING count(o.id) > 0 ORDER BY n DESC",
            tables: ["customers", "orders"]
        ),
        LegitimateStatement("SELECT * FROM customers, orders WHERE orders.customer_id = customers.id", tables: ["customers", "orders"]),
        LegitimateStatement("SELECT * FROM customers NATURAL JOIN customer_totals", tables: ["customers", "customer_totals"]),
        LegitimateStatement("SELECT * FROM customer_totals JOIN customers USING (name)", tables: ["customer_totals", "customers"]),
        LegitimateStatement(
            "SELECT o.id, l.product FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN customers c ON c.id = o.customer_id",
            tables: ["orders", "order_lines", "customers"]
        ),
        LegitimateStatement("SELECT order_id, sum(quantity) AS items FROM order_lines GROUP BY order_id", tables: ["order_lines"]),
        LegitimateStatement("WITH big AS (SELECT * FROM orders WHERE total > 10) SELECT count(*) FROM big", tables: ["orders"]),
        LegitimateStatement("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT x FROM n", tables: []),
        LegitimateStatement("WITH a AS (SELECT id FROM customers), b AS (SELECT * FROM a) SELECT * FROM b", tables: ["customers"]),
        LegitimateStatement("SELECT name, row_number() OVER (ORDER BY created_at) AS rn FROM customers", tables: ["customers"]),
        LegitimateStatement(
            "SELECT customer_id, total, sum(total) OVER (PARTITION BY customer_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM orders",
            tables: ["orders"]
        ),
        LegitimateStatement("SELECT name, rank() OVER w AS r FROM customers WINDOW w AS (ORDER BY id)", tables: ["customers"]),
        LegitimateStatement("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders)", tables: ["customers", "orders"]),
        LegitimateStatement(
            "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)",
            tables: ["customers", "orders"]
        ),
        LegitimateStatement("SELECT (SELECT max(total) FROM orders) AS top", tables: ["orders"]),
        LegitimateStatement(
            "SELECT * FROM (SELECT customer_id, sum(total) AS s FROM orders GROUP BY customer_id) t WHERE s > 10",
            tables: ["orders"]
        ),
        LegitimateStatement(
            "SELECT CASE WHEN total > 50 THEN 'big' WHEN total > 10 THEN 'mid' ELSE 'small' END AS size FROM orders",
            tables: ["orders"]
        ),
        LegitimateStatement("SELECT 'a; DROP TABLE customers; --' AS text FROM customers", tables: ["customers"]),
        LegitimateStatement("SELECT name FROM customers WHERE name <> 'DELETE FROM orders /* x */'", tables: ["customers"]),
        LegitimateStatement("SELECT 'it''s' AS quoted, \"name\" FROM customers", tables: ["customers"]),
        LegitimateStatement("SELECT 'Ａ；Ｂ\u{200B}\u{00A0}' AS unicode_text, '；' AS semicolon, \"a；b\" FROM (SELECT 1 AS \"a；b\") x", tables: []),
        LegitimateStatement("SELECT \"Id\", \"DisplayName\" FROM \"MixedCase\"", tables: ["MixedCase"]),
        LegitimateStatement("SELECT \"prix€\", \"naïve\" FROM \"café_ñandú\"", tables: ["café_ñandú"]),
        LegitimateStatement("SELECT id FROM café_ñandú", tables: ["café_ñandú"]),
        LegitimateStatement("SELECT * FROM customers WHERE email LIKE '%@example.com' AND name NOT LIKE 'B_%'", tables: ["customers"]),
        LegitimateStatement("SELECT name || ' <' || email || '>' AS contact FROM customers", tables: ["customers"]),
        LegitimateStatement("SELECT * FROM customers WHERE name IS DISTINCT FROM 'Ada'", tables: ["customers"]),
        LegitimateStatement("SELECT * FROM customers ORDER BY created_at DESC LIMIT 3", tables: ["customers"]),
        LegitimateStatement("SELECT * FROM customers LIMIT 2 OFFSET 1", tables: ["customers"]),
        LegitimateStatement("SELECT DISTINCT status FROM orders", tables: ["orders"]),
        LegitimateStatement("SELECT status, count(*) AS n FROM orders GROUP BY status HAVING count(*) >= 1", tables: ["orders"]),
        LegitimateStatement("SELECT email AS \"from\", name AS \"select\" FROM customers", tables: ["customers"]),
        LegitimateStatement(
            "SELECT * FROM customers /* comment; DROP TABLE customers */ WHERE id = 1 -- trailing; comment",
            tables: ["customers"]
        ),
        LegitimateStatement("SELECT id FROM customers UNION SELECT customer_id FROM orders ORDER BY 1", tables: ["customers", "orders"]),
        LegitimateStatement("SELECT id FROM customers INTERSECT SELECT customer_id FROM orders", tables: ["customers", "orders"]),
        LegitimateStatement("SELECT id FROM customers EXCEPT SELECT customer_id FROM orders", tables: ["customers", "orders"]),
        LegitimateStatement("SELECT coalesce(name, 'unknown') AS name, length(email) AS n FROM customers", tables: ["customers"]),
        LegitimateStatement("SELECT * FROM customer_totals WHERE total > 10", tables: ["customer_totals"]),
        LegitimateStatement("SELECT * FROM public_secrets", tables: ["public_secrets"]),
        LegitimateStatement("SELECT count(*) AS n FROM public_secrets", tables: ["public_secrets"]),
        LegitimateStatement("SELECT p.name, c.email FROM public_secrets p JOIN customers c ON c.id = p.id", tables: ["public_secrets", "customers"]),
        LegitimateStatement("SELECT upper(name), lower(email), abs(-1), round(1.5) FROM customers", tables: ["customers"]),
        LegitimateStatement("SELECT max(total), min(total), avg(total), sum(total) FROM orders", tables: ["orders"]),
        LegitimateStatement("SELECT * FROM orders WHERE total BETWEEN 5 AND 50 AND status IN ('paid', 'new')", tables: ["orders"]),
        LegitimateStatement("SELECT * FROM customers WHERE name IS NULL OR email IS NOT NULL", tables: ["customers"]),
        LegitimateStatement("SELECT count(*) FROM customers", tables: ["customers"]),
        LegitimateStatement("SELECT c.id FROM customers AS c WHERE c.id = 1 AND c.name = 'Ada'", tables: ["customers"]),
        LegitimateStatement("SELECT replace(name, 'A', 'a') AS name FROM customers", tables: ["customers"]),
        // Postgres
        LegitimateStatement("SELECT $$it's; a $$ || $tag$ DROP TABLE x; $tag$ AS text FROM customers", pg, tables: ["customers"]),
        LegitimateStatement("SELECT E'tab\\there\\'s; --' AS text", pg, tables: []),
        LegitimateStatement("SELECT 1 AS a$$, 2 AS b$c FROM customers", pg, tables: ["customers"]),
        LegitimateStatement("SELECT U&'\\0041' AS a", pg, tables: []),
        LegitimateStatement("SELECT * FROM sales.orders", pg, tables: ["sales.orders"]),
        LegitimateStatement(
            "SELECT * FROM \"sales\".\"orders\" o JOIN customers c ON c.id = o.customer_id",
            pg,
            tables: ["sales.orders", "customers"]
        ),
        LegitimateStatement("SELECT * FROM CUSTOMERS", pg, tables: ["customers"]),
        LegitimateStatement("SELECT g.n FROM generate_series(1, 3) AS g(n)", pg, tables: []),
        LegitimateStatement("SELECT unnest(ARRAY[1, 2, 3]) AS n", pg, tables: []),
        LegitimateStatement("SELECT * FROM unnest(ARRAY['a', 'b']) WITH ORDINALITY AS u(v, i)", pg, tables: []),
        LegitimateStatement("SELECT created_at::date AS day, extract(year FROM created_at) AS y FROM customers", pg, tables: ["customers"]),
        LegitimateStatement(
            "SELECT substring(email FROM 1 FOR 3), trim(BOTH ' ' FROM name), position('@' IN email) FROM customers",
            pg,
            tables: ["customers"]
        ),
        LegitimateStatement("SELECT string_agg(name, ', ' ORDER BY name) FROM customers", pg, tables: ["customers"]),
        LegitimateStatement("SELECT count(*) FILTER (WHERE total > 10) AS big FROM orders", pg, tables: ["orders"]),
        LegitimateStatement(
            "SELECT * FROM customers c, LATERAL (SELECT * FROM orders o WHERE o.customer_id = c.id LIMIT 1) o",
            pg,
            tables: ["customers", "orders"]
        ),
        LegitimateStatement("SELECT * FROM customers FETCH FIRST 2 ROWS ONLY", pg, tables: ["customers"]),
        LegitimateStatement("SELECT * FROM orders WHERE total > 10 /* nested /* comment; */ still */ ORDER BY id", pg, tables: ["orders"]),
        LegitimateStatement("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total) FROM orders", pg, tables: ["orders"]),
        LegitimateStatement(
            "SELECT DISTINCT ON (customer_id) customer_id, total FROM orders ORDER BY customer_id, total DESC",
            pg,
            tables: ["orders"]
        ),
        LegitimateStatement("SELECT pg_typeof(total) FROM orders", pg, tables: ["orders"]),
        LegitimateStatement("SELECT 'DELETE'::text AS word, 'x' ~ 'y' AS matches, 1::numeric(10, 2) AS n", pg, tables: []),
        LegitimateStatement("SELECT now() - interval '1 day' AS yesterday", pg, tables: []),
        LegitimateStatement("SELECT * FROM customers WHERE id = ANY(ARRAY(SELECT customer_id FROM orders))", pg, tables: ["customers", "orders"]),
        LegitimateStatement("SELECT jsonb_build_object('name', name) ->> 'name' AS n FROM customers", pg, tables: ["customers"]),
        // SQLite
        LegitimateStatement("SELECT * FROM [MixedCase]", lite, tables: ["MixedCase"]),
        LegitimateStatement("SELECT `DisplayName` FROM mixedcase", lite, tables: ["MixedCase"]),
        LegitimateStatement("SELECT * FROM main.customers", lite, tables: ["customers"]),
        LegitimateStatement("SELECT group_concat(name, ', ') FROM customers", lite, tables: ["customers"]),
        LegitimateStatement("SELECT strftime('%Y', created_at) AS y, substr(email, 1, 3) AS s FROM customers", lite, tables: ["customers"]),
        // SQLite ends a -- comment only at a newline: the comma join is commented out.
        LegitimateStatement("SELECT * FROM customers --\r, secrets\n WHERE id = 1", lite, tables: ["customers"]),
        LegitimateStatement("SELECT x'0102' AS blob, 0x1F AS hex FROM customers", lite, tables: ["customers"]),
        LegitimateStatement("SELECT iif(total > 10, 'big', 'small') AS size FROM orders", lite, tables: ["orders"]),
        LegitimateStatement("SELECT * FROM customers offset_alias", lite, tables: ["customers"]),
    ]
}
