import Foundation

/// Words that sort every row rather than pick the first: "from highest to lowest", "most to
/// least", "largest first", "starting with the priciest", "in descending order".
package enum SortPhrase {
    /// The direction and the positions of the first such phrase in `words` (lower-cased), if any.
    package static func find(in words: [String]) -> (descending: Bool, span: Set<Int>)? {
        for (position, word) in words.enumerated() {
            guard let descending = direction(of: word) else { continue }
            let start = position > 0 && words[position - 1] == "from" ? position - 1 : position
            if position + 2 < words.count, words[position + 1] == "to", direction(of: words[position + 2]) == !descending {
                return (descending, Set(start...(position + 2)))
            }
            if position + 1 < words.count, words[position + 1] == "first" { return (descending, [position, position + 1]) }
            if position >= 3, words[position - 1] == "the", ["with", "from"].contains(words[position - 2]),
                ["starting", "beginning", "start", "begin"].contains(words[position - 3])
            {
                return (descending, Set((position - 3)...position))
            }
        }
        if let position = words.firstIndex(where: { ["descending", "decreasing", "ascending", "increasing"].contains($0) }),
            position + 1 < words.count, words[position + 1] == "order"
        {
            return (["descending", "decreasing"].contains(words[position]), [position, position + 1])
        }
        return nil
    }

    /// Whether a superlative or comparative word sorts high values first (nil: not one).
    static func direction(of word: String) -> Bool? {
        if let entry = QuestionEnglish.standard.superlatives[word] { return entry.descending }
        if let descending = comparatives[word] { return descending }
        if word.hasSuffix("iest"), let entry = QuestionEnglish.standard.superlatives[String(word.dropLast(4)) + "y"] { return entry.descending }
        return nil
    }

    /// Plain and comparative words that name a direction ("from high to low", "more to less").
    static let comparatives: [String: Bool] = [
        "high": true, "higher": true, "more": true, "large": true, "larger": true, "big": true, "bigger": true, "priciest": true,
        "low": false, "lower": false, "less": false, "fewer": false, "small": false, "smaller": false,
    ]
}
