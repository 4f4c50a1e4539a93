import Foundation
import Hummingbird
import QuerentCore

/// Requires `Authorization: Bearer <JWT>` (HS256, claims `sub` and `agent_id`) and puts the
/// tenant into the context; anything else is answered with 401.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    private let signer: TokenSigner

    public init(signer: TokenSigner) {
        self.signer = signer
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw ServiceError(.unauthorized, "missing Authorization header (expected 'Bearer <token>')")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw ServiceError(.unauthorized, "Authorization header must be 'Bearer <token>'")
        }
        var context = context
        let tenant = try signer.verify(String(parts[1]).trimmingCharacters(in: .whitespaces))
        context.tenant = tenant
        context.logger[metadataKey: "tenant.user"] = .string(tenant.userId)
        context.logger[metadataKey: "tenant.agent"] = .string(tenant.agentId)
        return try await next(request, context)
    }
}
