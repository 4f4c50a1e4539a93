import Hummingbird
import QuerentCore
import QuerentHTTP

/// The query service's routes. Question answering (`POST /:sourceId/query`, history, chat)
/// arrives with the query issue; today the service offers its health and metrics routes only.
public struct QueryRoutes: Sendable {
    public init() {}

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {}
}
