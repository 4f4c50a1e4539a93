import Foundation
import QuerentCore
import Testing

/// A statement the safety gate must refuse, with the cause its message must name.
struct HostileStatement: Sendable, CustomTestStringConvertible {
    /// What makes the statement hostile (decides what the driver alone must do with it).
    enum Cause: Sendable {
        /// More than one statement.
        case stacked
        /// Writes, locks or creates something (DML, DDL, data-modifying CTE, SELECT INTO, FOR UPDATE).
        case write
        /// Another command (SET, SHOW, EXPLAIN, PRAGMA, ATTACH, COPY, DO, transaction control, …).
        case command
        /// A denylisted function or table function.
        case function
        /// A catalog, temporary or attached-database table.
        case catalog
        /// A table outside the trained set.
        case untrained
        /// Lexical trouble: Unicode look-alikes, unterminated literals, parameters, malformed syntax.
        case lexical
        /// Size and nesting limits.
        case limits
    }

    var sql: String
    var dialects: Set<Dialect>
    var cause: Cause
    /// Text the refusal message must contain (compared ignoring case).
    var reason: String
    /// Dialects whose driver, with the trained tables as its allowed set, must refuse the
    /// statement on its own (the validator bypassed).
    var refusedByDriver: Set<Dialect>

    /// A statement hostile in both dialects.
    init(_ sql: String, _ cause: Cause, reason: String, refusedByDriver: Set<Dialect>? = nil) {
        self.init(sql, [.postgres, .sqlite], cause, reason: reason, refusedByDriver: refusedByDriver)
    }

    /// A statement hostile in `dialects`; `refusedByDriver` defaults by cause: stacked statements
    /// and writes in every dialect, catalog, untrained-table and function cases on SQLite (whose
    /// driver knows the allowed tables and denied functions).
    init(_ sql: String, _ dialects: Set<Dialect>, _ cause: Cause, reason: String, refusedByDriver: Set<Dialect>? = nil) {
        self.sql = sql
        self.dialects = dialects
        self.cause = cause
        self.reason = reason
        switch cause {
        case .stacked, .write: self.refusedByDriver = refusedByDriver ?? dialects
        case .function, .catalog, .untrained: self.refusedByDriver = refusedByDriver ?? dialects.intersection([.sqlite])
        case .command, .lexical, .limits: self.refusedByDriver = refusedByDriver ?? []
        }
    }

    var testDescription: String {
        let text = sql.count > 80 ? String(sql.prefix(77)) + "…" : sql
        return "\(text.debugDescription) [\(dialects.map(\.rawValue).sorted().joined(separator: ","))]"
    }
}

extension HostileStatement {
    private static let both: Set<Dialect> = [.postgres, .sqlite]
    private static let pg: Set<Dialect> = [.postgres]
    private static let lite: Set<Dialect> = [.sqlite]

    /// The hostile corpus. Untrained table: `secrets` (see ``SafetyFixture``).
    static let corpus: [HostileStatement] = stacked + writes + commands + functions + catalog + untrained + lexical + limits

    static func corpus(for dialect: Dialect) -> [HostileStatement] { corpus.filter { $0.dialects.contains(dialect) } }

