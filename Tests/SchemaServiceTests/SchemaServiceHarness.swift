import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentRuntime
import QuerentSQLStore
import QuerentSQLite
import QuerentTesting
import SchemaService
import Testing

/// The schema service as `schema-service` builds it (``Dependencies`` + ``buildRouter``), over a
/// SQLite metadata store in a temporary directory, with a SQLite fixture database to register
/// and every log line captured in memory.
struct SchemaServiceHarness: Sendable {
    let directory: TemporaryDirectory
    let dependencies: Dependencies
    let logs = LogCapture()
    /// The SQLite fixture database (see ``Fixture/sqliteScript``).
    let customerPath: String

    init() async throws {
        directory = try TemporaryDirectory(prefix: "schema-service")
        customerPath = directory.path("customer.sqlite")
        try Fixture.createSQLite(at: customerPath)
        dependencies = try await Dependencies.make(
            QuerentConfiguration(metadataURL: directory.path("metadata.sqlite"), secretKey: CredentialCipher.generateKey()),
            logger: Logger(label: "schema-service-tests")
        )
    }

    /// The service's metadata store.
    var store: SQLMetadataStore { dependencies.store }

    /// Runs `body` against the router (no sockets), then closes the service's clients.
    func test<T: Sendable>(_ body: @escaping @Sendable (APIClient) async throws -> T) async throws -> T {
        let app = Application(router: buildRouter(dependencies, signer: TestTokens.signer), logger: logs.logger(label: "schema-service"))
        do {
            let value = try await app.test(.router) { client in try await body(APIClient(client: client)) }
            await dependencies.close()
            return value
        } catch {
            await dependencies.close()
            throw error
        }
    }

    /// Alters the fixture database behind the service's back (read-write).
    func alterCustomerDatabase(_ sql: String) throws {
        let connection = try SQLiteConnection(path: customerPath, mode: .readWriteCreate)
        defer { connection.close() }
        try connection.exec(sql)
    }
}

/// A test client speaking the API: bearer tokens, JSON bodies, decoded responses.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    static let alice = Tenant(userId: "alice", agentId: "agent-1")
    static let base = QuerentRouter.apiPath

    /// Sends a request; `as` picks the bearer token (nil: no Authorization header).
    @discardableResult
    func send(
        _ method: HTTPRequest.Method,
        _ path: String,
        as tenant: Tenant? = APIClient.alice,
        body: String? = nil,
        authorization: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let authorization {
            headers[.authorization] = authorization
        } else if let tenant {
            headers[.authorization] = TestTokens.bearer(TestTokens.token(for: tenant))
        }
        if body != nil { headers[.contentType] = "application/json" }
        let uri = path.hasPrefix("/") ? path : Self.base + "/" + path
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return Reply(response: response)
    }

    /// Registers the SQLite database at `path` as `name` and returns the new source id.
    func createSQLiteSource(
        name: String = "shop",
        path: String,
        as tenant: Tenant = APIClient.alice,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let reply = try await send(
            .post,
            Self.base + "/",
            as: tenant,
            body: json(["name": .string(name), "dialect": .string("sqlite"), "connection": .object(["path": .string(path)])])
        )
        #expect(reply.status == .created, "\(reply.text)", sourceLocation: sourceLocation)
        return try #require(reply.json?["id"]?.stringValue, sourceLocation: sourceLocation)
    }
}

/// A response with its body decoded.
struct Reply: Sendable {
    let response: TestResponse
    var status: HTTPResponse.Status { response.status }
    var headers: HTTPFields { response.headers }
    var text: String { String(buffer: response.body) }
    var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    /// `error.code` of a JSON error body.
    var errorCode: String? { json?["error"]?["code"]?.stringValue }
    var errorMessage: String? { json?["error"]?["message"]?.stringValue }
}

/// Encodes a JSON body.
func json(_ object: [String: JSONValue]) -> String {
    String(decoding: (try? JSONEncoder.querent.encode(object)) ?? Data(), as: UTF8.self)
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }
}

/// Percent-encodes one path segment (Unicode, quotes, dots kept as they must be).
func pathSegment(_ text: String) -> String {
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
