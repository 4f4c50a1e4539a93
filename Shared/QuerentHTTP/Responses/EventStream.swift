import Foundation
import HTTPTypes
import Hummingbird
import QuerentCore

/// Server-Sent Events responses: `text/event-stream`, never cached, not buffered by the
/// gateway, one `event: <name>` / `data: <json>` message per element.
public enum EventStream {
    /// A response that streams `events` until the sequence ends or the client goes away.
    /// - Parameters:
    ///   - connectedComment: write a `: connected` comment first, so a client knows the stream is open.
    ///   - keepAlive: while idle, write a `: keep-alive` comment this often (nil: never).
    ///   - message: an element's event name and JSON payload.
    public static func response<Events: AsyncSequence & Sendable>(
        _ events: Events,
        connectedComment: Bool = false,
        keepAlive: Duration? = nil,
        message: @escaping @Sendable (Events.Element) -> (name: String, data: any Encodable)
    ) -> Response where Events.Element: Sendable {
        let (frames, output) = AsyncStream<String>.makeStream()
        let forward = Task {
            do {
                for try await element in events {
                    let (name, payload) = message(element)
                    let data = (try? JSONEncoder.querent.encode(payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                    output.yield("event: \(name)\ndata: \(data)\n\n")
                }
            } catch {}
            output.finish()
        }
        let ticker = keepAlive.map { interval in
            Task {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    output.yield(": keep-alive\n\n")
                }
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: ResponseBody { writer in
                defer {
                    forward.cancel()
                    ticker?.cancel()
                }
                if connectedComment { try await writer.write(ByteBuffer(string: ": connected\n\n")) }
                for await frame in frames {
                    try await writer.write(ByteBuffer(string: frame))
                }
                try await writer.finish(nil)
            }
        )
    }
}
