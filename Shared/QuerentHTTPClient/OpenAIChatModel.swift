import Foundation
import QuerentCore

/// A ``QuerentCore/ChatModel`` that calls an OpenAI-compatible `POST /v1/chat/completions`
/// endpoint (OpenAI, llama.cpp's server, vLLM, Ollama).
///
/// Refused or dropped connections, 429 and 5xx answers are retried with exponential backoff;
/// other 4xx answers and timeouts fail at once (a local model that ran out of time would only
/// queue the same slow generation again). Errors are ``QuerentCore/ServiceError`` `.unavailable`
/// carrying the server's own message. Streaming reads the Server-Sent Events as they arrive, so
/// each token reaches the caller while the model is still generating.
public struct OpenAIChatModel: ChatModel {
    public struct Configuration: Sendable {
        /// The API base (`http://127.0.0.1:8765/v1`) or the full `/chat/completions` URL.
        public var url: String
        public var model: String
        public var apiKey: String?
        /// The limit for one whole request, including generation.
        public var timeout: Duration
        public var maxAttempts: Int
        /// The first retry's delay; it doubles for each further one.
        public var retryDelay: Duration

        public init(
            url: String,
            model: String,
            apiKey: String? = nil,
            timeout: Duration = .seconds(120),
            maxAttempts: Int = 3,
            retryDelay: Duration = .milliseconds(500)
        ) {
            self.url = url
            self.model = model
            self.apiKey = apiKey
            self.timeout = timeout
            self.maxAttempts = max(1, maxAttempts)
            self.retryDelay = retryDelay
        }

        /// The configuration `QUERENT_LLM_URL`, `QUERENT_LLM_MODEL`, `QUERENT_LLM_API_KEY` and
        /// `QUERENT_LLM_TIMEOUT` (seconds) describe, or `nil` when no URL is set.
        public static func fromEnvironment(_ environment: [String: String]) -> Configuration? {
            guard let url = environment["QUERENT_LLM_URL"], !url.isEmpty else { return nil }
            let model = environment["QUERENT_LLM_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            let seconds = environment["QUERENT_LLM_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 120
            return Configuration(url: url, model: model, apiKey: environment["QUERENT_LLM_API_KEY"], timeout: .milliseconds(Int(seconds * 1_000)))
        }

        var endpoint: String {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            return trimmed.hasSuffix("/chat/completions") ? trimmed : trimmed + "/chat/completions"
        }
    }

    public let configuration: Configuration
    public var model: String { configuration.model }
    private let client = HTTPClient()

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func complete(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) async throws -> String {
        let body = try requestBody(messages, temperature: temperature, maxTokens: maxTokens, stream: false)
        let response = try await withRetries {
            let response = try await client.send(
                method: "POST",
                url: configuration.endpoint,
                headers: headers,
                body: body,
                timeout: configuration.timeout
            )
            try Self.check(status: response.status, body: response.body)
            return response
        }
        return try Self.content(ofCompletion: response.body)
    }

    public func stream(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) -> AsyncThrowingStream<String, any Error> {
        let (tokens, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let task = Task {
            do {
                let body = try requestBody(messages, temperature: temperature, maxTokens: maxTokens, stream: true)
                let response = try await withRetries {
                    let response = try await client.stream(
                        method: "POST",
                        url: configuration.endpoint,
                        headers: headers,
                        body: body,
                        timeout: configuration.timeout
                    )
                    if !(200..<300).contains(response.status) { try Self.check(status: response.status, body: try await response.collect()) }
                    return response
                }
                var parser = ServerSentEventParser()
                // Yields the payloads' tokens; false once `[DONE]` arrived.
                func deliver(_ payloads: [String]) throws -> Bool {
                    for payload in payloads {
                        guard let token = try Self.token(ofStreamPayload: payload) else { return false }
                        if !token.isEmpty { continuation.yield(token) }
                    }
                    return true
                }
                for try await chunk in response.body where try !deliver(parser.feed(chunk)) {
                    continuation.finish()
                    return
                }
                _ = try deliver(parser.finish())
                guard parser.sawEvents else {
                    // The server ignored `stream: true` and sent one ordinary completion.
                    continuation.yield(try Self.content(ofCompletion: parser.unparsed))
                    continuation.finish()
                    return
                }
                continuation.finish()
            } catch let error as CurlError {
                continuation.finish(throwing: mapTransportError(error))
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return tokens
    }

    // MARK: - Wire format

    private struct RequestBody: Encodable {
        var model: String
        var messages: [ChatMessage]
        var temperature: Double
        var maxTokens: Int
        var stream: Bool

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature, stream
            case maxTokens = "max_tokens"
        }
    }

    private struct Completion: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message?
            var delta: Message?
        }
        var choices: [Choice]?
        var error: ErrorBody.Detail?
    }

