import Foundation
import QuerentCore

extension MySQLDriver {
    /// The schemas of `tables` in four `information_schema` queries (tables, columns, key
    /// columns, index columns) whatever their number, then three sample rows of each on the
    /// same connection. Missing names are left out; a table whose sample fails too.
    public func introspect(tables: [String], sourceId: String) async throws -> [TableSchema] {
        var seen = Set<String>()
        let wanted = tables.filter { seen.insert($0).inserted }
        guard !wanted.isEmpty else { return [] }
        return try await run { connection in
            var schemas: [TableSchema] = []
            for chunk in stride(from: 0, to: wanted.count, by: 500).map({ Array(wanted[$0..<min($0 + 500, wanted.count)]) }) {
                schemas += try Self.introspect(chunk, sourceId: sourceId, connection)
            }
            return schemas
        }
    }

    public func distinctValues(table: String, columns: [String], limit: Int) async throws -> [String: [String]] {
        try await distinctValues(columns: columns, limit: limit) { column, rows in
            let name = Self.quote(column)
            return "SELECT DISTINCT CAST(\(name) AS CHAR) AS value FROM \(Self.quote(table)) WHERE \(name) IS NOT NULL LIMIT \(rows)"
        }
    }

    static func introspect(_ tables: [String], sourceId: String, _ connection: MySQLConnection) throws -> [TableSchema] {
        let names = tables.map(literal).joined(separator: ", ")
        let scope = "TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (\(names))"
        var info: [String: (kind: TableKind, rows: Int64?, comment: String?)] = [:]
        for row in try connection.records(
            "SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_ROWS AS row_estimate, TABLE_COMMENT AS comment FROM information_schema.TABLES WHERE \(scope)"
        ) {
            guard let name = row["name"]?.stringValue, tables.contains(name) else { continue }
            let kind: TableKind = row["type"]?.stringValue == "VIEW" ? .view : .table
            let comment = row["comment"]?.stringValue.flatMap { $0.isEmpty || kind == .view ? nil : $0 }
            info[name] = (kind, kind == .table ? row["row_estimate"]?.int64 : nil, comment)
        }

        var columns: [String: [ColumnSchema]] = [:]
        for row in try connection.records(
            """
            SELECT TABLE_NAME AS t, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt,
            COLUMN_KEY AS k, COLUMN_COMMENT AS comment FROM information_schema.COLUMNS WHERE \(scope) ORDER BY TABLE_NAME, ORDINAL_POSITION
            """
        ) {
            guard let table = row["t"]?.stringValue, info[table] != nil, let name = row["name"]?.stringValue else { continue }
            let comment = row["comment"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            columns[table, default: []].append(
                ColumnSchema(
                    name: name,
                    type: row["type"]?.stringValue ?? "",
                    nullable: row["nullable"]?.stringValue == "YES",
                    primaryKey: row["k"]?.stringValue == "PRI",
                    defaultValue: row["dflt"]?.stringValue,
                    description: comment
                )
            )
        }

        // Key columns: PRIMARY marks primary keys (COLUMN_KEY says PRI for a unique key used in its
        // place too), and constraints with a referenced table in this database are foreign keys.
        var primary: [String: [String]] = [:]
        var foreign: [String: [String: (target: String, pairs: [(String, String)])]] = [:]
        for row in try connection.records(
            """
            SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS c, COLUMN_NAME AS col, REFERENCED_TABLE_SCHEMA AS rs, REFERENCED_TABLE_NAME AS rt,
            REFERENCED_COLUMN_NAME AS rc, (REFERENCED_TABLE_SCHEMA = DATABASE()) AS local FROM information_schema.KEY_COLUMN_USAGE
            WHERE \(scope) ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION
            """
        ) {
            guard let table = row["t"]?.stringValue, let constraint = row["c"]?.stringValue, let column = row["col"]?.stringValue else { continue }
            if constraint == "PRIMARY" {
                primary[table, default: []].append(column)
            } else if let target = row["rt"]?.stringValue, let targetColumn = row["rc"]?.stringValue, row["local"]?.int64 == 1 {
                foreign[table, default: [:]][constraint, default: (target, [])].pairs.append((column, targetColumn))
            }
        }

        var indexes: [String: [String: (unique: Bool, columns: [String])]] = [:]
        for row in try connection.records(
            """
            SELECT TABLE_NAME AS t, INDEX_NAME AS i, NON_UNIQUE AS non_unique, COLUMN_NAME AS col FROM information_schema.STATISTICS
            WHERE \(scope) ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """
        ) {
            guard let table = row["t"]?.stringValue, let index = row["i"]?.stringValue else { continue }
            let column = row["col"]?.stringValue ?? "<expression>"
            indexes[table, default: [:]][index, default: (row["non_unique"]?.int64 == 0, [])].columns.append(column)
        }

        // Every sample in one read-only transaction under a short time limit.
        try setTimeout(5_000, connection)
        try connection.command("START TRANSACTION READ ONLY")
        defer { try? connection.command("ROLLBACK") }
        var schemas: [TableSchema] = []
        for table in tables {
            guard let (kind, rows, comment) = info[table] else { continue }
            let keys = primary[table] ?? []
            var tableColumns = (columns[table] ?? []).map { column -> ColumnSchema in
                var column = column
                column.primaryKey = keys.contains(column.name)
                if column.primaryKey { column.nullable = false }
                return column
            }
            let relationships = (foreign[table] ?? [:]).sorted { $0.key < $1.key }.map { name, entry in
                Relationship(name: name, columns: entry.pairs.map(\.0), referencesTable: entry.target, referencesColumns: entry.pairs.map(\.1))
            }
            for relationship in relationships where relationship.columns.count == 1 {
                if let index = tableColumns.firstIndex(where: { $0.name == relationship.columns[0] }), tableColumns[index].foreignKey == nil {
                    tableColumns[index].foreignKey = ForeignKeyReference(
                        referencesTable: relationship.referencesTable,
                        referencesColumn: relationship.referencesColumns[0]
                    )
                }
            }
            let tableIndexes = (indexes[table] ?? [:]).sorted { $0.key < $1.key }.map { name, entry in
                IndexSchema(name: name, columns: entry.columns, unique: entry.unique, primary: name == "PRIMARY")
            }
            let uniques = tableIndexes.filter { $0.unique && !$0.primary }.map { UniqueConstraint(name: $0.name, columns: $0.columns) }
            let sample: [[String: JSONValue]]
            do {
                sample = try Self.sample(table, limit: 3, connection)
            } catch let error as MySQLError where !error.isConnectionFailure {
                continue
            }
            schemas.append(
                TableSchema(
                    sourceId: sourceId,
                    tableName: table,
                    schemaName: nil,
                    kind: kind,
                    columns: tableColumns,
                    relationships: relationships,
                    indexes: tableIndexes,
                    uniqueConstraints: uniques,
                    description: comment,
                    rowEstimate: rows,
                    sampleData: sample
                )
            )
        }
        return schemas
    }
}

extension JSONValue {
    /// The text of a string value, nil for anything else.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
