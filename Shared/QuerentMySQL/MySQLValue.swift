import Foundation
import QuerentCore

/// Types MySQL text-protocol values into JSON by column kind.
public enum MySQLValue {
    /// The kinds of result column whose text becomes something other than a JSON string.
    public enum ColumnType: Sendable, Hashable {
        case integer, float, decimal, bits, timestamp, json, binary, text
    }

    /// Integers and floats become numbers (exact decimals stay integers when whole), `BIT`
    /// values integers, `DATETIME`/`TIMESTAMP` ISO-8601 text, JSON values JSON, binary strings
    /// base64, everything else text.
    static func json(_ bytes: UnsafeRawBufferPointer, type: ColumnType) -> JSONValue {
        switch type {
        case .binary:
            return .string(Data(bytes).base64EncodedString())
        case .bits:
            return .int(bytes.reduce(Int64(0)) { ($0 << 8) | Int64($1) })
        default:
            break
        }
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case .integer:
            return Int64(text).map(JSONValue.int) ?? .string(text)
        case .float:
            if let value = Double(text), value.isFinite { return .double(value) }
            return .string(text)
        case .decimal:
            if let value = Int64(text) { return .int(value) }
            if let value = Double(text), value.isFinite { return .double(value) }
            return .string(text)
        case .timestamp:
            return .string(text.replacingOccurrences(of: " ", with: "T"))
        case .json:
            return (try? JSONDecoder.querent.decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
        case .binary, .bits, .text:
            return .string(text)
        }
    }
}
