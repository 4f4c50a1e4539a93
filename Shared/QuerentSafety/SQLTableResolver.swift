import Foundation
import QuerentCore
import QuerentDialects

/// Turns a table reference as written (`Orders`, `"MixedCase"`, `sales.orders`, `main.t`) into
/// the canonical name Querent trains tables under, refuses catalog and foreign-schema
/// references, and checks the name against the allowed tables.
///
/// Postgres: unquoted parts fold to lower case (ASCII only, as Postgres does in UTF-8), parts are
/// truncated to 63 bytes like Postgres identifiers, an unqualified name means `public` (the
/// driver pins `search_path` to `public`), and the canonical form is `name` in `public`,
/// `schema.name` elsewhere, with a part holding `.` or `"` (or starting with a space) quoted.
/// SQLite: names compare ignoring ASCII case, `main.` is the only schema, and the canonical name
/// is the allowed table's own spelling. MySQL: names compare exactly as written, quoted or not
/// (table names are case-sensitive on Linux), only unqualified names (the connection's
/// database) are allowed, and the canonical name is the allowed table's own spelling.
///
/// Which of these applies comes from the dialect's ``DialectRules/NameRules`` and the catalog
/// fields of its ``DialectRules/SafetyRules``.
struct SQLTableResolver {
    private let names: DialectRules.NameRules
    private let safety: DialectRules.SafetyRules
    /// Allowed canonical names, keyed as they compare: as written when names compare exactly,
    /// ASCII-lowercased when they compare ignoring case.
    private let allowed: [String: String]

    init(dialect: Dialect, allowedTables: Set<String>) {
        let rules = dialect.rules
        names = rules.names
        safety = rules.safety
        switch rules.names.comparison {
        case .foldUnquoted, .exact:
            allowed = Dictionary(allowedTables.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
        case .asciiCaseInsensitive:
            allowed = Dictionary(allowedTables.map { (SQLToken.asciiLowercased($0), $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The name a CTE or an unqualified reference compares by in this dialect.
    func normalized(_ part: SQLToken) -> String {
        let compared: String
        switch names.comparison {
        case .foldUnquoted: compared = part.kind == .word ? SQLToken.asciiLowercased(part.value) : part.value
        case .asciiCaseInsensitive: compared = SQLToken.asciiLowercased(part.value)
        case .exact: compared = part.value
        }
        guard let limit = names.maxIdentifierBytes else { return compared }
        return Self.truncated(compared, toBytes: limit)
    }

    /// The canonical name of the allowed table that `parts` (a dotted name) refers to.
    /// - Throws: ``ServiceError`` `.unsafeQuery` for catalog, temporary or foreign-schema tables
    ///   and for tables that are not allowed.
    func resolve(_ parts: [SQLToken]) throws -> String {
        let written = parts.map(\.value).joined(separator: ".")
        guard parts.count <= 2 else {
            switch names.schemaScope {
            case .anySchema:
                throw ServiceError(.unsafeQuery, "table '\(written)': names with more than two parts (database.schema.table) are not allowed")
            case .defaultSchemaOnly:
                throw ServiceError(.unsafeQuery, "table '\(written)': only 'table' or '\(names.defaultSchema).table' may be named")
            case .unqualifiedOnly:
                throw ServiceError(
                    .unsafeQuery,
                    "table '\(written)': only tables of the connection's database, named without a qualifier, may be read"
                )
            }
        }
        if parts.count == 2, names.schemaScope == .unqualifiedOnly {
            // Catalog database names compare ignoring case (`INFORMATION_SCHEMA`).
            if isCatalog(schema: SQLToken.asciiLowercased(parts[0].value), name: "", qualified: true) {
                throw ServiceError(.unsafeQuery, "table '\(written)' \(safety.catalogPhrase), which is not allowed: it describes untrained tables")
            }
            throw ServiceError(
                .unsafeQuery,
                "table '\(written)' is in another database, which is not allowed: only tables of the connection's database, named without a qualifier, may be read"
            )
        }
        let qualified = parts.count == 2
        let name = normalized(parts[parts.count - 1])
        let schema = qualified ? normalized(parts[0]) : names.defaultSchema
        if qualified, case .defaultSchemaOnly(let temporarySchemas) = names.schemaScope {
            if temporarySchemas.contains(schema) {
                throw ServiceError(.unsafeQuery, "table '\(written)' is in the temporary schema, which is not allowed")
            }
            guard schema == names.defaultSchema else {
                throw ServiceError(.unsafeQuery, "table '\(written)' is in an attached database, which is not allowed")
            }
        }
        if isCatalog(schema: schema, name: name, qualified: qualified) {
            throw ServiceError(.unsafeQuery, "table '\(written)' \(safety.catalogPhrase), which is not allowed: it describes untrained tables")
        }
        switch names.schemaScope {
        case .anySchema:
            let canonical = schema == names.defaultSchema ? Self.canonicalPart(name) : Self.canonicalPart(schema) + "." + Self.canonicalPart(name)
            guard let table = allowed[canonical] else { throw Self.notAllowed(canonical) }
            return table
        case .defaultSchemaOnly, .unqualifiedOnly:
            guard let table = allowed[name] else {
                let spelling =
                    names.comparison == .exact ? allowed.keys.filter { SQLToken.asciiLowercased($0) == SQLToken.asciiLowercased(name) }.min() : nil
                guard let spelling else { throw Self.notAllowed(parts[parts.count - 1].value) }
                throw ServiceError(
                    .unsafeQuery,
                    "table '\(parts[parts.count - 1].value)' is not one of the trained tables this query may read: names compare exactly as written, and the trained table is '\(spelling)'"
                )
            }
            return table
        }
    }

    private static func notAllowed(_ name: String) -> ServiceError {
        ServiceError(.unsafeQuery, "table '\(name)' is not one of the trained tables this query may read")
    }

    /// Catalog schemas and catalog table names (on Postgres, unqualified `pg_*` names, which it
    /// looks up in `pg_catalog` first).
    private func isCatalog(schema: String, name: String, qualified: Bool) -> Bool {
        if safety.catalogSchemas.contains(schema) || safety.catalogSchemaPrefixes.contains(where: { schema.hasPrefix($0) }) {
            return true
        }
        if safety.catalogTablePrefixes.contains(where: { name.hasPrefix($0) }) { return true }
        return !qualified && safety.unqualifiedCatalogTablePrefixes.contains(where: { name.hasPrefix($0) })
    }

    /// `identifier` cut to `limit` bytes on a character boundary, as Postgres truncates identifiers.
    private static func truncated(_ identifier: String, toBytes limit: Int) -> String {
        guard identifier.utf8.count > limit else { return identifier }
        var result = String.UnicodeScalarView()
        var bytes = 0
        for scalar in identifier.unicodeScalars {
            let length = String(scalar).utf8.count
            guard bytes + length <= limit else { break }
            result.append(scalar)
            bytes += length
        }
        return String(result)
    }

    /// One part of a canonical schema-qualified name, quoted when it holds `.` or `"` or starts with a space.
    private static func canonicalPart(_ identifier: String) -> String {
        guard identifier.contains(".") || identifier.contains("\"") || identifier.hasPrefix(" ") else { return identifier }
        return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
