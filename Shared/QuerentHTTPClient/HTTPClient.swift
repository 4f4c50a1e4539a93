import Foundation
import QuerentCore

/// A small blocking-I/O HTTP client over libcurl for outbound calls (embeddings, chat
/// completions). Each request uses its own easy handle on a ``QuerentCore/BlockingIO`` thread.
public struct HTTPClient: Sendable {
    public init() {}

    /// Sends a request and returns the whole response.
    /// - Throws: ``CurlError`` for transport failures (DNS, refused, timeout).
    public func send(method: String, url: String, headers: [String: String] = [:], body: Data? = nil, timeout: Duration = .seconds(30)) async throws -> HTTPClientResponse {
        try await BlockingIO.run {
            try CurlEasyHandle().perform(method: method, url: url, headers: headers, body: body, timeout: timeout)
        }
    }
}
