import Foundation

/// The general English `Resources/phrasing.json` holds for matching paraphrases: filler words,
/// words that ask for the same operation, and the operation words that change a query's shape.
struct PhrasingData: Decodable, Sendable {
    var filler: Set<String>
    var equivalents: [String: [String]]
    var operators: Set<String>

    /// The bundled data; a missing or broken file is a packaging error.
    static let standard: PhrasingData = {
        guard let url = Bundle.module.url(forResource: "phrasing", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let decoded = try? JSONDecoder().decode(PhrasingData.self, from: data)
        else { preconditionFailure("QuerentTeaching: Resources/phrasing.json is missing or invalid") }
        return decoded
    }()

    /// Multi-word equivalents ("how many", "broken down by") by their word count, longest first,
    /// with the operation each stands for.
    var phrases: [(words: [String], operation: String)] {
        var all: [(words: [String], operation: String)] = []
        for (operation, phrases) in equivalents {
            for phrase in phrases { all.append((phrase.split(separator: " ").map(String.init), operation)) }
        }
        return all.sorted { lhs, rhs in
            lhs.words.count != rhs.words.count
                ? lhs.words.count > rhs.words.count : lhs.words.joined(separator: " ") < rhs.words.joined(separator: " ")
        }
    }
}
