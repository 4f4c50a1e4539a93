import Foundation
import QuerentCore
import QuerentSchemaLinking

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

    /// Sources with at most this many trained tables offer every table to the generator.
    static let wholeSchemaSize = 10

    /// The tables for `question`, most relevant first, each with why it was chosen.
    /// - Parameter maxTables: the most tables taken by similarity for this question (the
    ///   retriever's own limit when nil).
    /// - Throws: `.badRequest` when the source has no trained table.
    public func retrieve(question: String, sourceId: String, tenant: Tenant, maxTables requested: Int? = nil) async throws -> [RetrievedTable] {
        let records = try await contexts.trainedSchemas(sourceId: sourceId, tenant: tenant)
        guard !records.isEmpty else {
            throw ServiceError(.badRequest, "the source has no trained tables yet; train some first")
        }
        let byName = Dictionary(records.map { ($0.tableName, $0) }, uniquingKeysWith: { $1 })
        let matches = try await vectors.searchRelevantTables(query: question, tenant: tenant, limit: 64)
            .filter { $0.metadata.sourceId == sourceId && byName[$0.metadata.tableName] != nil }
        // a small schema is offered whole, best matches first: a word of the question can name a
        // column of a table that scores low as a whole
        // (a limit the request sets holds for small sources too)
        let chosen: Int
        if let requested {
            chosen = records.count <= Self.wholeSchemaSize ? min(matches.count, requested) : Self.adaptiveCut(matches.map(\.score), max: requested)
        } else {
            chosen = records.count <= Self.wholeSchemaSize ? matches.count : Self.adaptiveCut(matches.map(\.score), max: maxTables)
        }
        var selected: [RetrievedTable] = matches.prefix(chosen).compactMap { match in
            byName[match.metadata.tableName].map { RetrievedTable(schema: $0.schema, businessContext: $0.businessContext, score: match.score) }
        }
        if selected.isEmpty, let first = records.first {
            selected = [RetrievedTable(schema: first.schema, businessContext: first.businessContext, score: 0, reason: .fallback)]
        }
        var neighbours = Self.neighbours(of: selected, in: records)
        let retrieved = Set((selected + neighbours).map(\.schema.tableName))
        for name in try await measureTables(question: question, selected: selected + neighbours, records: records, sourceId: sourceId, tenant: tenant)
        where !retrieved.contains(name) && !neighbours.contains(where: { $0.schema.tableName == name }) {
            if let record = byName[name] {
                neighbours.append(RetrievedTable(schema: record.schema, businessContext: record.businessContext, score: 0, reason: .measurePath))
            }
        }
        return selected + neighbours
    }

    /// A question about a money measure ("revenue", "sales") that no retrieved table stores
    /// gets the trained table with an amount or total column, or a line table (quantity and
    /// unit price), that is fewest joins away from the tables already chosen, with the tables
    /// on that join path, so the generator can reach it; ties go to the closest by similarity.
    func measureTables(
        question: String,
        selected: [RetrievedTable],
        records: [TableSchemaRecord],
        sourceId: String,
        tenant: Tenant
    ) async throws -> [String] {
        let words = question.split(whereSeparator: { !$0.isLetter })
        guard words.contains(where: { Lexicon.isMoneyMeasure(String($0)) }), !selected.contains(where: { Self.hasMoneyColumn($0.schema) }) else {
            return []
        }
        let matches = try await vectors.searchRelevantTables(query: question + " amount total payment", tenant: tenant, limit: 64)
        let rank = Dictionary(
            matches.filter { $0.metadata.sourceId == sourceId }.enumerated().map { ($1.metadata.tableName, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let chosen = Set(selected.map(\.schema.tableName))
        let candidates = records.filter { Self.hasMoneyColumn($0.schema) || Self.isLineTable($0.schema) }.compactMap {
            record -> (path: [String], rank: Int)? in
            guard let path = Self.joinPath(from: record.tableName, to: chosen, records: records) else { return nil }
            return (path, rank[record.tableName] ?? Int.max)
        }
        guard let best = candidates.min(by: { ($0.path.count, $0.rank) < ($1.path.count, $1.rank) }) else { return [] }
        return best.path
    }

    /// A table that refers to a parent and has a quantity and a unit price: its lines are worth
    /// quantity × price.
    static func isLineTable(_ schema: TableSchema) -> Bool {
        guard !schema.relationships.isEmpty else { return false }
        let words = schema.columns.map { Set(BusinessContextGenerator.words(in: $0.name).map { $0.lowercased() }) }
        return words.contains { $0.contains("quantity") || $0.contains("qty") } && words.contains { $0.contains("price") }
    }

    /// The tables from `start` to the nearest of `targets` over foreign keys (either direction),
    /// `start` first and the target left out; nil when none is connected.
    static func joinPath(from start: String, to targets: Set<String>, records: [TableSchemaRecord]) -> [String]? {
        if targets.isEmpty { return [start] }
        var previous: [String: String] = [:]
        var frontier = [start]
        var seen: Set<String> = [start]
        while !frontier.isEmpty {
            var next: [String] = []
            for table in frontier {
                if targets.contains(table) {
                    var path: [String] = []
                    var cursor = previous[table]
                    while let step = cursor {
                        path.insert(step, at: 0)
                        cursor = previous[step]
                    }
                    return path
                }
                let linked =
                    records.filter { record in
                        record.schema.relationships.contains { $0.referencesTable == table } && record.tableName != table
                    }.map(\.tableName) + (records.first { $0.tableName == table }?.schema.relationships.map(\.referencesTable) ?? [])
                for other in linked where seen.insert(other).inserted {
                    previous[other] = table
                    next.append(other)
                }
            }
            frontier = next
        }
        return nil
    }

    /// Whether the table has a numeric column holding money summed per row (amount, total,
    /// revenue…; a unit price does not count).
    static func hasMoneyColumn(_ schema: TableSchema) -> Bool {
        schema.columns.contains { column in
            let type = column.type.lowercased()
            let numeric = ["int", "num", "dec", "real", "float", "double", "money"].contains { type.contains($0) }
            let words = Set(BusinessContextGenerator.words(in: column.name).map { Lexicon.stem($0.lowercased()) })
            return numeric && !column.primaryKey && column.foreignKey == nil
                && Lexicon.moneyColumnWords.contains { $0 != "price" && $0 != "value" && words.contains($0) }
        }
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
                added.append(RetrievedTable(schema: record.schema, businessContext: record.businessContext, score: 0, reason: .foreignKeyNeighbour))
                seen.insert(record.tableName)
            }
        }
        return added
    }
}
