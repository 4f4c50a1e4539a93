import Foundation
import Hummingbird
import Logging
import NIOCore
import QuerentCore

/// Turns every error into the JSON error body `{"error":{"code","message"}}`.
///
/// ``QuerentCore/ServiceError``s keep their code; Hummingbird's `HTTPError`s (bad JSON, 404 of
/// unknown routes, 405, 413) get the code of their status and keep their headers, a body read
/// past its limit is a 413; anything else is logged and answered
/// with a generic 500 that reveals nothing.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            if error.code == .internalError || error.code == .unavailable {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return Self.convert(error)
        } catch is NIOTooManyBytesError {
            return Self.convert(HTTPError(.contentTooLarge, message: RequestLimitsMiddleware.bodyMessage(context.maxUploadSize)))
        } catch is DecodingError {
            return try ServiceError(.badRequest, "malformed JSON body").response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return try ServiceError(.internalError, "internal error").response(from: request, context: context)
        }
    }

    /// Hummingbird's own errors in Querent's JSON form, keeping their status.
    static func convert(_ error: HTTPError) -> Response {
        let code: String
        switch error.status.code {
        case 400: code = ServiceError.Code.badRequest.rawValue
        case 401: code = ServiceError.Code.unauthorized.rawValue
        case 404: code = ServiceError.Code.notFound.rawValue
        case 409: code = ServiceError.Code.conflict.rawValue
        case 503: code = ServiceError.Code.unavailable.rawValue
        case 400..<500: code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
        default: code = ServiceError.Code.internalError.rawValue
        }
        let message = error.body ?? (error.status.code == 404 ? "no such route" : error.status.reasonPhrase.lowercased())
        var response = ServiceError.errorResponse(status: error.status, code: code, message: message)
        for field in error.headers where field.name != .contentType && field.name != .contentLength {
            response.headers.append(field)
        }
        return response
    }
}
