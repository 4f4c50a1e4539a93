import Foundation
import Hummingbird
import Logging
import QuerentCore
import Synchronization

/// An OpenAI-compatible `POST /v1/chat/completions` endpoint on 127.0.0.1 for tests: records
/// every request and answers from a script, then with ``defaultReply``.
///
/// Streamed answers are real Server-Sent Events, written one event at a time (each split in two
/// writes mid-character, to exercise reassembly); a gated stream sends each token only after the
/// test has acknowledged the previous one, which proves the client sees tokens as they are sent.
public final class FakeChatServer: Sendable {
    /// One request as the server saw it.
    public struct Received: Sendable {
        public var authorization: String?
        public var model: String
        public var messages: [ChatMessage]
        public var temperature: Double?
        public var maxTokens: Int?
        public var stream: Bool

        /// Every message's text, for "did this reach the model" checks.
        public var prompt: String { messages.map(\.content).joined(separator: "\n") }
    }

    /// How to answer one request.
    public enum Reply: Sendable {
        /// 200 with this assistant message (streamed token by token when the request streams).
        case content(String)
        /// An error status with an OpenAI-style `{"error": {"message": …}}` body.
        case status(Int, message: String)
        /// Waits, then answers with the content.
        case delay(Duration, content: String)
        /// 200 with this body as is.
        case raw(String)
        /// A stream of these tokens; each after the test acknowledged the one before
        /// (``acknowledge()``), giving up after 5 s without an acknowledgement.
        case gatedStream([String])
    }

    public let defaultReply: Reply
    private let log = Mutex<[Received]>([])
    private let script = Mutex<[Reply]>([])
    private let acknowledged = Mutex(0)
    private let gateTimedOut = Mutex(false)

    public init(defaultReply: Reply = .content("```sql\nSELECT 1\n```")) {
        self.defaultReply = defaultReply
    }

    public var received: [Received] { log.withLock { $0 } }

    /// Whether a gated stream gave up waiting for an acknowledgement.
    public var gateTimedOutOnce: Bool { gateTimedOut.withLock { $0 } }

    /// Answers the next requests with `replies`, in order, then with ``defaultReply``.
    public func script(_ replies: [Reply]) { script.withLock { $0 = replies } }

    /// Tells a gated stream that the client received one more token.
    public func acknowledge() { acknowledged.withLock { $0 += 1 } }

    /// Serves on a free port of 127.0.0.1 while `body` runs, then stops.
    public func serve<T: Sendable>(_ body: @Sendable (_ port: Int) async throws -> T) async throws -> T {
        try await withLiveServer(router, serverName: "fake-chat", body)
    }

    private struct RequestBody: Decodable {
        var model: String
        var messages: [ChatMessage]
        var temperature: Double?
        var maxTokens: Int?
        var stream: Bool?

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature, stream
            case maxTokens = "max_tokens"
        }
    }

    private var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("/v1/chat/completions") { request, context -> Response in
            let body = try await request.decode(as: RequestBody.self, context: context)
            let stream = body.stream ?? false
            self.log.withLock {
                $0.append(
                    Received(
                        authorization: request.headers[.authorization],
                        model: body.model,
                        messages: body.messages,
                        temperature: body.temperature,
                        maxTokens: body.maxTokens,
                        stream: stream
                    )
                )
            }
            var reply = self.script.withLock { $0.isEmpty ? self.defaultReply : $0.removeFirst() }
            if case .delay(let duration, let content) = reply {
                try await Task.sleep(for: duration)
                reply = .content(content)
            }
            switch reply {
            case .content(let content):
                return stream ? Self.events(Self.tokens(of: content), model: body.model, gate: nil) : Self.completion(content, model: body.model)
            case .gatedStream(let tokens):
                return Self.events(tokens, model: body.model, gate: self)
            case .status(let code, let message):
                let payload = try JSONSerialization.data(withJSONObject: ["error": ["message": message, "type": "test"]])
                return Self.response(payload, status: HTTPResponse.Status(code: code), contentType: "application/json")
            case .raw(let text):
                return Self.response(Data(text.utf8), status: .ok, contentType: "application/json")
            case .delay:
                preconditionFailure("a delay was resolved above")
            }
        }
        return router
    }

    /// Splits content into small tokens the way a model streams them.
    public static func tokens(of content: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in content {
            current.append(character)
            if character == " " || character == "\n" || current.count >= 4 {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func completion(_ content: String, model: String) -> Response {
        let payload: [String: Any] = [
            "id": "chatcmpl-test", "object": "chat.completion", "model": model,
            "choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]],
        ]
        return response(try! JSONSerialization.data(withJSONObject: payload), status: .ok, contentType: "application/json")
    }

    private static func event(_ delta: [String: String], model: String, finish: String? = nil) -> String {
        let payload: [String: Any] = [
            "id": "chatcmpl-test", "object": "chat.completion.chunk", "model": model,
            "choices": [["index": 0, "delta": delta, "finish_reason": finish.map { $0 as Any } ?? NSNull()]],
        ]
        return "data: " + String(decoding: try! JSONSerialization.data(withJSONObject: payload), as: UTF8.self) + "\n\n"
    }

    /// A Server-Sent Events response: a role event, one event per token, a finish event, `[DONE]`.
    private static func events(_ tokens: [String], model: String, gate: FakeChatServer?) -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": keep-alive comment\n\n" + event(["role": "assistant"], model: model)))
            let start = gate?.acknowledged.withLock { $0 } ?? 0
            for (index, token) in tokens.enumerated() {
                if let gate, index > 0, try await !gate.waitForAcknowledgement(start + index) { break }
                // Split each event in two writes, mid-character when it can, so the client must reassemble lines.
                let bytes = Array(event(["content": token], model: model).utf8)
                let cut = bytes.count / 2 + 1
                try await writer.write(ByteBuffer(bytes: bytes[..<cut]))
                try await writer.write(ByteBuffer(bytes: bytes[cut...]))
            }
            try await writer.write(ByteBuffer(string: event([:], model: model, finish: "stop") + "data: [DONE]\n\n"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// Waits until `count` tokens were acknowledged; false after 5 s without.
    private func waitForAcknowledgement(_ count: Int) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while acknowledged.withLock({ $0 }) < count {
            guard ContinuousClock.now < deadline else {
                gateTimedOut.withLock { $0 = true }
                return false
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    private static func response(_ data: Data, status: HTTPResponse.Status, contentType: String) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
