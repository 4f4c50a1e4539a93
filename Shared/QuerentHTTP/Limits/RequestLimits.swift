import Foundation
import Hummingbird

/// How large a request may be. Every service and `querent serve` read them from the
/// environment; a request over a limit is refused with the JSON error before any handler runs.
public struct RequestLimits: Sendable, Equatable {
    /// Bytes of a request body (`QUERENT_MAX_BODY_BYTES`, default 1 MiB) → `413`.
    public var maxBodyBytes = 1 << 20
    /// Bytes of the request target, path and query (`QUERENT_MAX_URL_BYTES`, default 8 KiB) → `414`.
    public var maxURLBytes = 8 << 10
    /// Bytes of all header names and values (`QUERENT_MAX_HEADER_BYTES`, default 16 KiB) → `431`.
    public var maxHeaderBytes = 16 << 10

    /// The defaults, each replaced by its environment variable when that holds a positive number.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func positive(_ name: String) -> Int? { environment[name].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } }
        maxBodyBytes = positive("QUERENT_MAX_BODY_BYTES") ?? maxBodyBytes
        maxURLBytes = positive("QUERENT_MAX_URL_BYTES") ?? maxURLBytes
        maxHeaderBytes = positive("QUERENT_MAX_HEADER_BYTES") ?? maxHeaderBytes
    }
}

/// Refuses a request over its ``RequestLimits`` before reading its body: the target (`414`),
/// the headers (`431`), a declared `Content-Length` (`413`); and sets the body limit the
/// context's `maxUploadSize` enforces while a body without a length is read (`413` too).
public struct RequestLimitsMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let limits: RequestLimits

    public init(_ limits: RequestLimits) {
        self.limits = limits
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.head.path?.utf8.count ?? 0 > limits.maxURLBytes {
            throw HTTPError(.uriTooLong, message: "the request URL is over \(limits.maxURLBytes) bytes")
        }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        if headerBytes > limits.maxHeaderBytes {
            throw HTTPError(.requestHeaderFieldsTooLarge, message: "the request headers are over \(limits.maxHeaderBytes) bytes")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maxBodyBytes {
            throw HTTPError(.contentTooLarge, message: Self.bodyMessage(limits.maxBodyBytes))
        }
        var context = context
        context.maxBodyBytes = limits.maxBodyBytes
        return try await next(request, context)
    }

    /// The message of a `413`.
    static func bodyMessage(_ limit: Int) -> String {
        "the request body is over \(limit) bytes"
    }
}
