import Foundation
import QuerentCore

/// An ``QuerentCore/Embedder`` that calls an OpenAI-compatible `POST /v1/embeddings` endpoint.
///
/// Texts are sent in batches; transport failures, 429 and 5xx answers are retried with
/// exponential backoff; other errors fail at once with the server's message.
public struct OpenAIEmbedder: Embedder {
    public struct Configuration: Sendable {
        /// The API base (`http://127.0.0.1:8765/v1`) or the full `/embeddings` URL.
        public var url: String
        public var model: String
        public var apiKey: String?
        public var batchSize: Int
        public var timeout: Duration
        public var maxAttempts: Int
        public var retryDelay: Duration

        public init(
            url: String,
            model: String,
            apiKey: String? = nil,
            batchSize: Int = 64,
            timeout: Duration = .seconds(30),
            maxAttempts: Int = 3,
            retryDelay: Duration = .milliseconds(500)
        ) {
            self.url = url
            self.model = model
            self.apiKey = apiKey
            self.batchSize = max(1, batchSize)
            self.timeout = timeout
            self.maxAttempts = max(1, maxAttempts)
            self.retryDelay = retryDelay
        }

        var endpoint: String {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            return trimmed.hasSuffix("/embeddings") ? trimmed : trimmed + "/embeddings"
        }
    }

    public let configuration: Configuration
    public let dimension: Int
    public var model: String { configuration.model }
    private let client = HTTPClient()

    /// Connects and learns the model's dimension with one probe request.
    /// - Throws: ``QuerentCore/ServiceError`` `.unavailable` when the endpoint does not answer well.
    public static func connect(_ configuration: Configuration) async throws -> OpenAIEmbedder {
        let probe = OpenAIEmbedder(configuration: configuration, dimension: 0)
        guard let vector = try await probe.request(["dimension probe"]).first, !vector.isEmpty else {
            throw ServiceError(.unavailable, "the embeddings endpoint returned no vector")
        }
        return OpenAIEmbedder(configuration: configuration, dimension: vector.count)
    }

    init(configuration: Configuration, dimension: Int) {
        self.configuration = configuration
        self.dimension = dimension
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(start + configuration.batchSize, texts.count)])
            let result = try await request(batch)
            if dimension > 0, let wrong = result.first(where: { $0.count != dimension }) {
                throw ServiceError(.unavailable, "embedding dimension changed from \(dimension) to \(wrong.count)")
            }
            vectors += result
            start += batch.count
        }
        return vectors
    }

    struct RequestBody: Encodable {
        var model: String
        var input: [String]
    }

    struct ResponseBody: Decodable {
        struct Item: Decodable {
            var index: Int?
            var embedding: [Float]
        }
        var data: [Item]
    }

    struct ErrorBody: Decodable {
        struct Detail: Decodable { var message: String? }
        var error: Detail?
    }

    /// One request with retries.
    func request(_ texts: [String]) async throws -> [[Float]] {
        let body = try JSONEncoder().encode(RequestBody(model: configuration.model, input: texts))
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let key = configuration.apiKey, !key.isEmpty { headers["Authorization"] = "Bearer \(key)" }
        var attempt = 1
        while true {
            var failure: ServiceError
            do {
                let response = try await client.send(
                    method: "POST",
                    url: configuration.endpoint,
                    headers: headers,
                    body: body,
                    timeout: configuration.timeout
                )
                if response.status == 200 {
                    let decoded = try JSONDecoder().decode(ResponseBody.self, from: response.body)
                    guard decoded.data.count == texts.count else {
                        throw ServiceError(.unavailable, "embeddings endpoint returned \(decoded.data.count) vectors for \(texts.count) inputs")
                    }
                    return decoded.data.enumerated().sorted { ($0.element.index ?? $0.offset) < ($1.element.index ?? $1.offset) }.map(
                        \.element.embedding
                    )
                }
                let message = (try? JSONDecoder().decode(ErrorBody.self, from: response.body))?.error?.message ?? "HTTP \(response.status)"
                failure = ServiceError(.unavailable, "embeddings endpoint answered \(response.status): \(message)")
                guard response.status == 429 || response.status >= 500 else { throw failure }
            } catch let error as CurlError {
                failure = ServiceError(.unavailable, "embeddings endpoint unreachable: \(error.message)", underlying: error)
                guard error.isTransient else { throw failure }
            } catch is DecodingError {
                throw ServiceError(.unavailable, "embeddings endpoint returned malformed JSON")
            }
            guard attempt < configuration.maxAttempts else { throw failure }
            try await Task.sleep(for: configuration.retryDelay * (1 << (attempt - 1)))
            attempt += 1
        }
    }
}
