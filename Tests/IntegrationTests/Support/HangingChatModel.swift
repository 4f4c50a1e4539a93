import Foundation
import Hummingbird
import QuerentTesting
import Synchronization

/// An OpenAI-compatible `POST /v1/chat/completions` on 127.0.0.1 whose first streamed answer
/// sends one token and then holds the stream open (until ``release()`` or 60 s), so a test can
/// act while a chat is mid-stream; every later answer streams in full.
final class HangingChatModel: Sendable {
    static let answer = "There are three items."
    private let state = Mutex<(streams: Int, released: Bool)>((0, false))

    /// Ends the held stream.
    func release() { state.withLock { $0.released = true } }

    /// Serves while `body` runs, then releases any held stream and stops.
    func serve<T: Sendable>(_ body: @Sendable (_ port: Int) async throws -> T) async throws -> T {
        try await withLiveServer(router, serverName: "hanging-chat") { port in
            defer { self.release() }
            return try await body(port)
        }
    }

    private var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let streamed = (body.getString(at: body.readerIndex, length: body.readableBytes) ?? "").contains("\"stream\":true")
            guard streamed else {
                let payload = #"{"choices":[{"index":0,"message":{"role":"assistant","content":"\#(Self.answer)"},"finish_reason":"stop"}]}"#
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: payload)))
            }
            let first = self.state.withLock { state in
                state.streams += 1
                return state.streams == 1
            }
            let response = ResponseBody { writer in
                if first {
                    try await writer.write(ByteBuffer(string: Self.event("There ")))
                    let deadline = ContinuousClock.now + .seconds(60)
                    while ContinuousClock.now < deadline, !self.state.withLock({ $0.released }) {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                } else {
                    for word in Self.answer.split(separator: " ") { try await writer.write(ByteBuffer(string: Self.event(word + " "))) }
                }
                try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: response)
        }
        return router
    }

    private static func event(_ token: some StringProtocol) -> String {
        let escaped = token.replacingOccurrences(of: "\"", with: "\\\"")
        return #"data: {"choices":[{"index":0,"delta":{"content":"\#(escaped)"},"finish_reason":null}]}"# + "\n\n"
    }
}
