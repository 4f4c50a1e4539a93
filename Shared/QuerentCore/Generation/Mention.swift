import Foundation

/// A span of the question linked to something the SQL can use.
public struct Mention: Sendable, Hashable {
    /// What a span may refer to.
    public enum Target: Sendable, Hashable {
        case table(Int)
        case column(table: Int, column: Int)
        /// A stored value of a column (from the value profile or sample rows).
        case value(table: Int, column: Int, value: String)
    }

    /// One reading of the span with its score (0…1).
    public struct Candidate: Sendable, Hashable {
        public var target: Target
        public var score: Double
    }

    /// Token indices covered.
    public var range: Range<Int>
    /// The readings, best first.
    public var candidates: [Candidate]

    public var best: Candidate? { candidates.first }
    public var score: Double { candidates.first?.score ?? 0 }

    /// The table readings.
    public var tables: [(table: Int, score: Double)] {
        candidates.compactMap { if case .table(let t) = $0.target { return (t, $0.score) }; return nil }
    }

    /// The column readings.
    public var columns: [(table: Int, column: Int, score: Double)] {
        candidates.compactMap { if case .column(let t, let c) = $0.target { return (t, c, $0.score) }; return nil }
    }

    /// The value readings.
    public var values: [(table: Int, column: Int, value: String, score: Double)] {
        candidates.compactMap { if case .value(let t, let c, let v) = $0.target { return (t, c, v, $0.score) }; return nil }
    }

    public var isValue: Bool { if case .value = candidates.first?.target { return true }; return false }
    public var isTable: Bool { if case .table = candidates.first?.target { return true }; return false }
    public var isColumn: Bool { if case .column = candidates.first?.target { return true }; return false }
}
