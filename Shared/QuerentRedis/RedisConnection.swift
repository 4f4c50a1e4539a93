import CHiredis
import Foundation
import QuerentCore

#if canImport(Glibc)
import Glibc
import QuerentIO
#endif

/// Owns one `redisContext*`: the only type that calls the hiredis C API.
///
/// Calls block; callers run them on a ``QuerentCore/BlockingIO`` thread, one thread at a time.
public final class RedisConnection {
    private var context: UnsafeMutablePointer<redisContext>?

    /// Connects to `host:port`, authenticates and selects `database` when given.
    /// - Throws: ``RedisError`` when Redis cannot be reached.
    public init(host: String, port: Int, password: String? = nil, database: Int? = nil, timeout: Duration = .seconds(5)) throws {
        let tv = Self.timeval(timeout)
        guard let context = redisConnectWithTimeout(host, Int32(port), tv) else {
            throw RedisError(code: -1, message: "cannot allocate a Redis context")
        }
        if context.pointee.err != 0 {
            let error = Self.error(context)
            redisFree(context)
            throw error
        }
        self.context = context
        // Commands (not blocking reads) give up after 10 s so a dead server cannot hang a thread.
        redisSetTimeout(context, Self.timeval(.seconds(10)))
        if let password, !password.isEmpty { _ = try command(["AUTH", password]) }
        if let database, database != 0 { _ = try command(["SELECT", String(database)]) }
    }

    deinit { close() }

    public func close() {
        if let context { redisFree(context) }
        context = nil
    }

    /// False once the connection failed; the pool then drops it.
    public var isHealthy: Bool {
        guard let context else { return false }
        return context.pointee.err == 0
    }

    /// Sends one command (binary-safe arguments) and returns its reply.
    /// - Throws: ``RedisError``: a server error reply (code 0) or a transport failure.
    @discardableResult
    public func command(_ arguments: [String]) throws -> RedisReply {
        guard let context else { throw RedisError(code: -1, message: "connection is closed") }
        let raw = withArguments(arguments) { argc, argv, lengths in
            redisCommandArgv(context, argc, argv, lengths)
        }
        guard let raw else { throw Self.error(context) }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return try Self.convert(reply)
    }

    /// Sends a command without waiting for its reply (used for `SUBSCRIBE`).
    public func send(_ arguments: [String]) throws {
        guard let context else { throw RedisError(code: -1, message: "connection is closed") }
        let rc = withArguments(arguments) { argc, argv, lengths in
            redisAppendCommandArgv(context, argc, argv, lengths)
        }
        guard rc == REDIS_OK else { throw Self.error(context) }
        var done: Int32 = 0
        while done == 0 {
            guard redisBufferWrite(context, &done) == REDIS_OK else { throw Self.error(context) }
        }
    }

    /// Waits up to `timeout` for a pushed reply (pub/sub messages); nil when none arrived.
    public func readPush(timeout: Duration) throws -> RedisReply? {
        guard let context else { throw RedisError(code: -1, message: "connection is closed") }
        if let reply = try bufferedReply(context) { return reply }
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.wholeMilliseconds)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 {
            if errno == EINTR { return nil }
            throw RedisError(code: -1, message: "poll failed: errno \(errno)")
        }
        guard ready > 0 else { return nil }
        guard redisBufferRead(context) == REDIS_OK else { throw Self.error(context) }
        return try bufferedReply(context)
    }

    private func bufferedReply(_ context: UnsafeMutablePointer<redisContext>) throws -> RedisReply? {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReplyFromReader(context, &raw) == REDIS_OK else { throw Self.error(context) }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return try Self.convert(raw.assumingMemoryBound(to: redisReply.self))
    }

    private func withArguments<T>(_ arguments: [String], _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> T) -> T {
        let buffers = arguments.map { Array($0.utf8CString) }
        let lengths = arguments.map { $0.utf8.count }
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(buffers.count)
        return withExtendedLifetime(buffers) {
            for buffer in buffers { pointers.append(buffer.withUnsafeBufferPointer { $0.baseAddress }) }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { body(Int32(arguments.count), argv.baseAddress!, $0.baseAddress!) }
            }
        }
    }

    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) throws -> RedisReply {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING: return .string(text(value))
        case REDIS_REPLY_STATUS: return .status(text(value))
        case REDIS_REPLY_INTEGER: return .integer(value.integer)
        case REDIS_REPLY_NIL: return .null
        case REDIS_REPLY_ERROR: throw RedisError(code: 0, message: text(value))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(value.elements)
            for index in 0..<value.elements {
                guard let element = value.element[index] else {
                    elements.append(.null)
                    continue
                }
                elements.append(try convert(element))
            }
            return .array(elements)
        default: return .null
        }
    }

    private static func text(_ reply: redisReply) -> String {
        guard let pointer = reply.str else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: reply.len), as: UTF8.self)
    }

    private static func error(_ context: UnsafeMutablePointer<redisContext>) -> RedisError {
        let message = withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return RedisError(code: context.pointee.err == 0 ? -1 : context.pointee.err, message: message.isEmpty ? "connection lost" : message)
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}

// A ConnectionPool hands each connection to one task at a time, and every call runs on a
// BlockingIO thread while that lease is held, so no two threads use a redisContext at once.
extension RedisConnection: @unchecked Sendable {}

extension RedisConnection: PooledConnection {}
