import ArgumentParser
import Foundation
import QuerentCore

/// How a command prints rows.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns, for people.
    case table
    /// RFC 4180 CSV with a header line.
    case csv
    /// The API's JSON answer, pretty-printed.
    case json
}

/// Rows of text as aligned columns or CSV.
struct TableFormatter {
    var columns: [String]
    /// The cells; `nil` is SQL `NULL`.
    var rows: [[String?]]

    init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Rows of a query result, in the order of `columns`; SQL `NULL` shows as `NULL` (empty in CSV).
    init(columns: [String], data: [[String: JSONValue]]) {
        self.columns = columns
        rows = data.map { row in
            columns.map { column in
                guard let value = row[column] else { return "" }
                if case .null = value { return nil }
                return value.text
            }
        }
    }

    /// Columns padded to their widest cell, numbers right-aligned, a rule under the header.
    func aligned() -> String {
        let flat = rows.map { $0.map { ($0 ?? "NULL").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ") } }
        let widths = columns.indices.map { index in flat.reduce(columns[index].count) { max($0, $1[index].count) } }
        let numeric = columns.indices.map { index in
            !flat.isEmpty && flat.allSatisfy { ["", "NULL"].contains($0[index]) || Double($0[index]) != nil }
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { index in
                let padding = String(repeating: " ", count: widths[index] - cells[index].count)
                return numeric[index] ? padding + cells[index] : cells[index] + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(columns), rule] + flat.map(line)).joined(separator: "\n")
    }

    /// A header line and one line per row; cells with a comma, quote or line break are quoted.
    func csv() -> String {
        func field(_ cell: String?) -> String {
            guard let text = cell else { return "" }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([columns.map(Optional.some)] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// Prints the rows as `format` asks; `json` prints `raw`, the API's answer.
    func print(_ format: OutputFormat, raw: Data) {
        switch format {
        case .table: Swift.print(aligned())
        case .csv: Swift.print(csv())
        case .json: Swift.print(Self.prettyJSON(raw))
        }
    }

    /// `data` re-indented with sorted keys (as is when it is not JSON).
    static func prettyJSON(_ data: Data) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), let pretty = try? encoder.encode(value) else {
            return String(decoding: data, as: UTF8.self)
        }
        return String(decoding: pretty, as: UTF8.self)
    }
}
