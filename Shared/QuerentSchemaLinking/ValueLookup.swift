/// The known values of an index's columns (value profile and sample rows), keyed the way the
/// linker looks them up. Built once per index, not once per question.
package struct ValueLookup: Sendable {
    /// Where a value is stored.
    package struct Entry: Sendable {
        package var table: Int
        package var column: Int
        package var value: String
    }

    /// Every value by its compact form (letters and digits, lower-cased).
    private(set) var exact: [String: [Entry]] = [:]
    /// One-word values by ``Lexicon/root(_:)`` of the compact form.
    private(set) var stems: [String: [Entry]] = [:]
    /// Values of two to four words by ``bagKey(_:)`` of their words: "failed delivery" finds
    /// `delivery_failed`, "no shows" finds `no_show`.
    private(set) var bags: [String: [Entry]] = [:]
    /// Compact forms by length, each list sorted: one edit changes the length by at most one.
    private var keysByLength: [Int: [String]] = [:]

    package init(tables: [SchemaIndex.Table]) {
        for (t, table) in tables.enumerated() {
            for (c, column) in table.columns.enumerated()
            where column.kind == .text || column.kind == .date || column.kind == .boolean || !column.values.isEmpty {
                var seen = Set<String>()
                for value in column.values + column.samples where seen.insert(value).inserted {
                    let key = Lexicon.compact(value)
                    guard !key.isEmpty, key.count <= 80 else { continue }
                    exact[key, default: []].append(Entry(table: t, column: c, value: value))
                    if !value.contains(" "), value.count >= 3 {
                        stems[Lexicon.root(key), default: []].append(Entry(table: t, column: c, value: value))
                    }
                    let words = value.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
                    if (2...4).contains(words.count) { bags[Self.bagKey(words), default: []].append(Entry(table: t, column: c, value: value)) }
                    // a one-letter code read from the word it stands for ("female" for F)
                    if key.count == 1, let words = Self.codeWords[key] {
                        for word in words { exact[word, default: []].append(Entry(table: t, column: c, value: value)) }
                    }
                }
            }
        }
        for key in exact.keys.sorted() { keysByLength[key.count, default: []].append(key) }
    }

    /// The words a one-letter code stands for (general English in english.json: F, M).
    static let codeWords: [String: Set<String>] = ["f": QuestionEnglish.standard.words("code_f"), "m": QuestionEnglish.standard.words("code_m")]

    /// The words' roots, lower-cased and sorted: the same for any order of the same words.
    package static func bagKey(_ words: [String]) -> String {
        words.map { Lexicon.root($0.lowercased()) }.sorted().joined(separator: " ")
    }

    /// The compact forms within one edit of `key` by length, sorted.
    package func typoCandidates(_ key: String) -> [String] {
        let length = key.count
        return ((keysByLength[length - 1] ?? []) + (keysByLength[length] ?? []) + (keysByLength[length + 1] ?? [])).sorted()
    }
}
