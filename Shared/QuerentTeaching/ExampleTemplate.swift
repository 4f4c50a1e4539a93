import Foundation
import QuerentCore
import QuerentSafety
import QuerentSchemaLinking

/// A taught example read as a template: which literals of its SQL come from its question
/// (slots the next question fills with its own values) and which words ask the question.
struct ExampleTemplate: Sendable {
    /// A literal of the question that the SQL repeats.
    enum Slot: Sendable {
        /// A text value: the SQL's string literals equal to it (a `LIKE` pattern keeps its `%`),
        /// compared against `column`, written with `words` question tokens.
        case text(value: String, column: String?, literals: [Range<String.Index>], words: Int)
        /// A number written in the question and repeated in the SQL.
        case number(value: Double, literals: [Range<String.Index>])
        /// A year: every SQL literal containing it (or the next year, the end of a half-open range).
        case year(Int, literals: [Range<String.Index>])
        /// A date written in the question (`2024-03-05`) and repeated in the SQL.
        case date(String, literals: [Range<String.Index>])
        /// Days written in words ("on 10 March 2025", "between 1 June and 31 December 2023"): the
        /// SQL literals holding the range's first day, the day after it or its last day.
        case days(DateExpression, literals: [Range<String.Index>])
    }

    let example: TaughtExample
    let frame: QuestionFrame
    /// Slots with the question tokens each came from.
    let slots: [(slot: Slot, tokens: Range<Int>)]
    /// Question token positions the slots cover.
    let slotTokens: Set<Int>

    init(_ example: TaughtExample) {
        self.example = example
        frame = QuestionFrame(example.question)
        let sqlTokens = SQLScanner.tokens(example.sql)
        let questionTokens = frame.tokens
        var slots: [(Slot, Range<Int>)] = []

        let years = questionTokens.compactMap { token -> (Int, Int)? in
            guard token.kind == .number, let number = token.number, let year = Int(exactly: number), (1900...2100).contains(year),
                token.text.count == 4
            else { return nil }
            return (year, token.index)
        }
        let questionYears = Set(years.map(\.0))
        var claimed = Set<Range<String.Index>>()
        // Days in words.
        for expression in DateExpression.find(in: questionTokens) {
            let days = Self.days(of: expression)
            let literals = sqlTokens.filter { token in token.kind == .string && days.contains { token.text.hasPrefix($0) } }.map(\.range)
            guard !literals.isEmpty else { continue }
            slots.append((.days(expression, literals: literals), expression.range.lowerBound..<expression.range.upperBound + 1))
            claimed.formUnion(literals)
        }
        // Dates written out in full.
        for date in Self.dates(in: example.question) {
            let literals = sqlTokens.filter { !claimed.contains($0.range) && $0.kind == .string && $0.text.contains(date.text) }.map(\.range)
            guard !literals.isEmpty else { continue }
            let covered = questionTokens.filter { date.tokens.contains($0.text) }.map(\.index)
            guard let first = covered.min(), let last = covered.max() else { continue }
            slots.append((.date(date.text, literals: literals), first..<last + 1))
            claimed.formUnion(literals)
        }
        for (year, index) in years where !slots.contains(where: { $0.1.contains(index) }) {
            let literals = sqlTokens.filter { token in
                guard !claimed.contains(token.range) else { return false }
                if token.kind == .number { return token.text == String(year) }
                guard token.kind == .string else { return false }
                return token.text.contains(String(year)) || (!questionYears.contains(year + 1) && token.text.hasPrefix(String(year + 1)))
            }.map(\.range)
            guard !literals.isEmpty else { continue }
            slots.append((.year(year, literals: literals), index..<index + 1))
            claimed.formUnion(literals)
        }
        // Other numbers: the SQL's number literals of the same value.
        for token in questionTokens where token.kind == .number && !slots.contains(where: { $0.1.contains(token.index) }) {
            guard let value = token.number else { continue }
            let literals = sqlTokens.filter { $0.kind == .number && !claimed.contains($0.range) && Double($0.text) == value }.map(\.range)
            guard !literals.isEmpty else { continue }
            slots.append((.number(value: value, literals: literals), token.index..<token.index + 1))
            claimed.formUnion(literals)
        }
        // Text values: a string literal whose letters and digits match a run of question tokens.
        for (position, token) in sqlTokens.enumerated() where token.kind == .string && !claimed.contains(token.range) {
            let value = token.text.trimmingCharacters(in: CharacterSet(charactersIn: "%"))
            let key = Lexicon.compact(value)
            guard !key.isEmpty, let span = Self.span(of: key, in: questionTokens, avoiding: slots.map(\.1)) else { continue }
            let literals = sqlTokens.filter { $0.kind == .string && Lexicon.compact($0.text) == key }.map(\.range)
            slots.append((.text(value: value, column: Self.column(before: position, in: sqlTokens), literals: literals, words: span.count), span))
            claimed.formUnion(literals)
        }
        self.slots = slots
        slotTokens = Set(slots.flatMap { Array($0.1) })
        tableForms = Self.tableForms(of: example.sql)
        identifierForms = Set(sqlTokens.filter(\.isName).flatMap { Self.forms(ofIdentifier: $0.text) })
        askingForms = frame.forms(excluding: slotTokens)
    }

