import QuerentSchemaLinking

/// Join paths over the schema's foreign-key graph, walked in either direction.
package enum AnalyticJoins {
    /// The shortest path of joins from `from` to `to`, nil when the tables are not connected.
    package static func path(in index: SchemaIndex, from: Int, to: Int) -> [SchemaIndex.Edge]? {
        if from == to { return [] }
        var previous: [Int: SchemaIndex.Edge] = [:]
        var frontier = [from]
        var seen: Set<Int> = [from]
        while !frontier.isEmpty {
            var next: [Int] = []
            for table in frontier {
                for edge in index.neighbours(of: table) where seen.insert(edge.to).inserted {
                    previous[edge.to] = edge
                    if edge.to == to {
                        var path: [SchemaIndex.Edge] = []
                        var cursor = to
                        while let step = previous[cursor] {
                            path.insert(step, at: 0)
                            cursor = step.from
                        }
                        return path
                    }
                    next.append(edge.to)
                }
            }
            frontier = next
        }
        return nil
    }

    /// The joins that connect `root` to every table of `tables`, in an order where each join's
    /// `from` table is already joined; nil when one of them cannot be reached.
    package static func tree(in index: SchemaIndex, root: Int, tables: [Int]) -> [SchemaIndex.Edge]? {
        var joined: Set<Int> = [root]
        var edges: [SchemaIndex.Edge] = []
        for table in tables where !joined.contains(table) {
            // the shortest path from any table already joined
            let paths = joined.compactMap { path(in: index, from: $0, to: table) }
            guard let best = paths.min(by: { $0.count < $1.count }) else { return nil }
            for edge in best where !joined.contains(edge.to) {
                edges.append(edge)
                joined.insert(edge.to)
            }
        }
        return edges
    }
}
