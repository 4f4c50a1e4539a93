import Foundation
import QuerentSchemaLinking

/// A question reduced to what it asks, for comparing paraphrases: its content words in a
/// canonical form (roots, synonyms, one form per operation), filler dropped, and where each
/// came from so literal spans can be left out.
struct QuestionFrame: Sendable {
    /// One meaningful word: its canonical form and the token positions it covers.
    struct Word: Hashable, Sendable {
        var form: String
        var tokens: Range<Int>
    }

    /// The question as written.
    let text: String
    let tokens: [QuestionToken]
    let words: [Word]
    /// Tokens inside a multi-word phrase ("at least one"): never a value of their own.
    let phraseTokens: Set<Int>

    init(_ question: String, phrasing: PhrasingData = .standard) {
        text = question
        tokens = QuestionTokenizer.tokenize(question)
        var words: [Word] = []
        var phraseTokens = Set<Int>()
        let phrases = Self.phrases
        var index = 0
        scan: while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .word else {
                index += 1
                continue
            }
            // "seen by James": an agent, not a grouping
            if token.lower == "by", index > 0, Self.isParticiple(tokens[index - 1].lower, phrasing) {
                index += 1
                continue
            }
            if index == 0, phrasing.requestVerbs.contains(token.lower) {
                index += 1
                continue
            }
            for (phrase, operation) in phrases where index + phrase.count <= tokens.count {
                if phrase.count > 1 || !operation.isEmpty, tokens[index..<index + phrase.count].map(\.lower) == phrase {
                    if phrase.count > 1 { phraseTokens.formUnion(index..<index + phrase.count) }
                    // an operation of several words ("per month" for "monthly") stands for each
                    for part in operation.split(separator: " ") { words.append(Word(form: String(part), tokens: index..<index + phrase.count)) }
                    index += phrase.count
                    continue scan
                }
            }
            let form = Self.form(token.stem)
            if let operation = Self.singleWords[token.stem] ?? Self.singleWords[form] {
                // an inflected operation word ("counts", "averaged")
                for part in operation.split(separator: " ") { words.append(Word(form: String(part), tokens: index..<index + 1)) }
            } else if !phrasing.filler.contains(token.lower), !phrasing.filler.contains(form) {
                words.append(Word(form: form, tokens: index..<index + 1))
            }
            index += 1
        }
        // "largest budget first": an order, not the largest row and the first one
        for (position, word) in words.enumerated().reversed() where word.form == "first" {
            guard let superlative = (max(0, position - 2)..<position).last(where: { ["max", "min"].contains(words[$0].form) }) else { continue }
            words[superlative].form = words[superlative].form == "max" ? "desc" : "asc"
            words.remove(at: position)
        }
        self.words = words
        self.phraseTokens = phraseTokens
    }

    private static let phrases = PhrasingData.standard.phrases

    /// The one-word equivalents by word, to catch their inflections by stem.
    private static let singleWords: [String: String] = Dictionary(
        phrases.filter { $0.words.count == 1 && !$0.operation.isEmpty }.map { (Lexicon.stem($0.words[0]), $0.operation) },
        uniquingKeysWith: { first, _ in first }
    )

    static func isParticiple(_ word: String, _ phrasing: PhrasingData) -> Bool {
        phrasing.agentParticiples.contains(word) || (word.count > 4 && word.hasSuffix("ed"))
    }

    /// One form for the inflections the stemmer leaves apart: the canonical synonym, without an
    /// adverb's `-ly` or a final `e` ("invoice" and "invoiced", "direct" and "directly").
    static func form(_ stem: String) -> String {
        var form = Lexicon.canonical(stem)
        if form.count > 5, form.hasSuffix("ly") { form.removeLast(2) }
        if form.count > 4, form.hasSuffix("e") { form.removeLast() }
        return form
    }

    /// The canonical forms of the words outside `excluded` token positions.
    func forms(excluding excluded: Set<Int>) -> [String] {
        words.filter { word in !word.tokens.contains { excluded.contains($0) } }.map(\.form)
    }
}
