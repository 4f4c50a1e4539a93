import Foundation

/// Connects the tables a plan needs along foreign-key paths (declared first, then inferred
/// from same-named key columns): a shortest path from the tables already joined to each
/// further table, so several hops and bridge tables come out naturally.
package struct JoinPlanner: Sendable {
    package let index: SchemaIndex

    package init(index: SchemaIndex) {
        self.index = index
    }

    /// The joins that connect `required` starting from `main`, each edge pointing from a table
    /// already joined to the new one; nil when some table cannot be reached.
    package func joins(main: Int, required: [Int], preferred: [SchemaIndex.Edge] = []) -> [SchemaIndex.Edge]? {
        var joined: [Int] = [main]
        var result: [SchemaIndex.Edge] = []
        for target in required where !joined.contains(target) {
            guard let path = shortestPath(from: Set(joined), to: target, preferred: preferred, avoiding: []) else { return nil }
            for edge in path where !joined.contains(edge.to) {
                result.append(edge)
                joined.append(edge.to)
            }
        }
        return result
    }

    /// The number of joins on the shortest path between two tables (nil when unconnected).
    package func distance(_ a: Int, _ b: Int) -> Int? {
        if a == b { return 0 }
        return shortestPath(from: [a], to: b, preferred: [], avoiding: []).map(\.count)
    }

    /// A shortest path of edges from any table in `sources` to `target`.
    package func shortestPath(from sources: Set<Int>, to target: Int, preferred: [SchemaIndex.Edge], avoiding: Set<Int>) -> [SchemaIndex.Edge]? {
        if sources.contains(target) { return [] }
        var previous: [Int: SchemaIndex.Edge] = [:]
        var frontier = sources.sorted()
        var visited = sources
        // roles taken along the path so far: among equally short paths the one through plain
        // foreign keys (`doctor_id`) wins over one through a role (`primary_doctor_id`)
        var roles = Dictionary(uniqueKeysWithValues: sources.map { ($0, 0) })
        while !frontier.isEmpty {
            var reached: [Int] = []
            var best: [Int: (edge: SchemaIndex.Edge, roles: Int)] = [:]
            for table in frontier {
                for edge in orderedNeighbours(of: table, preferred: preferred) where !visited.contains(edge.to) && !avoiding.contains(edge.to) {
                    let count = (roles[table] ?? 0) + (isRole(edge) ? 1 : 0)
                    if let known = best[edge.to] {
                        if count < known.roles { best[edge.to] = (edge, count) }
                    } else {
                        best[edge.to] = (edge, count)
                        reached.append(edge.to)
                    }
                }
            }
            for table in reached {
                visited.insert(table)
                previous[table] = best[table]!.edge
                roles[table] = best[table]!.roles
            }
            if best[target] != nil {
                var path: [SchemaIndex.Edge] = []
                var current = target
                while let step = previous[current] {
                    path.insert(step, at: 0)
                    current = step.from
                    if sources.contains(current) { break }
                }
                return path
            }
            frontier = reached
        }
        return nil
    }

    /// Whether the foreign key of `edge` names a role rather than the table it references
    /// (`primary_doctor_id`, `reports_to` against `doctor_id`).
    func isRole(_ edge: SchemaIndex.Edge) -> Bool {
        let (table, columns, referenced) =
            edge.fromColumns.allSatisfy({ index.tables[edge.from].columns[$0].isForeignKey })
            ? (edge.from, edge.fromColumns, edge.to) : (edge.to, edge.toColumns, edge.from)
        guard columns.count == 1 else { return false }
        let generic: Set<String> = ["id", "key", "fk", "no", "code"]
        let words = Set(SchemaIndex.identifierWords(index.tables[table].columns[columns[0]].name).filter { !generic.contains($0) }.map(Lexicon.stem))
        let named = Set(SchemaIndex.identifierWords(index.tables[referenced].baseName).map(Lexicon.stem))
        return !words.isEmpty && !words.isSubset(of: named)
    }

    /// Neighbours with preferred edges first, then declared, then inferred ones.
    package func orderedNeighbours(of table: Int, preferred: [SchemaIndex.Edge]) -> [SchemaIndex.Edge] {
        let all = index.neighbours(of: table)
        func rank(_ edge: SchemaIndex.Edge) -> Int {
            if preferred.contains(edge) || preferred.contains(edge.reversed) { return 0 }
            return edge.declared ? 1 : 2
        }
        return all.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}
