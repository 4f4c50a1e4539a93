extension SampleDatabase {
    /// What ``SampleDatabase/generate(at:)`` wrote.
    public struct Summary: Sendable, Equatable {
        /// The tables, in creation order.
        public let tables: [String]
        /// The number of rows in each table, by table name.
        public let rowCounts: [String: Int]

        /// The number of rows across all tables.
        public var totalRows: Int { rowCounts.values.reduce(0, +) }
    }
}
