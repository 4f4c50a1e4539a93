import ArgumentParser
import Foundation
import QuerentCore
import QuerentHTTP
import QuerentHTTPClient

/// A failure the client commands report on stderr before exiting with ``exitCode``.
struct CLIError: Error {
    /// An error answer of the API (`{"error":{"code","message"}}`), or an answer that failed.
    static let failed: Int32 = 1
    /// No HTTP answer at all: the server could not be reached.
    static let unreachable: Int32 = 3
    /// The command line does not say enough (ArgumentParser's own usage errors exit 64 too).
    static let usage: Int32 = 64

    var message: String
    var code: String?
    var exitCode: Int32 = failed
}

/// The options every client command shares: where Querent is and which token to send.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Querent's base URL (env QUERENT_URL).", valueName: "url"))
    var url = ProcessInfo.processInfo.environment["QUERENT_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080"

    @Option(help: ArgumentHelp("Bearer token (env QUERENT_TOKEN). For a local --url, the default is the demo token of --home.", valueName: "jwt"))
    var token: String?

    @Option(
        help: ArgumentHelp(
            "The local `querent serve` state directory that signs the default token (env QUERENT_HOME, default ./.querent).",
            valueName: "dir"
        )
    )
    var home: String?

    /// The token to send: `--token`, `QUERENT_TOKEN`, else for a local URL the demo tenant's
    /// token signed with the home's secret, like `querent serve` prints it, when that home exists.
    func resolvedToken() throws -> String? {
        if let token, !token.isEmpty { return token }
        if let token = ProcessInfo.processInfo.environment["QUERENT_TOKEN"], !token.isEmpty { return token }
        let host = URLComponents(string: url)?.host?.lowercased() ?? ""
        guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else { return nil }
        let home = QuerentHome(path: home)
        let hasSecret =
            FileManager.default.fileExists(atPath: home.path + "/jwt.secret")
            || ProcessInfo.processInfo.environment["QUERENT_JWT_SECRET"].map { !$0.isEmpty } == true
        guard FileManager.default.fileExists(atPath: home.metadataPath), hasSecret else { return nil }
        return TokenSigner(secret: try home.jwtSecret()).issue(for: ServeCommand.demoTenant, lifetime: 3600)
    }

    func client() throws -> APIClient {
        guard let components = URLComponents(string: url), components.scheme == "http" || components.scheme == "https", components.host != nil else {
            throw CLIError(message: "--url must be an http(s) URL, such as http://127.0.0.1:8080", exitCode: CLIError.usage)
        }
        return APIClient(baseURL: url.hasSuffix("/") ? String(url.dropLast()) : url, token: try resolvedToken())
    }
}

/// A command that talks to a running Querent: its `run(_:)` gets the client, and any
/// ``CLIError`` is printed to stderr with its exit code.
protocol APICommand: AsyncParsableCommand {
    var connection: ConnectionOptions { get }
    func run(_ api: APIClient) async throws
}

extension APICommand {
    func run() async throws {
        do {
            try await run(try connection.client())
        } catch let error as CLIError {
            Terminal.error("error: " + error.message + (error.code.map { " (\($0))" } ?? ""))
            throw ExitCode(error.exitCode)
        }
    }
}

/// JSON over HTTP to the `/api/v1` routes, with error answers mapped to ``CLIError``.
struct APIClient: Sendable {
    let baseURL: String
    let token: String?
    private let http = HTTPClient()

    init(baseURL: String, token: String?) {
        self.baseURL = baseURL
        self.token = token
    }