    static let stacked: [HostileStatement] = [
        HostileStatement("SELECT 1; DROP TABLE customers", .stacked, reason: "one statement"),
        HostileStatement("SELECT * FROM customers; DELETE FROM orders", .stacked, reason: "one statement"),
        HostileStatement("SELECT 1; COMMIT; DROP TABLE customers", .stacked, reason: "one statement"),
        HostileStatement("SELECT 1;;; SELECT 2", .stacked, reason: "one statement"),
        HostileStatement("SELECT 1 -- note\n; DROP TABLE customers", .stacked, reason: "one statement"),
        HostileStatement("SELECT 1 /* c */; /* c */ DROP TABLE customers", .stacked, reason: "one statement"),
        HostileStatement("SELECT 1;\nDROP TABLE customers;", .stacked, reason: "one statement"),
        HostileStatement(";DROP TABLE customers", .stacked, reason: "one statement"),
        HostileStatement("DROP TABLE customers; SELECT 1", .stacked, reason: "one statement"),
        // Postgres ends a -- comment at a bare carriage return; SQLite only at a newline.
        HostileStatement("SELECT 1 --\r; DROP TABLE customers", pg, .stacked, reason: "one statement"),
        HostileStatement("SELECT 1 --\r\n; DROP TABLE customers", lite, .stacked, reason: "one statement"),
        // Postgres nests block comments; SQLite does not.
        HostileStatement("SELECT 1 /* /* */ */ ; DROP TABLE customers", pg, .stacked, reason: "one statement"),
        HostileStatement("SELECT 1 /* /* */ ; DROP TABLE customers */", lite, .stacked, reason: "one statement"),
        // Backslash is literal in '…' (standard_conforming_strings) and escapes only in E'…'.
        HostileStatement("SELECT 'a\\'; DROP TABLE customers; --'", both, .stacked, reason: "one statement"),
        HostileStatement("SELECT E'a\\\\'; DROP TABLE customers", pg, .stacked, reason: "one statement"),
        HostileStatement("SELECT $$;$$; DROP TABLE customers", pg, .stacked, reason: "one statement"),
        HostileStatement("SELECT $a$ $$ ; $a$; DROP TABLE customers", pg, .stacked, reason: "one statement"),
        // `a$$` is an identifier, not the opening of a dollar quote hiding the DROP.
        HostileStatement("SELECT 1 AS a$$; DROP TABLE customers; SELECT $$x$$", pg, .stacked, reason: "one statement"),
        HostileStatement("SELECT \"x\"\"\"; DROP TABLE customers", both, .stacked, reason: "one statement"),
        HostileStatement("SELECT [x]; DROP TABLE customers", lite, .stacked, reason: "one statement"),
        HostileStatement("SELECT `x`; DROP TABLE customers", lite, .stacked, reason: "one statement"),
    ]

    static let writes: [HostileStatement] = [
        HostileStatement("DROP TABLE customers", .write, reason: "not DROP"),
        HostileStatement("DELETE FROM orders", .write, reason: "not DELETE"),
        HostileStatement("UPDATE customers SET name = 'Mallory'", .write, reason: "not UPDATE"),
        HostileStatement("INSERT INTO customers (id, email) VALUES (99, 'x@example.com')", .write, reason: "not INSERT"),
        HostileStatement("TRUNCATE orders", pg, .write, reason: "not TRUNCATE"),
        HostileStatement("ALTER TABLE customers ADD COLUMN intruder integer", .write, reason: "not ALTER"),
        HostileStatement("CREATE TABLE intruder (id integer)", .write, reason: "not CREATE"),
        HostileStatement("GRANT ALL ON customers TO PUBLIC", pg, .write, reason: "not GRANT"),
        HostileStatement("REPLACE INTO customers (id, email) VALUES (1, 'x@example.com')", lite, .write, reason: "not REPLACE"),
        HostileStatement("(DELETE FROM orders)", .write, reason: "not DELETE"),
        HostileStatement("WITH x AS (DELETE FROM orders RETURNING *) SELECT * FROM x", .write, reason: "DELETE inside WITH"),
        HostileStatement("WITH x AS (UPDATE customers SET name = 'x' RETURNING id) SELECT count(*) FROM x", .write, reason: "UPDATE inside WITH"),
        HostileStatement(
            "WITH x AS (INSERT INTO orders (customer_id) VALUES (1) RETURNING id) SELECT * FROM x",
            .write,
            reason: "INSERT inside WITH"
        ),
        HostileStatement("WITH x AS MATERIALIZED (DELETE FROM orders RETURNING *) SELECT 1", .write, reason: "DELETE inside WITH"),
        HostileStatement("WITH x AS (SELECT 1) DELETE FROM orders", .write, reason: "DELETE"),
        HostileStatement(
            "SELECT * FROM customers WHERE id IN (WITH d AS (DELETE FROM orders RETURNING customer_id) SELECT customer_id FROM d)",
            .write,
            reason: "DELETE inside WITH"
        ),
        HostileStatement("SELECT * INTO stolen FROM customers", .write, reason: "INTO"),
        HostileStatement("SELECT * FROM customers FOR UPDATE", .write, reason: "FOR UPDATE"),
        HostileStatement("SELECT * FROM customers FOR SHARE", .write, reason: "FOR SHARE"),
        HostileStatement("SELECT * FROM customers FOR NO KEY UPDATE", .write, reason: "FOR NO KEY UPDATE"),
        HostileStatement("SELECT * FROM customers FOR KEY SHARE", .write, reason: "FOR KEY SHARE"),
        HostileStatement("SELECT * FROM orders WHERE id = 1 FOR UPDATE SKIP LOCKED", .write, reason: "FOR UPDATE"),
        HostileStatement("SELECT 1 RETURNING *", .write, reason: "RETURNING"),
    ]

