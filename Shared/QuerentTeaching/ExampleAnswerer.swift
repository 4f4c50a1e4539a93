import Foundation
import QuerentCore
import QuerentSchemaLinking

/// Answers a question from a taught example without a model: when the question is the
/// example's question, a paraphrase of it, or the same question with other literal values (a
/// different year, name, status or number), the example's SQL is returned with those literals
/// replaced by the question's own.
///
/// A paraphrase must ask with the same words once filler, synonyms and word forms are set aside
/// (``QuestionFrame``); a difference in an operation word (count, total, average, most, not,
/// more…) never matches. Every new literal of the question must fill a slot of the example.
public struct ExampleAnswerer: Sendable {
    /// The least word overlap (Dice coefficient of the asking words) that counts as a paraphrase.
    public var threshold: Double

    /// An answerer accepting paraphrases from `threshold` overlap.
    public init(threshold: Double = 0.6) {
        self.threshold = threshold
    }

    /// The closest example's SQL adapted to `question`, or nil when no example matches.
    /// - Parameters:
    ///   - examples: the retrieved examples, closest first.
    ///   - tables: the tables offered to the generator; their value profiles give the stored
    ///     spelling of a new value ("germany" → `'Germany'`).
    public func answer(_ question: String, examples: [ExampleMatch], tables: [RetrievedTable]) -> SQLGenerationResult? {
        let frame = QuestionFrame(question)
        let values = Self.knownValues(tables)
        let storedValues = Set(values.values.joined().map(Lexicon.compact))
        let schemaForms = Self.schemaForms(tables)
        var best: (result: SQLGenerationResult, score: Double)?
        for match in examples.prefix(Self.candidates) {
            let template = Self.templates.value(for: TemplateKey(id: match.example.id, question: match.example.question, sql: match.example.sql)) {
                ExampleTemplate(match.example)
            }
            guard let adapted = adapt(template, to: frame, values: values, storedValues: storedValues, schemaForms: schemaForms) else { continue }
            if best.map({ adapted.score > $0.score }) ?? true {
                best = (
                    result(template, adapted, exact: QuestionKey.normalize(question) == QuestionKey.normalize(match.example.question)), adapted.score
                )
            }
        }
        return best?.result
    }

    /// Examples tried per question, closest first.
    static let candidates = 5

    /// Templates by example: an example is read once, not once per question.
    static let templates = Memo<TemplateKey, ExampleTemplate>(capacity: 20_000)

    struct TemplateKey: Hashable, Sendable {
        var id: String
        var question: String
        var sql: String
    }

    struct Adapted {
        var sql: String
        var score: Double
        /// Literals that changed, as `old → new`.
        var changes: [String]
        /// Slots filled by a guess (no stored value confirmed the new text).
        var guesses: Int
    }

