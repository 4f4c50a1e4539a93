import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import QuerentCore
import QuerentHTTP
import QuerentTesting
import Testing

@testable import QuerentConsole

/// The console's page, assets and local sign-in, over a live server on 127.0.0.1.
@Suite struct ConsoleRoutesTests {
    static let tenant = Tenant(userId: "demo", agentId: "default")
    static let page = """
        <!doctype html>
        <html><head><link rel="stylesheet" href="{{ASSETS}}/console.css"></head>
        <body><main id="app"></main><script type="module" src="{{ASSETS}}/js/app.js"></script></body></html>
        """
    static let script = "import { start } from './api.js';\n" + String(repeating: "// padding so the file is worth compressing\n", count: 60)
    static let assets = ConsoleAssets(texts: [("index.html", page), ("console.css", "main { color: #222; }\n"), ("js/app.js", script)])

    func app(localSignIn: Bool = true) -> some ApplicationProtocol {
        let signIn = localSignIn ? LocalSignIn(tenant: Self.tenant) { TestTokens.signer.issue(for: $0) } : nil
        let router = QuerentRouter.make(
            service: "console-test",
            signer: TestTokens.signer,
            checks: [],
            api: { _ in },
            pages: ConsoleRoutes(assets: Self.assets, localSignIn: signIn).addRoutes
        )
        return Application(router: router)
    }

    @Test func thePageNamesVersionedAssetsAndIsServedWithAStrictPolicy() async throws {
        try await app().test(.live) { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy] == ConsoleRoutes.contentSecurityPolicy)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.cacheControl] == "no-cache")
            let html = String(buffer: page.body)
            let prefix = "/assets/\(Self.assets.version)"
            #expect(html.contains("href=\"\(prefix)/console.css\"") && html.contains("src=\"\(prefix)/js/app.js\""), "\(html)")
            #expect(!html.contains("{{ASSETS}}"))

            // Revalidation: the same version answers 304.
            let etag = try #require(page.headers[.eTag])
            let again = try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
        }
    }

    @Test func assetsAreCachedForAYearAndCompressed() async throws {
        let version = Self.assets.version
        try await app().test(.live) { client in
            let plain = try await client.execute(uri: "/assets/\(version)/js/app.js", method: .get)
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(plain.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(String(buffer: plain.body) == Self.script)

            let zipped = try await client.execute(uri: "/assets/\(version)/js/app.js", method: .get, headers: [.acceptEncoding: "gzip, br"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary] == "Accept-Encoding")
            #expect(zipped.body.readableBytes < Self.script.utf8.count / 4)

            let css = try await client.execute(uri: "/assets/\(version)/console.css", method: .get)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.contentEncoding] == nil, "a small file is sent as it is")

            // Another version, an unknown file, a path that climbs out: 404 as JSON.
            for uri in ["/assets/0000/js/app.js", "/assets/\(version)/js/none.js", "/assets/\(version)/js/../../index.html"] {
                let missing = try await client.execute(uri: uri, method: .get)
                #expect(missing.status == .notFound, "\(uri)")
                #expect(missing.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
            }
            // The API's method check covers the console too.
            let post = try await client.execute(uri: "/", method: .post)
            #expect(post.status == .methodNotAllowed)
        }
    }

    @Test func localSignInIssuesATokenForTheDemoTenantToThisMachineOnly() async throws {
        try await app().test(.live) { client in
            let config = try await client.execute(uri: "/console/config", method: .get)
            #expect(String(buffer: config.body) == #"{"local_sign_in":true}"#)

            let signedIn = try await client.execute(uri: "/console/local-sign-in", method: .post)
            #expect(signedIn.status == .ok)
            #expect(signedIn.headers[.cacheControl] == "no-store")
            let grant = try JSONDecoder().decode(LocalSignIn.Grant.self, from: Data(buffer: signedIn.body))
            #expect(try TestTokens.signer.verify(grant.token) == Self.tenant)
            #expect(grant.userId == "demo" && grant.agentId == "default")

            // A page of another site (whatever its DNS says) is refused.
            let foreign = try await client.execute(uri: "/console/local-sign-in", method: .post, headers: [.origin: "http://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(String(buffer: foreign.body).contains("\"code\":\"forbidden\""))
            let foreignConfig = try await client.execute(uri: "/console/config", method: .get, headers: [.origin: "http://evil.example"])
            #expect(String(buffer: foreignConfig.body) == #"{"local_sign_in":false}"#)
        }
        // Without a local sign-in (query-service), there is no such route.
        try await app(localSignIn: false).test(.live) { client in
            let config = try await client.execute(uri: "/console/config", method: .get)
            #expect(String(buffer: config.body) == #"{"local_sign_in":false}"#)
            let signIn = try await client.execute(uri: "/console/local-sign-in", method: .post)
            #expect(signIn.status == .notFound || signIn.status == .methodNotAllowed)
        }
    }

    @Test func localMeansTheLoopbackPeerHostAndOrigin() throws {
        func request(_ authority: String?, origin: String? = nil) -> Request {
            var fields = HTTPFields()
            if let origin { fields[.origin] = origin }
            let head = HTTPRequest(method: .post, scheme: "http", authority: authority, path: "/console/local-sign-in", headerFields: fields)
            return Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        }
        let loopback = try SocketAddress(ipAddress: "127.0.0.1", port: 50_000)
        let loopback6 = try SocketAddress(ipAddress: "::1", port: 50_000)
        let remote = try SocketAddress(ipAddress: "192.0.2.10", port: 50_000)

        #expect(LocalSignIn.isLocal(request("127.0.0.1:8080"), peer: loopback))
        #expect(LocalSignIn.isLocal(request("localhost:8080", origin: "http://localhost:8080"), peer: loopback))
        #expect(LocalSignIn.isLocal(request("[::1]:8080"), peer: loopback6))
        #expect(!LocalSignIn.isLocal(request("127.0.0.1:8080"), peer: remote), "another machine")
        #expect(!LocalSignIn.isLocal(request("127.0.0.1:8080"), peer: nil))
        #expect(!LocalSignIn.isLocal(request("rebound.example:8080"), peer: loopback), "DNS rebinding")
        #expect(!LocalSignIn.isLocal(request("127.rebound.example:8080"), peer: loopback), "a name that looks like an address")
        #expect(!LocalSignIn.isLocal(request(nil), peer: loopback), "no Host")
        #expect(!LocalSignIn.isLocal(request("127.0.0.1:8080", origin: "http://evil.example"), peer: loopback))
        #expect(!LocalSignIn.isLocal(request("127.0.0.1:8080", origin: "null"), peer: loopback))
        #expect(LocalSignIn.isLoopback("::ffff:127.0.0.1") && !LocalSignIn.isLoopback("10.0.0.1") && !LocalSignIn.isLoopback("127.0.0"))
    }

    @Test func pathsThatLeaveTheAssetsAreRefused() {
        for path in ["../secret", "js/../../x", "/etc/passwd", "js//app.js", "js/./app.js", "a\\b", "a\0b", ""] {
            #expect(!ConsoleAssets.isSafe(path), "\(path)")
        }
        #expect(ConsoleAssets.isSafe("js/app.js"))
    }
}
