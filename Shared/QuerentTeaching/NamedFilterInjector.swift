import Foundation
import QuerentCore
import QuerentSafety
import QuerentSchemaLinking

/// Adds the glossary's named filters a question uses to generated SQL: "active customers" with
/// the term "active customer" → `customers.status = 'active'` in the WHERE clause, written
/// against the alias the SQL gives the table.
public enum NamedFilterInjector {
    /// `sql` with the filters whose term the question contains (every word, in any form) and
    /// whose table the SQL reads at its top level; the terms applied. SQL with a top-level set
    /// operation is left alone.
    public static func apply(_ filters: [SemanticModel.NamedFilter], question: String, to sql: String) -> (sql: String, applied: [String]) {
        guard !filters.isEmpty, !sql.isEmpty else { return (sql, []) }
        var sql = sql
        var applied: [String] = []
        for filter in used(filters, in: question) {
            guard let injected = inject(filter, into: sql) else { continue }
            sql = injected
            applied.append(filter.term)
        }
        return (sql, applied)
    }

    /// The filters whose term the question uses (every word of the term, in any form).
    public static func used(_ filters: [SemanticModel.NamedFilter], in question: String) -> [SemanticModel.NamedFilter] {
        guard !filters.isEmpty else { return [] }
        let questionStems = Set(QuestionTokenizer.tokenize(question).filter { $0.kind == .word }.map { Lexicon.canonical($0.stem) })
        return filters.filter { filter in
            let termStems = termWords(filter).map(\.form)
            return !termStems.isEmpty && termStems.allSatisfy(questionStems.contains)
        }
    }

    /// `question` without the words of the filters' terms that do not name the filter's table
    /// ("How many VIP customers…" → "How many customers…" for the term "VIP customer" on customers).
    public static func removingTerms(of filters: [SemanticModel.NamedFilter], from question: String) -> String {
        var drop = Set<String>()
        for filter in filters {
            let table = Set(filter.table.lowercased().split(whereSeparator: { !$0.isLetter }).map { Lexicon.canonical(Lexicon.stem(String($0))) })
            for word in termWords(filter) where !table.contains(word.form) { drop.insert(word.form) }
        }
        return question.split(separator: " ", omittingEmptySubsequences: false).filter { piece in
            let letters = piece.filter { $0.isLetter || $0.isNumber }.lowercased()
            return letters.isEmpty || !drop.contains(Lexicon.canonical(Lexicon.stem(letters)))
        }.joined(separator: " ")
    }

    static func termWords(_ filter: SemanticModel.NamedFilter) -> [(text: String, form: String)] {
        QuestionTokenizer.tokenize(filter.term).filter { $0.kind == .word }.map { ($0.text, Lexicon.canonical($0.stem)) }
    }

    /// `sql` with the filter's condition added to its top-level WHERE, or nil when the SQL does
    /// not read the table at its top level, already has the condition, or has a set operation.
    static func inject(_ filter: SemanticModel.NamedFilter, into sql: String) -> String? {
        let tokens = SQLScanner.tokens(sql)
        var depth = 0
        var whereToken: SQLScanToken?
        var tail: SQLScanToken?
        var reference: String?
        for (index, token) in tokens.enumerated() {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            guard depth == 0, let keyword = token.keyword else { continue }
            if ["UNION", "INTERSECT", "EXCEPT"].contains(keyword) { return nil }
            if keyword == "WHERE", whereToken == nil { whereToken = token }
            // the clause after WHERE (or after FROM when there is none) ends at the first of these
            if ["GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "WINDOW"].contains(keyword), tail == nil { tail = token }
            if ["FROM", "JOIN"].contains(keyword), index + 1 < tokens.count, reference == nil {
                let (name, next) = qualifiedName(tokens, from: index + 1)
                guard name.lowercased() == filter.table.lowercased() else { continue }
                var alias = name
                var position = next
                if position < tokens.count, tokens[position].keyword == "AS" { position += 1 }
                if position < tokens.count, tokens[position].isName, !clauseWords.contains(tokens[position].keyword ?? "") {
                    alias = tokens[position].text
                }
                reference = alias
            }
        }
        guard let reference else { return nil }
        let condition = rewrite(filter.condition, table: filter.table, as: reference)
        guard !sql.contains(condition) else { return nil }
        var result = sql
        let semicolon = tokens.last.flatMap { $0.isSymbol(";") ? $0 : nil }
        // the end of the WHERE (or FROM) clause: the first top-level clause after it, or the end
        let end = tail?.range.lowerBound ?? semicolon?.range.lowerBound ?? sql.endIndex
        let before = sql[..<end].last?.isWhitespace == true ? "" : " "
        let after = tail == nil ? "" : " "
        if let whereToken {
            // the existing condition in parentheses, so an OR in it stays under the filter
            let existing = sql[whereToken.range.upperBound..<end].trimmingCharacters(in: .whitespacesAndNewlines)
            result.replaceSubrange(whereToken.range.upperBound..<end, with: " (\(condition)) AND (\(existing))" + after)
        } else {
            result.replaceSubrange(end..<end, with: before + "WHERE \(condition)" + after)
        }
        result = result.trimmingCharacters(in: .whitespacesAndNewlines)
        if result.hasSuffix(";") { result = String(result.dropLast()).trimmingCharacters(in: .whitespaces) }
        return result
    }

    private static let clauseWords: Set<String> = [
        "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "ON", "GROUP", "ORDER", "LIMIT", "HAVING", "UNION", "USING", "NATURAL",
    ]

    /// The (possibly schema-qualified, possibly quoted) name starting at `start`, and the index after it.
    static func qualifiedName(_ tokens: [SQLScanToken], from start: Int) -> (String, Int) {
        guard start < tokens.count, tokens[start].isName else { return ("", start) }
        var name = tokens[start].text
        var index = start + 1
        while index + 1 < tokens.count, tokens[index].isSymbol("."), tokens[index + 1].isName {
            name += "." + tokens[index + 1].text
            index += 2
        }
        return (name, index)
    }

    /// `condition` with `table.` references written as `alias.`.
    static func rewrite(_ condition: String, table: String, as alias: String) -> String {
        guard alias.lowercased() != table.lowercased() else { return condition }
        let parts = table.lowercased().split(separator: ".").map(String.init)
        let tokens = SQLScanner.tokens(condition)
        var result = condition
        // the table's name tokens (with the dots between them) followed by a dot and a column
        let width = parts.count * 2 - 1
        for start in tokens.indices.reversed() where start + width + 1 < tokens.count {
            guard start == 0 || !tokens[start - 1].isSymbol(".") else { continue }
            let names = stride(from: start, to: start + width, by: 2).map { tokens[$0].text.lowercased() }
            let dots = stride(from: start + 1, to: start + width, by: 2).allSatisfy { tokens[$0].isSymbol(".") }
            guard names == parts, dots, tokens[start + width].isSymbol("."), tokens[start + width + 1].isName else { continue }
            result.replaceSubrange(tokens[start].range.lowerBound..<tokens[start + width - 1].range.upperBound, with: alias)
        }
        return result
    }
}
