import Foundation
import QuerentCore
import QuerentSafety

/// Finds the SQL in a chat model's reply: in a ```` ```sql ```` block, in plain text, after leading
/// prose or before a trailing explanation; the first `SELECT`/`WITH` query wins over other
/// statements. Trailing semicolons are removed.
enum LLMReplyExtractor {
    /// The SQL found and how much had to be done to find it.
    struct Extraction: Equatable {
        /// The statement, without a trailing semicolon; empty when the reply holds no SQL.
        var sql: String
        /// What had to be repaired, in plain language (empty for a clean reply).
        var repairs: [String]
        /// The reply offered several different queries and the first was taken.
        var ambiguous: Bool
    }

    /// Statement keywords that start SQL the reply may hold instead of a query.
    static let statementKeywords: Set<String> = [
        "SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "CREATE", "TRUNCATE", "REPLACE", "MERGE", "GRANT",
        "REVOKE", "ATTACH", "DETACH", "PRAGMA", "VACUUM", "COPY", "CALL", "DO", "SET", "EXPLAIN", "VALUES",
    ]

    static func extract(_ reply: String) -> Extraction {
        let blocks = codeBlocks(in: reply).map { block in (statement: firstStatement(of: dropLanguageLine(block.text)), closed: block.closed) }
        let queries = blocks.filter { isQuery($0.statement.sql) }
        if let chosen = queries.first ?? blocks.first(where: { startsWithStatementKeyword($0.statement.sql) }) {
            var repairs = chosen.statement.repairs
            if !chosen.closed { repairs.append("the code block was not closed (the reply may have been cut off)") }
            let distinct = Set(queries.map { normalized($0.statement.sql) })
            return Extraction(sql: chosen.statement.sql, repairs: repairs, ambiguous: distinct.count > 1)
        }
        return extractFromPlainText(reply)
    }

    // MARK: - Fenced code blocks

    private struct CodeBlock {
        var text: String
        var closed: Bool
    }

    /// The contents of the reply's ```` ``` ```` blocks, in order; an unclosed last block runs to the end.
    private static func codeBlocks(in reply: String) -> [CodeBlock] {
        var blocks: [CodeBlock] = []
        var remainder = reply[...]
        while let open = remainder.range(of: "```") {
            let afterOpen = remainder[open.upperBound...]
            guard let close = afterOpen.range(of: "```") else {
                blocks.append(CodeBlock(text: String(afterOpen), closed: false))
                break
            }
            blocks.append(CodeBlock(text: String(afterOpen[..<close.lowerBound]), closed: true))
            remainder = afterOpen[close.upperBound...]
        }
        return blocks
    }

