import Foundation
import QuerentSchemaLinking

/// A question reduced to what it asks, for comparing paraphrases: its content words in a
/// canonical form (roots, synonyms, one form per operation), filler dropped, and where each
/// came from so literal spans can be left out.
struct QuestionFrame {
    /// One meaningful word: its canonical form and the token positions it covers.
    struct Word: Hashable {
        var form: String
        var tokens: Range<Int>
    }

    let tokens: [QuestionToken]
    let words: [Word]

    init(_ question: String, phrasing: PhrasingData = .standard) {
        tokens = QuestionTokenizer.tokenize(question)
        var words: [Word] = []
        let phrases = Self.phrases
        var index = 0
        scan: while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .word else {
                index += 1
                continue
            }
            for (phrase, operation) in phrases where index + phrase.count <= tokens.count {
                if tokens[index..<index + phrase.count].map(\.lower) == phrase {
                    words.append(Word(form: operation, tokens: index..<index + phrase.count))
                    index += phrase.count
                    continue scan
                }
            }
            if !phrasing.filler.contains(token.lower) {
                words.append(Word(form: Lexicon.canonical(token.lower), tokens: index..<index + 1))
            }
            index += 1
        }
        self.words = words
    }

    private static let phrases = PhrasingData.standard.phrases

    /// The canonical forms of the words outside `excluded` token positions.
    func forms(excluding excluded: Set<Int>) -> [String] {
        words.filter { word in !word.tokens.contains { excluded.contains($0) } }.map(\.form)
    }
}
