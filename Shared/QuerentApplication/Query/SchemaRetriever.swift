import Foundation
import QuerentCore
import QuerentSchemaLinking

/// Picks the trained tables a question needs, at most a limit of them: a lexical index
/// (``TableSearchIndex``: BM25 over names, columns, comments and stored values) fused with
/// vector similarity ranks the tables; on a source of several unrelated schemas the best
/// scoring group of related tables is chosen first and the answer stays inside it (a second
/// group joins only when the question names its schema); the joins declared and inferred
/// bring in the neighbours a join needs, and a money measure the tables lack brings in the
/// table that holds it.
public struct SchemaRetriever: Sendable {
    let vectors: any VectorStore
    let contexts: SchemaContextCache
    /// The most tables offered for a question, neighbours included.
    public var maxTables: Int

    public init(vectors: any VectorStore, contexts: SchemaContextCache, maxTables: Int = 10) {
        self.vectors = vectors
        self.contexts = contexts
        self.maxTables = maxTables
    }

    /// The share of a table's score that comes from the lexical index (the rest from vectors).
    static let lexicalShare: Float = 0.6

    /// The tables for `question`, most relevant first, each with why it was chosen.
    /// - Parameter maxTables: the most tables offered for this question (the retriever's own
    ///   limit when nil).
    /// - Throws: `.badRequest` when the source has no trained table.
    public func retrieve(question: String, sourceId: String, tenant: Tenant, maxTables requested: Int? = nil) async throws -> [RetrievedTable] {
        let records = try await contexts.trainedSchemas(sourceId: sourceId, tenant: tenant)
        guard !records.isEmpty else {
            throw ServiceError(.badRequest, "the source has no trained tables yet; train some first")
        }
        let index = try await contexts.searchIndex(sourceId: sourceId, tenant: tenant)
        let limit = max(1, requested ?? maxTables)
        let lookup = index.lookup(question)
        let lexical = index.tableMatches(lookup)
        let position = index.positions
        var similarity: [Int: Float] = [:]
        for match in try await vectors.searchRelevantTables(query: question, tenant: tenant, limit: 200) where match.metadata.sourceId == sourceId {
            if let table = position[match.metadata.tableName] { similarity[table] = max(0, match.score) }
        }
        let ranking = Ranking(lexical: lexical, similarity: similarity)

        let candidates = Self.allowedTables(index: index, ranking: ranking, lookup: lookup, question: question)
        var chosen: [(table: Int, reason: RetrievalReason)]
        if candidates.count <= limit {
            // The whole (group of the) source fits: every table, best first.
            chosen = candidates.sorted { ranking.isBetter($0, $1) }.map { ($0, ranking.reason($0, links: index.links[$0], among: candidates)) }
        } else {
            let ranked = candidates.filter { ranking.fused[$0, default: 0] > 0 }.sorted { ranking.isBetter($0, $1) }
            let cut = Self.adaptiveCut(ranked.map { ranking.fused[$0, default: 0] }, max: limit)
            chosen = ranked.prefix(cut).map { ($0, ranking.reason(of: $0)) }
            if chosen.isEmpty, let first = candidates.min() { chosen = [(first, .fallback)] }
        }
        var selected = chosen.map { item in
            RetrievedTable(
                schema: records[item.table].schema,
                businessContext: records[item.table].businessContext,
                score: ranking.fused[item.table, default: 0],
                reason: item.reason
            )
        }
        var measured = try await measureTables(
            question: question,
            selected: chosen.map(\.table),
            index: index,
            allowed: Set(candidates),
            sourceId: sourceId,
            tenant: tenant
        )
        // "… in 2024": a year places rows in time, so a table with a date comes along
        if Self.namesYear(question), !(chosen.map(\.table) + measured).contains(where: { index.roles[$0].hasDate }) {
            measured += Self.nearest(from: chosen.map(\.table) + measured, index: index, allowed: Set(candidates)) { index.roles[$0].hasDate }
        }
        if !measured.isEmpty {
            selected = Array(selected.prefix(max(1, limit - measured.count)))
            selected += measured.map {
                RetrievedTable(schema: records[$0].schema, businessContext: records[$0].businessContext, score: 0, reason: .measurePath)
            }
        }
        let taken = Set(selected.compactMap { position[$0.schema.tableName] })
        for neighbour in Self.neighbours(of: taken, index: index, ranking: ranking, allowed: Set(candidates)).prefix(max(0, limit - selected.count)) {
            selected.append(
                RetrievedTable(
                    schema: records[neighbour.table].schema,
                    businessContext: records[neighbour.table].businessContext,
                    score: 0,
                    reason: neighbour.inferred ? .inferredJoin : .foreignKeyNeighbour
                )
            )
        }
        return Array(selected.prefix(limit))
    }

