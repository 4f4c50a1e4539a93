import QuerentCore

extension TableSchema {
    /// The column named `name`, if the table has one.
    public func column(_ name: String) -> ColumnSchema? { columns.first { $0.name == name } }
}

extension SQLRow {
    /// The row as `column=value` pairs, sorted: for searching raw rows for leaked secrets.
    public var flattened: String {
        values.keys.sorted().map { "\($0)=\((values[$0] ?? nil) ?? "NULL")" }.joined(separator: " ")
    }
}
