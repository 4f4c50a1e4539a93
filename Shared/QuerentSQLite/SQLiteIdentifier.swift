import Foundation
import QuerentCore

/// Quoting and parsing of SQLite table names.
enum SQLiteIdentifier {
    /// `"name"` with embedded quotes doubled.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A string literal `'text'` with embedded quotes doubled (for pragma arguments).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
