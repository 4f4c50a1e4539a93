import Foundation
import QuerentCore

/// Picks what a source was taught that bears on one question: the closest trained examples
/// (embedding similarity blended with word overlap), the glossary, the instructions and the
/// answers users down-voted for this very question.
struct TeachingRetriever: Sendable {
    let vectors: any VectorStore
    /// Examples handed to the generators.
    var limit = 5

    /// The context for `question`; nil when nothing was taught.
    func context(for question: String, material: TeachingMaterial, sourceId: String, tenant: Tenant) async throws -> TeachingContext? {
        guard !material.isEmpty else { return nil }
        let key = QuestionKey.normalize(question)
        var examples: [ExampleMatch] = []
        if !material.examples.isEmpty {
            let similar = try await vectors.searchExamples(query: question, sourceId: sourceId, tenant: tenant, limit: 4 * limit)
            let cosine = Dictionary(similar.compactMap { match in match.metadata.exampleId.map { ($0, Double(match.score)) } }, uniquingKeysWith: max)
            // word overlap (Jaccard) through the inverted index: only examples sharing a word are touched
            let words = Set(key.split(separator: " "))
            var shared: [Int: Int] = [:]
            for word in words { for index in material.postings[word] ?? [] { shared[index, default: 0] += 1 } }
            var scored: [ExampleMatch] = []
            for index in Set(shared.keys).union(cosine.keys.compactMap { material.positions[$0] }) {
                let example = material.examples[index]
                let common = shared[index] ?? 0
                let union = words.count + material.wordCounts[index] - common
                let overlap = union == 0 ? 0 : Double(common) / Double(union)
                let score = 0.5 * (cosine[example.id] ?? 0) + 0.5 * overlap
                if score > 0.1 { scored.append(ExampleMatch(example: example, score: score)) }
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.example.id < $1.example.id }
            examples = Array(scored.prefix(limit))
        }
        return TeachingContext(
            examples: examples,
            glossary: material.glossary,
            instructions: material.instructions,
            rejectedSQL: material.rejected.filter { $0.question == key }.map(\.sql)
        )
    }
}
