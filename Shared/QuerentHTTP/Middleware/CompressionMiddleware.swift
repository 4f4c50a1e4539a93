import Foundation
import Hummingbird
import QuerentCompression

/// gzip-compresses JSON and text responses over 1 KiB for clients that accept gzip.
/// Event streams are never buffered or compressed.
public struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let accept = request.headers[.acceptEncoding], accept.lowercased().contains("gzip"),
            response.headers[.contentEncoding] == nil,
            let type = response.headers[.contentType],
            type.hasPrefix("application/json") || type.hasPrefix("text/plain"),
            let length = response.body.contentLength, length >= 1024
        else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let compressed = try Gzip.compress(Data(collector.storage.buffer.readableBytesView))
        response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: compressed))
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.count)
        response.headers[.vary] = "Accept-Encoding"
        return response
    }

    /// Collects a fixed-length body in memory.
    struct BodyCollector: ResponseBodyWriter {
        final class Storage {
            var buffer = ByteBuffer()
        }
        let storage = Storage()
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            storage.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
