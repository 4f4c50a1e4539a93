import Foundation

/// The MySQL/MariaDB statements of the safety gate's tests, as plain SQL: hostile statements the
/// gate must refuse (each with text its refusal must contain) and legitimate analytics queries it
/// must pass (each with the tables it reads).
///
/// The file needs nothing but Foundation, so the MySQL driver's tests can compile the same file
/// and run ``hostileSQL`` against a real server (fingerprinting the database before and after)
/// and ``legitimateSQL`` over ``fixture``. The statements name only the tables of ``fixture``
/// (``trainedTables``), the server's catalogs, other databases, and a table `secrets` that does
/// not exist (it stands for any untrained table).
enum MySQLCorpus {
    /// A statement the gate must refuse; its refusal message must contain `reason` (ignoring case).
    struct Hostile: Sendable, CustomStringConvertible {
        var sql: String
        var reason: String

        var description: String { sql.count > 80 ? String(sql.prefix(77)).debugDescription + "…" : sql.debugDescription }
    }

    /// A statement the gate must pass, reading `tables` (canonical names, in order of first appearance).
    struct Legitimate: Sendable, CustomStringConvertible {
        var sql: String
        var tables: [String]

        var description: String { sql.debugDescription }
    }

    /// The trained tables: the names the gate is given as allowed, exactly as the server spells them.
    static let trainedTables: Set<String> = ["customers", "orders", "order_items", "products", "SalesReps"]

