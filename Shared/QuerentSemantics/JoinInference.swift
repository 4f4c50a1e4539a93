import Foundation
import QuerentCore

/// Infers the joins a schema did not declare, by database naming convention: a column that
/// points at another table of the same schema by name — the table's key column name itself
/// (`customer_id` in both), or the table's name with `_id` / `id` (`customer_id` for
/// `customers.id`) — with a key of a compatible type, and no foreign key declared on it.
/// Inferred relationships carry `inferred: true`; nothing crosses schemas.
public enum JoinInference {
    /// The relationships inferred for each table of `tables`, by table name (tables with none
    /// are left out).
    public static func infer(_ tables: [TableSchema]) -> [String: [Relationship]] {
        // The single-column keys that can be pointed at, by schema and by the names that point at them.
        var targets: [String: [String: [(table: TableSchema, key: ColumnSchema)]]] = [:]
        for table in tables {
            let keys = table.columns.filter(\.primaryKey)
            guard keys.count == 1, let key = keys.first else { continue }
            var names: Set<String> = []
            let keyName = key.name.lowercased()
            let base = baseName(table.tableName).lowercased()
            let singular = NamingConventions.singular(base)
            // A key named for what it identifies (`customer_id`, `stuid`, `country_code`) is its own pointer.
            let last = NamingConventions.words(key.name).last?.lowercased() ?? ""
            let identifying = ["id", "code", "key", "no", "number", "num"].contains(last) || last.hasSuffix("id")
            if identifying, keyName != last || keyName.count > 3, !["id", "code", "key"].contains(keyName) { names.insert(keyName) }
            for stem in Set([base, singular]) where keyName == "id" || keyName == "code" {
                names.insert(stem + "_" + keyName)
                names.insert(stem + keyName)
            }
            for name in names { targets[table.schemaName ?? "", default: [:]][name, default: []].append((table, key)) }
        }
        var inferred: [String: [Relationship]] = [:]
        for table in tables {
            let declared = Set(table.relationships.flatMap(\.columns).map { $0.lowercased() })
            let soleKey = table.columns.filter(\.primaryKey).count == 1
            for column in table.columns where !declared.contains(column.name.lowercased()) && column.foreignKey == nil {
                // A table's own single key is not a reference (1:1 extensions stay undeclared).
                if column.primaryKey && soleKey { continue }
                let candidates = (targets[table.schemaName ?? ""]?[column.name.lowercased()] ?? []).filter {
                    $0.table.tableName != table.tableName && compatible($0.key.type, column.type)
                }
                // Ambiguous names (two tables own the key) are not guessed.
                guard candidates.count == 1, let target = candidates.first else { continue }
                inferred[table.tableName, default: []].append(
                    Relationship(
                        name: nil,
                        columns: [column.name],
                        referencesTable: target.table.tableName,
                        referencesColumns: [target.key.name],
                        inferred: true
                    )
                )
            }
        }
        return inferred
    }

    /// `tables` with the inferred relationships appended to each.
    public static func applied(to tables: [TableSchema]) -> [TableSchema] {
        let inferred = infer(tables)
        guard !inferred.isEmpty else { return tables }
        return tables.map { table in
            var table = table
            table.relationships += inferred[table.tableName] ?? []
            return table
        }
    }

    /// Whether two column types can hold the same key values (both numbers, or both text, or equal).
    static func compatible(_ first: String, _ second: String) -> Bool {
        let (a, b) = (first.lowercased(), second.lowercased())
        if a == b || a.isEmpty || b.isEmpty { return true }
        if SemanticModelBuilder.isNumeric(a) && SemanticModelBuilder.isNumeric(b) { return true }
        return SemanticModelBuilder.isText(a) && SemanticModelBuilder.isText(b)
    }

    private static func baseName(_ tableName: String) -> String {
        tableName.split(separator: ".").last.map(String.init) ?? tableName
    }
}
