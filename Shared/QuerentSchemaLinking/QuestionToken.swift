import Foundation

/// One token of a question: a word, a number, a quoted literal or a punctuation mark.
package struct QuestionToken: Sendable, Hashable {
    /// What kind of token this is.
    package enum Kind: Sendable, Hashable {
        case word
        case number
        /// Text the user put in quotes: always a value, never a schema word.
        case quoted
        case punctuation
    }

    package var kind: Kind
    /// The text as written (without the quotes of a quoted literal).
    package var text: String
    /// Lower-cased text.
    package var lower: String
    /// The lower-cased, stemmed form (plural and verb endings removed).
    package var stem: String
    /// The numeric value of a number, a number word ("two") or an ordinal ("third").
    package var number: Double?
    /// Position in the question's token list.
    package var index: Int
    /// True when the word starts with a capital letter and is not the first word.
    package var capitalized: Bool
    /// True when the word was written with a possessive ending ("Sato's", "students'").
    package var possessive = false

    /// True for a past participle ("shipped", "created", "logged", and irregular ones such as
    /// "made", "written", "paid"): the verb form that names the event a date column records.
    package var isParticiple: Bool { lower.hasSuffix("ed") || Self.irregularParticiples.contains(lower) }

    /// Past participles without the -ed ending (general English, `irregular_participles`).
    static let irregularParticiples = QuestionEnglish.standard.words("irregular_participles")

    package init(kind: Kind, text: String, index: Int, capitalized: Bool = false, number: Double? = nil) {
        self.kind = kind
        self.text = text
        self.lower = text.lowercased()
        self.stem = kind == .word ? Lexicon.stem(text.lowercased()) : text.lowercased()
        self.number = number
        self.index = index
        self.capitalized = capitalized
    }
}
