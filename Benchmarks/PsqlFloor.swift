import Foundation

/// The least any client needs to introspect tables of `public`: `psql` on one connection
/// running three set-returning catalog queries (columns with types, defaults and comments;
/// keys and foreign keys with their columns; index definitions) for all of them and one
/// `SELECT * … LIMIT 3` per table, timed from start to exit.
enum PsqlFloor {
    /// Wall-clock seconds of one `psql -X -q -f` run over `tables` at `url`.
    static func measure(url: String, tables: [String]) throws -> Double {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("querent-psql-floor-\(UUID().uuidString).sql")
        try script(tables: tables).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-f", file.path, url]
        let started = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = (ContinuousClock.now - started).seconds
        guard process.terminationStatus == 0 else { throw BenchmarkError("psql exited with status \(process.terminationStatus)") }
        return elapsed
    }

    static func script(tables: [String]) -> String {
        let names = "ARRAY[" + tables.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",") + "]"
        let relations =
            "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ANY (\(names))"
        let catalog = [
            """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), ds.description
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
            WHERE a.attrelid IN (\(relations)) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum;
            """,
            """
            SELECT con.conrelid, con.conname, con.contype, con.confrelid,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o),
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_constraint con WHERE con.conrelid IN (\(relations)) AND con.contype IN ('p', 'f', 'u');
            """,
            """
            SELECT i.indrelid, ic.relname, i.indisunique, i.indisprimary, pg_get_indexdef(i.indexrelid),
                   ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid IN (\(relations));
            """,
        ]
        let samples = tables.map { "SELECT * FROM \"public\".\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\" LIMIT 3;" }
        return (catalog + samples).joined(separator: "\n") + "\n"
    }
}
