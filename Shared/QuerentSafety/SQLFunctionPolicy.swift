import Foundation
import QuerentCore

/// Which functions a customer statement may call, per dialect.
///
/// Scalar functions are denied by name (a denylist: built-ins and common extensions that write,
/// sleep or lock, reach files, the network or other sessions, run SQL given as text, consume
/// transaction or sequence state, or read the catalog). Functions used as tables (`FROM f(…)`)
/// are allowed by name (an allowlist): on Postgres only pure set-returning built-ins, on SQLite
/// none, because SQLite's table-valued functions are virtual tables (`pragma_*`, `dbstat`,
/// `json_each`) that the execution guard refuses.
enum SQLFunctionPolicy {
    /// Why `name` may not be called, or nil when it may. Matching ignores ASCII case.
    static func denial(_ name: String, dialect: Dialect) -> String? {
        let lower = SQLToken.asciiLowercased(name)
        switch dialect {
        case .postgres:
            if postgresAllowedCatalogFunctions.contains(lower) { return nil }
            if let reason = postgresExact[lower] { return reason }
            if let entry = postgresPrefixes.first(where: { lower.hasPrefix($0.prefix) }) { return entry.reason }
            if lower.hasPrefix("has_"), lower.hasSuffix("_privilege") { return catalog }
        case .sqlite:
            if let reason = sqliteExact[lower] { return reason }
            if let entry = sqlitePrefixes.first(where: { lower.hasPrefix($0.prefix) }) { return entry.reason }
        }
        return nil
    }

    /// Whether `name` may be used as a table (`FROM name(…)`).
    static func isAllowedAsTable(_ name: String, dialect: Dialect) -> Bool {
        dialect == .postgres && postgresTableFunctions.contains(SQLToken.asciiLowercased(name))
    }

    /// Functions whose arguments, when literal numbers this large, make a statement allocate
    /// much memory or run long (reported as a warning).
    static let heavyFunctions: Set<String> = ["generate_series", "repeat", "lpad", "rpad", "randomblob", "zeroblob", "printf"]
    static let heavyArgument: Double = 10_000_000

    private static let sleeps = "it sleeps or waits"
    private static let files = "it reads or writes server files"
    private static let network = "it reaches other databases or the network"
    private static let writes = "it changes database or server state"
    private static let sequences = "it reads or advances sequences"
    private static let transactions = "it assigns or exposes transaction ids"
    private static let settings = "it reads or changes server settings"
    private static let sessions = "it affects other sessions"
    private static let locks = "it takes locks that outlive the statement"
    private static let textSQL = "it runs SQL given as text, which the safety gate cannot check"
    private static let catalog = "it reads the system catalog, which describes untrained tables"
    private static let largeObjects = "it reads or writes large objects outside the trained tables"
    private static let extensions = "it loads native code"
    private static let internals = "it exposes database internals"

    /// `pg_*` functions that only format or describe values.
    private static let postgresAllowedCatalogFunctions: Set<String> = ["pg_typeof", "pg_size_pretty", "pg_column_size"]

    private static let postgresExact: [String: String] = [
        "nextval": sequences, "setval": sequences, "currval": sequences, "lastval": sequences,
        "set_config": settings, "current_setting": settings,
        "txid_current": transactions, "txid_current_if_assigned": transactions, "txid_current_snapshot": transactions,
        "txid_status": transactions,
        "loread": largeObjects, "lowrite": largeObjects,
        "ts_stat": textSQL, "ts_rewrite": textSQL, "crosstab": textSQL, "crosstab2": textSQL, "crosstab3": textSQL,
        "crosstab4": textSQL, "connectby": textSQL,
        "version": internals, "inet_server_addr": internals, "inet_server_port": internals, "inet_client_addr": internals,
        "inet_client_port": internals,
        "obj_description": catalog, "col_description": catalog, "shobj_description": catalog, "format_type": catalog,
        "row_security_active": catalog, "current_schemas": catalog,
        "get_raw_page": internals, "heap_page_items": internals, "heap_page_item_attrs": internals, "page_header": internals,
        "fsm_page_contents": internals, "pgrowlocks": internals,
        "addgeometrycolumn": writes, "dropgeometrycolumn": writes, "dropgeometrytable": writes, "updategeometrysrid": writes,
        "populate_geometry_columns": writes, "st_estimatedextent": catalog,
        "gin_clean_pending_list": writes, "brin_summarize_new_values": writes, "brin_summarize_range": writes,
        "brin_desummarize_range": writes,
    ]

    private static let postgresPrefixes: [(prefix: String, reason: String)] = [
        ("pg_sleep", sleeps), ("pg_advisory", locks), ("pg_try_advisory", locks),
        ("pg_read", files), ("pg_ls_", files), ("pg_stat_file", files), ("pg_file", files), ("pg_logdir", files),
        ("pg_terminate_backend", sessions), ("pg_cancel_backend", sessions), ("pg_notify", sessions),
        ("pg_reload_conf", settings), ("pg_rotate_logfile", writes), ("pg_current_xact", transactions), ("pg_xact", transactions),
        ("pg_", catalog),
        ("lo_", largeObjects), ("dblink", network), ("postgres_fdw", network),
        ("query_to_xml", textSQL), ("cursor_to_xml", textSQL), ("table_to_xml", textSQL), ("schema_to_xml", textSQL),
        ("database_to_xml", textSQL),
        ("txid_", transactions), ("to_reg", catalog), ("binary_upgrade_", writes),
        ("pgr_", textSQL), ("pgstat", internals), ("bt_", internals), ("brin_page", internals), ("gist_page", internals),
        ("hash_page", internals),
    ]

    private static let postgresTableFunctions: Set<String> = [
        "generate_series", "generate_subscripts", "unnest", "regexp_split_to_table", "regexp_matches",
        "json_each", "json_each_text", "jsonb_each", "jsonb_each_text", "json_array_elements", "json_array_elements_text",
        "jsonb_array_elements", "jsonb_array_elements_text", "json_object_keys", "jsonb_object_keys",
    ]

    private static let sqliteExact: [String: String] = [
        "load_extension": extensions, "readfile": files, "writefile": files, "edit": files, "lsmode": files,
        "fts3_tokenizer": extensions, "fts5": extensions, "eval": textSQL, "sha3_query": textSQL, "zipfile": files,
    ]

    private static let sqlitePrefixes: [(prefix: String, reason: String)] = [
        ("sqlite_", internals), ("pragma_", catalog),
    ]
}
