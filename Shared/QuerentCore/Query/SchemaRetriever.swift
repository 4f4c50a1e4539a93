import Foundation

/// Picks the trained tables a question needs: the closest by vector similarity (k adapts to
/// the score gap) plus the foreign-key neighbours a join needs.
public struct SchemaRetriever: Sendable {
    let vectors: any VectorStore
    let contexts: SchemaContextCache
    /// The most tables taken by similarity (neighbours come on top).
    public var maxTables: Int

    public init(vectors: any VectorStore, contexts: SchemaContextCache, maxTables: Int = 5) {
        self.vectors = vectors
        self.contexts = contexts
        self.maxTables = maxTables
    }

    /// The tables for `question`, most relevant first.
    /// - Throws: `.badRequest` when the source has no trained table.
    public func retrieve(question: String, sourceId: String, tenant: Tenant) async throws -> [RetrievedTable] {
        let records = try await contexts.trainedSchemas(sourceId: sourceId, tenant: tenant)
        guard !records.isEmpty else {
            throw ServiceError(.badRequest, "the source has no trained tables yet; train some first")
        }
        let byName = Dictionary(records.map { ($0.tableName, $0) }, uniquingKeysWith: { $1 })
        let matches = try await vectors.searchRelevantTables(query: question, tenant: tenant, limit: 64)
            .filter { $0.metadata.sourceId == sourceId && byName[$0.metadata.tableName] != nil }
        let chosen = Self.adaptiveCut(matches.map(\.score), max: maxTables)
        var selected: [RetrievedTable] = matches.prefix(chosen).compactMap { match in
            byName[match.metadata.tableName].map { RetrievedTable(schema: $0.schema, businessContext: $0.businessContext, score: match.score) }
        }
        if selected.isEmpty, let first = records.first {
            selected = [RetrievedTable(schema: first.schema, businessContext: first.businessContext, score: 0)]
        }
        return selected + Self.neighbours(of: selected, in: records)
    }

    /// How many of the scores (sorted, best first) to keep: at least one, at most `max`,
    /// stopping where the score falls below half the best or drops sharply from the previous.
    static func adaptiveCut(_ scores: [Float], max: Int) -> Int {
        guard let best = scores.first, best > 0 else { return min(scores.count, max) }
        var count = 1
        while count < min(scores.count, max) {
            let score = scores[count]
            if score < best * 0.5 || score < scores[count - 1] * 0.6 { break }
            count += 1
        }
        return count
    }

    /// Trained tables one foreign key away from the selected ones (either direction), so a
    /// generator can join through them.
    static func neighbours(of selected: [RetrievedTable], in records: [TableSchemaRecord]) -> [RetrievedTable] {
        let chosen = Set(selected.map(\.schema.tableName))
        var added: [RetrievedTable] = []
        var seen = chosen
        for record in records where !seen.contains(record.tableName) {
            let referencedByChosen = selected.contains { table in table.schema.relationships.contains { $0.referencesTable == record.tableName } }
            let referencesChosen = record.schema.relationships.contains { chosen.contains($0.referencesTable) }
            if referencedByChosen || referencesChosen {
                added.append(RetrievedTable(schema: record.schema, businessContext: record.businessContext, score: 0))
                seen.insert(record.tableName)
            }
        }
        return added
    }
}
