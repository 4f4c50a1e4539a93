import Foundation
import QuerentCore

/// The general English `Resources/phrasing.json` holds for matching paraphrases: filler words,
/// words that ask for the same operation, and the operation words that change a query's shape.
struct PhrasingData: Decodable, Sendable {
    enum CodingKeys: String, CodingKey {
        case filler, equivalents, operators
        case fillerPhrases = "filler_phrases"
        case agentParticiples = "agent_participles"
        case requestVerbs = "request_verbs"
    }

    var filler: Set<String>
    var fillerPhrases: [String]
    /// Past participles after which "by" names an agent ("seen by James"), not a grouping.
    var agentParticiples: Set<String>
    /// Verbs that open a request ("Name the sellers…"): filler in first position only.
    var requestVerbs: Set<String>
    var equivalents: [String: [String]]
    var operators: Set<String>

    /// The bundled data; a missing or broken file is a packaging error.
    static let standard: PhrasingData = BundledData.load(PhrasingData.self, named: "phrasing", in: .module, module: "QuerentTeaching")

    /// Multi-word equivalents ("how many", "broken down by") by their word count, longest first,
    /// with the operation each stands for.
    var phrases: [(words: [String], operation: String)] {
        var all: [(words: [String], operation: String)] = []
        for (operation, phrases) in equivalents {
            for phrase in phrases { all.append((phrase.split(separator: " ").map(String.init), operation)) }
        }
        // filler phrases stand for nothing
        for phrase in fillerPhrases { all.append((phrase.split(separator: " ").map(String.init), "")) }
        return all.sorted { lhs, rhs in
            lhs.words.count != rhs.words.count
                ? lhs.words.count > rhs.words.count : lhs.words.joined(separator: " ") < rhs.words.joined(separator: " ")
        }
    }
}