    static let commands: [HostileStatement] = [
        HostileStatement("COPY customers TO STDOUT", pg, .command, reason: "not COPY", refusedByDriver: pg),
        HostileStatement("COPY (SELECT 1) TO STDOUT", pg, .command, reason: "not COPY", refusedByDriver: pg),
        HostileStatement("COPY (SELECT * FROM secrets) TO PROGRAM 'touch /tmp/querent-pwned'", pg, .command, reason: "not COPY", refusedByDriver: pg),
        HostileStatement("SET statement_timeout = 0", pg, .command, reason: "not SET", refusedByDriver: pg),
        HostileStatement("SET ROLE postgres", pg, .command, reason: "not SET", refusedByDriver: pg),
        HostileStatement("RESET ALL", pg, .command, reason: "not RESET", refusedByDriver: pg),
        HostileStatement("CALL do_something()", pg, .command, reason: "not CALL", refusedByDriver: pg),
        HostileStatement("DO $$BEGIN DELETE FROM orders; END$$", pg, .command, reason: "not DO", refusedByDriver: pg),
        HostileStatement("LOCK TABLE customers", pg, .command, reason: "not LOCK", refusedByDriver: pg),
        HostileStatement("LISTEN querent_channel", pg, .command, reason: "not LISTEN", refusedByDriver: pg),
        HostileStatement("NOTIFY querent_channel, 'x'", pg, .command, reason: "not NOTIFY", refusedByDriver: pg),
        HostileStatement("EXPLAIN ANALYZE DELETE FROM orders", .command, reason: "not EXPLAIN", refusedByDriver: both),
        HostileStatement("EXPLAIN SELECT * FROM secrets", .command, reason: "not EXPLAIN", refusedByDriver: lite),
        HostileStatement("VACUUM", .command, reason: "not VACUUM", refusedByDriver: both),
        HostileStatement("VACUUM INTO '/tmp/querent-vacuum-copy.db'", lite, .command, reason: "not VACUUM", refusedByDriver: lite),
        HostileStatement("ANALYZE customers", .command, reason: "not ANALYZE", refusedByDriver: both),
        HostileStatement("PRAGMA writable_schema = 1", lite, .command, reason: "not PRAGMA", refusedByDriver: lite),
        HostileStatement("PRAGMA table_info(secrets)", lite, .command, reason: "not PRAGMA", refusedByDriver: lite),
        HostileStatement("ATTACH DATABASE '/tmp/querent-attached.db' AS other", lite, .command, reason: "not ATTACH", refusedByDriver: lite),
        HostileStatement("DETACH DATABASE other", lite, .command, reason: "not DETACH", refusedByDriver: lite),
        HostileStatement("BEGIN", .command, reason: "not BEGIN", refusedByDriver: both),
        HostileStatement("COMMIT", .command, reason: "not COMMIT", refusedByDriver: both),
        HostileStatement("SAVEPOINT a", .command, reason: "not SAVEPOINT", refusedByDriver: both),
        HostileStatement("VALUES (1)", .command, reason: "not VALUES"),
        HostileStatement("TABLE secrets", pg, .command, reason: "not TABLE"),
        HostileStatement("SELECT 1 FROM customers UNION ALL TABLE secrets", pg, .command, reason: "TABLE"),
        HostileStatement("REINDEX", lite, .command, reason: "not REINDEX", refusedByDriver: lite),
        HostileStatement("SHOW ALL", pg, .command, reason: "not SHOW"),
        HostileStatement("PREPARE p AS SELECT 1", pg, .command, reason: "not PREPARE", refusedByDriver: pg),
        HostileStatement("CHECKPOINT", pg, .command, reason: "not CHECKPOINT", refusedByDriver: pg),
        HostileStatement("REFRESH MATERIALIZED VIEW customer_totals", pg, .command, reason: "not REFRESH", refusedByDriver: pg),
    ]

