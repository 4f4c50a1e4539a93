import Foundation
import QuerentCore

/// Types Postgres text-format values into JSON by column type OID.
enum PostgresValue {
    /// Converts `text` of a column of type `oid`: integers and floats to numbers, booleans,
    /// dates and timestamps to ISO-8601, `bytea` to base64, `json`/`jsonb` to JSON.
    static func json(_ text: String?, oid: UInt32) -> JSONValue {
        guard let text else { return .null }
        switch oid {
        case 16: return .bool(text == "t")
        case 20, 21, 23, 26, 28: return Int64(text).map(JSONValue.int) ?? .string(text)
        case 700, 701:
            if let value = Double(text), value.isFinite { return .double(value) }
            return .string(text)
        case 1700:
            // numeric: exact integers stay integers; others become doubles when finite.
            if let value = Int64(text) { return .int(value) }
            if let value = Double(text), value.isFinite { return .double(value) }
            return .string(text)
        case 17: return .string(bytea(text))
        case 1082: return .string(text)
        case 1114: return .string(text.replacingOccurrences(of: " ", with: "T"))
        case 1184: return .string(isoTimestampWithZone(text))
        case 114, 3802:
            return (try? JSONDecoder.querent.decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
        default: return .string(text)
        }
    }

    /// `\x0102ff` (hex output format) → base64.
    static func bytea(_ text: String) -> String {
        guard text.hasPrefix("\\x"), let bytes = Data(hexString: String(text.dropFirst(2))) else {
            return Data(text.utf8).base64EncodedString()
        }
        return bytes.base64EncodedString()
    }

    /// `2024-01-02 03:04:05.5+00` → `2024-01-02T03:04:05.5+00:00`.
    static func isoTimestampWithZone(_ text: String) -> String {
        var value = text.replacingOccurrences(of: " ", with: "T")
        if let sign = value.lastIndex(where: { $0 == "+" || $0 == "-" }), value.distance(from: sign, to: value.endIndex) == 3 {
            value += ":00"
        }
        return value
    }
}
