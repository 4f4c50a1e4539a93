/// A Redis reply, converted from hiredis' `redisReply`.
public indirect enum RedisReply: Sendable, Hashable {
    case string(String)
    case status(String)
    case integer(Int64)
    case array([RedisReply])
    case null

    /// The reply as text (bulk string or status).
    public var text: String? {
        switch self {
        case .string(let value), .status(let value): return value
        case .integer(let value): return String(value)
        default: return nil
        }
    }

    public var array: [RedisReply]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var integer: Int64? {
        switch self {
        case .integer(let value): return value
        case .string(let value): return Int64(value)
        default: return nil
        }
    }
}