    static let functions: [HostileStatement] = [
        HostileStatement("SELECT pg_sleep(10)", pg, .function, reason: "pg_sleep"),
        HostileStatement("SELECT pg_sleep_for('10 seconds')", pg, .function, reason: "pg_sleep_for"),
        HostileStatement("SELECT PG_SLEEP(10)", pg, .function, reason: "pg_sleep"),
        HostileStatement("SELECT \"pg_sleep\"(10)", pg, .function, reason: "pg_sleep"),
        HostileStatement("SELECT pg_catalog.pg_sleep(10)", pg, .function, reason: "pg_sleep"),
        HostileStatement("SELECT count(*) FROM customers WHERE pg_sleep(1) IS NOT NULL", pg, .function, reason: "pg_sleep"),
        HostileStatement("SELECT pg_read_file('/etc/passwd')", pg, .function, reason: "pg_read_file"),
        HostileStatement("SELECT pg_read_binary_file('/etc/passwd')", pg, .function, reason: "pg_read_binary_file"),
        HostileStatement("SELECT * FROM pg_ls_dir('.')", pg, .function, reason: "pg_ls_dir"),
        HostileStatement("SELECT pg_stat_file('postgresql.conf')", pg, .function, reason: "pg_stat_file"),
        HostileStatement("SELECT lo_import('/etc/passwd')", pg, .function, reason: "lo_import"),
        HostileStatement("SELECT lo_export(1, '/tmp/querent-lo')", pg, .function, reason: "lo_export"),
        HostileStatement("SELECT * FROM dblink('host=evil.example', 'SELECT 1') AS t(a int)", pg, .function, reason: "dblink"),
        HostileStatement("SELECT nextval('orders_id_seq')", pg, .function, reason: "nextval", refusedByDriver: pg),
        HostileStatement("SELECT setval('orders_id_seq', 1)", pg, .function, reason: "setval", refusedByDriver: pg),
        HostileStatement("SELECT currval('orders_id_seq')", pg, .function, reason: "currval"),
        HostileStatement("SELECT txid_current()", pg, .function, reason: "txid_current"),
        HostileStatement("SELECT pg_current_xact_id()", pg, .function, reason: "pg_current_xact_id"),
        HostileStatement("SELECT set_config('statement_timeout', '0', false)", pg, .function, reason: "set_config"),
        HostileStatement("SELECT current_setting('data_directory')", pg, .function, reason: "current_setting"),
        // Even a harmless-looking setting: settings are never read, and the error says so.
        HostileStatement("SELECT current_setting('TimeZone')", pg, .function, reason: "reads or changes server settings"),
        HostileStatement("SELECT name, setting FROM pg_settings", pg, .catalog, reason: "pg_settings"),
        HostileStatement("SELECT pg_advisory_lock(1)", pg, .function, reason: "pg_advisory_lock"),
        HostileStatement("SELECT pg_try_advisory_xact_lock(1)", pg, .function, reason: "pg_try_advisory_xact_lock"),
        HostileStatement("SELECT pg_terminate_backend(pg_backend_pid())", pg, .function, reason: "pg_terminate_backend"),
        HostileStatement("SELECT pg_cancel_backend(1)", pg, .function, reason: "pg_cancel_backend"),
        HostileStatement("SELECT pg_reload_conf()", pg, .function, reason: "pg_reload_conf"),
        HostileStatement("SELECT pg_rotate_logfile()", pg, .function, reason: "pg_rotate_logfile"),
        HostileStatement("SELECT pg_notify('querent_channel', 'x')", pg, .function, reason: "pg_notify"),
        HostileStatement("SELECT query_to_xml('SELECT * FROM secrets', true, true, '')", pg, .function, reason: "query_to_xml"),
        HostileStatement("SELECT table_to_xml('secrets', true, true, '')", pg, .function, reason: "table_to_xml"),
        HostileStatement("SELECT * FROM ts_stat('SELECT to_tsvector(token) FROM secrets')", pg, .function, reason: "ts_stat"),
        HostileStatement("SELECT version()", pg, .function, reason: "version"),
        HostileStatement("SELECT 'secrets'::regclass::oid", pg, .function, reason: "regclass"),
        HostileStatement("SELECT to_regclass('secrets')", pg, .function, reason: "to_regclass"),
        HostileStatement("SELECT has_table_privilege('secrets', 'SELECT')", pg, .function, reason: "has_table_privilege"),
        HostileStatement("SELECT public.do_something()", pg, .function, reason: "schema-qualified"),
        HostileStatement("SELECT * FROM xmltable('/a' PASSING '<a/>' COLUMNS x int)", pg, .function, reason: "cannot be used as a table"),
        HostileStatement("SELECT load_extension('/tmp/evil.so')", lite, .function, reason: "load_extension"),
        HostileStatement("SELECT readfile('/etc/passwd')", lite, .function, reason: "readfile"),
        HostileStatement("SELECT writefile('/tmp/querent-pwned', 'x')", lite, .function, reason: "writefile"),
        HostileStatement("SELECT edit('x')", lite, .function, reason: "edit"),
        HostileStatement("SELECT fts3_tokenizer('simple', x'0000000000000000')", lite, .function, reason: "fts3_tokenizer"),
        HostileStatement("SELECT sqlite_version()", lite, .function, reason: "sqlite_version"),
        HostileStatement("SELECT * FROM pragma_table_info('secrets')", lite, .function, reason: "pragma_table_info"),
        HostileStatement("SELECT count(*) FROM customers NATURAL JOIN pragma_table_info('secrets')", lite, .function, reason: "pragma_table_info"),
        HostileStatement("SELECT * FROM json_each('[1]')", lite, .function, reason: "cannot be used as a table"),
    ]

