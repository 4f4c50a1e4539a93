import Foundation
import QuerentCore

/// Everything Querent knows about one SQL dialect, as data: how names are written and compared,
/// where the lexer's boundaries fall, what the safety gate refuses, and how generated SQL and
/// prompts are worded.
///
/// The safety gate (QuerentSafety), the built-in generator (QuerentGeneration) and the LLM
/// prompt (QuerentLLMGeneration) read these values instead of switching on ``Dialect``; the
/// values themselves live in one file per dialect (`DialectRules+Postgres.swift`, …), and
/// ``Dialect/rules`` is the one place that maps a dialect to them.
public struct DialectRules: Sendable {
    /// The dialect's name as shown to people and models ("PostgreSQL").
    public let displayName: String
    /// How generated SQL writes identifiers.
    public let quoting: IdentifierQuoting
    /// Where the lexer finds strings, quoted identifiers, comments, numbers and operators.
    public let lexer: LexerRules
    /// How names fold, compare and qualify.
    public let names: NameRules
    /// What the safety gate refuses beyond what every dialect refuses.
    public let safety: SafetyRules
    /// How generated SQL and the LLM prompt are worded.
    public let generation: GenerationRules
    /// Whether the database estimates a statement's rows from its planner
    /// (`EXPLAIN (FORMAT JSON)` on Postgres).
    public let plannerRowEstimate: Bool
}

extension Dialect {
    /// The rules of this dialect. The one place that switches on the dialect.
    public var rules: DialectRules {
        switch self {
        case .postgres: .postgres
        case .sqlite: .sqlite
        case .mysql: .mysql
        }
    }
}

// MARK: - Identifiers

extension DialectRules {
    /// A pair of quote characters around an identifier.
    public struct QuoteStyle: Sendable, Hashable {
        /// The character that opens the quoted identifier.
        public let opener: Unicode.Scalar
        /// The character that closes it.
        public let closer: Unicode.Scalar
        /// Whether a doubled closer inside stands for one closer (`"a""b"`); without doubling
        /// the closer cannot occur inside (`[a]`).
        public let doubling: Bool

        /// Quotes from `opener` to `closer`; `doubling` lets a doubled closer stand for one.
        public init(opener: Unicode.Scalar, closer: Unicode.Scalar, doubling: Bool) {
            self.opener = opener
            self.closer = closer
            self.doubling = doubling
        }

        /// `name` between the quotes, closers doubled when the style allows it.
        public func quoted(_ name: String) -> String {
            let closer = String(self.closer)
            let body = doubling ? name.replacingOccurrences(of: closer, with: closer + closer) : name
            return String(opener) + body + closer
        }
    }

    /// How generated SQL writes identifiers: bare when their shape allows it, quoted otherwise.
    public struct IdentifierQuoting: Sendable {
        /// The quotes generated SQL uses.
        public let style: QuoteStyle
        /// Characters a bare identifier may start with.
        public let plainStart: Set<Unicode.Scalar>
        /// Characters a bare identifier may continue with.
        public let plainContinuation: Set<Unicode.Scalar>

        /// Whether `name` has the shape of a bare identifier (reserved words aside: the callers
        /// keep their own lists).
        public func isPlain(_ name: String) -> Bool {
            guard let first = name.unicodeScalars.first, plainStart.contains(first) else { return false }
            return name.unicodeScalars.allSatisfy(plainContinuation.contains)
        }

        /// `name` in quotes.
        public func quoted(_ name: String) -> String { style.quoted(name) }
    }
}

// MARK: - Lexer