    func adapt(
        _ template: ExampleTemplate,
        to frame: QuestionFrame,
        values: [String: [String]],
        storedValues: Set<String>,
        schemaForms: Set<String> = []
    ) -> Adapted? {
        let tokens = frame.tokens
        var used = Set<Int>()
        var replacements: [(Range<String.Index>, String)] = []
        var changes: [String] = []
        var guesses = 0
        let implied = template.tableForms
        // words the example asks with, or that name its tables, are no new values
        let exampleForms = Set(template.askingForms).union(implied)
        let isAsking: (Int) -> Bool = { index in
            frame.words.contains { $0.tokens.contains(index) && exampleForms.contains($0.form) }
        }

        let numbers = tokens.filter { $0.kind == .number && $0.number != nil }
        let years = numbers.filter { token in token.text.count == 4 && (1900...2100).contains(Int(token.number!)) }
        var nextYear = years.makeIterator()
        var plainNumbers = numbers.filter { token in !years.contains(token) }.makeIterator()
        let dates = ExampleTemplate.dates(in: tokens.map(\.text).joined(separator: " "))
        var nextDate = dates.makeIterator()
        let phrases = DateExpression.find(in: tokens)
        var nextPhrase = phrases.makeIterator()
        // the years and numbers inside date phrases belong to them
        let inPhrases = Set(phrases.flatMap { Array($0.range) })
        if template.slots.contains(where: { if case .days = $0.slot { return true } else { return false } }) {
            nextYear = years.filter { !inPhrases.contains($0.index) }.makeIterator()
            plainNumbers = numbers.filter { token in !years.contains(token) && !inPhrases.contains(token.index) }.makeIterator()
        }

        var textSlotsLeft = template.slots.filter { if case .text = $0.slot { return true } else { return false } }.count
        for (slot, _) in template.slots {
            switch slot {
            case .year(let old, let literals):
                guard let token = nextYear.next(), let new = Int(exactly: token.number!) else { return nil }
                used.insert(token.index)
                if new != old { changes.append("\(old) → \(new)") }
                for range in literals { replacements.append((range, Self.shiftingYears(in: template.example.sql[range], from: old, to: new))) }
            case .days(let old, let literals):
                guard let new = nextPhrase.next() else { return nil }
                used.formUnion(new.range)
                // "with a due date before …": the date's own noun
                if new.range.lowerBound > 0, ["date", "day"].contains(tokens[new.range.lowerBound - 1].lower) {
                    used.insert(new.range.lowerBound - 1)
                }
                let pairs = zip(ExampleTemplate.days(of: old), ExampleTemplate.days(of: new))
                guard ExampleTemplate.days(of: old).count == ExampleTemplate.days(of: new).count else { return nil }
                if old.from != new.from || old.until != new.until { changes.append("\(old.from ?? "…") → \(new.from ?? "…")") }
                for range in literals {
                    let text = template.example.sql[range]
                    let inner = text.dropFirst()
                    guard let (before, after) = pairs.first(where: { inner.hasPrefix($0.0) }) else { continue }
                    replacements.append((range, "'" + after + inner.dropFirst(before.count)))
                }
            case .date(let old, let literals):
                guard let date = nextDate.next() else { return nil }
                for token in tokens where date.tokens.contains(token.text) { used.insert(token.index) }
                if date.text != old { changes.append("\(old) → \(date.text)") }
                for range in literals {
                    replacements.append((range, template.example.sql[range].replacingOccurrences(of: old, with: date.text)))
                }
            case .number(let old, let literals):
                guard let token = plainNumbers.next(), let new = token.number else { return nil }
                used.insert(token.index)
                let text = new == new.rounded() && abs(new) < 1e15 ? String(Int(new)) : String(new)
                if new != old { changes.append("\(Self.format(old)) → \(text)") }
                for range in literals { replacements.append((range, text)) }
            case .text(let old, let column, let literals, let words):
                textSlotsLeft -= 1
                let key = Lexicon.compact(old)
                let known = column.flatMap { values[$0.lowercased()] } ?? []
                var chosen: (text: String, span: Range<Int>, confirmed: Bool)?
                if let span = ExampleTemplate.span(of: key, in: tokens, avoiding: []) {
                    chosen = (old, span, true)
                } else if let found = Self.knownValue(in: tokens, values: known, avoiding: used, isAsking: isAsking) {
                    chosen = (found.value, found.span, true)
                } else if let code = Self.code(like: old, in: frame, avoiding: template.frame.tokens) {
                    chosen = (code.text, code.tokens, false)
                } else if Self.isName(old),
                    let span = Self.leftoverSpan(
                        in: tokens,
                        frame: frame,
                        avoiding: used,
                        isAsking: isAsking,
                        // the last value to fill takes every word left ("Iberia Cargo" for "NordFreight")
                        words: textSlotsLeft == 0 ? tokens.count : words,
                        like: old
                    )
                {
                    let parts = span.map { tokens[$0].text }
                    let typed = span.contains { tokens[$0].kind == .punctuation } ? parts.joined() : parts.joined(separator: " ")
                    chosen = (Self.styled(typed, like: old), span, false)
                }
                guard let chosen else { return nil }
                used.formUnion(chosen.span)
                if !chosen.confirmed { guesses += 1 }
                if chosen.text != old { changes.append("'\(old)' → '\(chosen.text)'") }
                for range in literals {
                    let original = template.example.sql[range]
                    let inner = original.dropFirst().dropLast().replacingOccurrences(of: "''", with: "'")
                    let replaced = inner.replacingOccurrences(of: old, with: chosen.text, options: .caseInsensitive)
                    replacements.append((range, "'" + replaced.replacingOccurrences(of: "'", with: "''") + "'"))
                }
            }
        }

        // A number or value of the question that fills no slot changes the question's meaning;
        // so does a new word that is a stored value ("export" where the example said "report").
        for token in tokens where !used.contains(token.index) && !frame.phraseTokens.contains(token.index) {
            if token.kind == .number || token.kind == .quoted { return nil }
            if token.kind == .word, !isAsking(token.index), storedValues.contains(Lexicon.compact(token.text)),
                frame.words.contains(where: { $0.tokens.contains(token.index) })
            {
                return nil
            }
        }
        // each word once: "the top 5 most prescribed" asks for the most once
        let questionForms = Self.unique(frame.forms(excluding: used))
        let exampleList = Self.unique(template.askingForms)
        let operators = PhrasingData.standard.operators
        let difference = Set(questionForms).symmetricDifference(Set(exampleList))
        guard difference.isDisjoint(with: operators) else { return nil }
        // A word the question adds without dropping one ("active members", "in March") narrows
        // it; a word swapped for another is a paraphrase the score judges.
        let added = Self.missing(exampleList, from: questionForms.filter { !implied.contains($0) })
        let dropped = Self.missing(questionForms, from: exampleList)
        guard added <= dropped else { return nil }
        // a swapped word that names other data ("bonus" for "salary") asks about other columns
        let swapped = Set(questionForms).subtracting(exampleList).subtracting(implied)
        guard swapped.isDisjoint(with: schemaForms.subtracting(template.identifierForms)) else { return nil }
        let score = Self.dice(questionForms, exampleList)
        // the words around the values must say enough: two shared, or all of a shorter frame
        let shared = exampleList.count - Self.missing(questionForms, from: exampleList)
        guard shared >= min(2, exampleList.count) || (shared >= 1 && added == 0), shared > 0 || exampleList.isEmpty && questionForms.isEmpty else {
            return nil
        }
        guard score >= threshold else { return nil }

        var sql = template.example.sql
        for (range, text) in replacements.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            sql.replaceSubrange(range, with: text)
        }
        return Adapted(sql: sql, score: score, changes: changes, guesses: guesses)
    }

    func result(_ template: ExampleTemplate, _ adapted: Adapted, exact: Bool) -> SQLGenerationResult {
        let example = template.example
        var confidence = exact && adapted.changes.isEmpty ? 0.97 : min(0.95, 0.6 + 0.35 * adapted.score)
        confidence -= 0.1 * Double(adapted.guesses)
        var explanation = "Answered from the taught example \"\(example.question)\" (id \(example.id))"
        if adapted.changes.isEmpty {
            explanation += exact ? "." : ", a paraphrase of this question."
        } else {
            explanation += " with the question's own values: " + adapted.changes.joined(separator: ", ") + "."
        }
        let tables = ExampleTemplate.tableNames(in: adapted.sql)
        return SQLGenerationResult(sql: adapted.sql, confidence: max(0.3, confidence), explanation: explanation, tableUsed: tables)
    }

    /// `text` with the year `old` written as `new` and `old + 1` as `new + 1` (the end of a
    /// half-open range), in one pass over its four-digit runs.
    static func shiftingYears(in text: Substring, from old: Int, to new: Int) -> String {
        var result = ""
        var digits = ""
        func flush() {
            if digits.count == 4, let year = Int(digits), year == old || year == old + 1 {
                result += String(new + year - old)
            } else {
                result += digits
            }
            digits = ""
        }
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    static func unique(_ forms: [String]) -> [String] {
        var seen = Set<String>()
        return forms.filter { seen.insert($0).inserted }
    }

    /// How many forms of `list` `other` lacks (as multisets).
    static func missing(_ other: [String], from list: [String]) -> Int {
        var remaining = other
        var count = 0
        for form in list {
            if let index = remaining.firstIndex(of: form) { remaining.remove(at: index) } else { count += 1 }
        }
        return count
    }

    /// Dice coefficient of two word lists (as multisets of forms).
    static func dice(_ lhs: [String], _ rhs: [String]) -> Double {
        guard !lhs.isEmpty || !rhs.isEmpty else { return 1 }
        var remaining = rhs
        var shared = 0
        for form in lhs {
            if let index = remaining.firstIndex(of: form) {
                shared += 1
                remaining.remove(at: index)
            }
        }
        return 2 * Double(shared) / Double(lhs.count + rhs.count)
    }

    /// The word forms of the tables' and columns' names ("unit_price" → `unit`, `pric`).
    static func schemaForms(_ tables: [RetrievedTable]) -> Set<String> {
        var forms = Set<String>()
        for table in tables {
            for name in [table.schema.tableName] + table.schema.columns.map(\.name) { forms.formUnion(ExampleTemplate.forms(ofIdentifier: name)) }
        }
        return forms
    }

    /// The stored values of each column name of `tables` (value profiles), lower-cased names.
    static func knownValues(_ tables: [RetrievedTable]) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for table in tables {
            for (column, list) in table.schema.valueProfile ?? [:] { values[column.lowercased(), default: []] += list }
        }
        return values
    }

    /// A run of question tokens (not yet used, not asking words of the example) equal to a stored value.
    static func knownValue(
        in tokens: [QuestionToken],
        values: [String],
        avoiding used: Set<Int>,
        isAsking: (Int) -> Bool
    ) -> (value: String, span: Range<Int>)? {
        guard !values.isEmpty else { return nil }
        let byKey = Dictionary(values.map { (Lexicon.compact($0), $0) }, uniquingKeysWith: { first, _ in first })
        let byRoot = Dictionary(values.map { (Lexicon.root(Lexicon.compact($0)), $0) }, uniquingKeysWith: { first, _ in first })
        for length in stride(from: 4, through: 1, by: -1) {
            for start in tokens.indices where start + length <= tokens.count {
                let range = start..<start + length
                guard !range.contains(where: { used.contains($0) || tokens[$0].kind == .punctuation }) else { continue }
                guard !range.allSatisfy(isAsking) else { continue }
                let key = range.map { Lexicon.compact(tokens[$0].text) }.joined()
                if let value = byKey[key] ?? (key.count >= 4 ? byRoot[Lexicon.root(key)] : nil) { return (value, range) }
            }
        }
        return nil
    }

    /// The first run of question words that neither ask the example's question nor are filler,
    /// nor were used: the new value in "… from Portugal" where the example said "… from Spain".
    /// At most `words` tokens: a one-word value ("Ana") takes one word of "Rui Costa", leaving
    /// the other for the next slot. A capitalized old value prefers a capitalized run; a code
    /// with digits or dashes ("ECG-01") takes the digits and dashes next to its words.
    static func leftoverSpan(
        in tokens: [QuestionToken],
        frame: QuestionFrame,
        avoiding used: Set<Int>,
        isAsking: (Int) -> Bool,
        words: Int,
        like old: String
    ) -> Range<Int>? {
        let quoted = tokens.filter { $0.kind == .quoted && !used.contains($0.index) }.map(\.index)
        if let first = quoted.first { return first..<first + 1 }
        // operation words ("in each", "most") are never values
        let operations = PhrasingData.standard.operators
        let candidates = Set(frame.words.filter { !operations.contains($0.form) }.flatMap { Array($0.tokens) }).filter {
            !used.contains($0) && !isAsking($0)
        }
        let isCode = old.contains { $0.isNumber || $0 == "-" || $0 == "/" }
        let capitalized = old.first?.isUppercase == true && old != old.uppercased()
        let capitalizedCandidates = candidates.filter { tokens[$0].capitalized }
        // a question that writes names with capitals but not this one has no new name here
        let writesCapitals = tokens.contains { $0.capitalized && $0.kind == .word }
        if capitalized, capitalizedCandidates.isEmpty, writesCapitals { return nil }
        guard let start = (capitalized ? capitalizedCandidates.min() : nil) ?? candidates.min() else { return nil }
        var end = start + 1
        while end < tokens.count, end - start < words || (isCode && tokens[end].kind != .word) {
            let token = tokens[end]
            let codePart = isCode && !used.contains(end) && (token.kind == .number || ["-", "/", "."].contains(token.text))
            guard candidates.contains(end) || codePart else { break }
            end += 1
        }
        return start..<end
    }

    /// A code written like `old` ("MRI-01" for "ECG-01", "LX100000330" for "LX100000201"): a word
    /// of the question with the same shape of letters, digits and separators that the example's
    /// question does not have, in the case `old` is written in; with the tokens it spans.
    static func code(like old: String, in frame: QuestionFrame, avoiding exampleTokens: [QuestionToken]) -> (text: String, tokens: Range<Int>)? {
        guard old.contains(where: \.isNumber), old.contains(where: \.isLetter) else { return nil }
        let shape = Self.shape(old)
        let known = Set(exampleTokens.map { Lexicon.compact($0.text) })
        for word in frame.text.split(whereSeparator: \.isWhitespace) {
            let candidate = word.trimmingCharacters(in: CharacterSet(charactersIn: "?!.,;:()\"'"))
            guard Self.shape(candidate) == shape, !known.contains(Lexicon.compact(candidate)) else { continue }
            let key = Lexicon.compact(candidate)
            let covered = frame.tokens.filter { token in !Lexicon.compact(token.text).isEmpty && key.contains(Lexicon.compact(token.text)) }.map(
                \.index
            )
            guard let first = covered.min(), let last = covered.max() else { continue }
            let text = old == old.uppercased() ? candidate.uppercased() : candidate
            return (text, first..<last + 1)
        }
        return nil
    }

    /// Letters as `a`, digits as `9`, other characters kept, runs of one class written once.
    static func shape(_ text: String) -> String {
        var shape = ""
        for character in text {
            let symbol: Character = character.isLetter ? "a" : character.isNumber ? "9" : character
            if shape.last != symbol { shape.append(symbol) }
        }
        return shape
    }

    /// Whether a literal reads as a name or a code ("Lisbon", "ECG-01", "LX100000201"): the only
    /// kind a question's unknown words may replace. A plain word ("delivered", "open") changes
    /// only to another stored value.
    static func isName(_ value: String) -> Bool {
        value.first?.isUppercase == true || value.contains { $0.isNumber }
    }

    /// `typed` written the way the example's literal was: upper case, lower case or capitalized.
    static func styled(_ typed: String, like old: String) -> String {
        if old == old.uppercased() && old != old.lowercased() { return typed.uppercased() }
        if old == old.lowercased() { return typed.lowercased() }
        guard typed == typed.lowercased(), old.first?.isUppercase == true else { return typed }
        let words = old.split(separator: " ").filter { $0.first?.isLetter == true }
        if words.allSatisfy({ $0.first?.isUppercase == true }) {
            return typed.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        }
        return typed.prefix(1).uppercased() + typed.dropFirst()
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
