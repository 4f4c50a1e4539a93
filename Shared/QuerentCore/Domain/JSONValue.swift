import Foundation

/// A JSON value: sample rows, query results and free-form metadata.
public enum JSONValue: Sendable, Hashable, Codable {
    /// JSON `null` (SQL `NULL`).
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case int(Int64)
    /// Any other number; NaN and infinities are encoded as strings.
    case double(Double)
    /// A string (also dates, decimals beyond `Double` and other database text forms).
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// Decodes any JSON value, preferring `Bool`, then `Int64`, then `Double` for numbers and literals.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as plain JSON; a non-finite double becomes its string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value):
            // JSON has no NaN or infinity; send them as strings rather than fail the whole response.
            if value.isFinite { try container.encode(value) } else { try container.encode(String(value)) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as display text (strings unquoted), used for profiles and business context.
    public var text: String {
        switch self {
        case .null: return "NULL"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return value
        case .array, .object:
            let data = (try? JSONEncoder.querent.encode(self)) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

extension JSONEncoder {
    /// The encoder Querent uses for stored and returned JSON: sorted keys, ISO-8601 dates.
    public static var querent: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    /// The decoder matching ``Foundation/JSONEncoder/querent``.
    public static var querent: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
