import Hummingbird

/// The public API contract (`proto-docs/openapi.yaml`), served as JSON at `GET /openapi.json`
/// by every service, without authentication.
///
/// The JSON is embedded at build time (`Generated/OpenAPIDocumentContents.swift`, made by
/// `proto-docs/generate-openapi-json.py`), so a service binary needs no resource files; the
/// contract test fails while the embedded copy and the YAML differ.
public enum OpenAPIDocument {
    /// The path the document is served at.
    public static let path = "/openapi.json"

    /// The document, as JSON text.
    public static var json: String { OpenAPIDocumentContents.json }

    /// Adds `GET /openapi.json`.
    public static func addRoute(to router: Router<some RequestContext>) {
        router.get(RouterPath(path)) { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: json))
            )
        }
    }
}
