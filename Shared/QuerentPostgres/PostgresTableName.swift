import Foundation
import QuerentCore

/// A Postgres relation name: schema and name, with the canonical text form Querent uses in
/// routes: `name` for the `public` schema, `schema.name` otherwise; a part holding `.` or `"`
/// is double-quoted (`"odd.name"`). Matching is exact: no case folding.
struct PostgresTableName: Hashable, Sendable {
    var schema: String
    var name: String

    init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }

    /// Parses the canonical form.
    /// - Throws: ``QuerentCore/ServiceError`` `.badRequest` for an empty or malformed name.
    init(parsing text: String) throws {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        current.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.isEmpty {
                quoted = true
            } else if character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { throw ServiceError(.badRequest, "unterminated quote in table name") }
        parts.append(current)
        guard parts.allSatisfy({ !$0.isEmpty }), parts.count <= 2 else {
            throw ServiceError(.badRequest, "table name must be 'table' or 'schema.table'")
        }
        if parts.count == 2 {
            self.init(schema: parts[0], name: parts[1])
        } else {
            self.init(schema: "public", name: parts[0])
        }
    }

    /// The canonical text form.
    var canonical: String {
        schema == "public" ? Self.part(name) : Self.part(schema) + "." + Self.part(name)
    }

    /// The SQL form: `"schema"."name"`.
    var quoted: String { Self.quote(schema) + "." + Self.quote(name) }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func part(_ identifier: String) -> String {
        identifier.contains(".") || identifier.contains("\"") || identifier.hasPrefix(" ") ? quote(identifier) : identifier
    }
}
