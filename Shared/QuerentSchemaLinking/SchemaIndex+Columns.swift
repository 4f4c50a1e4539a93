import Foundation

extension SchemaIndex {
    /// Endings of English participles and adjectives (`discontinued`, `active`, `refundable`).
    static let adjectiveEndings = QuestionEnglish.standard.words("adjective_endings")

    /// Whether a column holds yes/no: a boolean, a name starting with is/has/if, yes/no-like
    /// values (T/F, Y/N), or 0/1 numbers under a participle or adjective (`discontinued`, `active`).
    package func isFlag(_ table: Int, _ column: Int) -> Bool {
        let column = tables[table].columns[column]
        let flagName = column.words.first.map { ["is", "has", "if"].contains($0.text) } ?? false
        if column.kind == .number && !column.isPrimaryKey && !column.isForeignKey && column.words.count == 1,
            !column.numericSamples.isEmpty, Set(column.numericSamples).isSubset(of: ["0", "1"]),
            Self.adjectiveEndings.contains(where: { column.words[0].text.count > $0.count + 2 && column.words[0].text.hasSuffix($0) })
        {
            return true
        }
        let knownValues = Set((column.values + column.samples).map { $0.lowercased() })
        let flagValues = !knownValues.isEmpty && knownValues.isSubset(of: ["t", "f", "y", "n", "yes", "no", "true", "false", "1", "0"])
        return flagName || flagValues || column.kind == .boolean
    }

    /// The text column of `table` a literal most likely belongs to: the label unless another
    /// text column's values look more like it.
    package func bestTextColumn(_ table: Int, like text: String) -> Int {
        let label = labelColumn(of: table)
        var best = (label, Self.shapeSimilarity(text, tables[table].columns[label].samples) + 0.15)
        for (c, column) in tables[table].columns.enumerated() where column.kind == .text && c != label {
            let score = Self.shapeSimilarity(text, column.samples + column.values)
            if score > best.1 { best = (c, score) }
        }
        return best.0
    }

    /// How much `text` looks like `samples` (0…1): same length class, case pattern and characters.
    package static func shapeSimilarity(_ text: String, _ samples: [String]) -> Double {
        guard !samples.isEmpty else { return 0 }
        func shape(_ value: String) -> (Int, Bool, Bool, Bool, Bool) {
            let letters = value.filter(\.isLetter)
            return (
                value.count, !letters.isEmpty && letters.allSatisfy(\.isUppercase), value.contains(" "),
                value.contains(where: \.isNumber), value.first?.isUppercase ?? false
            )
        }
        let target = shape(text)
        var best = 0.0
        for sample in samples.prefix(30) {
            let other = shape(sample.trimmingCharacters(in: .whitespaces))
            var score = 0.0
            if target.1 == other.1 { score += 0.3 }
            if target.2 == other.2 { score += 0.2 }
            if target.3 == other.3 { score += 0.2 }
            if target.4 == other.4 { score += 0.1 }
            let lengthRatio = Double(min(target.0, other.0)) / Double(max(1, max(target.0, other.0)))
            score += 0.2 * lengthRatio
            best = max(best, score)
        }
        return best
    }

    /// For a bridge table (one that only links two or more others: `film_category`), the linked
    /// table `word` names ("film category" → `category`); nil for any other table.
    package func bridgeTarget(of table: Int, named word: String) -> Int? {
        let links = edges.filter { $0.from == table && $0.to != table }
        guard Set(links.map(\.to)).count >= 2 else { return nil }
        let linking = Set(links.flatMap(\.fromColumns))
        let others = tables[table].columns.indices.filter { !linking.contains($0) && !tables[table].columns[$0].isPrimaryKey }
        guard others.count <= 1 else { return nil }
        let stem = Lexicon.stem(word.lowercased())
        return links.first { link in tables[link.to].words.contains { Lexicon.stem($0.text) == stem } }?.to
    }
}