    private struct ErrorBody: Decodable {
        struct Detail: Decodable { var message: String? }
        var error: Detail?
    }

    private var headers: [String: String] {
        var headers = ["Content-Type": "application/json"]
        if let key = configuration.apiKey, !key.isEmpty { headers["Authorization"] = "Bearer \(key)" }
        return headers
    }

    private func requestBody(_ messages: [ChatMessage], temperature: Double, maxTokens: Int, stream: Bool) throws -> Data {
        try JSONEncoder().encode(
            RequestBody(model: configuration.model, messages: messages, temperature: temperature, maxTokens: maxTokens, stream: stream)
        )
    }

    /// The message content of a non-streamed completion.
    private static func content(ofCompletion body: Data) throws -> String {
        guard let completion = try? JSONDecoder().decode(Completion.self, from: body) else {
            throw ServiceError(.unavailable, "chat completions endpoint returned malformed JSON: \(snippet(body))")
        }
        if let message = completion.error?.message { throw ServiceError(.unavailable, "chat completions endpoint reported an error: \(message)") }
        guard let choice = completion.choices?.first else {
            throw ServiceError(.unavailable, "chat completions endpoint returned no choices: \(snippet(body))")
        }
        guard let content = choice.message?.content else {
            throw ServiceError(.unavailable, "chat completions endpoint returned a choice without message content")
        }
        return content
    }

    /// The token one `data:` event carries (possibly empty), or `nil` at `[DONE]`.
    private static func token(ofStreamPayload payload: String) throws -> String? {
        if payload == "[DONE]" { return nil }
        guard let chunk = try? JSONDecoder().decode(Completion.self, from: Data(payload.utf8)) else {
            throw ServiceError(.unavailable, "chat completions stream sent malformed JSON: \(snippet(Data(payload.utf8)))")
        }
        if let message = chunk.error?.message { throw ServiceError(.unavailable, "chat completions stream reported an error: \(message)") }
        return chunk.choices?.first?.delta?.content ?? ""
    }

    /// A non-2xx answer, kept apart from other errors so its status can decide on a retry.
    private struct StatusFailure: Error {
        var status: Int
        var error: ServiceError
    }

    /// Throws the server's error for a non-2xx status.
    private static func check(status: Int, body: Data) throws {
        guard !(200..<300).contains(status) else { return }
        let message = (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error?.message ?? snippet(body)
        throw StatusFailure(status: status, error: ServiceError(.unavailable, "chat completions endpoint answered \(status): \(message)"))
    }

    /// The start of a body, for error messages.
    private static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text + (body.count > 200 ? "…" : "")
    }

    // MARK: - Retries

    private func mapTransportError(_ error: CurlError) -> ServiceError {
        if error.isTimeout {
            return ServiceError(
                .unavailable,
                "chat completions endpoint did not answer within \(configuration.timeout) (timed out)",
                underlying: error
            )
        }
        return ServiceError(.unavailable, "chat completions endpoint unreachable: \(error.message)", underlying: error)
    }

    /// Runs `attempt` until it succeeds, retrying transport failures, 429 and 5xx answers.
    private func withRetries<T>(_ attempt: () async throws -> T) async throws -> T {
        var number = 1
        while true {
            let failure: ServiceError
            do {
                return try await attempt()
            } catch let error as CurlError {
                failure = mapTransportError(error)
                guard error.isTransient, !error.isTimeout else { throw failure }
            } catch let error as StatusFailure {
                failure = error.error
                guard error.status == 429 || error.status >= 500 else { throw failure }
            }
            guard number < configuration.maxAttempts else { throw failure }
            try await Task.sleep(for: configuration.retryDelay * (1 << (number - 1)))
            number += 1
        }
    }
}