    /// The canonical words that ask the question (slots left out).
    let askingForms: [String]

    /// The forms of the words of the tables the SQL reads ("employees" → `employe`): a question
    /// may name them where the example did not ("which employees report…" for "who reports…").
    let tableForms: Set<String>

    static func tableForms(of sql: String) -> Set<String> {
        Set(tableNames(in: sql).flatMap(forms(ofIdentifier:)))
    }

    /// The word forms of every name the SQL uses (tables, columns, aliases).
    let identifierForms: Set<String>

    /// The word forms of an identifier: its words split at underscores, digits and case changes.
    static func forms(ofIdentifier name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in name {
            if character.isLetter, !(character.isUppercase && current.last?.isLowercase == true) {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = character.isLetter ? String(character) : ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { QuestionFrame.form(Lexicon.stem($0.lowercased())) }
    }

    /// The table names after FROM and JOIN.
    static func tableNames(in sql: String) -> [String] {
        let tokens = SQLScanner.tokens(sql)
        var names: [String] = []
        for (index, token) in tokens.enumerated() where ["FROM", "JOIN"].contains(token.keyword ?? "") && index + 1 < tokens.count {
            let next = tokens[index + 1]
            guard next.isName, !["SELECT", "LATERAL"].contains(next.keyword ?? "") else { continue }
            let name = NamedFilterInjector.qualifiedName(tokens, from: index + 1).0
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The ISO days a date phrase stands for in SQL: its first day, the day after it (a
    /// half-open end) and its last day (an inclusive end).
    static func days(of expression: DateExpression) -> [String] {
        [expression.from, expression.until, expression.until.map(previousDay)].compactMap { $0 }
    }

    /// The ISO day before `iso`.
    static func previousDay(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        let date = CivilCalendar.date(ofDay: CivilCalendar.dayNumber(year: parts[0], month: parts[1], day: parts[2]) - 1)
        return String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
    }

    /// The question tokens `start..<end` whose compact text is `key` (the shortest run), or nil.
    static func span(of key: String, in tokens: [QuestionToken], avoiding taken: [Range<Int>]) -> Range<Int>? {
        for start in tokens.indices {
            var text = ""
            for end in start..<min(tokens.count, start + 8) {
                text += Lexicon.compact(tokens[end].text)
                if text == key || (text.count >= 4 && Lexicon.root(text) == Lexicon.root(key)) {
                    let range = start..<end + 1
                    if !taken.contains(where: { $0.overlaps(range) }) { return range }
                }
                if text.count >= key.count + 2 { break }
            }
        }
        return nil
    }

    /// The column a string literal at `position` is compared with (`status = 'x'`,
    /// `country IN ('x', 'y')`, `name LIKE '%x%'`), when the SQL says.
    static func column(before position: Int, in tokens: [SQLScanToken]) -> String? {
        var index = position - 1
        while index >= 0 {
            let token = tokens[index]
            if token.kind == .string || token.isSymbol(",") || token.isSymbol("(") || token.kind == .symbol
                || ["IN", "LIKE", "ILIKE", "NOT", "IS", "LOWER", "UPPER"].contains(token.keyword ?? "")
            {
                index -= 1
                continue
            }
            return token.isName ? token.text : nil
        }
        return nil
    }

    /// Full dates (`2024-03-05`) written in `text`, with the token texts they span.
    static func dates(in text: String) -> [(text: String, tokens: Set<String>)] {
        let pattern = /(\d{4})-(\d{2})-(\d{2})/
        return text.matches(of: pattern).map { match in
            let (_, year, month, day) = match.output
            return (String(match.output.0), [String(year), String(month), String(day), String(match.output.0)])
        }
    }
}
