import Foundation

/// One lexical token of a SQL statement. Comments and whitespace are not tokens.
struct SQLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// An unquoted identifier or keyword.
        case word
        /// A quoted identifier (`"x"`; SQLite also `[x]` and `` `x` ``).
        case quotedIdentifier
        /// A string literal of any form: `'x'`, `E'x'`, `$$x$$`, `X'01'`, `B'01'`, `N'x'`, `U&'x'`.
        case string
        case number
        /// A run of operator characters (`+`, `::`, `||`, `->>`).
        case op
        /// `(`, `)`, `[`, `]` (Postgres), `,`, `;`, `.`, `:` (Postgres).
        case punctuation
    }

    let kind: Kind
    /// The source text of the token, except for quoted identifiers, where it is the name
    /// without quotes and with doubled quotes undone.
    let value: String
    /// The token's position, in Unicode scalars of the statement.
    let range: Range<Int>
    /// The ASCII-uppercased text of a word (keywords are matched this way), or "" for other kinds.
    let keyword: String

    init(kind: Kind, value: String, range: Range<Int>) {
        self.kind = kind
        self.value = value
        self.range = range
        keyword = kind == .word ? SQLToken.asciiUppercased(value) : ""
    }

    /// Whether the token is the unquoted keyword `keyword` (given in upper case).
    func isKeyword(_ keyword: String) -> Bool { self.keyword == keyword && kind == .word }

    /// Whether the token is the punctuation or operator `text`.
    func isSymbol(_ text: String) -> Bool {
        (kind == .punctuation || kind == .op) && value == text
    }

    /// Whether the token names something: a word or a quoted identifier.
    var isName: Bool { kind == .word || kind == .quotedIdentifier }

    /// `text` with ASCII letters upper-cased and everything else unchanged.
    static func asciiUppercased(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { ("a"..."z").contains($0) ? Unicode.Scalar($0.value - 32)! : $0 }))
    }

    /// `text` with ASCII letters lower-cased and everything else unchanged: how Postgres folds
    /// unquoted identifiers in a UTF-8 database, and how SQLite compares names.
    static func asciiLowercased(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }
}
