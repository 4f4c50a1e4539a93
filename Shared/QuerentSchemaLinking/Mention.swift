import Foundation

/// A span of the question linked to something the SQL can use.
package struct Mention: Sendable, Hashable {
    /// What a span may refer to.
    package enum Target: Sendable, Hashable {
        case table(Int)
        case column(table: Int, column: Int)
        /// A stored value of a column (from the value profile or sample rows).
        case value(table: Int, column: Int, value: String)

        package var sortKey: String {
            switch self {
            case .value(let t, let c, let v): return String(format: "0-%05d-%05d-", t, c) + v
            case .column(let t, let c): return String(format: "1-%05d-%05d", t, c)
            case .table(let t): return String(format: "2-%05d", t)
            }
        }
    }

    /// One reading of the span with its score (0…1).
    package struct Candidate: Sendable, Hashable {
        package var target: Target
        package var score: Double

        /// A total order: better score first, then values, columns, tables, then schema order,
        /// so equal scores never depend on hashing order.
        package static func precedes(_ lhs: Candidate, _ rhs: Candidate) -> Bool {
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return lhs.target.sortKey < rhs.target.sortKey
        }
    }

    /// Token indices covered.
    package var range: Range<Int>
    /// The readings, best first.
    package var candidates: [Candidate]

    package var best: Candidate? { candidates.first }
    package var score: Double { candidates.first?.score ?? 0 }

    /// The table readings.
    package var tables: [(table: Int, score: Double)] {
        candidates.compactMap {
            if case .table(let t) = $0.target { return (t, $0.score) }
            return nil
        }
    }

    /// The column readings.
    package var columns: [(table: Int, column: Int, score: Double)] {
        candidates.compactMap {
            if case .column(let t, let c) = $0.target { return (t, c, $0.score) }
            return nil
        }
    }

    /// The value readings.
    package var values: [(table: Int, column: Int, value: String, score: Double)] {
        candidates.compactMap {
            if case .value(let t, let c, let v) = $0.target { return (t, c, v, $0.score) }
            return nil
        }
    }

    package var isValue: Bool {
        if case .value = candidates.first?.target { return true }
        return false
    }
    package var isTable: Bool {
        if case .table = candidates.first?.target { return true }
        return false
    }
    package var isColumn: Bool {
        if case .column = candidates.first?.target { return true }
        return false
    }
}