extension DialectRules {
    /// The lexical rules the safety gate's lexer follows where they decide what is code and
    /// what is not. Every dialect has `'…'` strings with doubled quotes, `--` line comments,
    /// `/* */` block comments and decimal numbers.
    ///
    /// Where the lexer and the server could read a statement differently, the rules make the
    /// lexer refuse rather than guess: text the server executes must never be hidden from the
    /// gate inside what the lexer takes for a comment or a string.
    public struct LexerRules: Sendable {
        /// The quotes that open a quoted identifier.
        public let identifierQuotes: [QuoteStyle]
        /// Whether `$$…$$` and `$tag$…$tag$` are strings (`$1` is then a refused parameter).
        public let dollarQuotedStrings: Bool
        /// Whether `/* /* */ */` nests.
        public let nestedBlockComments: Bool
        /// Whether a bare carriage return ends a `--` comment (a line feed always does).
        public let carriageReturnEndsLineComment: Bool
        /// Whether `--` starts a comment only when a space, a control character or the end of
        /// the text follows it (MySQL: `1 --1` is `1 - -1`). The lexer then refuses any other
        /// `--`, so two minus signs are written `- -`.
        public let lineCommentNeedsSpace: Bool
        /// Block comments the server does not take as comments, by what follows `/*` (matched
        /// ignoring ASCII case), with why the lexer refuses them: MySQL runs `/*! … */`, MariaDB
        /// `/*M! … */`, and `/*+ … */` holds optimizer hints.
        public let refusedBlockComments: [String: String]
        /// Letters (upper case, matched in either case) that may prefix a `'…'` string: `E'…'`.
        public let stringPrefixes: Set<Unicode.Scalar>
        /// The prefixes among ``stringPrefixes`` whose strings take backslash escapes.
        public let backslashEscapePrefixes: Set<Unicode.Scalar>
        /// Whether `U&'…'` strings exist (and `U&"…"` identifiers, which the lexer refuses).
        public let unicodeEscapes: Bool
        /// Whether `0x…` is a hexadecimal number.
        public let hexadecimalNumbers: Bool
        /// Whether `0X…` is one too; where it is not (MySQL, which reads `0X41` as a name), the
        /// lexer refuses it as a number running into a letter.
        public let upperCaseHexadecimalPrefix: Bool
        /// Whether `[` and `]` are array subscripts (punctuation); when neither this nor an
        /// identifier quote claims them, they are refused.
        public let arrayBrackets: Bool
        /// Whether `::` is the cast operator and a single `:` punctuation (array slices).
        public let doubleColonCasts: Bool
        /// Characters that start a bind parameter: the lexer refuses them outside strings.
        public let parameterMarkers: Set<Unicode.Scalar>
        /// Other characters refused outside strings, quoted identifiers and comments, with why
        /// (MySQL: `#` starts a comment, `@` a user or system variable, `:` an assignment `:=`).
        public let refusedCharacters: [Unicode.Scalar: String]
        /// The characters operators are made of.
        public let operatorCharacters: Set<Unicode.Scalar>
    }
}

// MARK: - Names

extension DialectRules {
    /// How table and CTE names fold, compare and qualify.
    public struct NameRules: Sendable {
        /// How names compare.
        public enum Comparison: Sendable, Hashable {
            /// Unquoted names fold to ASCII lower case, quoted names stay as written, and the
            /// results compare exactly.
            case foldUnquoted
            /// Every name, quoted or not, compares ignoring ASCII case.
            case asciiCaseInsensitive
            /// Every name, quoted or not, compares exactly as written (MySQL on Linux, where
            /// table names are file names): only the trained spelling matches.
            case exact
        }

        /// Which schemas a statement may read tables from.
        public enum SchemaScope: Sendable, Hashable {
            /// Any schema (catalog schemas aside). A table's canonical name is `name` in the
            /// default schema and `schema.name` elsewhere.
            case anySchema
            /// Only the default schema. A qualifier naming one of `temporarySchemas` is refused
            /// as the temporary schema, any other as an attached database; a table's canonical
            /// name is its trained spelling.
            case defaultSchemaOnly(temporarySchemas: Set<String>)
            /// Only the connection's database, named without a qualifier: a qualified name is in
            /// another database (or the catalog) and refused. A table's canonical name is its
            /// trained spelling.
            case unqualifiedOnly
        }

        /// How names compare.
        public let comparison: Comparison
        /// The length in UTF-8 bytes the database cuts identifiers to, or nil when it keeps them whole.
        public let maxIdentifierBytes: Int?
        /// The schema an unqualified table name means (`public`, `main`; empty where it is the
        /// connection's database, whatever its name).
        public let defaultSchema: String
        /// Which schemas a statement may read tables from.
        public let schemaScope: SchemaScope

        /// Whether canonical table names carry their schema (`schema.name`).
        public var qualifiesCanonicalNames: Bool { schemaScope == .anySchema }
    }
}

// MARK: - Safety

