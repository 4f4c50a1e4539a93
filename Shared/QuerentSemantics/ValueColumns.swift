import Foundation

/// Which text columns hold values worth knowing even when there are many of them: places
/// (country, city, region), and kinds (genre, category, language, status): a question names
/// them ("customers in Canada", "Jazz tracks") without naming the column.
public enum ValueColumns {
    /// Whether the column's values are profiled up to the wide limit: its name, or its table's
    /// name for a label column (`country.name`), is a place or a kind (`wide_value_columns`).
    public static func isWide(column: String, table: String) -> Bool {
        let wide = NamingConventions.standard.wideValueColumns
        let columnWords = NamingConventions.words(column).map { NamingConventions.singular($0.lowercased()) }
        if columnWords.contains(where: wide.contains) { return true }
        guard let last = columnWords.last, ["name", "title", "label"].contains(last) else { return false }
        let tableName = table.split(separator: ".").last.map(String.init) ?? table
        return NamingConventions.words(tableName).map { NamingConventions.singular($0.lowercased()) }.contains(where: wide.contains)
    }
}
