import Foundation
import QuerentCore
import QuerentDialects

/// Splits SQL text into tokens following one dialect's lexical rules exactly where they decide
/// what is code and what is not: string, identifier and comment boundaries.
///
/// Postgres: `'…'` with doubled quotes (backslash is literal: the driver forces
/// `standard_conforming_strings`), `E'…'` with backslash escapes, `B'…'`/`X'…'`/`N'…'`/`U&'…'`,
/// dollar quotes `$$…$$` and `$tag$…$tag$` (only at the start of a token: `a$$` is an
/// identifier), `"…"` identifiers, `--` comments ended by `\n` or `\r`, nested `/* /* */ */`
/// comments. SQLite: `'…'`, `X'…'`, `"…"`, `[…]` and `` `…` `` identifiers, `--` comments
/// ended by `\n` only, block comments that do not nest. MySQL (as the driver pins `sql_mode`):
/// `'…'` without backslash escapes, `B'…'`/`X'…'`/`N'…'`, `` `…` `` and `"…"` identifiers,
/// `--` comments only before a space or control character and ended by `\n` only, block
/// comments that do not nest; `/*!`, `/*M!` and `/*+` comments, `#`, `@` and `:` refused.
///
/// The dialect's ``DialectRules/LexerRules`` say which of these apply.
///
/// Anything the lexer is not sure about is an error rather than a guess: characters outside
/// strings and quoted identifiers that are not ASCII syntax or Unicode letters, marks and digits
/// (a full-width `；`, no-break and zero-width spaces, U+FFFD from invalid UTF-8), NUL and other
/// control characters, unterminated strings, identifiers and comments, numbers running into
/// letters, query parameters, and Postgres `U&"…"` identifiers.
struct SQLLexer {
    private let scalars: [Unicode.Scalar]
    private let rules: DialectRules.LexerRules
    private var index = 0
    private var tokens: [SQLToken] = []

    /// The tokens of `scalars`.
    /// - Throws: ``ServiceError`` `.unsafeQuery` naming the lexical problem.
    static func tokenize(_ scalars: [Unicode.Scalar], dialect: Dialect) throws -> [SQLToken] {
        var lexer = SQLLexer(scalars: scalars, dialect: dialect)
        try lexer.run()
        return lexer.tokens
    }