extension DialectRules {
    /// Why a function is denied; the raw value is how the refusal words it.
    public enum FunctionRisk: String, Sendable, Hashable, CaseIterable {
        /// Sleeps or waits (`pg_sleep`).
        case sleeps = "it sleeps or waits"
        /// Reads or writes server files.
        case files = "it reads or writes server files"
        /// Reaches other databases or the network (`dblink`).
        case network = "it reaches other databases or the network"
        /// Changes database or server state.
        case writes = "it changes database or server state"
        /// Reads or advances sequences (`nextval`).
        case sequences = "it reads or advances sequences"
        /// Assigns or exposes transaction ids.
        case transactions = "it assigns or exposes transaction ids"
        /// Reads or changes server settings.
        case settings = "it reads or changes server settings"
        /// Affects other sessions.
        case sessions = "it affects other sessions"
        /// Takes locks that outlive the statement (advisory locks).
        case locks = "it takes locks that outlive the statement"
        /// Runs SQL given as text, which the gate cannot check.
        case textSQL = "it runs SQL given as text, which the safety gate cannot check"
        /// Reads the system catalog.
        case catalog = "it reads the system catalog, which describes untrained tables"
        /// Reads or writes large objects.
        case largeObjects = "it reads or writes large objects outside the trained tables"
        /// Loads native code (`load_extension`).
        case extensions = "it loads native code"
        /// Exposes database internals (versions, pages, addresses).
        case internals = "it exposes database internals"
    }

    /// Function names denied by shape: a prefix and, optionally, a suffix (lower case).
    public struct FunctionPattern: Sendable, Hashable {
        /// What the name starts with.
        public let prefix: String
        /// What the name ends with, or nil for any ending.
        public let suffix: String?
        /// Why such functions are denied.
        public let risk: FunctionRisk

        /// Denies names starting with `prefix` (and ending with `suffix`, when given).
        public init(_ prefix: String, suffix: String? = nil, _ risk: FunctionRisk) {
            self.prefix = prefix
            self.suffix = suffix
            self.risk = risk
        }

        /// Whether the lower-cased `name` has this shape.
        public func matches(_ name: String) -> Bool {
            name.hasPrefix(prefix) && suffix.map { name.hasSuffix($0) } != false
        }
    }

    /// How the keyword `WINDOW` is read after a from-item.
    public enum WindowKeyword: Sendable, Hashable {
        /// Always the WINDOW clause.
        case clause
        /// The WINDOW clause only when `name AS` follows; otherwise it may be an alias.
        case clauseBeforeNameAs
    }

    /// What the safety gate refuses in this dialect beyond the rules every dialect shares.
    public struct SafetyRules: Sendable {
        /// Functions allowed although a pattern denies them (lower case).
        public let allowedFunctions: Set<String>
        /// Functions denied by exact name (lower case).
        public let deniedFunctions: [String: FunctionRisk]
        /// Functions denied by shape, tried in order after the exact names.
        public let deniedFunctionPatterns: [FunctionPattern]
        /// Functions that may be used as tables (`FROM f(…)`), lower case.
        public let tableFunctions: Set<String>
        /// How a refusal describes ``tableFunctions`` ("no function may").
        public let tableFunctionsSummary: String
        /// Types whose casts look names up in the system catalog (lower case, refused as names).
        public let catalogTypes: Set<String>
        /// The only schemas a function call may be qualified with (`pg_catalog.lower(…)`), normalized.
        public let qualifiedCallSchemas: Set<String>
        /// Keywords (upper case) that always end a from-list: they can never be a table alias.
        public let clauseKeywords: Set<String>
        /// Keywords besides `JOIN` (upper case) after which a from-item follows (MySQL `STRAIGHT_JOIN`).
        public let joinKeywords: Set<String>
        /// Keywords (upper case) that name no table after `FROM` (MySQL `DUAL`); quoted, they are table names.
        public let dummyTables: Set<String>
        /// Keywords and keyword phrases (upper case, words separated by single spaces) refused
        /// wherever they appear unquoted, with why (MySQL `INTO`, `LOCK`, `NEXT VALUE FOR`).
        /// They are checked before the rules every dialect shares.
        public let refusedKeywords: [String: String]
        /// How `WINDOW` after a from-item is read.
        public let window: WindowKeyword
        /// Whether `FETCH FIRST n ROWS` limits a query (as `LIMIT` does).
        public let fetchFirst: Bool
        /// Schemas (normalized) whose tables are the system catalog.
        public let catalogSchemas: Set<String>
        /// Prefixes of schema names whose tables are the system catalog.
        public let catalogSchemaPrefixes: [String]
        /// Prefixes of table names that are the catalog wherever they are.
        public let catalogTablePrefixes: [String]
        /// Prefixes of table names that are the catalog when the name is unqualified.
        public let unqualifiedCatalogTablePrefixes: [String]
        /// How a refusal says a table belongs to the catalog ("is in the system catalog").
        public let catalogPhrase: String

