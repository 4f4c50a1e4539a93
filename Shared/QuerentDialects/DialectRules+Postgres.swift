import Foundation
import QuerentCore

extension DialectRules {
    /// PostgreSQL: `"…"` identifiers, unquoted names folded to lower case and cut to 63 bytes,
    /// `E''`/`B''`/`X''`/`N''`/`U&''` and dollar-quoted strings, nested block comments, array
    /// brackets and `::` casts, schemas with `public` as the default, and `EXPLAIN` row estimates.
    public static let postgres = DialectRules(
        displayName: "PostgreSQL",
        quoting: IdentifierQuoting(
            style: QuoteStyle(opener: "\"", closer: "\"", doubling: true),
            plainStart: Set("abcdefghijklmnopqrstuvwxyz_".unicodeScalars),
            plainContinuation: Set("abcdefghijklmnopqrstuvwxyz_0123456789".unicodeScalars)
        ),
        lexer: LexerRules(
            identifierQuotes: [QuoteStyle(opener: "\"", closer: "\"", doubling: true)],
            dollarQuotedStrings: true,
            nestedBlockComments: true,
            carriageReturnEndsLineComment: true,
            lineCommentNeedsSpace: false,
            refusedBlockComments: [:],
            stringPrefixes: ["E", "B", "X", "N"],
            backslashEscapePrefixes: ["E"],
            unicodeEscapes: true,
            hexadecimalNumbers: false,
            upperCaseHexadecimalPrefix: false,
            arrayBrackets: true,
            doubleColonCasts: true,
            // `$1` is refused where dollar quotes are lexed; `?`, `@` and `#` are operators.
            parameterMarkers: [],
            refusedCharacters: [:],
            operatorCharacters: Set("~!@#^&|`?+-*/%<>=".unicodeScalars)
        ),
        names: NameRules(
            comparison: .foldUnquoted,
            maxIdentifierBytes: 63,
            // The driver pins `search_path` to `public`.
            defaultSchema: "public",
            schemaScope: .anySchema
        ),
        safety: SafetyRules(
            // `pg_*` functions that only format or describe values.
            allowedFunctions: ["pg_typeof", "pg_size_pretty", "pg_column_size"],
            deniedFunctions: [
                "nextval": .sequences, "setval": .sequences, "currval": .sequences, "lastval": .sequences,
                "set_config": .settings, "current_setting": .settings,
                "txid_current": .transactions, "txid_current_if_assigned": .transactions, "txid_current_snapshot": .transactions,
                "txid_status": .transactions,
                "loread": .largeObjects, "lowrite": .largeObjects,
                "ts_stat": .textSQL, "ts_rewrite": .textSQL, "crosstab": .textSQL, "crosstab2": .textSQL, "crosstab3": .textSQL,
                "crosstab4": .textSQL, "connectby": .textSQL,
                "version": .internals, "inet_server_addr": .internals, "inet_server_port": .internals, "inet_client_addr": .internals,
                "inet_client_port": .internals,
                "obj_description": .catalog, "col_description": .catalog, "shobj_description": .catalog, "format_type": .catalog,
                "row_security_active": .catalog, "current_schemas": .catalog,
                "get_raw_page": .internals, "heap_page_items": .internals, "heap_page_item_attrs": .internals, "page_header": .internals,
                "fsm_page_contents": .internals, "pgrowlocks": .internals,
                "addgeometrycolumn": .writes, "dropgeometrycolumn": .writes, "dropgeometrytable": .writes, "updategeometrysrid": .writes,
                "populate_geometry_columns": .writes, "st_estimatedextent": .catalog,
                "gin_clean_pending_list": .writes, "brin_summarize_new_values": .writes, "brin_summarize_range": .writes,
                "brin_desummarize_range": .writes,
            ],
            deniedFunctionPatterns: [
                FunctionPattern("pg_sleep", .sleeps), FunctionPattern("pg_advisory", .locks), FunctionPattern("pg_try_advisory", .locks),
                FunctionPattern("pg_read", .files), FunctionPattern("pg_ls_", .files), FunctionPattern("pg_stat_file", .files),
                FunctionPattern("pg_file", .files), FunctionPattern("pg_logdir", .files),
                FunctionPattern("pg_terminate_backend", .sessions), FunctionPattern("pg_cancel_backend", .sessions),
                FunctionPattern("pg_notify", .sessions),
                FunctionPattern("pg_reload_conf", .settings), FunctionPattern("pg_rotate_logfile", .writes),
                FunctionPattern("pg_current_xact", .transactions), FunctionPattern("pg_xact", .transactions),
                FunctionPattern("pg_", .catalog),
                FunctionPattern("lo_", .largeObjects), FunctionPattern("dblink", .network), FunctionPattern("postgres_fdw", .network),
                FunctionPattern("query_to_xml", .textSQL), FunctionPattern("cursor_to_xml", .textSQL), FunctionPattern("table_to_xml", .textSQL),
                FunctionPattern("schema_to_xml", .textSQL), FunctionPattern("database_to_xml", .textSQL),
                FunctionPattern("txid_", .transactions), FunctionPattern("to_reg", .catalog), FunctionPattern("binary_upgrade_", .writes),
                FunctionPattern("pgr_", .textSQL), FunctionPattern("pgstat", .internals), FunctionPattern("bt_", .internals),
                FunctionPattern("brin_page", .internals), FunctionPattern("gist_page", .internals), FunctionPattern("hash_page", .internals),
                FunctionPattern("has_", suffix: "_privilege", .catalog),
            ],
            // Pure set-returning built-ins.
            tableFunctions: [
                "generate_series", "generate_subscripts", "unnest", "regexp_split_to_table", "regexp_matches",
                "json_each", "json_each_text", "jsonb_each", "jsonb_each_text", "json_array_elements", "json_array_elements_text",
                "jsonb_array_elements", "jsonb_array_elements_text", "json_object_keys", "jsonb_object_keys",
            ],
            tableFunctionsSummary: "only generate_series, unnest and the JSON/regexp set-returning built-ins may",
            // Object-identifier types: casting a name to them looks it up in the catalog.
            catalogTypes: [
                "regclass", "regtype", "regproc", "regprocedure", "regoper", "regoperator", "regnamespace", "regrole",
                "regconfig", "regdictionary", "regcollation",
            ],
            qualifiedCallSchemas: ["pg_catalog"],
            clauseKeywords: SafetyRules.standardClauseKeywords.union(["OFFSET", "FETCH", "FOR"]),
            joinKeywords: [],
            dummyTables: [],
            refusedKeywords: [:],
            window: .clause,
            fetchFirst: true,
            catalogSchemas: ["pg_catalog", "information_schema"],
            catalogSchemaPrefixes: ["pg_toast", "pg_temp"],
            catalogTablePrefixes: [],
            // Postgres looks unqualified `pg_*` names up in `pg_catalog` first.
            unqualifiedCatalogTablePrefixes: ["pg_"],
            catalogPhrase: "is in the system catalog"
        ),
        generation: GenerationRules(
            caseInsensitiveLike: "ILIKE",
            periodBounds: { period in
                switch period {
                case .today: return ("CURRENT_DATE", "CURRENT_DATE + INTERVAL '1 day'")
                case .yesterday: return ("CURRENT_DATE - INTERVAL '1 day'", "CURRENT_DATE")
                case .thisWeek: return ("date_trunc('week', CURRENT_DATE)", "date_trunc('week', CURRENT_DATE) + INTERVAL '1 week'")
                case .lastWeek: return ("date_trunc('week', CURRENT_DATE) - INTERVAL '1 week'", "date_trunc('week', CURRENT_DATE)")
                case .thisMonth: return ("date_trunc('month', CURRENT_DATE)", "date_trunc('month', CURRENT_DATE) + INTERVAL '1 month'")
                case .lastMonth: return ("date_trunc('month', CURRENT_DATE) - INTERVAL '1 month'", "date_trunc('month', CURRENT_DATE)")
                case .thisYear: return ("date_trunc('year', CURRENT_DATE)", "date_trunc('year', CURRENT_DATE) + INTERVAL '1 year'")
                case .lastYear: return ("date_trunc('year', CURRENT_DATE) - INTERVAL '1 year'", "date_trunc('year', CURRENT_DATE)")
                case .lastDays(let n): return ("CURRENT_DATE - INTERVAL '\(max(0, n - 1)) days'", "CURRENT_DATE + INTERVAL '1 day'")
                case .lastMonths(let n): return ("CURRENT_DATE - INTERVAL '\(n) months'", "CURRENT_DATE + INTERVAL '1 day'")
                case .year(let year):
                    let (start, end) = CalendarPeriod.isoBounds(year: year)
                    return ("DATE '\(start)'", "DATE '\(end)'")
                case .month(let year, let month):
                    let (start, end) = CalendarPeriod.isoBounds(year: year, month: month)
                    return ("DATE '\(start)'", "DATE '\(end)'")
                }
            },
            promptGuidance: """
                - PostgreSQL: quote an identifier with double quotes when it has capitals or spaces ("OrderDate"); strings use single quotes. \
                Dates: EXTRACT(YEAR FROM col) = 2023, col >= now() - interval '1 month', date_trunc('month', col). \
                Use ILIKE for case-insensitive matching; cast integers to numeric before dividing. \
                There is no YEAR(), MONTH(), DATEDIFF(), IFNULL(), TOP or backtick quoting.
                """,
            timeBucket: { grain, expression in
                switch grain {
                case .day: return "to_char(\(expression), 'YYYY-MM-DD')"
                case .week: return "to_char(\(expression), 'IYYY-\"W\"IW')"
                case .month: return "to_char(\(expression), 'YYYY-MM')"
                case .quarter: return "to_char(\(expression), 'YYYY-\"Q\"Q')"
                case .year: return "to_char(\(expression), 'YYYY')"
                }
            },
            quarterOfYear: { expression in "CAST(EXTRACT(QUARTER FROM \(expression)) AS integer)" },
            joinedWithSpaces: { parts in parts.joined(separator: " || ' ' || ") },
            daysBetween: { start, end in "(EXTRACT(EPOCH FROM (CAST(\(end) AS timestamp) - CAST(\(start) AS timestamp))) / 86400)" },
            textDateCast: "timestamp"
        ),
        plannerRowEstimate: true
    )
}
