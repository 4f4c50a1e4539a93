import Foundation
import QuerentCore

/// The word knowledge the built-in generator links with: stemming, irregular plurals,
/// synonyms, abbreviations, acronyms, typo tolerance and nationality adjectives.
///
/// Everything here is general English or general database-naming convention; nothing is
/// keyed to a particular schema.
package enum Lexicon {
    /// Lower-cased, singular, without common verb endings.
    package static func stem(_ word: String) -> String {
        stems.value(for: word) { computeStem(word) }
    }

    private static let stems = Memo<String, String>(capacity: 100_000)

    private static func computeStem(_ word: String) -> String {
        let lower = word.lowercased()
        if let irregular = irregularSingulars[lower] { return irregular }
        guard lower.count > 3, lower.allSatisfy(\.isLetter) else { return lower }
        if lower.hasSuffix("ies") && lower.count > 4 { return String(lower.dropLast(3)) + "y" }
        if lower.hasSuffix("sses") || lower.hasSuffix("uses") { return String(lower.dropLast(2)) }
        for suffix in ["ches", "shes", "xes", "zes"] where lower.hasSuffix(suffix) { return String(lower.dropLast(2)) }
        if lower.hasSuffix("ss") || lower.hasSuffix("us") || lower.hasSuffix("is") || lower.hasSuffix("ous") { return lower }
        if lower.hasSuffix("s") && !lower.hasSuffix("ss") { return String(lower.dropLast()) }
        return lower
    }

    /// A stronger normalization used to compare words: ``stem(_:)`` plus verb endings
    /// (-ing, -ed, -er only when the rest is still a word-like stem).
    package static func root(_ word: String) -> String {
        var base = stem(word)
        if let irregular = irregularVerbs[base] { return irregular }
        guard base.count > 4 else { return base }
        if base.hasSuffix("ing") && base.count > 5 {
            base = String(base.dropLast(3))
            if base.count >= 3, let last = base.last, base.dropLast().last == last, !"lsz".contains(last) { base.removeLast() }
            return base
        }
        if base.hasSuffix("ied") { return String(base.dropLast(3)) + "y" }
        if base.hasSuffix("ed") && !base.hasSuffix("eed") {
            base = String(base.dropLast(2))
            if base.count >= 3, let last = base.last, base.dropLast().last == last, !"lsz".contains(last) { base.removeLast() }
            return base
        }
        return base
    }

    /// Canonical synonym of a word (after ``root(_:)``), or the root itself.
    package static func canonical(_ word: String) -> String {
        let lower = word.lowercased()
        if let value = synonymMap[lower] { return value }
        let rooted = root(lower)
        return synonymMap[rooted] ?? rooted
    }

    /// How well an identifier word matches a question word, 0…1.
    ///
    /// 1 for the same root or synonym; 0.85 for a typo (one edit in a long word) or a
    /// nationality adjective of a place; 0.8 for an abbreviation (`desc` → description,
    /// `cont` → continent); 0 otherwise.
    package static func similarity(identifier: String, question: String) -> Double {
        similarities.value(for: WordPair(identifier: identifier, question: question)) {
            computeSimilarity(identifier: identifier, question: question)
        }
    }

    /// The pairs already compared: the same schema words meet the same question words on
    /// every request, and comparing them is the linker's main cost.
    private static let similarities = Memo<WordPair, Double>(capacity: 200_000)

    private struct WordPair: Hashable, Sendable {
        package var identifier: String
        package var question: String
    }

    private static func computeSimilarity(identifier: String, question: String) -> Double {
        let a = identifier.lowercased()
        let b = question.lowercased()
        if a == b { return 1 }
        let ra = root(a)
        let rb = root(b)
        if ra == rb { return 1 }
        if canonical(a) == canonical(b) { return 0.95 }
        if let expansions = abbreviations[a], expansions.contains(rb) || expansions.contains(b) { return 0.9 }
        // "leaving" ~ "leave": a dropped final e
        if ra + "e" == rb || rb + "e" == ra { return 0.95 }
        // "remotely" ~ "remote": the adverb of an adjective
        if a.count >= 4, b == a + "ly" { return 0.95 }
        if a.count >= 3, b.count > a.count, b.hasPrefix(a), a.allSatisfy(\.isLetter), !commonShortWords.contains(a) {
            // an abbreviation: "cont" for "continent", "indep" for "independence"
            return a.count >= 4 || b.count <= 8 ? 0.8 : 0.7
        }
        if a.count >= 5, b.count >= 5, editDistance(ra, rb, limit: 1) <= 1 { return 0.85 }
        if a.count >= 8, b.count >= 8, editDistance(ra, rb, limit: 2) <= 2 { return 0.8 }
        return 0
    }

    /// Levenshtein distance with transpositions, stopping early past `limit`.
    package static func editDistance(_ lhs: String, _ rhs: String, limit: Int) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }

    /// The lower-cased letters and digits of `text` only: "Asia-Pacific" → "asiapacific".
    package static func compact(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }) { return text }
        return String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Whether a question word names an amount of money earned or spent ("revenue", "sales",
    /// "spending"), which schemas store as amounts, totals or prices rather than by that name.
    package static func isMoneyMeasure(_ word: String) -> Bool {
        moneyMeasureWords.contains(stem(word))
    }

    /// Singular forms of the money-measure words.
    package static let moneyMeasureWords: Set<String> = LexiconData.standard.moneyMeasureWords

    /// Column words (singular) that hold money, most specific first.
    package static let moneyColumnWords: [String] = LexiconData.standard.moneyColumnWords

    /// Place names for nationality adjectives ("French" → France); the value matcher tries them.
    package static func places(forAdjective word: String) -> [String] {
        demonyms[word.lowercased()] ?? []
    }

    // MARK: - Tables

    package static let irregularSingulars: [String: String] = LexiconData.standard.irregularSingulars

    package static let irregularVerbs: [String: String] = LexiconData.standard.irregularVerbs

    /// Groups of words that mean the same thing in a database question (first is canonical).
    package static let synonymGroups: [[String]] = LexiconData.standard.synonymGroups

    package static let synonymMap: [String: String] = {
        var map: [String: String] = [:]
        for group in synonymGroups {
            let canonical = group[0]
            for word in group { map[word] = canonical }
        }
        return map
    }()

    /// Common abbreviations in column names and what they stand for.
    package static let abbreviations: [String: Set<String>] = LexiconData.standard.abbreviations

    /// Short words that are real words, not abbreviations of longer ones.
    package static let commonShortWords: Set<String> = LexiconData.standard.commonShortWords

    /// Nationality and regional adjectives to place names.
    package static let demonyms: [String: [String]] = LexiconData.standard.demonyms

    /// The classes of well-known values named in `text` ("Asia", "European" → continent;
    /// "Dutch" → language), each once, in the lexicon's order.
    package static func valueClasses(namedIn text: String) -> [String] {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        let phrases = Set(words + zip(words, words.dropFirst()).map { $0 + " " + $1 })
        return LexiconData.standard.valueClasses.keys.sorted().filter { !phrases.isDisjoint(with: LexiconData.standard.valueClasses[$0]!) }
    }
}

/// The general English of ``Lexicon``, read once from `Resources/lexicon.json` (data, not code).
struct LexiconData: Decodable {
    var moneyMeasureWords: Set<String>
    var moneyColumnWords: [String]
    var irregularSingulars: [String: String]
    var irregularVerbs: [String: String]
    var synonymGroups: [[String]]
    var abbreviations: [String: Set<String>]
    var commonShortWords: Set<String>
    var demonyms: [String: [String]]
    var valueClasses: [String: Set<String>]

    enum CodingKeys: String, CodingKey {
        case abbreviations, demonyms
        case moneyMeasureWords = "money_measure_words"
        case moneyColumnWords = "money_column_words"
        case irregularSingulars = "irregular_singulars"
        case irregularVerbs = "irregular_verbs"
        case synonymGroups = "synonym_groups"
        case commonShortWords = "common_short_words"
        case valueClasses = "value_classes"
    }

    static let standard: LexiconData = BundledData.load(LexiconData.self, named: "lexicon", in: .module, module: "QuerentSchemaLinking")
}
