import Foundation
import HTTPTypes
import Hummingbird
import QuerentCore
import QuerentHTTP

/// The web console's routes: the page at `/`, its assets under `/assets/<version>/`, and
/// `/console/config` (plus `/console/local-sign-in` where ``LocalSignIn`` is offered).
///
/// Every answer carries a strict Content-Security-Policy (scripts, styles and connections from
/// this origin only; no inline script or style, no framing). Versioned assets are cached for a
/// year; the page is revalidated on every load; both are gzip-compressed for clients that take it.
public struct ConsoleRoutes: Sendable {
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"

    public let assets: ConsoleAssets
    public let localSignIn: LocalSignIn?

    /// - Parameters:
    ///   - assets: the files served.
    ///   - localSignIn: the one-click sign-in of `querent serve`; nil elsewhere.
    public init(assets: ConsoleAssets, localSignIn: LocalSignIn? = nil) {
        self.assets = assets
        self.localSignIn = localSignIn
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { request, _ in try self.page(request) }
        router.get("/assets/:version/**") { request, context in
            let version = try context.parameters.require("version")
            let path = context.parameters.getCatchAll().joined(separator: "/")
            guard version == assets.version, let file = assets.file(at: path) else {
                throw ServiceError(.notFound, "no such console file: \(path.prefix(200))")
            }
            let cache = assets.isDevelopment ? "no-store" : "public, max-age=31536000, immutable"
            return Self.response(file, request: request, cacheControl: cache)
        }
        router.get("/console/config") { request, context -> Response in
            let offered = localSignIn != nil && LocalSignIn.isLocal(request, peer: context.remoteAddress)
            return try Self.json(["local_sign_in": offered])
        }
        if let localSignIn {
            router.post("/console/local-sign-in") { request, context -> Response in
                try Self.json(try localSignIn.signIn(request, peer: context.remoteAddress))
            }
        }
    }

    private func page(_ request: Request) throws -> Response {
        guard let file = assets.index else { throw ServiceError(.notFound, "the console is not installed") }
        let etag = "\"\(assets.version)\""
        if !assets.isDevelopment, request.headers[.ifNoneMatch] == etag {
            var headers = Self.securityHeaders
            headers[.eTag] = etag
            return Response(status: .notModified, headers: headers)
        }
        var response = Self.response(file, request: request, cacheControl: "no-cache")
        if !assets.isDevelopment { response.headers[.eTag] = etag }
        return response
    }

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[Self.referrerPolicy] = "no-referrer"
        headers[Self.frameOptions] = "DENY"
        return headers
    }

    static func response(_ file: ConsoleAssets.File, request: Request, cacheControl: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = file.contentType
        headers[.cacheControl] = cacheControl
        var body = file.bytes
        if let gzipped = file.gzipped {
            headers[.vary] = "Accept-Encoding"
            if request.headers[.acceptEncoding]?.lowercased().contains("gzip") == true {
                body = gzipped
                headers[.contentEncoding] = "gzip"
            }
        }
        headers[.contentLength] = String(body.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func json(_ value: some Encodable) throws -> Response {
        var headers = securityHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data = try JSONEncoder.querent.encode(value)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
