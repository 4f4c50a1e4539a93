import Foundation
import QuerentCore

/// One token of SQL text, with where it sits in the text.
public struct SQLScanToken: Hashable, Sendable {
    /// What kind of token it is.
    public enum Kind: Hashable, Sendable {
        /// A bare word: keyword, identifier or function name.
        case word
        /// A `"double-quoted"` or `` `backtick` `` identifier; ``text`` is its unquoted name.
        case quotedIdentifier
        /// A `'string'`; ``text`` is its contents.
        case string
        case number
        /// Punctuation and operators (`(`, `,`, `.`, `::`, `<=`, `;`).
        case symbol
    }

    /// The kind of token.
    public var kind: Kind
    /// Its text; the unquoted contents for strings and quoted identifiers.
    public var text: String
    /// Where it sits in the scanned text, quotes included.
    public var range: Range<String.Index>

    /// The upper-cased text of a bare word, `nil` for other tokens.
    public var keyword: String? { kind == .word ? text.uppercased() : nil }

    /// Whether the token names something: a bare word or a quoted identifier.
    public var isName: Bool { kind == .word || kind == .quotedIdentifier }

    /// Whether the token is the symbol `symbol`.
    public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}

/// A small tokenizer for reading SQL text (the LLM generator's checks on a reply, the literals of
/// a taught example): it knows quotes, doubled-quote escapes and comments (nested block comments
/// included) well enough to find statement ends, identifiers and literals with their positions.
/// It is not the safety gate's tokenizer and makes no safety decision.
public enum SQLScanner {
    /// The tokens of `sql`; comments and whitespace are dropped.
    public static func tokens(_ sql: String) -> [SQLScanToken] {
        let scalars = sql.unicodeScalars
        var tokens: [SQLScanToken] = []
        var index = scalars.startIndex

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            guard let position = scalars.index(index, offsetBy: offset, limitedBy: scalars.endIndex), position < scalars.endIndex else { return nil }
            return scalars[position]
        }

        /// Reads a quoted run closed by `quote`, where a doubled quote stands for itself.
        func readQuoted(_ quote: Unicode.Scalar) -> String {
            var text = String.UnicodeScalarView()
            index = scalars.index(after: index)
            while index < scalars.endIndex {
                let scalar = scalars[index]
                index = scalars.index(after: index)
                if scalar == quote {
                    guard index < scalars.endIndex, scalars[index] == quote else { break }
                    index = scalars.index(after: index)
                }
                text.append(scalar)
            }
            return String(text)
        }

        while index < scalars.endIndex {
            let start = index
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index = scalars.index(after: index)
            } else if scalar == "-", peek(1) == "-" {
                while index < scalars.endIndex, scalars[index] != "\n", scalars[index] != "\r" { index = scalars.index(after: index) }
            } else if scalar == "/", peek(1) == "*" {
                var depth = 0
                while index < scalars.endIndex {
                    if scalars[index] == "/", peek(1) == "*" {
                        depth += 1
                        index = scalars.index(index, offsetBy: 2)
                    } else if scalars[index] == "*", peek(1) == "/" {
                        depth -= 1
                        index = scalars.index(index, offsetBy: 2)
                        if depth == 0 { break }
                    } else {
                        index = scalars.index(after: index)
                    }
                }
            } else if scalar == "'" {
                let text = readQuoted("'")
                tokens.append(SQLScanToken(kind: .string, text: text, range: start..<index))
            } else if scalar == "\"" || scalar == "`" {
                let text = readQuoted(scalar)
                tokens.append(SQLScanToken(kind: .quotedIdentifier, text: text, range: start..<index))
            } else if isDigit(scalar) || (scalar == "." && peek(1).map(isDigit) == true) {
                while index < scalars.endIndex, isNumberPart(scalars[index]) { index = scalars.index(after: index) }
                tokens.append(SQLScanToken(kind: .number, text: String(sql[start..<index]), range: start..<index))
            } else if isWordStart(scalar) {
                while index < scalars.endIndex, isWordPart(scalars[index]) { index = scalars.index(after: index) }
                tokens.append(SQLScanToken(kind: .word, text: String(sql[start..<index]), range: start..<index))
            } else {
                let pair = peek(1).map { String(scalar) + String($0) }
                let length = pair.map { ["::", "<=", ">=", "<>", "!=", "||", "==", "->"].contains($0) } == true ? 2 : 1
                index = scalars.index(index, offsetBy: length)
                tokens.append(SQLScanToken(kind: .symbol, text: String(sql[start..<index]), range: start..<index))
            }
        }
        return tokens
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic || isDigit(scalar)
    }

    private static func isNumberPart(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || scalar == "." || scalar == "e" || scalar == "E"
    }
}
