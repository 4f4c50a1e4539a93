import Foundation
import Hummingbird
import NIOCore
import QuerentCore

/// The request context of every Querent service: Hummingbird's core storage plus the tenant
/// the bearer token authenticated.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection (for local-only routes and tracing).
    public let remoteAddress: SocketAddress?
    /// Set by ``AuthMiddleware`` on `/api` routes.
    public var tenant: Tenant?

    /// The largest body a handler reads; ``RequestLimitsMiddleware`` sets it from its limits.
    public var maxBodyBytes = RequestLimits(environment: [:]).maxBodyBytes

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        tenant = nil
    }

    /// Responses use sorted keys and ISO-8601 dates, like everything Querent stores.
    public var responseEncoder: JSONEncoder { .querent }

    /// Reading a body over ``maxBodyBytes`` fails, and ``ErrorMiddleware`` answers `413`.
    public var maxUploadSize: Int { maxBodyBytes }

    /// The authenticated tenant.
    /// - Throws: ``QuerentCore/ServiceError`` `.unauthorized` on a route without ``AuthMiddleware``.
    public func requireTenant() throws -> Tenant {
        guard let tenant else { throw ServiceError(.unauthorized, "authentication required") }
        return tenant
    }
}
