import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an id: the client's `X-Request-Id` when it is sane, otherwise a new
/// one. The id goes into the logger metadata (`request.id`) and the response header.
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id: String
        if let given = request.headers[.requestID], given.count <= 128,
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            id = given
        } else {
            id = UUID().uuidString.lowercased()
        }
        context.logger[metadataKey: "request.id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    public static var requestID: Self { .init("X-Request-Id")! }
}