    /// The tables the statements are written for, with a few rows (MySQL 8 and MariaDB 10.5+).
    static let fixture: [String] = [
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200), country CHAR(2), created_at DATETIME NOT NULL)",
        "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL, total DECIMAL(10,2) NOT NULL, ordered_at DATETIME NOT NULL)",
        "CREATE TABLE order_items (order_id INT NOT NULL, product_id INT NOT NULL, quantity INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL, PRIMARY KEY (order_id, product_id))",
        "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, category VARCHAR(50) NOT NULL, price DECIMAL(10,2) NOT NULL)",
        "CREATE TABLE `SalesReps` (`Id` INT PRIMARY KEY, `FullName` VARCHAR(100) NOT NULL, `Region` VARCHAR(20) NOT NULL)",
        """
        INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 'GB', '2024-01-05 10:00:00'), (2, 'Bob', 'bob@example.com', 'DE', '2024-02-11 09:30:00'), \
        (3, 'Chloé', NULL, 'FR', '2024-03-20 16:45:00'), (4, 'Dmitri', 'dmitri@example.org', 'DE', '2024-06-01 08:00:00')
        """,
        """
        INSERT INTO orders VALUES (1, 1, 'paid', 120.50, '2024-01-10 12:00:00'), (2, 1, 'shipped', 35.00, '2024-02-15 13:00:00'), \
        (3, 2, 'paid', 310.00, '2024-03-01 09:00:00'), (4, 3, 'cancelled', 15.99, '2024-03-22 18:30:00'), (5, 2, 'paid', 64.10, '2024-07-04 11:11:00')
        """,
        "INSERT INTO products VALUES (1, 'Anvil', 'tools', 99.00), (2, 'Rope', 'outdoor', 12.50), (3, 'Lamp', 'home', 35.00), (4, 'Lantern', 'home', 3.99)",
        """
        INSERT INTO order_items VALUES (1, 1, 1, 99.00), (1, 2, 1, 12.50), (2, 3, 1, 35.00), (3, 1, 3, 99.00), (3, 2, 1, 13.00), \
        (4, 4, 4, 3.99), (5, 2, 5, 12.82)
        """,
        "INSERT INTO `SalesReps` VALUES (1, 'Grace Hopper', 'DE'), (2, 'Alan Turing', 'GB'), (3, 'Marie Curie', 'FR')",
    ]

    /// The hostile statements as plain SQL.
    static let hostileSQL: [String] = hostile.map(\.sql)

    /// The legitimate statements as plain SQL.
    static let legitimateSQL: [String] = legitimate.map(\.sql)

    private static func refused(_ sql: String, _ reason: String) -> Hostile { Hostile(sql: sql, reason: reason) }

    /// Every hostile statement.
    static let hostile: [Hostile] = stacked + comments + lexical + writes + locksAndInto + commands + functions + catalog + otherTables + limits

    /// More than one statement, however the statements are disguised.
    static let stacked: [Hostile] = [
        refused("SELECT 1; DROP TABLE orders", "one statement"),
        refused("SELECT * FROM customers; DELETE FROM orders", "one statement"),
        refused("SELECT 1;;; SELECT 2", "one statement"),
        refused("SELECT 1 -- note\n; DROP TABLE orders", "one statement"),
        refused("SELECT 1 --\t\n; DROP TABLE orders", "one statement"),
        refused("SELECT 1 -- \r\n; DROP TABLE orders", "one statement"),
        refused("SELECT 1 /* c */; UPDATE orders SET total = 0", "one statement"),
        // Block comments do not nest: the first */ ends the comment.
        refused("SELECT 1 /* /* */ ; DROP TABLE orders */", "one statement"),
        // Backslash is an ordinary character in strings (NO_BACKSLASH_ESCAPES): 'a\' ends at the second quote.
        refused("SELECT 'a\\'; DROP TABLE orders; -- '", "one statement"),
        refused("SELECT N'a\\'; DROP TABLE orders; -- '", "one statement"),
        refused("SELECT `a``b` FROM orders; DROP TABLE orders", "one statement"),
        refused("SELECT \"x\"\"\"; DROP TABLE orders", "one statement"),
        refused("SELECT X'41'; DELETE FROM orders", "one statement"),
        refused("SELECT 1 FROM orders;\nSHOW TABLES", "one statement"),
        refused(";DROP TABLE orders", "one statement"),
    ]

    /// Comments the server reads differently from plain SQL comments.
    static let comments: [Hostile] = [
        // `--` is a comment only before a space or control character: `--1` is two minus signs.
        refused("SELECT 1 --1 UNION SELECT user FROM mysql.user", "two minus signs"),
        refused("SELECT 1 --x\n", "two minus signs"),
        refused("SELECT id FROM orders WHERE total > 0 ---1", "two minus signs"),
        refused("SELECT 1 --'\n; DROP TABLE orders; -- '", "two minus signs"),
        refused("SELECT 1 # comment", "# comments"),
        refused("SELECT 1 #\n, password FROM mysql.user", "# comments"),
        refused("SELECT * FROM customers WHERE name = '' OR 1 = 1 #'", "# comments"),
        refused("SELECT 1 /*! UNION SELECT user FROM mysql.user */", "executable comments"),
        refused("SELECT 1 /*!50000 UNION SELECT user FROM mysql.user */", "executable comments"),
        refused("SELECT 1 /*!99999 , SLEEP(10) */", "executable comments"),
        refused("SELECT 1 /*M! , SLEEP(10) */", "executable comments"),
        refused("SELECT 1 /*M!100000 , SLEEP(10) */", "executable comments"),
        refused("SELECT 1 /*m! , SLEEP(10) */", "executable comments"),
        refused("SELECT/*!*/1", "executable comments"),
        refused("SELECT 1 /* plain */ /*!; DROP TABLE orders */", "executable comments"),
        refused("SELECT /*+ MAX_EXECUTION_TIME(100000000) */ * FROM orders", "optimizer hints"),
        refused("SELECT /*+ SET_VAR(max_statement_time = 0) */ * FROM orders", "optimizer hints"),
        refused("SELECT 1 /* unterminated", "unterminated /* comment"),
    ]

    /// Variables, parameters and characters the server reads differently or not at all.
    static let lexical: [Hostile] = [
        refused("SELECT @@version", "variables"),
        refused("SELECT @@global.secure_file_priv", "variables"),
        refused("SELECT @x := 1", "variables"),
        refused("SELECT @a", "variables"),
        refused("SELECT * FROM orders WHERE id = @id", "variables"),
        refused("SELECT 1 UNION SELECT @@hostname", "variables"),
        refused("SELECT id := 1 FROM orders", "assignments (:=)"),
        refused("SELECT * FROM orders WHERE id = ?", "query parameters"),
        // `0X41` is a name to MySQL, not a number.
        refused("SELECT 0X41", "malformed number"),
        refused("SELECT 0x", "malformed number"),
        refused("SELECT * FROM orders WHERE total > 1abc", "malformed number"),
        refused("SELECT 'unterminated", "unterminated string"),
        refused("SELECT `unterminated FROM orders", "unterminated quoted identifier"),
        refused("SELECT \"unterminated FROM orders", "unterminated quoted identifier"),
        refused("SELECT `` FROM orders", "empty quoted identifier"),
        refused("SELECT \\N", "unexpected character"),
        refused("SELECT { fn NOW() }", "unexpected character"),
        refused("SELECT $a FROM orders", "unexpected character"),
        refused("SELECT [id] FROM orders", "unexpected character"),
        refused("SELECT 1\u{FF1B} DROP TABLE orders", "unexpected character"),
        refused("SELECT 1\u{00A0}FROM orders", "unexpected character"),
        refused("SELECT 1 FROM orders\u{2028}; DROP TABLE orders", "unexpected character"),
        refused("SELECT 1 FROM orders\u{0}; DROP TABLE orders", "NUL"),
    ]

    /// Statements that write, and writes disguised as queries.
    static let writes: [Hostile] = [
        refused("DROP TABLE orders", "not DROP"),
        refused("DROP DATABASE shop", "not DROP"),
        refused("DELETE FROM orders", "not DELETE"),
        refused("DELETE o FROM orders o JOIN customers c ON c.id = o.customer_id", "not DELETE"),
        refused("UPDATE customers SET email = 'x@example.com'", "not UPDATE"),
        refused("UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.total = 0", "not UPDATE"),
        refused("INSERT INTO orders (id, customer_id, status, total, ordered_at) VALUES (99, 1, 'x', 1, NOW())", "not INSERT"),
        refused("INSERT INTO orders SELECT * FROM orders", "not INSERT"),
        refused("REPLACE INTO products (id, name, category, price) VALUES (1, 'x', 'y', 0)", "not REPLACE"),
        refused("TRUNCATE TABLE order_items", "not TRUNCATE"),
        refused("ALTER TABLE customers ADD COLUMN intruder INT", "not ALTER"),
        refused("CREATE TABLE intruder (id INT)", "not CREATE"),
        refused("CREATE TABLE intruder AS SELECT * FROM customers", "not CREATE"),
        refused("CREATE TEMPORARY TABLE t AS SELECT * FROM customers", "not CREATE"),
        refused("CREATE VIEW v AS SELECT * FROM customers", "not CREATE"),
        refused("RENAME TABLE orders TO orders_old", "not RENAME"),
        refused("GRANT SELECT ON shop.orders TO PUBLIC", "not GRANT"),
        refused("(DELETE FROM orders)", "not DELETE"),
        refused("WITH x AS (SELECT 1) UPDATE orders SET total = 0", "UPDATE is not allowed"),
        refused("WITH x AS (SELECT id FROM orders) DELETE FROM orders WHERE id IN (SELECT id FROM x)", "DELETE is not allowed"),
        refused("SELECT * FROM (DELETE FROM orders) x", "DELETE is not allowed"),
    ]

    /// Row locks, SELECT … INTO, sequences and procedures inside a SELECT.
    static let locksAndInto: [Hostile] = [
        refused("SELECT * FROM orders FOR UPDATE", "FOR UPDATE"),
        refused("SELECT * FROM orders FOR UPDATE NOWAIT", "FOR UPDATE"),
        refused("SELECT * FROM orders FOR UPDATE SKIP LOCKED", "FOR UPDATE"),
        refused("SELECT * FROM orders WHERE id = 1 FOR UPDATE WAIT 10", "FOR UPDATE"),
        refused("SELECT * FROM orders FOR SHARE", "FOR SHARE"),
        refused("SELECT * FROM orders LOCK IN SHARE MODE", "LOCK IN SHARE MODE"),
        refused("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders FOR UPDATE)", "FOR UPDATE"),
        refused("SELECT * FROM orders INTO OUTFILE '/tmp/orders.csv'", "INTO"),
        refused("SELECT * FROM orders INTO OUTFILE '/tmp/orders.csv' FIELDS TERMINATED BY ','", "INTO"),
        refused("SELECT * FROM customers INTO DUMPFILE '/tmp/customers.bin'", "INTO"),
        refused("SELECT id INTO OUTFILE '/tmp/ids' FROM orders", "INTO"),
        refused("SELECT '<?php system($_GET[\"c\"]); ?>' INTO OUTFILE '/var/www/html/x.php'", "INTO"),
        refused("SELECT id FROM orders LIMIT 1 INTO x", "INTO"),
        refused("SELECT * FROM customers WHERE id = 1 UNION ALL SELECT 1, 2, 3, 4, 5 INTO OUTFILE '/tmp/u'", "INTO"),
        refused("SELECT * FROM orders PROCEDURE ANALYSE()", "PROCEDURE"),
        refused("SELECT NEXT VALUE FOR order_seq", "NEXT VALUE FOR"),
        refused("SELECT PREVIOUS VALUE FOR order_seq", "PREVIOUS VALUE FOR"),
    ]

    /// Everything but one SELECT (or WITH … SELECT).
    static let commands: [Hostile] = [
        refused("SET sql_mode = ''", "not SET"),
        refused("SET SESSION TRANSACTION READ WRITE", "not SET"),
        refused("SET autocommit = 1", "not SET"),
        refused("SET NAMES latin1", "not SET"),
        refused("SET STATEMENT max_statement_time = 0 FOR SELECT SLEEP(100)", "not SET"),
        refused("CALL refresh_totals()", "not CALL"),
        refused("CALL mysql.rds_kill(1)", "not CALL"),
        refused("DO SLEEP(10)", "not DO"),
        refused("DO GET_LOCK('querent', 10)", "not DO"),
        refused("SHOW TABLES", "not SHOW"),
        refused("SHOW DATABASES", "not SHOW"),
        refused("SHOW GRANTS", "not SHOW"),
        refused("SHOW CREATE TABLE orders", "not SHOW"),
        refused("SHOW VARIABLES LIKE 'secure%'", "not SHOW"),
        refused("SHOW PROCESSLIST", "not SHOW"),
        refused("DESCRIBE customers", "not DESCRIBE"),
        refused("DESC customers", "not DESC"),
        refused("EXPLAIN SELECT * FROM orders", "not EXPLAIN"),
        refused("EXPLAIN FORMAT=JSON SELECT * FROM orders", "not EXPLAIN"),
        refused("ANALYZE TABLE orders", "not ANALYZE"),
        refused("ANALYZE SELECT * FROM orders", "not ANALYZE"),
        refused("HANDLER orders OPEN", "not HANDLER"),
        refused("HANDLER orders READ FIRST", "not HANDLER"),
        refused("LOAD DATA INFILE '/etc/passwd' INTO TABLE customers", "not LOAD"),
        refused("LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE customers", "not LOAD"),
        refused("LOAD XML INFILE '/tmp/x.xml' INTO TABLE customers", "not LOAD"),
        refused("LOCK TABLES orders WRITE", "not LOCK"),
        refused("UNLOCK TABLES", "not UNLOCK"),
        refused("FLUSH TABLES WITH READ LOCK", "not FLUSH"),
        refused("FLUSH PRIVILEGES", "not FLUSH"),
        refused("KILL QUERY 999999", "not KILL"),
        refused("USE mysql", "not USE"),
        refused("PREPARE s FROM 'SELECT 1'", "not PREPARE"),
        refused("EXECUTE s", "not EXECUTE"),
        refused("EXECUTE IMMEDIATE 'DROP TABLE orders'", "not EXECUTE"),
        refused("DEALLOCATE PREPARE s", "not DEALLOCATE"),
        refused("BEGIN", "not BEGIN"),
        refused("START TRANSACTION", "not START"),
        refused("COMMIT", "not COMMIT"),
        refused("ROLLBACK", "not ROLLBACK"),
        refused("SAVEPOINT a", "not SAVEPOINT"),
        refused("XA START 'x'", "not XA"),
        refused("CHECKSUM TABLE orders", "not CHECKSUM"),
        refused("OPTIMIZE TABLE orders", "not OPTIMIZE"),
        refused("REPAIR TABLE orders", "not REPAIR"),
        refused("CHECK TABLE orders", "not CHECK"),
        refused("INSTALL SONAME 'ha_connect'", "not INSTALL"),
        refused("CREATE FUNCTION sys_exec RETURNS INT SONAME 'lib_mysqludf_sys.so'", "not CREATE"),
        refused("BINLOG 'AAAA'", "not BINLOG"),
        refused("PURGE BINARY LOGS BEFORE NOW()", "not PURGE"),
        refused("RESET QUERY CACHE", "not RESET"),
        refused("CACHE INDEX orders IN hot_cache", "not CACHE"),
        refused("HELP 'contents'", "not HELP"),
        refused("SIGNAL SQLSTATE '45000'", "not SIGNAL"),
        refused("GET DIAGNOSTICS CONDITION 1 x = MESSAGE_TEXT", "not GET"),
        refused("TABLE orders", "not TABLE"),
        refused("VALUES ROW(1, 2)", "not VALUES"),
        refused("SELECT * FROM orders UNION TABLE customers", "TABLE (shorthand"),
        refused("SELECT * FROM (TABLE customers) t", "TABLE (shorthand"),
    ]

    /// Functions that sleep, lock, read files, run commands or expose the server.
    static let functions: [Hostile] = [
        refused("SELECT SLEEP(5)", "function SLEEP"),
        refused("SELECT sLeEp(1)", "function sLeEp"),
        refused("SELECT `SLEEP`(1)", "function SLEEP"),
        refused("SELECT SLEEP (1)", "function SLEEP"),
        refused("SELECT SLEEP/**/(1)", "function SLEEP"),
        refused("SELECT * FROM orders WHERE SLEEP(1) = 0", "function SLEEP"),
        refused("SELECT * FROM orders WHERE id = (SELECT SLEEP(3))", "function SLEEP"),
        refused("SELECT BENCHMARK(100000000, MD5('x'))", "function BENCHMARK"),
        refused("SELECT LOAD_FILE('/etc/passwd')", "function LOAD_FILE"),
        refused("SELECT HEX(LOAD_FILE('/etc/shadow')) FROM orders", "function LOAD_FILE"),
        refused("SELECT GET_LOCK('querent', 10)", "function GET_LOCK"),
        refused("SELECT RELEASE_ALL_LOCKS()", "function RELEASE_ALL_LOCKS"),
        refused("SELECT IS_USED_LOCK('querent')", "function IS_USED_LOCK"),
        refused("SELECT MASTER_POS_WAIT('log', 4, 10)", "function MASTER_POS_WAIT"),
        refused("SELECT MASTER_GTID_WAIT('0-1-1', 10)", "function MASTER_GTID_WAIT"),
        refused("SELECT WAIT_FOR_EXECUTED_GTID_SET('x', 1)", "function WAIT_FOR_EXECUTED_GTID_SET"),
        refused("SELECT VERSION()", "function VERSION"),
        refused("SELECT DATABASE()", "function DATABASE"),
        refused("SELECT USER()", "function USER"),
        refused("SELECT CURRENT_USER()", "function CURRENT_USER"),
        refused("SELECT CONNECTION_ID()", "function CONNECTION_ID"),
        refused("SELECT LAST_INSERT_ID(42)", "function LAST_INSERT_ID"),
        refused("SELECT FOUND_ROWS()", "function FOUND_ROWS"),
        refused("SELECT NEXTVAL(order_seq)", "function NEXTVAL"),
        refused("SELECT SETVAL(order_seq, 1)", "function SETVAL"),
        refused("SELECT BINLOG_GTID_POS('log', 4)", "function BINLOG_GTID_POS"),
        refused("SELECT sys_exec('id')", "function sys_exec"),
        refused("SELECT sys_eval('cat /etc/passwd')", "function sys_eval"),
        refused("SELECT sys.ps_thread_id(NULL)", "schema-qualified function calls"),
        refused("SELECT shop.refresh_totals()", "schema-qualified function calls"),
        refused("SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (x INT PATH '$')) AS jt", "cannot be used as a table"),
    ]

    /// The server's catalogs.
    static let catalog: [Hostile] = [
        refused("SELECT * FROM information_schema.tables", "system catalog"),
        refused("SELECT table_name FROM INFORMATION_SCHEMA.TABLES", "system catalog"),
        refused("SELECT * FROM `information_schema`.`columns`", "system catalog"),
        refused("SELECT * FROM \"information_schema\".\"schemata\"", "system catalog"),
        refused("SELECT * FROM information_schema . tables", "system catalog"),
        refused("SELECT user, password FROM mysql.user", "system catalog"),
        refused("SELECT * FROM mysql.global_priv", "system catalog"),
        refused("SELECT * FROM performance_schema.threads", "system catalog"),
        refused("SELECT * FROM sys.processlist", "system catalog"),
        refused("SELECT * FROM customers WHERE id IN (SELECT 1 FROM information_schema.processlist)", "system catalog"),
        refused("SELECT * FROM customers c JOIN mysql.db d ON 1 = 1", "system catalog"),
        refused("SELECT * FROM customers, information_schema.user_privileges", "system catalog"),
        refused("WITH t AS (SELECT * FROM mysql.user) SELECT * FROM t", "system catalog"),
        refused("SELECT (SELECT COUNT(*) FROM performance_schema.accounts)", "system catalog"),
        refused("SELECT * FROM orders WHERE id = 1 UNION ALL SELECT table_name, 1, 1, 1, 1 FROM information_schema.tables", "system catalog"),
    ]

    /// Tables outside the trained set: other spellings, other databases, untrained tables.
    static let otherTables: [Hostile] = [
        // Table names are case-sensitive: only the trained spelling is the trained table.
        refused("SELECT * FROM ORDERS", "the trained table is 'orders'"),
        refused("SELECT * FROM Customers", "the trained table is 'customers'"),
        refused("SELECT * FROM `Orders`", "the trained table is 'orders'"),
        refused("SELECT * FROM salesreps", "the trained table is 'SalesReps'"),
        refused("SELECT * FROM SALESREPS", "the trained table is 'SalesReps'"),
        refused("SELECT * FROM \"salesReps\"", "the trained table is 'SalesReps'"),
        refused("SELECT * FROM `SalesReps` s JOIN salesreps r ON 1 = 1", "the trained table is 'SalesReps'"),
        refused("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM R", "table 'R'"),
        refused("SELECT * FROM shop.orders", "another database"),
        refused("SELECT * FROM other_db.customers", "another database"),
        refused("SELECT * FROM `other_db`.`orders`", "another database"),
        refused("SELECT * FROM a.b.c", "connection's database"),
        refused("SELECT * FROM secrets", "table 'secrets'"),
        refused("SELECT * FROM orders STRAIGHT_JOIN secrets", "table 'secrets'"),
        refused("SELECT * FROM orders o, secrets s", "table 'secrets'"),
        refused("SELECT * FROM orders AS offset, secrets", "table 'secrets'"),
        refused("SELECT * FROM orders offset, secrets", "table 'secrets'"),
        refused("SELECT * FROM orders except, secrets", "table 'secrets'"),
        refused("SELECT * FROM orders intersect, secrets", "table 'secrets'"),
        refused("SELECT * FROM orders NATURAL JOIN secrets", "table 'secrets'"),
        refused("SELECT * FROM orders LEFT JOIN secrets USING (id)", "table 'secrets'"),
        refused("SELECT * FROM orders WHERE EXISTS (SELECT 1 FROM secrets)", "table 'secrets'"),
        refused("SELECT (SELECT MAX(id) FROM secrets) FROM orders", "table 'secrets'"),
        refused("SELECT * FROM (SELECT * FROM secrets) t", "table 'secrets'"),
        refused("SELECT * FROM (orders, secrets)", "table 'secrets'"),
        refused("WITH x AS (SELECT 1) SELECT * FROM x, secrets", "table 'secrets'"),
        refused("WITH orders AS (SELECT * FROM secrets) SELECT * FROM orders", "table 'secrets'"),
        refused("SELECT * FROM orders USE INDEX (PRIMARY), secrets", "table 'secrets'"),
        refused("SELECT * FROM orders PARTITION (p0), secrets", "table 'secrets'"),
        refused("SELECT * FROM orders UNION SELECT * FROM secrets", "table 'secrets'"),
        refused("SELECT 1 -- \n UNION SELECT * FROM secrets", "table 'secrets'"),
        refused("SELECT 1 /* */ UNION SELECT * FROM secrets", "table 'secrets'"),
        refused("SELECT * FROM `dual`", "table 'dual'"),
        refused("SELECT * FROM seq_1_to_1000000", "table 'seq_1_to_1000000'"),
    ]

    /// Size and nesting limits.
    static let limits: [Hostile] = [
        refused("SELECT '" + String(repeating: "a", count: 100_001) + "'", "too long"),
        refused(String(repeating: "(", count: 70) + "SELECT 1" + String(repeating: ")", count: 70), "nested too deeply"),
    ]

    /// Every legitimate statement: analytics over ``trainedTables``.
    static let legitimate: [Legitimate] = [
        Legitimate(sql: "SELECT * FROM customers", tables: ["customers"]),
        Legitimate(sql: "SELECT id, name, email FROM customers WHERE country = 'DE' ORDER BY name LIMIT 10", tables: ["customers"]),
        Legitimate(
            sql:
                "SELECT c.name, COUNT(o.id) AS orders_count FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name ORDER BY orders_count DESC LIMIT 5",
            tables: ["customers", "orders"]
        ),
        Legitimate(
            sql:
                "SELECT p.category, SUM(oi.quantity * oi.unit_price) AS revenue FROM order_items oi JOIN products p ON p.id = oi.product_id GROUP BY p.category HAVING SUM(oi.quantity * oi.unit_price) > 100 ORDER BY revenue DESC",
            tables: ["order_items", "products"]
        ),
        Legitimate(
            sql:
                "SELECT DATE_FORMAT(ordered_at, '%Y-%m') AS month, SUM(total) AS revenue FROM orders GROUP BY DATE_FORMAT(ordered_at, '%Y-%m') ORDER BY month",
            tables: ["orders"]
        ),
        Legitimate(
            sql: "SELECT CONCAT(name, ' <', email, '>') AS contact, CONCAT_WS(' ', name, country) AS label FROM customers",
            tables: ["customers"]
        ),
        Legitimate(sql: "SELECT `Id`, `FullName`, `Region` FROM `SalesReps` ORDER BY `FullName`", tables: ["SalesReps"]),
        Legitimate(sql: "SELECT Id, FullName FROM SalesReps WHERE Region = 'DE'", tables: ["SalesReps"]),
        Legitimate(sql: "SELECT \"FullName\", \"Region\" FROM \"SalesReps\" ORDER BY \"Id\"", tables: ["SalesReps"]),
        Legitimate(
            sql: "SELECT r.FullName, COUNT(*) AS customers FROM `SalesReps` r JOIN customers c ON c.country = r.Region GROUP BY r.FullName",
            tables: ["SalesReps", "customers"]
        ),
        Legitimate(
            sql:
                "WITH monthly AS (SELECT DATE_FORMAT(ordered_at, '%Y-%m') AS month, SUM(total) AS revenue FROM orders GROUP BY DATE_FORMAT(ordered_at, '%Y-%m')) SELECT month, revenue, revenue - LAG(revenue) OVER (ORDER BY month) AS change_from_previous FROM monthly ORDER BY month",
            tables: ["orders"]
        ),
        Legitimate(
            sql:
                "SELECT customer_id, total, SUM(total) OVER (PARTITION BY customer_id ORDER BY ordered_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_total FROM orders",
            tables: ["orders"]
        ),
        Legitimate(
            sql: "SELECT name, category, price, RANK() OVER (PARTITION BY category ORDER BY price DESC) AS price_rank FROM products",
            tables: ["products"]
        ),
        Legitimate(sql: "SELECT id, ROW_NUMBER() OVER w AS rn FROM orders WINDOW w AS (ORDER BY ordered_at)", tables: ["orders"]),
        Legitimate(sql: "WITH RECURSIVE days AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM days WHERE n < 7) SELECT n FROM days", tables: []),
        Legitimate(
            sql:
                "WITH big AS (SELECT * FROM orders WHERE total > 50), names AS (SELECT id, name FROM customers) SELECT n.name, b.total FROM big b JOIN names n ON n.id = b.customer_id",
            tables: ["orders", "customers"]
        ),
        Legitimate(sql: "SELECT 1 FROM DUAL", tables: []),
        Legitimate(sql: "SELECT NOW() AS now, CURDATE() AS today, CURRENT_DATE AS d, DATE_SUB(CURDATE(), INTERVAL 30 DAY) AS month_ago", tables: []),
        Legitimate(sql: "SELECT * FROM orders WHERE ordered_at >= CURDATE() - INTERVAL 1 MONTH", tables: ["orders"]),
        Legitimate(
            sql: "SELECT YEAR(ordered_at) AS y, QUARTER(ordered_at) AS q, COUNT(*) AS n FROM orders GROUP BY YEAR(ordered_at), QUARTER(ordered_at)",
            tables: ["orders"]
        ),
        Legitimate(
            sql: "SELECT status, COUNT(*) AS n, ROUND(AVG(total), 2) AS avg_total FROM orders GROUP BY status WITH ROLLUP",
            tables: ["orders"]
        ),
        Legitimate(
            sql: "SELECT name FROM customers WHERE email LIKE '%@example.com' AND created_at BETWEEN '2024-01-01' AND '2024-12-31'",
            tables: ["customers"]
        ),
        // Backslash is an ordinary character in strings (NO_BACKSLASH_ESCAPES).
        Legitimate(sql: "SELECT REPLACE(name, '\\', '/') AS path, 'back\\slash' AS b FROM products", tables: ["products"]),
        Legitimate(
            sql: "SELECT _utf8mb4'Zürich' AS city, N'naïve' AS word, X'41' AS hex, x'42' AS hex2, B'0101' AS bits, b'1' AS bit, 0x41 AS hexnum",
            tables: []
        ),
        Legitimate(sql: "SELECT IFNULL(email, 'n/a') AS email, COALESCE(country, '?') AS country FROM customers", tables: ["customers"]),
        Legitimate(
            sql: "SELECT CASE WHEN total > 100 THEN 'big' ELSE 'small' END AS size, COUNT(*) AS n FROM orders GROUP BY size",
            tables: ["orders"]
        ),
        Legitimate(
            sql:
                "SELECT c.country, COUNT(DISTINCT o.customer_id) AS buyers FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status <> 'cancelled' GROUP BY c.country",
            tables: ["orders", "customers"]
        ),
        Legitimate(sql: "SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE total > 50)", tables: ["customers", "orders"]),
        Legitimate(
            sql: "SELECT * FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)",
            tables: ["customers", "orders"]
        ),
        Legitimate(
            sql:
                "SELECT t.customer_id, t.spent FROM (SELECT customer_id, SUM(total) AS spent FROM orders GROUP BY customer_id) AS t ORDER BY t.spent DESC LIMIT 10",
            tables: ["orders"]
        ),
        Legitimate(sql: "SELECT name, email FROM customers UNION SELECT FullName, NULL FROM SalesReps", tables: ["customers", "SalesReps"]),
        Legitimate(sql: "SELECT GROUP_CONCAT(DISTINCT category ORDER BY category SEPARATOR ', ') AS categories FROM products", tables: ["products"]),
        Legitimate(
            sql: "SELECT o.id, o.total, c.name FROM orders o STRAIGHT_JOIN customers c ON c.id = o.customer_id",
            tables: ["orders", "customers"]
        ),
        Legitimate(sql: "SELECT * FROM orders ORDER BY ordered_at DESC LIMIT 10 OFFSET 2", tables: ["orders"]),
        Legitimate(sql: "SELECT * FROM orders LIMIT 1, 2", tables: ["orders"]),
        // PIPES_AS_CONCAT: || joins text.
        Legitimate(sql: "SELECT name || ' (' || category || ')' AS label FROM products", tables: ["products"]),
        Legitimate(
            sql: "SELECT EXTRACT(YEAR FROM ordered_at) AS y, SUBSTRING(status FROM 1 FOR 3) AS s, TRIM(BOTH ' ' FROM status) AS t FROM orders",
            tables: ["orders"]
        ),
        Legitimate(sql: "SELECT CAST(total AS DECIMAL(10,2)) AS t, CONVERT(status USING utf8mb4) AS s FROM orders", tables: ["orders"]),
        Legitimate(
            sql: "SELECT DATEDIFF(CURDATE(), created_at) AS age_days, TIMESTAMPDIFF(MONTH, created_at, NOW()) AS months FROM customers",
            tables: ["customers"]
        ),
        Legitimate(
            sql:
                "SELECT p.name, SUM(oi.quantity) AS units FROM products p JOIN order_items oi ON oi.product_id = p.id JOIN orders o ON o.id = oi.order_id WHERE o.ordered_at >= '2024-01-01' GROUP BY p.name ORDER BY units DESC LIMIT 3",
            tables: ["products", "order_items", "orders"]
        ),
        // `- -1` is two minus signs; `-- ` (with a space) starts a comment.
        Legitimate(sql: "SELECT price - -1 AS p, price -- the price\n FROM products", tables: ["products"]),
        Legitimate(sql: "/* report */ SELECT COUNT(*) AS n FROM orders -- total\n", tables: ["orders"]),
        Legitimate(sql: "SELECT `o`.`id`, `o`.`total` FROM `orders` AS `o` WHERE `o`.`status` = 'paid'", tables: ["orders"]),
        Legitimate(sql: "SELECT id FROM orders WHERE status IN ('paid', 'shipped') AND total BETWEEN 10 AND 500 ORDER BY id", tables: ["orders"]),
        Legitimate(sql: "SELECT JSON_OBJECT('id', id, 'name', name) AS j FROM customers", tables: ["customers"]),
        Legitimate(sql: "SELECT COUNT(*) AS n FROM orders o WHERE o.total > (SELECT AVG(total) FROM orders)", tables: ["orders"]),
        Legitimate(sql: "SELECT name FROM customers WHERE name REGEXP '^[A-M]'", tables: ["customers"]),
        Legitimate(
            sql: "SELECT customer_id, NTILE(2) OVER (ORDER BY SUM(total)) AS half FROM orders GROUP BY customer_id",
            tables: ["orders"]
        ),
        Legitimate(sql: "SELECT 'it''s' AS s, '#not a comment' AS h, '@not_a_variable' AS v, '/*! not code */' AS c", tables: []),
        Legitimate(sql: "SELECT * FROM orders WHERE ordered_at >= DATE '2024-01-01' AND ordered_at < DATE '2025-01-01'", tables: ["orders"]),
        Legitimate(
            sql: "(SELECT id FROM orders ORDER BY total DESC LIMIT 3) UNION (SELECT id FROM orders ORDER BY total LIMIT 3)",
            tables: ["orders"]
        ),
        Legitimate(sql: "SELECT id FROM orders EXCEPT SELECT order_id FROM order_items", tables: ["orders", "order_items"]),
        Legitimate(sql: "SELECT /* a plain comment */ COUNT(*) AS n FROM products /* ! not executable */", tables: ["products"]),
        Legitimate(sql: "SELECT o.status, SUM(o.total) AS total FROM orders AS o GROUP BY o.status ORDER BY total DESC;", tables: ["orders"]),
        Legitimate(sql: "SELECT `order`.id FROM orders AS `order` WHERE `order`.total > 100", tables: ["orders"]),
    ]
}
