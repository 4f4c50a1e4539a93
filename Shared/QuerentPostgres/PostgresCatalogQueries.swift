/// The catalog queries behind ``PostgresDriver``: a table's catalog entry (columns, keys,
/// indexes, comments) comes back as one JSON document, one table or many per round trip.
enum PostgresCatalogQueries {
    static let relationKinds = "('r', 'v', 'm', 'p', 'f')"

    /// Tables and views outside system schemas (partitions are listed through their parent).
    static let listTables = """
        SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
               CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE s.n_live_tup END AS row_estimate
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
        WHERE c.relkind IN \(relationKinds)
          AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
          AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY n.nspname = 'public' DESC, n.nspname, c.relname
        """

    static let exists = """
        SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN \(relationKinds)
        """

    /// $1 schema, $2 name → one row, one column `doc` (JSON), or no row when missing.
    static let describe = """
        WITH rel AS (
            SELECT c.oid, c.relkind, n.nspname, c.relname, c.reltuples, \(tableComment) AS comment
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN \(relationKinds)
        )
        SELECT \(document) AS doc
        FROM rel
        """

    /// $1 a JSON array of `[schema, name]` pairs → a row (`ord`: the pair's 1-based position,
    /// `doc` as in ``describe``) for each pair that names a relation; missing ones have none.
    static let describeMany = """
        WITH wanted AS (
            SELECT w.pair ->> 0 AS nspname, w.pair ->> 1 AS relname, w.ord
            FROM json_array_elements($1::json) WITH ORDINALITY AS w(pair, ord)
        ), rel AS (
            SELECT c.oid, c.relkind, n.nspname, c.relname, c.reltuples, \(tableComment) AS comment, wanted.ord
            FROM wanted
            JOIN pg_namespace n ON n.nspname = wanted.nspname
            JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.relname AND c.relkind IN \(relationKinds)
        )
        SELECT rel.ord, \(document) AS doc
        FROM rel
        """

    /// `pg_class c`'s comment: a plain subquery, cheaper than `obj_description` (likewise for
    /// columns below).
    private static let tableComment =
        "(SELECT ds.description FROM pg_description ds WHERE ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0)"

    /// One relation `rel` (oid, relkind, reltuples, comment) as a JSON document: ``Description``.
    private static let document = """
        json_build_object(
            'kind', rel.relkind::text,
            'comment', rel.comment,
            'row_estimate', CASE WHEN rel.reltuples >= 0 THEN rel.reltuples::bigint
                                 ELSE (SELECT s.n_live_tup FROM pg_stat_all_tables s WHERE s.relid = rel.oid) END,
            'columns', (
                SELECT coalesce(json_agg(json_build_object(
                    'name', a.attname,
                    'type', format_type(a.atttypid, a.atttypmod),
                    'nullable', NOT a.attnotnull,
                    'default', pg_get_expr(d.adbin, d.adrelid),
                    'comment', (SELECT ds.description FROM pg_description ds
                                WHERE ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum)
                ) ORDER BY a.attnum), '[]'::json)
                FROM pg_attribute a
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
            ),
            'constraints', (
                SELECT coalesce(json_agg(json_build_object(
                    'name', con.conname,
                    'type', con.contype::text,
                    'columns', (SELECT json_agg(a.attname ORDER BY k.o) FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
                    'ref_schema', fn.nspname,
                    'ref_table', fc.relname,
                    'ref_columns', (SELECT json_agg(a.attname ORDER BY k.o) FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n)
                ) ORDER BY con.conname), '[]'::json)
                FROM pg_constraint con
                LEFT JOIN pg_class fc ON fc.oid = con.confrelid
                LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
                WHERE con.conrelid = rel.oid AND con.contype IN ('p', 'f', 'u')
            ),
            'indexes', (
                SELECT coalesce(json_agg(json_build_object(
                    'name', ic.relname,
                    'unique', i.indisunique,
                    'primary', i.indisprimary,
                    'definition', pg_get_indexdef(i.indexrelid),
                    'columns', (SELECT json_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k) FROM generate_series(1, i.indnkeyatts) k)
                ) ORDER BY ic.relname), '[]'::json)
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                WHERE i.indrelid = rel.oid
            )
        )
        """

    /// The shape of ``describe``'s JSON document.
    struct Description: Decodable {
        struct Column: Decodable {
            var name: String
            var type: String
            var nullable: Bool
            var `default`: String?
            var comment: String?
        }

        struct Constraint: Decodable {
            var name: String
            var type: String
            var columns: [String]?
            var ref_schema: String?
            var ref_table: String?
            var ref_columns: [String]?
        }

        struct Index: Decodable {
            var name: String
            var unique: Bool
            var primary: Bool
            var definition: String?
            var columns: [String]?
        }

        var kind: String
        var comment: String?
        var row_estimate: Int64?
        var columns: [Column]
        var constraints: [Constraint]
        var indexes: [Index]
    }
}
