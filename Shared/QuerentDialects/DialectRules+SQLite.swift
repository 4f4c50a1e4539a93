import Foundation
import QuerentCore

extension DialectRules {
    /// SQLite: `"…"`, `[…]` and `` `…` `` identifiers, names compared ignoring ASCII case, `X''`
    /// strings and `0x` numbers, block comments that do not nest, bind parameters `? :a @a #a $a`
    /// refused, and only the `main` schema.
    public static let sqlite = DialectRules(
        displayName: "SQLite",
        quoting: IdentifierQuoting(
            style: QuoteStyle(opener: "\"", closer: "\"", doubling: true),
            plainStart: Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_".unicodeScalars),
            plainContinuation: Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789".unicodeScalars)
        ),
        lexer: LexerRules(
            identifierQuotes: [
                QuoteStyle(opener: "\"", closer: "\"", doubling: true),
                QuoteStyle(opener: "[", closer: "]", doubling: false),
                QuoteStyle(opener: "`", closer: "`", doubling: true),
            ],
            dollarQuotedStrings: false,
            nestedBlockComments: false,
            carriageReturnEndsLineComment: false,
            lineCommentNeedsSpace: false,
            refusedBlockComments: [:],
            stringPrefixes: ["X"],
            backslashEscapePrefixes: [],
            unicodeEscapes: false,
            hexadecimalNumbers: true,
            upperCaseHexadecimalPrefix: true,
            arrayBrackets: false,
            doubleColonCasts: false,
            parameterMarkers: ["?", ":", "@", "#", "$"],
            refusedCharacters: [:],
            operatorCharacters: Set("|*/%+-<>=!&~".unicodeScalars)
        ),
        names: NameRules(
            comparison: .asciiCaseInsensitive,
            maxIdentifierBytes: nil,
            defaultSchema: "main",
            schemaScope: .defaultSchemaOnly(temporarySchemas: ["temp", "temporary"])
        ),
        safety: SafetyRules(
            allowedFunctions: [],
            deniedFunctions: [
                "load_extension": .extensions, "readfile": .files, "writefile": .files, "edit": .files, "lsmode": .files,
                "fts3_tokenizer": .extensions, "fts5": .extensions, "eval": .textSQL, "sha3_query": .textSQL, "zipfile": .files,
            ],
            deniedFunctionPatterns: [FunctionPattern("sqlite_", .internals), FunctionPattern("pragma_", .catalog)],
            // Table-valued functions are virtual tables (`pragma_*`, `dbstat`, `json_each`) that
            // the execution guard refuses.
            tableFunctions: [],
            tableFunctionsSummary: "no function may",
            catalogTypes: [],
            qualifiedCallSchemas: [],
            // `OFFSET` and `FOR` may be table aliases.
            clauseKeywords: SafetyRules.standardClauseKeywords,
            joinKeywords: [],
            dummyTables: [],
            refusedKeywords: [:],
            window: .clauseBeforeNameAs,
            fetchFirst: false,
            catalogSchemas: [],
            catalogSchemaPrefixes: [],
            catalogTablePrefixes: ["sqlite_", "pragma_"],
            unqualifiedCatalogTablePrefixes: [],
            catalogPhrase: "is part of the SQLite catalog"
        ),
        generation: GenerationRules(
            // LIKE already ignores ASCII case.
            caseInsensitiveLike: "LIKE",
            periodBounds: { period in
                switch period {
                case .today: return ("date('now')", "date('now', '+1 day')")
                case .yesterday: return ("date('now', '-1 day')", "date('now')")
                case .thisWeek: return ("date('now', 'weekday 0', '-7 days')", "date('now', 'weekday 0')")
                case .lastWeek: return ("date('now', 'weekday 0', '-14 days')", "date('now', 'weekday 0', '-7 days')")
                case .thisMonth: return ("date('now', 'start of month')", "date('now', 'start of month', '+1 month')")
                case .lastMonth: return ("date('now', 'start of month', '-1 month')", "date('now', 'start of month')")
                case .thisYear: return ("date('now', 'start of year')", "date('now', 'start of year', '+1 year')")
                case .lastYear: return ("date('now', 'start of year', '-1 year')", "date('now', 'start of year')")
                case .lastDays(let n): return ("date('now', '-\(max(0, n - 1)) days')", "date('now', '+1 day')")
                case .lastMonths(let n): return ("date('now', '-\(n) months')", "date('now', '+1 day')")
                case .year(let year):
                    let (start, end) = CalendarPeriod.isoBounds(year: year)
                    return ("'\(start)'", "'\(end)'")
                case .month(let year, let month):
                    let (start, end) = CalendarPeriod.isoBounds(year: year, month: month)
                    return ("'\(start)'", "'\(end)'")
                }
            },
            promptGuidance: """
                - SQLite: quote an identifier with double quotes only when it needs them ("order date"); strings use single quotes. \
                Dates are text: strftime('%Y', col) = '2023', date('now', '-1 month'). \
                There is no YEAR(), MONTH(), DATEDIFF(), NOW(), ILIKE, TOP or backtick quoting.
                """,
            timeBucket: { grain, expression in
                switch grain {
                case .day: return "date(\(expression))"
                case .week: return "strftime('%Y-W%W', \(expression))"
                case .month: return "strftime('%Y-%m', \(expression))"
                case .quarter: return "strftime('%Y', \(expression)) || '-Q' || ((CAST(strftime('%m', \(expression)) AS INTEGER) + 2) / 3)"
                case .year: return "strftime('%Y', \(expression))"
                }
            },
            quarterOfYear: { expression in "(CAST(strftime('%m', \(expression)) AS INTEGER) + 2) / 3" },
            joinedWithSpaces: { parts in parts.joined(separator: " || ' ' || ") },
            daysBetween: { start, end in "(julianday(\(end)) - julianday(\(start)))" },
            textDateCast: nil
        ),
        plannerRowEstimate: false
    )
}