    private init(scalars: [Unicode.Scalar], dialect: Dialect) {
        self.scalars = scalars
        rules = dialect.rules.lexer
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func run() throws {
        if let nul = scalars.firstIndex(of: "\u{0}") {
            throw Self.failure("the statement contains a NUL character (at position \(nul + 1))")
        }
        while let scalar = peek() {
            if let quote = rules.identifierQuotes.first(where: { $0.opener == scalar }) {
                try lexQuotedIdentifier(closing: quote.closer, doubling: quote.doubling)
                continue
            }
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}":
                index += 1
            case "-" where peek(1) == "-":
                try skipLineComment()
            case "/" where peek(1) == "*":
                try skipBlockComment()
            case "'":
                try lexString(from: index, backslashEscapes: false)
            case "$" where rules.dollarQuotedStrings:
                try lexDollar()
            case "0"..."9":
                try lexNumber()
            case "." where peek(1).map(Self.isDigit) == true:
                try lexNumber()
            case "(", ")", ",", ";", ".":
                append(.punctuation, from: index, to: index + 1)
            case "[", "]":
                // Array brackets (where `[` opens an identifier, it was taken above).
                guard rules.arrayBrackets else { throw Self.unexpected(scalar, at: index) }
                append(.punctuation, from: index, to: index + 1)
            case ":" where rules.doubleColonCasts:
                if peek(1) == ":" {
                    append(.op, from: index, to: index + 2)
                } else {
                    append(.punctuation, from: index, to: index + 1)
                }
            case _ where rules.refusedCharacters[scalar] != nil:
                throw Self.failure("\(rules.refusedCharacters[scalar] ?? "") (at position \(index + 1))")
            case _ where rules.parameterMarkers.contains(scalar):
                throw Self.failure("query parameters (\(scalar)…) are not supported: write values into the statement")
            default:
                if Self.isIdentifierStart(scalar) {
                    try lexWord()
                } else if isOperatorCharacter(scalar) {
                    lexOperator()
                } else {
                    throw Self.unexpected(scalar, at: index)
                }
            }
        }
    }

    private mutating func append(_ kind: SQLToken.Kind, from start: Int, to end: Int, value: String? = nil) {
        let text = value ?? String(String.UnicodeScalarView(scalars[start..<end]))
        tokens.append(SQLToken(kind: kind, value: text, range: start..<end))
        index = end
    }

    // MARK: - Comments

    /// `--` up to the end of the line: `\n`, or `\r` too where the dialect says so (Postgres).
    /// Where `--` is a comment only before a space or control character (MySQL), any other `--`
    /// is refused: the server reads it as two minus signs and the code after it.
    private mutating func skipLineComment() throws {
        if rules.lineCommentNeedsSpace, let next = peek(2), next.value > 0x20, next.value != 0x7F {
            throw Self.failure(
                "'--' followed by '\(next)' (at position \(index + 1)) is not a comment here but two minus signs: "
                    + "write '-- ' with a space for a comment, or '- -'"
            )
        }
        index += 2
        while let scalar = peek(), scalar != "\n", !(rules.carriageReturnEndsLineComment && scalar == "\r") { index += 1 }
    }

    /// `/* … */`, nesting where the dialect says so (Postgres, not SQLite). Comments that the
    /// server does not skip (MySQL `/*! … */`) are refused.
    private mutating func skipBlockComment() throws {
        let start = index
        for (marker, reason) in rules.refusedBlockComments where startsWithIgnoringCase(marker, at: index + 2) {
            throw Self.failure("\(reason) (at position \(start + 1))")
        }
        var depth = 1
        index += 2
        while depth > 0 {
            guard let scalar = peek() else { throw Self.failure("unterminated /* comment starting at position \(start + 1)") }
            if scalar == "*", peek(1) == "/" {
                depth -= 1
                index += 2
            } else if rules.nestedBlockComments, scalar == "/", peek(1) == "*" {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
    }

    /// Whether the text at `position` starts with `marker`, ignoring ASCII case.
    private func startsWithIgnoringCase(_ marker: String, at position: Int) -> Bool {
        let expected = Array(marker.unicodeScalars)
        guard position + expected.count <= scalars.count else { return false }
        return zip(scalars[position..<(position + expected.count)], expected).allSatisfy { actual, wanted in
            SQLToken.asciiUppercased(String(actual)) == SQLToken.asciiUppercased(String(wanted))
        }
    }

    // MARK: - Strings and quoted identifiers

    /// A string whose opening quote is at `index`; `start` is where its prefix (E, X, …) began.
    private mutating func lexString(from start: Int, backslashEscapes: Bool) throws {
        index += 1
        while true {
            guard let scalar = peek() else { throw Self.failure("unterminated string literal starting at position \(start + 1)") }
            if scalar == "'" {
                if peek(1) == "'" {
                    index += 2
                    continue
                }
                append(.string, from: start, to: index + 1)
                return
            }
            index += backslashEscapes && scalar == "\\" ? 2 : 1
        }
    }

    private mutating func lexQuotedIdentifier(closing: Unicode.Scalar, doubling: Bool) throws {
        let start = index
        var name = String.UnicodeScalarView()
        index += 1
        while true {
            guard let scalar = peek() else { throw Self.failure("unterminated quoted identifier starting at position \(start + 1)") }
            if scalar == closing {
                if doubling, peek(1) == closing {
                    name.append(closing)
                    index += 2
                    continue
                }
                break
            }
            name.append(scalar)
            index += 1
        }
        guard !name.isEmpty else { throw Self.failure("empty quoted identifier at position \(start + 1)") }
        append(.quotedIdentifier, from: start, to: index + 1, value: String(name))
    }

    /// Postgres `$`: a dollar-quoted string (`$$…$$`, `$tag$…$tag$`) or a parameter (`$1`).
    private mutating func lexDollar() throws {
        let start = index
        if let next = peek(1), Self.isDigit(next) {
            throw Self.failure("query parameters ($1…) are not supported: write values into the statement")
        }
        var end = index + 1
        // A tag follows identifier rules without `$`; every non-ASCII character is allowed, as in Postgres.
        if end < scalars.count, Self.isDollarTagStart(scalars[end]) {
            end += 1
            while end < scalars.count, Self.isDollarTagStart(scalars[end]) || Self.isDigit(scalars[end]) { end += 1 }
        }
        guard end < scalars.count, scalars[end] == "$" else {
            throw Self.failure("malformed dollar quote at position \(start + 1)")
        }
        let delimiter = Array(scalars[start...end])
        var position = end + 1
        while position + delimiter.count <= scalars.count {
            if scalars[position] == "$", Array(scalars[position..<(position + delimiter.count)]) == delimiter {
                append(.string, from: start, to: position + delimiter.count)
                return
            }
            position += 1
        }
        throw Self.failure("unterminated dollar-quoted string starting at position \(start + 1)")
    }

    // MARK: - Words, numbers, operators

    private mutating func lexWord() throws {
        let start = index
        let first = scalars[index]
        let prefix = ("a"..."z").contains(first) ? Unicode.Scalar(first.value - 32)! : first
        if peek(1) == "'", rules.stringPrefixes.contains(prefix) {
            index += 1
            return try lexString(from: start, backslashEscapes: rules.backslashEscapePrefixes.contains(prefix))
        }
        if rules.unicodeEscapes, prefix == "U", peek(1) == "&" {
            if peek(2) == "'" {
                index += 2
                return try lexString(from: start, backslashEscapes: false)
            }
            if peek(2) == "\"" {
                throw Self.failure("Unicode-escaped identifiers (U&\"…\") are not supported")
            }
        }
        index += 1
        while let scalar = peek(), Self.isIdentifierContinuation(scalar) { index += 1 }
        append(.word, from: start, to: index)
    }

    private mutating func lexNumber() throws {
        let start = index
        if rules.hexadecimalNumbers, peek() == "0", peek(1) == "x" || (rules.upperCaseHexadecimalPrefix && peek(1) == "X") {
            index += 2
            while let scalar = peek(), scalar.properties.isASCIIHexDigit { index += 1 }
            guard index > start + 2 else { throw Self.failure("malformed number at position \(start + 1)") }
        } else {
            while let scalar = peek(), Self.isDigit(scalar) { index += 1 }
            if peek() == ".", peek(1) != "." {
                index += 1
                while let scalar = peek(), Self.isDigit(scalar) { index += 1 }
            }
            if peek() == "e" || peek() == "E" {
                if let next = peek(1), Self.isDigit(next) {
                    index += 1
                } else if peek(1) == "+" || peek(1) == "-", let digit = peek(2), Self.isDigit(digit) {
                    index += 2
                }
                while let scalar = peek(), Self.isDigit(scalar) { index += 1 }
            }
        }
        if let next = peek(), Self.isIdentifierContinuation(next) {
            throw Self.failure("malformed number at position \(start + 1): a number runs into '\(next)'")
        }
        append(.number, from: start, to: index)
    }

    /// A run of operator characters, cut before a `--` or `/*` that starts a comment.
    private mutating func lexOperator() {
        let start = index
        index += 1
        while let scalar = peek(), isOperatorCharacter(scalar) {
            if scalar == "-", peek(1) == "-" { break }
            if scalar == "/", peek(1) == "*" { break }
            index += 1
        }
        append(.op, from: start, to: index)
    }

    private func isOperatorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        rules.operatorCharacters.contains(scalar)
    }

    // MARK: - Character classes

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// ASCII letters, `_`, and non-ASCII letters. Both databases take any non-ASCII byte as part
    /// of an identifier; the lexer accepts only letters, marks and digits, so a look-alike of
    /// whitespace or punctuation can never hide inside an "identifier".
    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber: return true
        default: return false
        }
    }

    static func isIdentifierContinuation(_ scalar: Unicode.Scalar) -> Bool {
        if isIdentifierStart(scalar) || isDigit(scalar) || scalar == "$" { return true }
        guard !scalar.isASCII else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .otherNumber: return true
        default: return false
        }
    }

    private static func isDollarTagStart(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    // MARK: - Errors

    static func failure(_ message: String) -> ServiceError {
        ServiceError(.unsafeQuery, message)
    }

    private static func unexpected(_ scalar: Unicode.Scalar, at position: Int) -> ServiceError {
        let code = "U+" + String(format: "%04X", scalar.value)
        let name = scalar.properties.name.map { " (\($0))" } ?? ""
        return failure("unexpected character \(code)\(name) at position \(position + 1), outside a string or quoted identifier")
    }
}
