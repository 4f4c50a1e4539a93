/// An error from hiredis or from the Redis server.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    /// hiredis' `redisContext.err` (`REDIS_ERR_IO` 1, `REDIS_ERR_EOF` 3, …), or 0 for a server error reply.
    public var code: Int32
    public var message: String

    public var description: String { code == 0 ? "Redis error: \(message)" : "Redis connection error \(code): \(message)" }

    /// True for server replies such as `NOGROUP` or `BUSYGROUP`; false for transport failures.
    public var isReplyError: Bool { code == 0 }
}
