import Foundation
import Hummingbird
import QuerentCore

extension ServiceError: HTTPResponseError {
    /// The HTTP status of each error code.
    public var status: HTTPResponse.Status {
        switch code {
        case .badRequest: return .badRequest
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .connectionFailed, .databaseError, .unsafeQuery, .generatorUnavailable, .unprocessable: return .unprocessableContent
        case .timeout: return .requestTimeout
        case .unavailable: return .serviceUnavailable
        default: return .internalServerError
        }
    }

    /// `{"error":{"code","message"}}`; the message is the safe one, never the underlying error.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.errorResponse(status: status, code: code.rawValue, message: message)
    }

    /// The JSON error response every Querent route answers with.
    static func errorResponse(status: HTTPResponse.Status, code: String, message: String) -> Response {
        let body = ErrorBody(error: .init(code: code, message: message))
        let data = (try? JSONEncoder.querent.encode(body)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
        }
        var error: Detail
    }
}
