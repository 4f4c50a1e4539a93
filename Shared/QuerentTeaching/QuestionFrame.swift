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

    let tokens: [QuestionToken]
    let words: [Word]
    /// Tokens inside a multi-word phrase ("at least one"): never a value of their own.
    let phraseTokens: Set<Int>

    init(_ question: String, phrasing: PhrasingData = .standard) {
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
                    if !operation.isEmpty { words.append(Word(form: operation, tokens: index..<index + phrase.count)) }
                    index += phrase.count
                    continue scan
                }
            }
            let form = Self.form(token.stem)
            if !phrasing.filler.contains(token.lower), !phrasing.filler.contains(form) {
                words.append(Word(form: form, tokens: index..<index + 1))
            }
            index += 1
        }
        self.words = words
        self.phraseTokens = phraseTokens
    }

    private static let phrases = PhrasingData.standard.phrases

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