    static let catalog: [HostileStatement] = [
        HostileStatement("SELECT * FROM pg_catalog.pg_class", pg, .catalog, reason: "catalog"),
        HostileStatement("SELECT relname FROM pg_class", pg, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM information_schema.tables", pg, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM \"pg_catalog\".\"pg_authid\"", pg, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM PG_CATALOG.PG_SHADOW", pg, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM pg_toast.pg_toast_2619", pg, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM customers c JOIN pg_stat_activity a ON true", pg, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM sqlite_master", lite, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM sqlite_schema", lite, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM main.sqlite_master", lite, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM sqlite_temp_master", lite, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM SQLITE_MASTER", lite, .catalog, reason: "catalog"),
        HostileStatement("SELECT name FROM pragma_table_list", lite, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM sqlite_dbpage", lite, .catalog, reason: "catalog"),
        HostileStatement("SELECT * FROM temp.customers", lite, .catalog, reason: "temporary"),
        HostileStatement("SELECT * FROM other.secrets", lite, .catalog, reason: "attached"),
    ]

    static let untrained: [HostileStatement] = [
        HostileStatement("SELECT * FROM secrets", .untrained, reason: "'secrets' is not one of the trained tables"),
        HostileStatement("SELECT * FROM customers, secrets", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers c JOIN secrets s ON s.id = c.id", .untrained, reason: "secrets"),
        HostileStatement("SELECT c.email FROM customers c NATURAL JOIN secrets", .untrained, reason: "secrets"),
        HostileStatement("SELECT c.email FROM customers c JOIN secrets USING (id)", .untrained, reason: "secrets"),
        HostileStatement("SELECT count(*) FROM customers LEFT JOIN secrets USING (name)", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM secrets)", .untrained, reason: "secrets"),
        HostileStatement("SELECT (SELECT token FROM secrets LIMIT 1) FROM customers", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers WHERE EXISTS (SELECT 1 FROM secrets)", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM (SELECT * FROM secrets) s", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM (customers JOIN secrets ON 1 = 1)", .untrained, reason: "secrets"),
        HostileStatement("WITH s AS (SELECT * FROM secrets) SELECT * FROM s", .untrained, reason: "secrets"),
        // A non-recursive CTE cannot see a later sibling in Postgres: `secrets` is the real table there.
        HostileStatement(
            "WITH a AS (SELECT * FROM secrets), secrets AS (SELECT 1 AS x) SELECT * FROM a",
            .untrained,
            reason: "secrets",
            refusedByDriver: []
        ),
        // The inner CTE named secrets does not hide the outer, real table.
        HostileStatement(
            "SELECT * FROM customers, (WITH secrets AS (SELECT 1 AS x) SELECT * FROM secrets) x, secrets",
            .untrained,
            reason: "secrets"
        ),
        HostileStatement("SELECT email FROM customers UNION SELECT token FROM secrets", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers c, LATERAL (SELECT * FROM secrets) s", pg, .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM \"secrets\"", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM SECRETS", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM public.secrets", pg, .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM sales.order_notes", pg, .untrained, reason: "sales.order_notes"),
        HostileStatement("SELECT * FROM main.secrets", lite, .untrained, reason: "secrets"),
        // SQLite takes OFFSET and WINDOW as table aliases here: the comma still joins secrets.
        HostileStatement("SELECT * FROM customers offset, secrets", lite, .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers window, secrets", lite, .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers AS \"from\", secrets", .untrained, reason: "secrets"),
        HostileStatement("SELECT email AS from FROM secrets", pg, .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers WHERE name = (SELECT name FROM secrets WHERE id = 1)", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM ((SELECT 1 AS id) UNION (SELECT id FROM secrets)) x", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers ORDER BY (SELECT count(*) FROM secrets)", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers LIMIT (SELECT count(*) FROM secrets)", .untrained, reason: "secrets"),
        HostileStatement("SELECT extract(year FROM (SELECT max(created_at) FROM secrets))", pg, .untrained, reason: "secrets"),
        HostileStatement("SELECT 1 FROM customers --\r, secrets", pg, .untrained, reason: "secrets"),
        HostileStatement("SELECT coalesce((SELECT token FROM secrets), 'x') FROM customers", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM customers WHERE id = ANY(ARRAY(SELECT id FROM secrets))", pg, .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM generate_series(1, (SELECT count(*) FROM secrets))", pg, .untrained, reason: "secrets"),
        HostileStatement(
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r, secrets WHERE n < 3) SELECT * FROM r",
            .untrained,
            reason: "secrets"
        ),
        HostileStatement("SELECT * FROM customers WHERE name IS NOT DISTINCT FROM 'x' UNION SELECT * FROM secrets", .untrained, reason: "secrets"),
        HostileStatement("SELECT * FROM shipments", .untrained, reason: "shipments"),
        HostileStatement("SELECT * FROM \"odd.name\"", pg, .untrained, reason: "odd.name"),
    ]

    static let lexical: [HostileStatement] = [
        HostileStatement("SELECT 1；DROP TABLE customers", .lexical, reason: "U+FF1B"),
        HostileStatement("SELECT 1 \u{037E} DROP TABLE customers", .lexical, reason: "U+037E"),
        HostileStatement("SELECT 1 \u{FE54} DROP TABLE customers", .lexical, reason: "U+FE54"),
        HostileStatement("SELECT * FROM customers\u{00A0}WHERE 1 = 1", .lexical, reason: "NO-BREAK SPACE"),
        HostileStatement("SELECT\u{200B}* FROM customers", .lexical, reason: "ZERO WIDTH SPACE"),
        HostileStatement("SELECT * FROM customers\u{3000}", .lexical, reason: "U+3000"),
        HostileStatement("\u{FEFF}SELECT * FROM customers", .lexical, reason: "U+FEFF"),
        HostileStatement("SELECT pg_sleep\u{200B}(1)", .lexical, reason: "U+200B"),
        HostileStatement("SELECT 1\u{2028}; DROP TABLE customers", .lexical, reason: "U+2028"),
        HostileStatement("SELECT\u{0B}1", .lexical, reason: "U+000B"),
        HostileStatement("SELECT 1\u{0}; DROP TABLE customers", .lexical, reason: "NUL"),
        HostileStatement(
            String(decoding: Array("SELECT 1 ".utf8) + [0xED, 0xA0, 0x80] + Array("; DROP TABLE customers".utf8), as: UTF8.self),
            .lexical,
            reason: "U+FFFD"
        ),
        HostileStatement(
            String(decoding: Array("SELECT ".utf8) + [0xC3, 0x28] + Array(" FROM secrets".utf8), as: UTF8.self),
            .lexical,
            reason: "U+FFFD"
        ),
        HostileStatement("ＳＥＬＥＣＴ * FROM customers", .lexical, reason: "only SELECT"),
        HostileStatement("SELECT \\ 1", .lexical, reason: "U+005C"),
        HostileStatement("SELECT * FROM customers WHERE id = $1", pg, .lexical, reason: "parameters"),
        HostileStatement("SELECT * FROM customers WHERE id = ?", lite, .lexical, reason: "parameters"),
        HostileStatement("SELECT * FROM customers WHERE id = :id", lite, .lexical, reason: "parameters"),
        HostileStatement("SELECT * FROM customers WHERE id = @id", lite, .lexical, reason: "parameters"),
        HostileStatement("SELECT * FROM customers WHERE id = $id", lite, .lexical, reason: "parameters"),
        HostileStatement("SELECT U&\"\\0070g_sleep\"(1)", pg, .lexical, reason: "Unicode-escaped"),
        HostileStatement("SELECT '1''; DROP TABLE customers; --", .lexical, reason: "unterminated string"),
        HostileStatement("SELECT \"unterminated FROM customers", .lexical, reason: "unterminated quoted identifier"),
        HostileStatement("SELECT 1 /* unterminated; DROP TABLE customers", .lexical, reason: "unterminated /* comment"),
        HostileStatement("SELECT $tag$ unterminated; DROP TABLE customers", pg, .lexical, reason: "unterminated dollar-quoted"),
        HostileStatement("SELECT (1", .lexical, reason: "unbalanced"),
        HostileStatement("SELECT 1)", .lexical, reason: "unbalanced"),
        HostileStatement("SELECT * FROM", .lexical, reason: "table name is missing"),
        HostileStatement("SELECT 1abc FROM customers", .lexical, reason: "malformed number"),
        HostileStatement("SELECT * FROM ROWS FROM (generate_series(1, 2))", pg, .lexical, reason: "ROWS FROM"),
        HostileStatement(";", .lexical, reason: "empty"),
        HostileStatement("  -- only a comment", .lexical, reason: "empty"),
    ]

    static let limits: [HostileStatement] = [
        HostileStatement("SELECT '" + String(repeating: "a", count: 1 << 20) + "'", .limits, reason: "too long"),
        HostileStatement(
            "SELECT 1 FROM customers WHERE email IN (" + String(repeating: "'x', ", count: 200_000) + "'y')",
            .limits,
            reason: "too long"
        ),
        HostileStatement(
            String(repeating: "(", count: 5_000) + "SELECT 1" + String(repeating: ")", count: 5_000),
            .limits,
            reason: "nested too deeply"
        ),
        HostileStatement(
            "SELECT " + String(repeating: "(SELECT ", count: 100) + "1" + String(repeating: ")", count: 100),
            .limits,
            reason: "nested too deeply"
        ),
        HostileStatement(
            "SELECT " + String(repeating: "abs(", count: 9_000) + "1" + String(repeating: ")", count: 9_000),
            .limits,
            reason: "nested too deeply"
        ),
    ]
}