    /// A block without its language tag (```` ```sql ````, or a lone `sql` first line).
    private static func dropLanguageLine(_ block: String) -> String {
        let firstLine = block.prefix(while: { $0 != "\n" })
        let tag = firstLine.trimmingCharacters(in: .whitespaces)
        let isTag =
            tag.isEmpty
            || (tag.count <= 12 && tag.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } && !startsWithStatementKeyword(tag))
        return isTag ? String(block.dropFirst(firstLine.count)) : block
    }

    // MARK: - Plain text

    private static func extractFromPlainText(_ reply: String) -> Extraction {
        guard let start = sqlStart(in: reply) else { return Extraction(sql: "", repairs: [], ambiguous: false) }
        var region = reply[start...]
        // Inline code: `SELECT …` ends at the closing backtick.
        if start > reply.startIndex, reply[reply.index(before: start)] == "`", let close = region.firstIndex(of: "`") {
            region = region[..<close]
        }
        region = region[..<endOfSQLLines(region)]
        let statement = firstStatement(of: String(region))
        let rest = String(reply[region.endIndex...])
        let ignorable = CharacterSet.whitespacesAndNewlines.union(["`", ";"])
        var repairs = statement.repairs
        if !reply[..<start].trimmingCharacters(in: ignorable).isEmpty || !rest.trimmingCharacters(in: ignorable).isEmpty {
            repairs.append("the SQL was cut out of the prose around it")
        }
        let another = sqlStart(in: rest).map { firstStatement(of: String(rest[$0...])).sql }
        let ambiguous = another.map { isQuery($0) && normalized($0) != normalized(statement.sql) } ?? false
        return Extraction(sql: statement.sql, repairs: repairs, ambiguous: ambiguous)
    }

    /// Where the SQL starts: a line starting with `SELECT`/`WITH`, else an upper-case `SELECT`
    /// inside a sentence, else any other statement keyword starting a line.
    private static func sqlStart(in reply: String) -> String.Index? {
        var lineStarts: [String.Index] = []
        var index = reply.startIndex
        while index < reply.endIndex {
            let lineEnd = reply[index...].firstIndex(of: "\n") ?? reply.endIndex
            if let first = reply[index..<lineEnd].firstIndex(where: { !$0.isWhitespace && $0 != "`" }) { lineStarts.append(first) }
            index = lineEnd < reply.endIndex ? reply.index(after: lineEnd) : lineEnd
        }
        func firstWord(at start: String.Index) -> String {
            String(reply[start...].prefix(while: { $0.isLetter })).uppercased()
        }
        if let line = lineStarts.first(where: { ["SELECT", "WITH"].contains(firstWord(at: $0)) && looksLikeSQL(reply[$0...]) }) { return line }
        var search = reply.startIndex
        while let found = reply.range(of: "SELECT ", range: search..<reply.endIndex) {
            let boundary = found.lowerBound == reply.startIndex || !reply[reply.index(before: found.lowerBound)].isLetter
            if boundary, looksLikeSQL(reply[found.lowerBound...]) { return found.lowerBound }
            search = found.upperBound
        }
        return lineStarts.first { statementKeywords.contains(firstWord(at: $0)) && looksLikeSQL(reply[$0...]) }
    }

    /// Whether text starting with a statement keyword reads as SQL rather than as a sentence
    /// ("Select the customers who…"): it needs a second SQL word or a `*`.
    private static func looksLikeSQL(_ text: Substring) -> Bool {
        let words = SQLScanner.tokens(String(text.prefix(400))).prefix(60)
        guard let first = words.first?.keyword else { return false }
        switch first {
        case "SELECT": return words.contains { $0.keyword == "FROM" || $0.isSymbol("*") } || words.count <= 8
        case "WITH": return words.contains { $0.keyword == "AS" }
        case "DELETE": return words.dropFirst().first?.keyword == "FROM"
        case "INSERT": return words.dropFirst().first?.keyword == "INTO"
        case "UPDATE": return words.contains { $0.keyword == "SET" }
        default: return words.count >= 2
        }
    }

    /// The end of the SQL lines in `text`: the first line that reads as prose (a sentence, a list
    /// item, a heading) ends the SQL.
    private static func endOfSQLLines(_ text: Substring) -> String.Index {
        var index = text.startIndex
        var isFirst = true
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            if !isFirst, isProse(text[index..<lineEnd]) { return index }
            isFirst = false
            index = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        return text.endIndex
    }

    /// Words that begin SQL continuation lines, never prose.
    private static let sqlWords: Set<String> = [
        "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "ON", "USING", "AND",
        "OR", "NOT", "GROUP", "ORDER", "BY", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "ALL", "DISTINCT",
        "AS", "CASE", "WHEN", "THEN", "ELSE", "END", "IN", "EXISTS", "BETWEEN", "LIKE", "ILIKE", "IS", "NULL", "ASC", "DESC",
        "WITH", "OVER", "PARTITION", "WINDOW", "FILTER", "FETCH", "COUNT", "SUM", "AVG", "MIN", "MAX", "CAST", "COALESCE",
    ]

    private static func isProse(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return false }
        if trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("• ") { return true }
        if let dot = trimmed.firstIndex(of: "."), dot > trimmed.startIndex, trimmed[..<dot].allSatisfy(\.isNumber),
            trimmed[trimmed.index(after: dot)...].hasPrefix(" ")
        {
            return true
        }
        let words = trimmed.split(separator: " ")
        if let first = words.first, sqlWords.contains(first.uppercased()) { return false }
        // A sentence: starts with a capitalised word and ends with a full stop or a colon.
        if let first = trimmed.first, first.isUppercase, trimmed.dropFirst().first?.isLowercase == true, words.count >= 2,
            trimmed.hasSuffix(".") || trimmed.hasSuffix(":")
        {
            return true
        }
        // Three plain words in a row that are not SQL: "This query returns".
        var run = 0
        for word in words {
            let plain = word.allSatisfy(\.isLetter) && !sqlWords.contains(word.uppercased())
            run = plain ? run + 1 : 0
            if run >= 3 { return true }
        }
        return false
    }

    // MARK: - Statements

    /// The first statement of `text` (up to a `;` outside quotes and comments), trimmed, and
    /// what had to be dropped after it.
    private static func firstStatement(of text: String) -> (sql: String, repairs: [String]) {
        let tokens = SQLScanner.tokens(text)
        guard let semicolon = tokens.firstIndex(where: { $0.isSymbol(";") }) else {
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), [])
        }
        let sql = text[..<tokens[semicolon].range.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        guard let next = tokens[(semicolon + 1)...].first(where: { !$0.isSymbol(";") }) else { return (sql, []) }
        let trailing = String(text[next.range.lowerBound...])
        if startsWithStatementKeyword(trailing) { return (sql, ["only the first of several statements was kept"]) }
        return (sql, ["text after the statement was dropped"])
    }

    private static func isQuery(_ sql: String) -> Bool {
        guard let first = SQLScanner.tokens(String(sql.prefix(200))).first(where: { !$0.isSymbol("(") }) else { return false }
        return first.keyword == "SELECT" || first.keyword == "WITH"
    }

    private static func startsWithStatementKeyword(_ text: String) -> Bool {
        guard let first = SQLScanner.tokens(String(text.prefix(200))).first?.keyword else { return false }
        return statementKeywords.contains(first)
    }

    /// Case- and whitespace-insensitive form, to tell repeated queries from different ones.
    private static func normalized(_ sql: String) -> String {
        SQLScanner.tokens(sql).map { $0.kind == .string ? "'\($0.text)'" : $0.text.lowercased() }.joined(separator: " ")
    }
}