        /// Keywords that end a from-list in every dialect.
        public static let standardClauseKeywords: Set<String> = [
            "SELECT", "UNION", "INTERSECT", "EXCEPT", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
        ]

        /// The ``standardClauseKeywords`` reserved in every version of every dialect. MySQL
        /// before 8.0.31 takes `EXCEPT` and `INTERSECT` as table aliases (`FROM t except, u`),
        /// so they may not end its from-lists (the `SELECT` after them does).
        public static let reservedClauseKeywords: Set<String> = standardClauseKeywords.subtracting(["INTERSECT", "EXCEPT"])

        /// Why the function `name` may not be called, or nil when it may. Matching ignores ASCII case.
        public func functionDenial(_ name: String) -> FunctionRisk? {
            let lower = Self.asciiLowercased(name)
            if allowedFunctions.contains(lower) { return nil }
            if let risk = deniedFunctions[lower] { return risk }
            return deniedFunctionPatterns.first { $0.matches(lower) }?.risk
        }

        /// Whether `name` may be used as a table (`FROM name(…)`). Matching ignores ASCII case.
        public func isTableFunction(_ name: String) -> Bool {
            tableFunctions.contains(Self.asciiLowercased(name))
        }

        private static func asciiLowercased(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
        }
    }
}

// MARK: - Generation

/// A calendar period relative to the current date, as the built-in generator reads it from a
/// question ("last month", "in 2023").
public enum CalendarPeriod: Sendable, Hashable {
    /// Today, or the day before.
    case today, yesterday
    /// The current calendar week, or the one before.
    case thisWeek, lastWeek
    /// The current calendar month, or the one before.
    case thisMonth, lastMonth
    /// The current calendar year, or the one before.
    case thisYear, lastYear
    /// The last `n` days, today included.
    case lastDays(Int)
    /// The last `n` months up to today.
    case lastMonths(Int)
    /// A whole calendar year.
    case year(Int)
    /// A calendar month of a year (1…12).
    case month(year: Int, month: Int)
}

extension CalendarPeriod {
    /// The half-open ISO-date bounds `[start, end)` of a whole calendar year, or of one month of
    /// it: what every dialect writes as its date literals for ``year(_:)`` and ``month(year:month:)``.
    public static func isoBounds(year: Int, month: Int? = nil) -> (start: String, end: String) {
        guard let month else { return (String(format: "%04d-01-01", year), String(format: "%04d-01-01", year + 1)) }
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        return (String(format: "%04d-%02d-01", year, month), String(format: "%04d-%02d-01", next.0, next.1))
    }
}

extension DialectRules {
    /// How generated SQL and the LLM prompt are worded.
    public struct GenerationRules: Sendable {
        /// The operator for case-insensitive pattern matching (`ILIKE`, or `LIKE` where LIKE
        /// already ignores case); negated with `NOT `.
        public let caseInsensitiveLike: String
        /// The half-open bounds `[start, end)` of a period, as SQL expressions over the current date.
        public let periodBounds: @Sendable (CalendarPeriod) -> (start: String, end: String)
        /// The dialect's paragraph of the LLM system prompt (one `- …` rule line).
        public let promptGuidance: String
        /// An expression naming the time bucket of a date or timestamp expression at a grain, as
        /// sortable text (`2024-03`, `2024-Q1`, `2024-W09`, `2024`, `2024-03-05`).
        public let timeBucket: @Sendable (_ grain: SemanticModel.TimeGrain, _ expression: String) -> String
        /// An integer expression for the quarter (1–4) of a date or timestamp expression: the
        /// bucket within one year.
        public let quarterOfYear: @Sendable (_ expression: String) -> String
        /// Text expressions joined with single spaces (a person's full name from its parts).
        public let joinedWithSpaces: @Sendable ([String]) -> String
        /// The days from one date or timestamp expression to another, fractional for times
        /// ("delivered more than 10 days after it was placed").
        public let daysBetween: @Sendable (_ start: String, _ end: String) -> String
        /// The type a date kept as text must be cast to before date functions apply, or nil when
        /// the dialect's date functions read text (SQLite).
        public let textDateCast: String?
    }
}
