import Foundation
import QuerentCore

/// Turns a table reference as written (`Orders`, `"MixedCase"`, `sales.orders`, `main.t`) into
/// the canonical name Querent trains tables under, refuses catalog and foreign-schema
/// references, and checks the name against the allowed tables.
///
/// Postgres: unquoted parts fold to lower case (ASCII only, as Postgres does in UTF-8), parts are
/// truncated to 63 bytes like Postgres identifiers, an unqualified name means `public` (the
/// driver pins `search_path` to `public`), and the canonical form is `name` in `public`,
/// `schema.name` elsewhere, with a part holding `.` or `"` (or starting with a space) quoted.
/// SQLite: names compare ignoring ASCII case, `main.` is the only schema, and the canonical name
/// is the allowed table's own spelling.
struct SQLTableResolver {
    let dialect: Dialect
    /// Allowed canonical names (Postgres), or SQLite names keyed by their ASCII-lowercased form.
    private let allowed: [String: String]

    init(dialect: Dialect, allowedTables: Set<String>) {
        self.dialect = dialect
        switch dialect {
        case .postgres:
            allowed = Dictionary(allowedTables.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
        case .sqlite:
            allowed = Dictionary(allowedTables.map { (SQLToken.asciiLowercased($0), $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The name a CTE or an unqualified reference compares by in this dialect.
    func normalized(_ part: SQLToken) -> String {
        switch dialect {
        case .postgres: return Self.truncated(part.kind == .word ? SQLToken.asciiLowercased(part.value) : part.value)
        case .sqlite: return SQLToken.asciiLowercased(part.value)
        }
    }

    /// The canonical name of the allowed table that `parts` (a dotted name) refers to.
    /// - Throws: ``ServiceError`` `.unsafeQuery` for catalog, temporary or foreign-schema tables
    ///   and for tables that are not allowed.
    func resolve(_ parts: [SQLToken]) throws -> String {
        let written = parts.map(\.value).joined(separator: ".")
        switch dialect {
        case .postgres:
            guard parts.count <= 2 else {
                throw ServiceError(.unsafeQuery, "table '\(written)': names with more than two parts (database.schema.table) are not allowed")
            }
            let name = normalized(parts[parts.count - 1])
            let schema = parts.count == 2 ? normalized(parts[0]) : "public"
            if Self.isPostgresCatalog(schema: schema, name: name, qualified: parts.count == 2) {
                throw ServiceError(.unsafeQuery, "table '\(written)' is in the system catalog, which is not allowed: it describes untrained tables")
            }
            let canonical = schema == "public" ? Self.canonicalPart(name) : Self.canonicalPart(schema) + "." + Self.canonicalPart(name)
            guard let table = allowed[canonical] else { throw Self.notAllowed(canonical) }
            return table
        case .sqlite:
            guard parts.count <= 2 else { throw ServiceError(.unsafeQuery, "table '\(written)': only 'table' or 'main.table' may be named") }
            let name = normalized(parts[parts.count - 1])
            if parts.count == 2 {
                let schema = normalized(parts[0])
                if schema == "temp" || schema == "temporary" {
                    throw ServiceError(.unsafeQuery, "table '\(written)' is in the temporary schema, which is not allowed")
                }
                guard schema == "main" else {
                    throw ServiceError(.unsafeQuery, "table '\(written)' is in an attached database, which is not allowed")
                }
            }
            if name.hasPrefix("sqlite_") || name.hasPrefix("pragma_") {
                throw ServiceError(.unsafeQuery, "table '\(written)' is part of the SQLite catalog, which is not allowed: it describes untrained tables")
            }
            guard let table = allowed[name] else { throw Self.notAllowed(parts[parts.count - 1].value) }
            return table
        }
    }

    private static func notAllowed(_ name: String) -> ServiceError {
        ServiceError(.unsafeQuery, "table '\(name)' is not one of the trained tables this query may read")
    }

    /// Catalog schemas, and unqualified `pg_*` names, which Postgres looks up in `pg_catalog` first.
    private static func isPostgresCatalog(schema: String, name: String, qualified: Bool) -> Bool {
        if ["pg_catalog", "information_schema"].contains(schema) || schema.hasPrefix("pg_toast") || schema.hasPrefix("pg_temp") {
            return true
        }
        return !qualified && name.hasPrefix("pg_")
    }

    /// `identifier` cut to 63 bytes on a character boundary, as Postgres truncates identifiers.
    private static func truncated(_ identifier: String) -> String {
        guard identifier.utf8.count > 63 else { return identifier }
        var result = String.UnicodeScalarView()
        var bytes = 0
        for scalar in identifier.unicodeScalars {
            let length = String(scalar).utf8.count
            guard bytes + length <= 63 else { break }
            result.append(scalar)
            bytes += length
        }
        return String(result)
    }

    /// One part of a canonical Postgres name, quoted when it holds `.` or `"` or starts with a space.
    private static func canonicalPart(_ identifier: String) -> String {
        guard identifier.contains(".") || identifier.contains("\"") || identifier.hasPrefix(" ") else { return identifier }
        return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