    /// The tables of the best scoring group, and of any other group whose schema the question
    /// names; every table when the source is one group.
    static func allowedTables(index: TableSearchIndex, ranking: Ranking, lookup: TableSearchIndex.Lookup, question: String) -> [Int] {
        let all = Array(index.names.indices)
        guard index.groupCount > 1 else { return all }
        var best: [Int: (first: Double, second: Double)] = [:]
        for (table, match) in ranking.lexical {
            var entry = best[index.groups[table], default: (0, 0)]
            if match.score > entry.first {
                entry.second = entry.first
                entry.first = match.score
            } else if match.score > entry.second {
                entry.second = match.score
            }
            best[index.groups[table]] = entry
        }
        // Vectors decide only when no word of the question is in the index.
        let scored = best.map { group, entry in (group, index.groupScore(group, lookup: lookup) + 0.75 * entry.first + 0.2 * entry.second) }
        let winner =
            scored.max(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }).map(\.0)
            ?? ranking.similarity.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }).map { index.groups[$0.key] }
        guard let winner else { return all }
        let named = TableSearchIndex.schemaNames(namedIn: question)
        let groups = Set(index.groupSchemas.indices.filter { $0 == winner || !index.groupSchemas[$0].isDisjoint(with: named) })
        return all.filter { groups.contains(index.groups[$0]) }
    }

    /// The tables joined to `taken` and not taken themselves, within `allowed`: first those
    /// joined to several taken tables (a bridge), then by their own score, declared joins before
    /// inferred ones.
    static func neighbours(of taken: Set<Int>, index: TableSearchIndex, ranking: Ranking, allowed: Set<Int>) -> [(table: Int, inferred: Bool)] {
        var found: [Int: (count: Int, inferred: Bool)] = [:]
        for table in taken.sorted() {
            for link in index.links[table] where !taken.contains(link.other) && allowed.contains(link.other) {
                let previous = found[link.other]
                found[link.other] = ((previous?.count ?? 0) + 1, (previous?.inferred ?? true) && link.inferred)
            }
        }
        return found.sorted { a, b in
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            if a.value.inferred != b.value.inferred { return !a.value.inferred }
            return ranking.isBetter(a.key, b.key)
        }.map { ($0.key, $0.value.inferred) }
    }

    /// Each table's fused score: its lexical and vector scores, each scaled by the best of the
    /// source, weighted by ``lexicalShare``.
    struct Ranking {
        let lexical: [Int: TableSearchIndex.Match]
        let similarity: [Int: Float]
        let fused: [Int: Float]

        init(lexical: [Int: TableSearchIndex.Match], similarity: [Int: Float]) {
            self.lexical = lexical
            self.similarity = similarity
            let bestLexical = lexical.values.map(\.score).max() ?? 0
            let bestSimilarity = similarity.values.max() ?? 0
            var fused: [Int: Float] = [:]
            for (table, match) in lexical where bestLexical > 0 { fused[table] = SchemaRetriever.lexicalShare * Float(match.score / bestLexical) }
            for (table, score) in similarity where bestSimilarity > 0 {
                fused[table, default: 0] += (1 - SchemaRetriever.lexicalShare) * score / bestSimilarity
            }
            self.fused = fused
        }

        func isBetter(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (fused[a, default: 0], fused[b, default: 0])
            return x != y ? x > y : a < b
        }

        /// Lexical (or value) when the index gave the table more of its score than vectors did.
        func reason(of table: Int) -> RetrievalReason {
            guard let match = lexical[table], Float(match.score) > 0 else { return .vector }
            let lexicalPart =
                fused[table, default: 0] - (1 - SchemaRetriever.lexicalShare) * (similarity[table] ?? 0) / max(0.0001, similarity.values.max() ?? 0)
            guard lexicalPart >= fused[table, default: 0] / 2 else { return .vector }
            return match.fromValues ? .value : .lexical
        }

        /// The reason of a table offered with its whole group: its own match, else the join
        /// that links it to a matched table, else its (weak) similarity.
        func reason(_ table: Int, links: [TableSearchIndex.Link], among candidates: [Int]) -> RetrievalReason {
            if lexical[table] != nil || similarity[table, default: 0] > 0 { return reason(of: table) }
            if let link = links.first(where: { fused[$0.other, default: 0] > 0 }) { return link.inferred ? .inferredJoin : .foreignKeyNeighbour }
            return .vector
        }
    }

    /// A question about a money measure ("revenue", "sales") that no retrieved table stores
    /// gets the trained table with an amount or total column, or a line table (quantity and
    /// unit price), that is fewest joins away from the tables already chosen (within
    /// `allowed`), with the tables on that join path, money table first, so the generator can
    /// reach it; ties go to the closest by similarity.
    func measureTables(
        question: String,
        selected: [Int],
        index: TableSearchIndex,
        allowed: Set<Int>,
        sourceId: String,
        tenant: Tenant
    ) async throws -> [Int] {
        let words = question.split(whereSeparator: { !$0.isLetter })
        guard words.contains(where: { Lexicon.isMoneyMeasure(String($0)) }), !selected.contains(where: { index.roles[$0].holdsMoney }),
            !selected.contains(where: { index.roles[$0].isLineTable })
        else { return [] }
        let (found, previous) = Self.firstLayer(from: selected, index: index, allowed: allowed) {
            index.roles[$0].holdsMoney || index.roles[$0].isLineTable
        }
        guard var best = found.first else { return [] }
        if found.count > 1 {
            let matches = try await vectors.searchRelevantTables(query: question + " amount total payment", tenant: tenant, limit: 64)
            let rank = Dictionary(
                matches.filter { $0.metadata.sourceId == sourceId }.enumerated().map { ($1.metadata.tableName, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            best = found.min { (rank[index.names[$0]] ?? Int.max, $0) < (rank[index.names[$1]] ?? Int.max, $1) } ?? best
        }
        return Self.path(to: best, previous: previous, from: selected)
    }

    /// Whether the question names a year (1900–2100).
    static func namesYear(_ question: String) -> Bool {
        question.split(whereSeparator: { !$0.isNumber }).contains { $0.count == 4 && (1900...2100).contains(Int($0) ?? 0) }
    }

    /// The tables on the shortest join path from `start` to the nearest table passing `test`
    /// (within `allowed`), that table first; empty when none is reachable.
    static func nearest(from start: [Int], index: TableSearchIndex, allowed: Set<Int>, where test: (Int) -> Bool) -> [Int] {
        let (found, previous) = firstLayer(from: start, index: index, allowed: allowed, where: test)
        return found.first.map { path(to: $0, previous: previous, from: start) } ?? []
    }

    /// Breadth first from every table of `start` at once (joins within `allowed`): the tables
    /// passing `test` in the first layer that has any, in the order reached, and the table each
    /// reached table was reached from.
    static func firstLayer(
        from start: [Int],
        index: TableSearchIndex,
        allowed: Set<Int>,
        where test: (Int) -> Bool
    ) -> (
        found: [Int], previous: [Int: Int]
    ) {
        var previous: [Int: Int] = [:]
        var seen = Set(start)
        var frontier = start
        var found: [Int] = []
        while !frontier.isEmpty && found.isEmpty {
            var next: [Int] = []
            for table in frontier {
                for link in index.links[table] where allowed.contains(link.other) && seen.insert(link.other).inserted {
                    previous[link.other] = table
                    next.append(link.other)
                    if test(link.other) { found.append(link.other) }
                }
            }
            frontier = next
        }
        return (found, previous)
    }

    /// `table` and the tables stepped through back to `start`, by ``firstLayer(from:index:allowed:where:)``'s steps.
    static func path(to table: Int, previous: [Int: Int], from start: [Int]) -> [Int] {
        var path = [table]
        while let step = previous[path[path.count - 1]], !start.contains(step) { path.append(step) }
        return path
    }

    /// Whether the table has a date or time column (by type or a name such as `OrderDate`,
    /// `placed_at`, `ended_on`).
    static func hasDateColumn(_ schema: TableSchema) -> Bool {
        schema.columns.contains { column in
            let type = column.type.lowercased()
            let name = column.name.lowercased()
            return type.contains("date") || type.contains("time") || name.hasSuffix("date") || name.hasSuffix("_at") || name.hasSuffix("_on")
        }
    }

    /// A table that refers to a parent and has a quantity and a unit price: its lines are worth
    /// quantity × price.
    static func isLineTable(_ schema: TableSchema) -> Bool {
        guard !schema.relationships.isEmpty else { return false }
        let words = schema.columns.map { Set(BusinessContextGenerator.words(in: $0.name).map { $0.lowercased() }) }
        return words.contains { $0.contains("quantity") || $0.contains("qty") } && words.contains { $0.contains("price") }
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
}