    /// `/api/v1/sources/database` followed by the percent-encoded `components`.
    static func sourcesPath(_ components: String...) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-")
        return (["/api/v1/sources/database"] + components.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 })
            .joined(separator: "/")
    }

    private var headers: [String: String] {
        var headers = ["Accept": "application/json", "Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        return headers
    }

    /// Sends a request and returns the body of a 2xx answer.
    @discardableResult
    func send(_ method: String, _ path: String, body: (any Encodable)? = nil, timeout: Duration = .seconds(120)) async throws -> Data {
        let payload = try body.map { try JSONEncoder.querent.encode($0) }
        let response: HTTPClientResponse
        do {
            response = try await http.send(method: method, url: baseURL + path, headers: headers, body: payload, timeout: timeout)
        } catch let error as CurlError {
            throw CLIError(message: "cannot reach Querent at \(baseURL): \(error.message)", exitCode: CLIError.unreachable)
        }
        guard (200..<300).contains(response.status) else { throw failure(status: response.status, body: response.body) }
        return response.body
    }

    func get<T: Decodable>(_ path: String, as type: T.Type = T.self) async throws -> T {
        try decode(try await send("GET", path))
    }

    func post<T: Decodable>(_ path: String, _ body: some Encodable, as type: T.Type = T.self) async throws -> T {
        try decode(try await send("POST", path, body: body))
    }

    func decode<T: Decodable>(_ data: Data, as type: T.Type = T.self) throws -> T {
        do {
            return try JSONDecoder.querent.decode(T.self, from: data)
        } catch {
            throw CLIError(message: "unexpected answer from \(baseURL): \(error)")
        }
    }

    /// Opens a Server-Sent Events route and returns the `data:` payloads as they arrive.
    func events(_ path: String, timeout: Duration) async throws -> AsyncThrowingStream<String, any Error> {
        var eventHeaders = headers
        eventHeaders["Accept"] = "text/event-stream"
        let response: HTTPClientStreamingResponse
        do {
            response = try await http.stream(method: "GET", url: baseURL + path, headers: eventHeaders, timeout: timeout)
        } catch let error as CurlError {
            throw CLIError(message: "cannot reach Querent at \(baseURL): \(error.message)", exitCode: CLIError.unreachable)
        }
        guard (200..<300).contains(response.status) else { throw failure(status: response.status, body: try await response.collect()) }
        return AsyncThrowingStream { continuation in
            let task = Task {
                var pending = Data()
                do {
                    for try await chunk in response.body {
                        pending.append(chunk)
                        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                            let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                            pending = Data(pending[pending.index(after: newline)...])
                            if line.hasPrefix("data:") { continuation.yield(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces)) }
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func failure(status: Int, body: Data) -> CLIError {
        struct Envelope: Decodable {
            struct Body: Decodable {
                var code: String
                var message: String
            }
            var error: Body
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return CLIError(message: "HTTP \(status) from \(baseURL)" + (text.isEmpty ? "" : ": \(text)"))
        }
        var message = envelope.error.message
        if status == 401, token == nil { message += "; pass --token or set QUERENT_TOKEN (see `querent token`)" }
        return CLIError(message: message, code: envelope.error.code)
    }
}

/// A registered database, as `GET /api/v1/sources/database` lists it.
struct SourceInfo: Codable {
    var id: String
    var name: String
    var dialect: String
    var connectionSummary: String
    var trainedTables: [String]
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, dialect
        case connectionSummary = "connection_summary"
        case trainedTables = "trained_tables"
        case createdAt = "created_at"
    }
}

extension APIClient {
    func sources() async throws -> [SourceInfo] {
        struct List: Decodable { var sources: [SourceInfo] }
        return try await get(Self.sourcesPath(), as: List.self).sources
    }

    /// The id of the source `reference` names: an id, else a unique name. Anything else is
    /// passed on as an id, so the API's own `not_found` answer reports it.
    func sourceId(_ reference: String) async throws -> String {
        let sources = try await sources()
        if sources.contains(where: { $0.id == reference }) { return reference }
        let named = sources.filter { $0.name == reference }
        guard named.count <= 1 else {
            let ids = named.map(\.id).joined(separator: ", ")
            throw CLIError(message: "\(named.count) sources are named '\(reference)'; give the id (\(ids))", exitCode: CLIError.usage)
        }
        return named.first?.id ?? reference
    }
}

/// Writing to the terminal.
enum Terminal {
    /// Whether standard output is a terminal (then progress lines are redrawn in place).
    static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes `text` to standard output at once, without buffering.
    static func write(_ text: String) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
