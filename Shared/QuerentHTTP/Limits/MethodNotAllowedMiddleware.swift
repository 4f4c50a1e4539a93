import Hummingbird

/// Answers `405` with `Allow` for a path the router serves under other methods.
///
/// Added to the router after every route, so it wraps only the router's not-found responder:
/// a request whose path matches a route but whose method does not gets the methods that path
/// has; any other unmatched request stays a `404`.
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [(path: RouterPath, methods: [HTTPRequest.Method])]

    /// The table of `routes`, as `Router.routes` lists them once every route is added.
    public init(routes: [Router<Context>.RouteDescription]) {
        var table: [(path: RouterPath, methods: [HTTPRequest.Method])] = []
        for route in routes {
            if let index = table.firstIndex(where: { $0.path.description == route.path.description }) {
                table[index].methods.append(route.method)
            } else {
                table.append((route.path, [route.method]))
            }
        }
        self.routes = table
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        // As the router resolves: of the routes the path fills, the one with the most literal segments.
        let matching = routes.filter { Self.matches($0.path, segments) }
        let allowed = matching.max { Self.literals($0.path) < Self.literals($1.path) }?.methods ?? []
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        let names = Set(allowed.map(\.rawValue)).sorted().joined(separator: ", ")
        throw HTTPError(.methodNotAllowed, headers: [.allow: names], message: "\(request.method.rawValue) is not allowed here; allowed: \(names)")
    }

    /// How many segments of `path` are literal.
    static func literals(_ path: RouterPath) -> Int {
        path.components.filter { !$0.description.contains("{") && !$0.description.contains("*") }.count
    }

    /// Whether `segments` fill `path`: a literal equal to its segment, a capture taking any.
    static func matches(_ path: RouterPath, _ segments: [Substring]) -> Bool {
        path.components.count == segments.count && zip(path.components, segments).allSatisfy { $0 ~= $1 }
    }
}
