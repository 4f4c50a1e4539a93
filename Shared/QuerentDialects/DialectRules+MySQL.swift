import Foundation
import QuerentCore

extension DialectRules {
    /// MySQL and MariaDB, as the driver pins the session: `sql_mode` with `ANSI_QUOTES`
    /// (`"…"` and `` `…` `` are identifiers), `NO_BACKSLASH_ESCAPES` (strings are standard:
    /// backslash is an ordinary character) and `PIPES_AS_CONCAT` (`||` concatenates), so the
    /// gate's lexer reads a statement as the server does. `--` is a comment only before a space
    /// or a control character and ends at a line feed only; block comments do not nest;
    /// executable comments (`/*!`, `/*M!`), optimizer hints (`/*+`), `#` comments, `@` variables
    /// and `:=` are refused. Names compare exactly as written (table names are file names on
    /// Linux); only the connection's database is readable, by unqualified names.
    public static let mysql = DialectRules(
        displayName: "MySQL",
        quoting: IdentifierQuoting(
            style: QuoteStyle(opener: "`", closer: "`", doubling: true),
            plainStart: Set("abcdefghijklmnopqrstuvwxyz_".unicodeScalars),
            plainContinuation: Set("abcdefghijklmnopqrstuvwxyz_0123456789".unicodeScalars)
        ),
        lexer: LexerRules(
            identifierQuotes: [QuoteStyle(opener: "`", closer: "`", doubling: true), QuoteStyle(opener: "\"", closer: "\"", doubling: true)],
            dollarQuotedStrings: false,
            nestedBlockComments: false,
            // `#` and `--` comments end at a line feed only: a lexer that ended them at a carriage
            // return would read as code (and could take for a string) text the server skips.
            carriageReturnEndsLineComment: false,
            lineCommentNeedsSpace: true,
            refusedBlockComments: [
                "!": "executable comments (/*! … */) are not allowed: the server runs their contents",
                "M!": "executable comments (/*M! … */) are not allowed: MariaDB runs their contents",
                "+": "optimizer hints (/*+ … */) are not allowed: they change how the statement runs, its time limit included",
            ],
            // `_utf8mb4'…'` and other charset introducers lex as a word before a string.
            stringPrefixes: ["B", "X", "N"],
            backslashEscapePrefixes: [],
            unicodeEscapes: false,
            hexadecimalNumbers: true,
            upperCaseHexadecimalPrefix: false,
            arrayBrackets: false,
            doubleColonCasts: false,
            parameterMarkers: ["?"],
            refusedCharacters: [
                "#": "# comments are not allowed: write -- comments (with a space after --) or /* */",
                "@": "user and system variables (@name, @@name) are not allowed",
                ":": "assignments (:=) are not allowed",
            ],
            operatorCharacters: Set("~!^&|+-*/%<>=".unicodeScalars)
        ),
        names: NameRules(
            comparison: .exact,
            // Longer identifiers are errors, not cut.
            maxIdentifierBytes: nil,
            defaultSchema: "",
            schemaScope: .unqualifiedOnly
        ),
        safety: SafetyRules(
            allowedFunctions: [],
            deniedFunctions: [
                "sleep": .sleeps, "benchmark": .sleeps, "master_pos_wait": .sleeps, "source_pos_wait": .sleeps,
                "master_gtid_wait": .sleeps, "wait_for_executed_gtid_set": .sleeps, "wait_until_sql_thread_after_gtids": .sleeps,
                "load_file": .files,
                "get_lock": .locks, "release_lock": .locks, "release_all_locks": .locks, "is_free_lock": .locks, "is_used_lock": .locks,
                "service_release_locks": .locks,
                "nextval": .sequences, "lastval": .sequences, "setval": .sequences,
                "last_insert_id": .transactions, "row_count": .internals, "found_rows": .internals,
                "version": .internals, "connection_id": .internals, "database": .catalog, "schema": .catalog,
                "user": .internals, "current_user": .internals, "session_user": .internals, "system_user": .internals,
                "current_role": .internals, "roles_graph_ml": .catalog, "binlog_gtid_pos": .internals,
                "sys_exec": .network, "sys_eval": .network, "sys_get": .settings, "sys_set": .settings,
                "name_const": .internals, "uuid_short": .internals,
            ],
            deniedFunctionPatterns: [
                FunctionPattern("wsrep_", .internals), FunctionPattern("ps_", .catalog), FunctionPattern("format_", suffix: "_bytes", .internals),
                FunctionPattern("statement_digest", .internals), FunctionPattern("gtid_", .transactions),
                FunctionPattern("load_", .files), FunctionPattern("gen_dictionary_load", .files),
                // Plugin functions that change server state: audit log filters, keyrings,
                // version tokens, the locking service, replication and the firewall.
                FunctionPattern("audit_log_", .settings), FunctionPattern("keyring_", .settings), FunctionPattern("version_tokens_", .writes),
                FunctionPattern("service_get_", .locks), FunctionPattern("group_replication_", .writes),
                FunctionPattern("asynchronous_connection_failover_", .writes), FunctionPattern("mysql_firewall_", .settings),
                FunctionPattern("masking_dictionary_", .writes),
            ],
            // `JSON_TABLE` and the other table functions are refused as tables.
            tableFunctions: [],
            tableFunctionsSummary: "no function may",
            catalogTypes: [],
            qualifiedCallSchemas: [],
            // Only words reserved in every MySQL and MariaDB version: `OFFSET`, `EXCEPT` and
            // `INTERSECT` can be table aliases (`FROM t offset, u`).
            clauseKeywords: SafetyRules.reservedClauseKeywords.union(["FOR", "LOCK", "INTO", "PROCEDURE"]),
            joinKeywords: ["STRAIGHT_JOIN"],
            dummyTables: ["DUAL"],
            refusedKeywords: [
                "INTO": "SELECT … INTO is not allowed: it writes files (OUTFILE, DUMPFILE) or variables",
                "LOCK": "the row-locking clause LOCK IN SHARE MODE is not allowed: it takes locks",
                "PROCEDURE": "SELECT … PROCEDURE is not allowed: it runs a procedure over the result",
                "NEXT VALUE FOR": "NEXT VALUE FOR is not allowed: it advances a sequence",
                "PREVIOUS VALUE FOR": "PREVIOUS VALUE FOR is not allowed: it reads sequence state",
            ],
            window: .clauseBeforeNameAs,
            fetchFirst: false,
            catalogSchemas: ["information_schema", "mysql", "performance_schema", "sys"],
            catalogSchemaPrefixes: [],
            catalogTablePrefixes: [],
            unqualifiedCatalogTablePrefixes: [],
            catalogPhrase: "is in the system catalog"
        ),
        generation: GenerationRules(
            // The default collations ignore case.
            caseInsensitiveLike: "LIKE",
            periodBounds: { period in
                let monthStart = "CAST(DATE_FORMAT(CURDATE(), '%Y-%m-01') AS DATE)"
                let weekStart = "(CURDATE() - INTERVAL WEEKDAY(CURDATE()) DAY)"
                let yearStart = "MAKEDATE(YEAR(CURDATE()), 1)"
                switch period {
                case .today: return ("CURDATE()", "CURDATE() + INTERVAL 1 DAY")
                case .yesterday: return ("CURDATE() - INTERVAL 1 DAY", "CURDATE()")
                case .thisWeek: return (weekStart, "\(weekStart) + INTERVAL 1 WEEK")
                case .lastWeek: return ("\(weekStart) - INTERVAL 1 WEEK", weekStart)
                case .thisMonth: return (monthStart, "\(monthStart) + INTERVAL 1 MONTH")
                case .lastMonth: return ("\(monthStart) - INTERVAL 1 MONTH", monthStart)
                case .thisYear: return (yearStart, "\(yearStart) + INTERVAL 1 YEAR")
                case .lastYear: return ("\(yearStart) - INTERVAL 1 YEAR", yearStart)
                case .lastDays(let n): return ("CURDATE() - INTERVAL \(max(0, n - 1)) DAY", "CURDATE() + INTERVAL 1 DAY")
                case .lastMonths(let n): return ("CURDATE() - INTERVAL \(n) MONTH", "CURDATE() + INTERVAL 1 DAY")
                case .year(let year):
                    let (start, end) = CalendarPeriod.isoBounds(year: year)
                    return ("DATE '\(start)'", "DATE '\(end)'")
                case .month(let year, let month):
                    let (start, end) = CalendarPeriod.isoBounds(year: year, month: month)
                    return ("DATE '\(start)'", "DATE '\(end)'")
                }
            },
            promptGuidance: """
                - MySQL: the database is MySQL or MariaDB. Quote an identifier with backticks when it has capitals, spaces or is a keyword \
                (`Order Date`), and write table names exactly as they are spelled; \
                strings use single quotes. Dates: YEAR(col) = 2023, col >= CURDATE() - INTERVAL 1 MONTH, DATE_FORMAT(col, '%Y-%m'). \
                Join text with CONCAT(a, ' ', b); LIKE already ignores case. Use LIMIT n. \
                There is no ILIKE, FULL OUTER JOIN, date_trunc, ::casts, TOP, or user variables (@x); write no # or /*! */ comments.
                """,
            timeBucket: { grain, expression in
                switch grain {
                case .day: return "DATE_FORMAT(\(expression), '%Y-%m-%d')"
                case .week: return "DATE_FORMAT(\(expression), '%x-W%v')"
                case .month: return "DATE_FORMAT(\(expression), '%Y-%m')"
                case .quarter: return "CONCAT(YEAR(\(expression)), '-Q', QUARTER(\(expression)))"
                case .year: return "DATE_FORMAT(\(expression), '%Y')"
                }
            },
            quarterOfYear: { expression in "QUARTER(\(expression))" },
            joinedWithSpaces: { parts in "CONCAT_WS(' ', " + parts.joined(separator: ", ") + ")" },
            daysBetween: { start, end in "(TIMESTAMPDIFF(SECOND, \(start), \(end)) / 86400.0)" },
            textDateCast: "datetime"
        ),
        plannerRowEstimate: false
    )
}
