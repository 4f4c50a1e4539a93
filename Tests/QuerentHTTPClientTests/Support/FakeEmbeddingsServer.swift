import Foundation
import Hummingbird
import Synchronization

/// An OpenAI-compatible `POST /v1/embeddings` endpoint for tests: records every request and
/// answers from a script (status codes, delays, wrong answers), then successfully.
final class FakeEmbeddingsServer: Sendable {
    /// One request as the server saw it.
    struct Received: Sendable {
        var authorization: String?
        var contentType: String?
        var model: String
        var input: [String]
    }

    /// How to answer one request.
    enum Reply: Sendable {
        /// 200 with one vector per input (in reversed order, with `index`, to check sorting).
        case vectors
        /// An error status with an OpenAI-style `{"error": {"message": …}}` body.
        case status(Int, message: String)
        /// Waits, then answers with vectors.
        case delay(Duration)
        /// 200 with one vector fewer than inputs.
        case tooFewVectors
        /// 200 with a body that is not JSON.
        case garbage
    }

    let dimension: Int
    private let log = Mutex<[Received]>([])
    private let script = Mutex<[Reply]>([])
    private let delaysReleased = Mutex(false)

    init(dimension: Int = 8) {
        self.dimension = dimension
    }

    var received: [Received] { log.withLock { $0 } }

    /// Requests received after the connect probe.
    var embedRequests: [Received] { received.filter { $0.input != ["dimension probe"] } }

    /// Answers the next requests with `replies`, in order, then with vectors again.
    func script(_ replies: [Reply]) { script.withLock { $0 = replies } }

    /// Ends every pending and future `.delay` at once (so the server stops quickly).
    func releaseDelays() { delaysReleased.withLock { $0 = true } }

    /// The vector the server returns for `text`: deterministic, distinct per text.
    static func vector(for text: String, dimension: Int) -> [Float] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return (0..<dimension).map { index in Float((hash >> UInt64(index * 7 % 57)) & 0xFFFF) / 65_535 + Float(index) }
    }

    struct RequestBody: Decodable {
        var model: String
        var input: [String]
    }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("/v1/embeddings") { request, context -> Response in
            let body = try await request.decode(as: RequestBody.self, context: context)
            self.log.withLock {
                $0.append(
                    Received(
                        authorization: request.headers[.authorization],
                        contentType: request.headers[.contentType],
                        model: body.model,
                        input: body.input
                    )
                )
            }
            let reply = self.script.withLock { $0.isEmpty ? Reply.vectors : $0.removeFirst() }
            switch reply {
            case .vectors:
                return self.vectors(for: body)
            case .delay(let duration):
                let until = ContinuousClock.now + duration
                while ContinuousClock.now < until, !self.delaysReleased.withLock({ $0 }) {
                    try await Task.sleep(for: .milliseconds(10))
                }
                return self.vectors(for: body)
            case .status(let code, let message):
                let payload = try JSONSerialization.data(withJSONObject: ["error": ["message": message, "type": "test"]])
                return Self.json(payload, status: HTTPResponse.Status(code: code))
            case .tooFewVectors:
                return self.vectors(for: RequestBody(model: body.model, input: Array(body.input.dropLast())))
            case .garbage:
                return Self.json(Data("this is not json".utf8), status: .ok)
            }
        }
        return router
    }

    private func vectors(for body: RequestBody) -> Response {
        let data = body.input.enumerated().reversed().map { index, text -> [String: Any] in
            ["object": "embedding", "index": index, "embedding": Self.vector(for: text, dimension: dimension).map(Double.init)]
        }
        let payload = try! JSONSerialization.data(withJSONObject: ["object": "list", "model": body.model, "data": data])
        return Self.json(payload, status: .ok)
    }

    private static func json(_ data: Data, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
